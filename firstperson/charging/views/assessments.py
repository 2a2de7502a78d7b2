"""Finance officers' financial assessment pages, under /charging/assessments/.

The queue of assessments sent online (with how long each has waited); a person's charging page
(contribution history with effective dates, their assessments); starting one with the person;
one assessment with every item, its evidence and check; the officer's form for the person's
details and allowances; confirming or querying each item; completing (the contribution and its
history); the outcome letter, and each letter issued, as it was sent; a reassessment on a change of
circumstances.

Every look at an assessment is logged (FINANCIAL_ASSESSMENT_VIEWED); a person's page is a look at
their record (PERSON_VIEWED). Anything outside the officer's reach is 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from firstperson.people.services import person_record_view
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.ui.form_errors import form_error_from

from .. import permissions, selectors
from ..forms import assessments as forms
from ..models import AssessmentStatus, CheckStatus, Evidence, ScanStatus, StartedVia
from ..services import assessments as services
from ..services import evidence as evidence_service
from ..services.letters import calculation_context
from .resident import letter_response
from .shared import answer_rows, item_rows

OFFICERS = for_roles(permissions.FINANCE_ROLES, "Finance officers")
NS = "charging"


class QueueView(AccessPolicyMixin, TemplateView):
    access_policy = OFFICERS
    template_name = "charging/assessment_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.assessment_queue(actor=self.request.user))
        return context


class _PersonMixin(AccessPolicyMixin):
    access_policy = OFFICERS

    def load_objects(self, request, *args, **kwargs):
        self.person = selectors.person_get_for_charging(actor=request.user, person_id=kwargs["person_id"])
        return None


class PersonView(_PersonMixin, TemplateView):
    template_name = "charging/assessment_person.html"

    def get(self, request, *args, **kwargs):
        person_record_view(actor=request.user, person=self.person, page=request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessments = list(selectors.assessments_of_person(person=self.person))
        context.update(
            person=self.person,
            history=list(selectors.contribution_history(person=self.person)),
            assessments=assessments,
            open_assessment=next(
                (a for a in assessments if a.status in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED)),
                None,
            ),
            completed=next((a for a in assessments if a.status == AssessmentStatus.COMPLETED), None),
        )
        return context


class StartView(_PersonMixin, FormView):
    template_name = "charging/assessment_start.html"
    form_class = forms.OfficerStartForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        assessment = services.assessment_start(actor=self.request.user, person=self.person, via=StartedVia.OFFICER)
        return redirect(f"{NS}:assessment-detail", financial_assessment_id=assessment.pk)


class _AssessmentMixin(AccessPolicyMixin):
    access_policy = OFFICERS
    #: A GET of a page that shows the assessment's data is a look at it (FINANCIAL_ASSESSMENT_VIEWED).
    viewed_on_get = True

    def get(self, request, *args, **kwargs):
        if self.viewed_on_get:
            services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return super().get(request, *args, **kwargs)

    def load_objects(self, request, *args, **kwargs):
        self.assessment = selectors.financial_assessment_get_for_actor(
            actor=request.user, assessment_id=kwargs["financial_assessment_id"]
        )
        return self.load_more(request, *args, **kwargs)

    def load_more(self, request, *args, **kwargs):
        return None

    def detail_url(self) -> str:
        return reverse(f"{NS}:assessment-detail", args=[self.assessment.pk])

    @property
    def is_open(self) -> bool:
        return self.assessment.status in (AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED)

    def base_context(self) -> dict:
        return {"assessment": self.assessment, "person": self.assessment.person, "detail_url": self.detail_url()}


class _OpenOnly(_AssessmentMixin):
    """Pages that change an assessment: a finished one sends the officer back to it."""

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is None and not self.is_open:
            return redirect(self.detail_url())
        return response


class DetailView(_AssessmentMixin, TemplateView):
    template_name = "charging/assessment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = self.assessment
        context.update(self.base_context())
        current = selectors.calculation_current(assessment=a)
        contribution = selectors.contribution_of(calculation=current)
        letters = [
            {"letter": letter, "url": reverse(f"{NS}:assessment-issued-letter", args=[a.pk, letter.pk])}
            for letter in selectors.contribution_letters(assessment=a).defer("html")
        ]
        evidence_url = lambda item: reverse(f"{NS}:assessment-evidence", args=[a.pk, item.pk])  # noqa: E731
        rows = item_rows(
            [*a.capital.all(), *a.income.all()],
            remove_url=lambda item: reverse(f"{NS}:assessment-item-remove", args=[a.pk, item.pk]),
        )
        for row in rows:
            item = row["item"]
            row["check_url"] = reverse(f"{NS}:assessment-item-check", args=[a.pk, item.pk])
            row["evidence_url"] = evidence_url(item.evidence) if item.evidence_id else ""
        context.update(
            answers=answer_rows(a, change_url=lambda step: reverse(f"{NS}:assessment-details", args=[a.pk])),
            rows=rows,
            evidence=[{"item": e, "url": evidence_url(e)} for e in a.evidence.filter(scan_status=ScanStatus.CLEAN)],
            is_open=self.is_open,
            not_confirmed=len(services.items_not_confirmed(a)),
            estimate=selectors.calculation_estimate(assessment=a),
            current=current,
            contribution=contribution,
            replaces=a.replaces,
            letters=letters,
            letter_kept=contribution is not None
            and any(r["letter"].contribution_id == contribution.pk for r in letters),
        )
        if current is not None:
            context.update(calculation_context(current))
        return context


class DetailsView(_OpenOnly, FormView):
    template_name = "charging/assessment_details.html"
    form_class = forms.OfficerDetailsForm

    def get_initial(self):
        a = self.assessment
        return {name: getattr(a, name) for name in services.UPDATABLE_FIELDS}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current_kind": self.assessment.kind}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        return context

    def form_valid(self, form):
        values = {name: form.cleaned_data.get(name) for name in services.UPDATABLE_FIELDS}
        values["dre_details"] = values["dre_details"] or ""
        try:
            services.assessment_update(
                actor=self.request.user,
                assessment=self.assessment,
                values=values,
                officer=True,
                step="",
                outcome_consent=form.outcome_consent,
                outcome_reason=form.cleaned_data.get("outcome_reason", ""),
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url())


class CapitalAddView(_OpenOnly, FormView):
    template_name = "charging/assessment_capital_add.html"
    viewed_on_get = False  # an empty form
    form_class = forms.CapitalForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.capital_add(
                actor=self.request.user, assessment=self.assessment, type=data["type"], value=data["value"],
                share=form.share, description=data.get("description", ""), officer=True,
            )  # fmt: skip
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url())


class IncomeAddView(_OpenOnly, FormView):
    template_name = "charging/assessment_income_add.html"
    viewed_on_get = False  # an empty form
    form_class = forms.IncomeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        chosen = str(context["form"]["code"].value() or "")
        context["income_groups"] = [
            {
                "label": group,
                "options": [{"value": c, "label": forms.income_label(c), "selected": c == chosen} for c in codes],
            }
            for group, codes in forms.INCOME_GROUPS
        ]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.income_add(
                actor=self.request.user, assessment=self.assessment, code=data["code"], amount=data["amount"],
                period=data["period"], description=data.get("description", ""), officer=True,
            )  # fmt: skip
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url())


class _ItemMixin(_OpenOnly):
    def load_more(self, request, *args, **kwargs):
        self.item = selectors.item_get(assessment=self.assessment, item_id=kwargs["item_id"])
        return None


class ItemCheckView(_ItemMixin, FormView):
    template_name = "charging/assessment_item_check.html"
    form_class = forms.ItemCheckForm

    def get_form_kwargs(self):
        self.evidence = list(self.assessment.evidence.filter(scan_status=ScanStatus.CLEAN))
        return {**super().get_form_kwargs(), "evidence": self.evidence}

    def get_initial(self):
        item = self.item
        return {
            "status": item.check_status if item.check_status != CheckStatus.NOT_CHECKED else None,
            "note": item.check_note,
            "evidence": str(item.evidence_id or ""),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(
            row=item_rows([self.item])[0],
            evidence_links=[
                {"item": e, "url": reverse(f"{NS}:assessment-evidence", args=[self.assessment.pk, e.pk])}
                for e in self.evidence
            ],
        )
        return context

    def form_valid(self, form):
        chosen = form.cleaned_data.get("evidence")
        evidence = next((e for e in self.evidence if str(e.pk) == chosen), None)
        try:
            services.item_check(
                actor=self.request.user,
                item=self.item,
                status=form.cleaned_data["status"],
                note=form.cleaned_data.get("note", ""),
                evidence=evidence,
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url() + "#items")


class ItemRemoveView(_ItemMixin, TemplateView):
    template_name = "charging/assessment_item_remove.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context["row"] = item_rows([self.item])[0]
        return context

    def post(self, request, *args, **kwargs):
        services.item_remove(actor=request.user, item=self.item, officer=True)
        return redirect(self.detail_url() + "#items")


class EvidenceAddView(_OpenOnly, FormView):
    template_name = "charging/assessment_evidence_add.html"
    viewed_on_get = False  # an empty form
    form_class = forms.EvidenceForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context["max_size"] = evidence_service.max_size_words()
        return context

    def post(self, request, *args, **kwargs):
        if evidence_service.request_too_big(request):
            form = self.get_form_class()(data={})  # the body is not read
            form.add_error("file", evidence_service.too_big_message())
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            evidence_service.evidence_add(
                actor=self.request.user,
                assessment=self.assessment,
                uploaded_file=form.cleaned_data.get("file"),
                description=form.cleaned_data.get("description", ""),
            )
        except evidence_service.EvidenceRefused as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url() + "#evidence")


class EvidenceDownloadView(_AssessmentMixin, TemplateView):
    viewed_on_get = False  # logged below, once the file is found

    def get(self, request, *args, **kwargs):
        evidence: Evidence = selectors.evidence_get_for_actor(
            actor=request.user, assessment=self.assessment, evidence_id=kwargs["evidence_id"]
        )
        services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return evidence_service.evidence_response(evidence)


class CompleteView(_OpenOnly, FormView):
    template_name = "charging/assessment_complete.html"
    form_class = forms.CompleteForm

    def get_initial(self):
        return {"effective_from": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(
            not_confirmed=len(services.items_not_confirmed(self.assessment)),
            waiting_for_person=self.assessment.status == AssessmentStatus.IN_PROGRESS
            and self.assessment.started_via == StartedVia.ONLINE,
            current=selectors.contribution_current(person=self.assessment.person),
            upcoming=selectors.contribution_next(person=self.assessment.person),
        )
        return context

    def form_valid(self, form):
        try:
            services.assessment_complete(
                actor=self.request.user, assessment=self.assessment, effective_from=form.cleaned_data["effective_from"]
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url())


class _ContributionMixin(_AssessmentMixin):
    def load_more(self, request, *args, **kwargs):
        self.contribution = selectors.contribution_of(
            calculation=selectors.calculation_decided(assessment=self.assessment)
        )
        if self.contribution is None:
            raise Http404("No contribution yet.")
        return None


class LetterIssueView(_ContributionMixin, FormView):
    """Issue the outcome letter. Issuing it again needs "issue again" and a reason; a contribution
    that has ended, or a superseded assessment, gets no letter."""

    template_name = "charging/letter_issue.html"
    form_class = forms.LetterIssueForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "issued": self.contribution.letter_issued_at is not None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(
            contribution=self.contribution,
            refusal=services.letter_refusal(contribution=self.contribution),
        )
        return context

    def form_valid(self, form):
        try:
            services.letter_issue(
                actor=self.request.user,
                contribution=self.contribution,
                again=bool(form.cleaned_data.get("again")),
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.detail_url() + "#letter")


class LetterView(_ContributionMixin, TemplateView):
    viewed_on_get = False  # logged below

    def get(self, request, *args, **kwargs):
        services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return letter_response(self.contribution)


class IssuedLetterView(_AssessmentMixin, TemplateView):
    """One outcome letter exactly as it was issued (the first, or one issued again), as a PDF. A
    letter of any other assessment's contribution is 404."""

    viewed_on_get = False  # logged below

    def load_more(self, request, *args, **kwargs):
        self.letter = selectors.contribution_letter_get(assessment=self.assessment, letter_id=kwargs["letter_id"])
        return None

    def get(self, request, *args, **kwargs):
        services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return letter_response(None, self.letter)


class ReassessView(_AssessmentMixin, FormView):
    template_name = "charging/assessment_reassess.html"
    viewed_on_get = False  # a form about the change, not the person's figures
    form_class = forms.ReassessmentForm

    def load_more(self, request, *args, **kwargs):
        if self.assessment.status != AssessmentStatus.COMPLETED:
            return redirect(self.detail_url())
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        return context

    def form_valid(self, form):
        try:
            new = services.reassessment_start(
                actor=self.request.user,
                assessment=self.assessment,
                reason=form.cleaned_data.get("change_of_circumstances", ""),
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(f"{NS}:assessment-detail", financial_assessment_id=new.pk)
