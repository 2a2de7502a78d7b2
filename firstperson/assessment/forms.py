"""Forms of the assessment pages. They parse input only: every rule is in the services."""

from django import forms

from firstperson.platform.ui.fields import GovukDateField

from .models import FacsBand, FacsThreshold
from .questionnaire_files import MAX_FILE_BYTES, TOO_BIG
from .rules.eligibility import UNABLE_REASON_TEXT, WELLBEING_DOMAINS, UnableReason
from .selectors import wording
from .services import GIVEN_BY_MAX, MORE_DETAIL_MAX

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_value(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ForWhomForm(forms.Form):
    person = forms.ChoiceField(
        label="Who is this assessment for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the assessment is for", "invalid_choice": "Select who it is for"},
    )

    def __init__(self, *args, people=(), own=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for person in people:
            label = "Myself" if own is not None and person.pk == own.pk else person.full_name
            choices.append((str(person.pk), label))
        self.fields["person"].choices = choices


class QuestionnaireChoiceForm(forms.Form):
    version = forms.ChoiceField(
        label="Which assessment do you want to do?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which assessment you want to do",
            "invalid_choice": "Select one of the assessments shown",
        },
    )

    def __init__(self, *args, versions=(), label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(str(version.pk), version.questionnaire.name) for version in versions]
        if label:
            self.fields["version"].label = label


class CaredForForm(forms.Form):
    cared_for = forms.ChoiceField(
        label="Who do you look after?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you look after", "invalid_choice": "Select who you look after"},
    )

    def __init__(self, *args, people=(), carer_name="", **kwargs):
        """`carer_name` when someone fills it in for the carer: the question is then about them."""
        super().__init__(*args, **kwargs)
        if carer_name:
            field = self.fields["cared_for"]
            field.label = f"Who does {carer_name} look after?"
            message = f"Select who {carer_name} looks after"
            field.error_messages = {**field.error_messages, "required": message, "invalid_choice": message}
        self.fields["cared_for"].choices = [(str(person.pk), person.full_name) for person in people] + [
            ("someone-else", "Someone else")
        ]


