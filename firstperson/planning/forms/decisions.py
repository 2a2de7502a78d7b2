"""Forms of the decision pages: the practitioner's check, the decision, the person's request for
reconsideration, and the exception for paying a relative at home.

Each form only parses what was typed; whether the move is allowed is for the services. Each carries
the plan's revision it was read at, so that a change made by someone else in between is refused.
"""

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from ..models import PlanStatus, RelativeExceptionBasis
from ..rules.checks import PRACTITIONER_CHECKLIST

PUT_FORWARD = "put_forward"
RETURN = "return"

DECISION_CHOICES = (
    (PlanStatus.APPROVED, "Approve the plan"),
    (PlanStatus.APPROVED_WITH_CONDITIONS, "Approve the plan with conditions"),
    (PlanStatus.RETURNED, "Return the plan with comments, so that it can be changed"),
    (PlanStatus.DECLINED, "Decline the plan"),
)
APPROVALS = {PlanStatus.APPROVED, PlanStatus.APPROVED_WITH_CONDITIONS}


class RevisionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("error_messages", {"required": "Open the page again.", "invalid": "Open the page again."})
        super().__init__(**kwargs)


class HiddenErrorsAtTopMixin:
    """An error on a hidden field (the revision) is shown at the top of the page, not linked to an
    input nobody can see: the error summary must only link to fields on the page."""

    def add_error(self, field, error):
        if field is not None and field in self.fields and self.fields[field].widget.is_hidden:
            field = None
        super().add_error(field, error)


class StartReviewForm(forms.Form):
    """Nothing to type: the button says the practitioner has started checking."""


class ReviewForm(HiddenErrorsAtTopMixin, forms.Form):
    revision = RevisionField()
    checklist = forms.MultipleChoiceField(
        label="Your checklist",
        choices=PRACTITIONER_CHECKLIST,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each one that is true of this version of the plan.",
    )
    comments = forms.CharField(
        label="Your comments",
        required=False,
        widget=forms.Textarea,
        help_text="If you return the plan, say what needs to change. The person and those helping them read this.",
    )
    action = forms.ChoiceField(choices=((PUT_FORWARD, "Send for a decision"), (RETURN, "Return with comments")))

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == PUT_FORWARD and set(data.get("checklist") or []) != {code for code, _ in PRACTITIONER_CHECKLIST}:
            self.add_error("checklist", "Tick every item of the checklist to send the plan for a decision")
        if action == RETURN and not (data.get("comments") or "").strip():
            self.add_error("comments", "Write comments that say what needs to change")
        return data

    def checklist_values(self) -> dict[str, bool]:
        ticked = set(self.cleaned_data.get("checklist") or [])
        return {code: code in ticked for code, _ in PRACTITIONER_CHECKLIST}


class DecisionForm(HiddenErrorsAtTopMixin, forms.Form):
    revision = RevisionField()
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your decision"},
    )
    conditions = forms.CharField(
        label="Conditions of the approval",
        required=False,
        widget=forms.Textarea,
        help_text="Only if you approve with conditions. Say what must happen, and by when.",
    )
    reasons = forms.CharField(
        label="Your reasons",
        widget=forms.Textarea,
        help_text="Write them so the person can understand them. They will read them.",
        error_messages={"required": "Write the reasons for your decision"},
    )
    start_date = GovukDateField(
        label="Date the plan starts",
        required=False,
        help_text="Only if you approve. For example, 27 3 2026.",
    )

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == PlanStatus.APPROVED_WITH_CONDITIONS and not (data.get("conditions") or "").strip():
            self.add_error("conditions", "Write the conditions of the approval")
        if outcome in APPROVALS and not data.get("start_date") and "start_date" not in self.errors:
            self.add_error("start_date", "Enter the date the plan starts")
        return data


class ReferToPanelForm(HiddenErrorsAtTopMixin, forms.Form):
    """A team manager (or a practitioner the plan was sent to) sends the plan to the funding panel."""

    revision = RevisionField()
    refer_reason = forms.CharField(
        label="Why should the funding panel decide this plan?",
        widget=forms.Textarea,
        help_text="For example, the plan costs more than you can approve, or the panel should see it.",
        error_messages={"required": "Say why the funding panel should decide this plan"},
    )


class ReconsiderationForm(HiddenErrorsAtTopMixin, forms.Form):
    revision = RevisionField()
    reasons = forms.CharField(
        label="Why should we look at this decision again?",
        widget=forms.Textarea,
        help_text="Say what you think is wrong with the decision, and anything we did not know.",
        error_messages={"required": "Say why you think the decision should be looked at again"},
    )


class RelativeExceptionForm(HiddenErrorsAtTopMixin, forms.Form):
    revision = RevisionField()
    basis = forms.ChoiceField(
        label="Why is paying them necessary?",
        choices=RelativeExceptionBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why paying them is necessary"},
    )
    reason = forms.CharField(
        label="Explain why",
        widget=forms.Textarea,
        help_text="For example, why nobody else could give this help. The person's plan will show this.",
        error_messages={"required": "Explain why paying them is necessary"},
    )