class _WrittenTextField(forms.CharField):
    """Text from a textarea, with each line break as one character: browsers send a line break as
    two, which would make the length limit count a list of ten lines as ten characters longer."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class QuestionForm(forms.Form):
    """One question: the answer options as radios, an optional "tell us more", and (for a practitioner
    entering answers with the person) whose answer it is."""

    option = forms.ChoiceField(widget=forms.RadioSelect, required=False)
    more_detail = _WrittenTextField(
        label="Tell us more (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=MORE_DETAIL_MAX,
        error_messages={"max_length": f"What you tell us must be {MORE_DETAIL_MAX:,} characters or fewer"},
    )
    given_by = forms.CharField(
        label="Whose answer is this? (optional)",
        required=False,
        max_length=GIVEN_BY_MAX,
        error_messages={"max_length": f"Whose answer it is must be {GIVEN_BY_MAX} characters or fewer"},
    )

    def __init__(self, *args, question, easy_read=False, supported=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["option"]
        field.label = wording(question.text, question.easy_read_text, easy_read=easy_read)
        field.choices = [
            (option.code, wording(option.text, option.easy_read_text, easy_read=easy_read))
            for option in question.options.all()
        ]
        field.error_messages["invalid_choice"] = "Select one of the answers shown"
        if not question.allows_more_detail:
            del self.fields["more_detail"]
        elif easy_read:
            self.fields["more_detail"].label = "Tell us more if you want to"
        if not supported:
            del self.fields["given_by"]


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(required=False)

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].label = label


class SupportedStartForm(forms.Form):
    version = forms.ChoiceField(
        label="Which assessment?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which assessment", "invalid_choice": "Select one of the assessments"},
    )
    people_present = forms.CharField(
        label="Who is taking part?",
        help_text="Everyone there, with their relationship to the person. For example: Ted Okafor; Margaret Okafor "
        "(wife, attorney).",
        widget=forms.Textarea,
        required=False,
    )
    cared_for = forms.ChoiceField(label="For a carer's assessment: who do they look after?", required=False)

    def __init__(self, *args, versions=(), cared_for_people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(str(version.pk), version.questionnaire.name) for version in versions]
        self.fields["cared_for"].choices = [("", "Nobody recorded, or not a carer's assessment")] + [
            (str(person.pk), person.full_name) for person in cared_for_people
        ]


class SupportForm(forms.Form):
    people_present = forms.CharField(
        label="Who is taking part?",
        help_text="Everyone there, with their relationship to the person.",
        widget=forms.Textarea,
        required=False,
    )


class EligibilityForm(forms.Form):
    """The Care Act test as structured findings. Fields per outcome are made from the outcome list."""

    condition_1_met = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, required=False)
    condition_1_evidence = forms.CharField(label="Evidence", widget=forms.Textarea, required=False)
    health_deteriorating_or_at_risk = forms.ChoiceField(
        label="Is caring harming, or putting at risk, the carer's physical or mental health?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    wellbeing_impacts = forms.MultipleChoiceField(
        label="Which areas of wellbeing are affected?",
        choices=[(code, text[:1].upper() + text[1:]) for code, text in WELLBEING_DOMAINS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    significant_impact = forms.ChoiceField(
        label="As a result, is there, or is there likely to be, a significant impact on their wellbeing?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    eligible = forms.ChoiceField(
        label="Your decision",
        choices=[("yes", "Eligible"), ("no", "Not eligible")],
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label="Your reasons",
        help_text="The person reads these in their letter: write in plain English.",
        widget=forms.Textarea,
        required=False,
    )
    disagreement_reason = forms.CharField(
        label="If your decision differs from the Care Act test, why",
        help_text="Needed only when your decision is not what the findings above add up to. The person reads this "
        "in their letter too: write in plain English.",
        widget=forms.Textarea,
        required=False,
    )
    legacy_facs_band = forms.ChoiceField(
        label="Legacy FACS band (optional)",
        help_text="Only for records migrated from before April 2015. It is kept as the old record said, and never "
        "decides Care Act eligibility.",
        choices=[("", "None")] + list(FacsBand.choices),
        required=False,
    )
    legacy_facs_threshold = forms.ChoiceField(
        label="The council's FACS threshold then (optional)",
        help_text="The lowest band the council met when the old record was made, if the record says.",
        choices=[("", "Not known")] + list(FacsThreshold.choices),
        required=False,
    )

    def __init__(self, *args, kind, outcomes: dict[str, str], reasons: list[UnableReason], **kwargs):
        super().__init__(*args, **kwargs)
        carer = kind == "carer"
        self.fields["condition_1_met"].label = (
            "Do the needs arise from providing necessary care to an adult?"
            if carer
            else "Do the needs arise from, or relate to, a physical or mental impairment or illness?"
        )
        if not carer:
            del self.fields["health_deteriorating_or_at_risk"]
        self.outcome_rows = []
        for code, text in outcomes.items():
            unable = f"outcome_{code}_unable"
            chosen = f"outcome_{code}_reasons"
            notes = f"outcome_{code}_notes"
            self.fields[unable] = forms.ChoiceField(
                label=f"Are they unable to achieve this: {text}?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[chosen] = forms.MultipleChoiceField(
                label=f"Why: {text} (choose all that apply)",
                choices=[
                    (str(reason), UNABLE_REASON_TEXT[reason][:1].upper() + UNABLE_REASON_TEXT[reason][1:])
                    for reason in reasons
                ],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.fields[notes] = forms.CharField(label=f"Notes on {text}", widget=forms.Textarea, required=False)
            self.outcome_rows.append(
                {"code": code, "text": text, "unable": self[unable], "reasons": self[chosen], "notes": self[notes]}
            )
        # The page's order (eligibility_create.html), so that the error summary lists the gaps in the
        # order the practitioner meets them: the outcomes come before the wellbeing and the decision.
        self.order_fields(
            [
                "condition_1_met",
                "condition_1_evidence",
                "health_deteriorating_or_at_risk",
                *(f"outcome_{code}_{part}" for code in outcomes for part in ("unable", "reasons", "notes")),
                "wellbeing_impacts",
                "significant_impact",
                "eligible",
                "reasons",
                "disagreement_reason",
                "legacy_facs_band",
                "legacy_facs_threshold",
            ]
        )


class QuestionnaireUploadForm(forms.Form):
    file = forms.FileField(
        label="Questionnaire file (YAML or JSON)",
        error_messages={"required": "Choose a questionnaire file to upload", "empty": "The file is empty"},
    )

    def clean_file(self):
        # The size the browser sent, checked before the file is read, against the import's own limit.
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(TOO_BIG)
        return upload


class PublishForm(forms.Form):
    effective_from = GovukDateField(label="Takes effect from")


class SectionEditForm(forms.Form):
    easy_read_title = forms.CharField(
        label="Easy Read title",
        help_text="Shown instead of the title when someone answers in Easy Read. Leave it empty to show the title.",
        required=False,
    )


class QuestionEditForm(forms.Form):
    text = forms.CharField(label="Question", max_length=300, required=False)
    easy_read_text = forms.CharField(label="Easy Read wording", max_length=300, required=False)
    help_text = forms.CharField(label="Help", widget=forms.Textarea, required=False)
    why_we_ask = forms.CharField(label="Why we ask this", widget=forms.Textarea, required=False)
    easy_read_why_we_ask = forms.CharField(label="Why we ask this, in Easy Read", widget=forms.Textarea, required=False)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_fields = []
        for option in question.options.all():
            name = f"points_{option.code}"
            self.fields[name] = forms.CharField(label=f"Points: {option.text}", required=False, max_length=12)
            self.option_fields.append(self[name])
