"""Staff pages, under /assessments/: a person's self-assessments, a supported self-assessment done
with the person, the eligibility decision and its letter; and the administrators' questionnaires."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from firstperson.people.selectors import person_get_for_actor
from firstperson.people.services import person_record_view
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import CASEWORK_ROLES, Role

from . import permissions, services
from .exceptions import AssessmentError, InvalidDetermination, InvalidQuestionnaire
from .forms import (
    EligibilityForm,
    PublishForm,
    QuestionEditForm,
    QuestionnaireUploadForm,
    SectionEditForm,
    SupportedStartForm,
    SupportForm,
    yes_no_value,
)
from .letters import eligibility_decision_context
from .models import AssessmentStatus, VersionStatus
from .questionnaire_files import questionnaire_file_write
from .rules.eligibility import UNABLE_REASON_TEXT, UnableReason
from .selectors import (
    eligibility_determination_current,
    eligibility_determination_current_id,
    eligibility_determinations_of,
    people_cared_for_by,
    questionnaire_list,
    questionnaire_version_as_data,
    questionnaire_version_get,
    questionnaire_versions_to_start,
    self_assessments_of_person,
    version_questions,
)
from .services.eligibility import STALE_DETERMINATION
from .views_journey import CheckView, JourneyMixin, QuestionView, form_error_from
from .views_resident import letter_response, wants_easy_read, wants_large_print

CASEWORKERS = for_roles(CASEWORK_ROLES, "Practitioners and team managers")
ADMINISTRATORS = for_roles({Role.ADMINISTRATOR}, "Administrators")
NAMESPACE = "assessment"
REASON_CODES = frozenset(str(reason) for reason in UnableReason)


class PersonAssessmentsView(AccessPolicyMixin, TemplateView):
    access_policy = CASEWORKERS
    template_name = "assessment/person_assessments.html"

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.person
        person_record_view(actor=self.request.user, person=person, page=self.request.path)
        assessments = list(self_assessments_of_person(actor=self.request.user, person=person))
        for assessment in assessments:
            assessment.decision = eligibility_determination_current(assessment=assessment)
        context.update(
            person=person,
            assessments=assessments,
            can_start=permissions.can_complete_for(self.request.user, person),
        )
        return context


class SupportedStartView(AccessPolicyMixin, FormView):
    """Start a self-assessment with the person (a supported self-assessment)."""

    access_policy = CASEWORKERS
    template_name = "assessment/supported_start.html"
    form_class = SupportedStartForm

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        if not permissions.can_complete_for(request.user, self.person):
            return redirect(NAMESPACE + ":person-assessments", person_id=self.person.pk)
        self.versions = questionnaire_versions_to_start()
        self.cared_for_people = list(people_cared_for_by(person=self.person))
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(versions=self.versions, cared_for_people=self.cared_for_people)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        version = next(v for v in self.versions if str(v.pk) == form.cleaned_data["version"])
        chosen = form.cleaned_data.get("cared_for")
        cared_for = next((p for p in self.cared_for_people if str(p.pk) == chosen), None)
        try:
            assessment = services.self_assessment_start(
                actor=self.request.user,
                person=self.person,
                version=version,
                people_present=form.cleaned_data["people_present"],
                cared_for=cared_for,
            )
            if assessment.supported_by_id != self.request.user.pk:
                services.self_assessment_record_support(
                    actor=self.request.user,
                    assessment=assessment,
                    people_present=form.cleaned_data["people_present"],
                )
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(NAMESPACE + ":assessment-detail", assessment_id=assessment.pk)


class _StaffJourney(JourneyMixin):
    namespace = NAMESPACE
    supported = True
    access_policy = CASEWORKERS


class AssessmentDetailView(_StaffJourney, FormView):
    """A self-assessment as staff see it: who started and supported it, who was there, every answer
    with whose it is and its points; and the way on: continue with the person, or decide eligibility."""

    template_name = "assessment/assessment_detail.html"
    form_class = SupportForm

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        return None

    def get_initial(self):
        return {"people_present": self.assessment.people_present}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment, progress, user = self.assessment, self.progress, self.request.user
        sections = []
        for section in progress.sections:
            rows = []
            points = 0
            for question in section.questions:
                answer = progress.answers.get(question.pk)
                if answer is not None:
                    points += answer.option.points
                rows.append({"question": question, "answer": answer})
            sections.append({"section": section, "rows": rows, "points": points})
        following = progress.next_to_answer
        context.update(
            assessment=assessment,
            person=assessment.person,
            sections=sections,
            progress=progress,
            in_progress=assessment.status == AssessmentStatus.IN_PROGRESS,
            can_complete=permissions.can_complete_for(user, assessment.person),
            can_decide=permissions.can_decide_eligibility(user, assessment.person),
            continue_url=self.question_url(following) if following else self.check_url(),
            decision=eligibility_determination_current(assessment=assessment),
        )
        return context

    def form_valid(self, form):
        try:
            services.self_assessment_record_support(
                actor=self.request.user,
                assessment=self.assessment,
                people_present=form.cleaned_data["people_present"],
            )
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        following = self.progress.next_to_answer
        return redirect(self.question_url(following) if following else self.check_url())


class _SupportedMixin:
    """A practitioner goes through the questions only once they have said who is taking part, so
    every supported self-assessment records who was there."""

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is None and self.assessment.supported_by_id != request.user.pk:
            messages.info(request, "Say who is taking part before you go through the questions with the person.")
            return redirect(NAMESPACE + ":assessment-detail", assessment_id=self.assessment.pk)
        return response


class StaffQuestionView(_SupportedMixin, _StaffJourney, QuestionView):
    pass


class StaffCheckView(_SupportedMixin, _StaffJourney, CheckView):
    def after_submit_url(self):
        messages.success(self.request, "Self-assessment sent")
        return self.url("assessment-detail", self.assessment.pk)


def _findings_from(form: EligibilityForm, kind: str) -> services.DeterminationInput:
    data = form.cleaned_data
    outcomes = tuple(
        services.OutcomeInput(
            code=row["code"],
            unable=yes_no_value(data.get(f"outcome_{row['code']}_unable") or ""),
            reasons=tuple(data.get(f"outcome_{row['code']}_reasons") or ()),
            notes=data.get(f"outcome_{row['code']}_notes") or "",
        )
        for row in form.outcome_rows
    )
    return services.DeterminationInput(
        condition_1_met=yes_no_value(data.get("condition_1_met") or ""),
        condition_1_evidence=data.get("condition_1_evidence") or "",
        outcomes=outcomes,
        wellbeing_impacts=tuple(data.get("wellbeing_impacts") or ()),
        significant_impact=yes_no_value(data.get("significant_impact") or ""),
        eligible=yes_no_value(data.get("eligible") or ""),
        reasons=data.get("reasons") or "",
        disagreement_reason=data.get("disagreement_reason") or "",
        health_deteriorating_or_at_risk=yes_no_value(data.get("health_deteriorating_or_at_risk") or ""),
        legacy_facs_band=data.get("legacy_facs_band") or "",
        legacy_facs_threshold=data.get("legacy_facs_threshold") or "",
    )


class EligibilityCreateView(_StaffJourney, FormView):
    """Record the Care Act eligibility test as structured findings, and the decision with reasons."""

    template_name = "assessment/eligibility_create.html"
    form_class = EligibilityForm

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        person = self.assessment.person
        if not permissions.can_decide_eligibility(request.user, person):
            return redirect(NAMESPACE + ":assessment-detail", assessment_id=self.assessment.pk)
        if self.assessment.status != AssessmentStatus.SUBMITTED:
            return redirect(NAMESPACE + ":assessment-detail", assessment_id=self.assessment.pk)
        self.kind = services.determination_kind_for(self.assessment)
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            kind=self.kind,
            outcomes=services.outcomes_for(self.kind),
            reasons=services.unable_reasons_for(self.kind),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        told: dict[str, list] = {}
        for question in self.progress.questions:
            answer = self.progress.answers.get(question.pk)
            if question.outcome_code and answer is not None:
                told.setdefault(question.outcome_code, []).append(answer)
        form = context["form"]
        for row in form.outcome_rows:
            row["told"] = told.get(row["code"], [])
        context.update(
            assessment=self.assessment,
            person=self.assessment.person,
            # Drawn afresh each time the page is shown: the form sends back which decision it showed.
            current=eligibility_determination_current(assessment=self.assessment),
            kind=self.kind,
            carer=self.kind == "carer",
            outcome_rows=form.outcome_rows,
            rule_result=kwargs.get("rule_result"),
            reason_texts={str(reason): text for reason, text in UNABLE_REASON_TEXT.items()},
            unable_reasons=list(UnableReason),
        )
        return context

    def form_invalid(self, form):
        """The form's own checks failed, so the service was never asked. If a decision was recorded
        since the page was opened, say so as well: the page drawn again shows it and sends it back,
        and without this a practitioner could correct a field and replace a decision unread."""
        shown = self.request.POST.get("shown_determination")
        if shown is not None and shown != eligibility_determination_current_id(assessment=self.assessment):
            form.add_error(None, STALE_DETERMINATION)
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            services.eligibility_determination_record(
                actor=self.request.user,
                assessment=self.assessment,
                findings=_findings_from(form, self.kind),
                shown_determination_id=self.request.POST.get("shown_determination", ""),
            )
        except InvalidDetermination as error:
            for field, message in error.problems:
                form.add_error(field if field in form.fields else None, message)
            return self.render_to_response(self.get_context_data(form=form, rule_result=error.rule_result))
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Eligibility decision recorded")
        return redirect(NAMESPACE + ":eligibility-detail", assessment_id=self.assessment.pk)


class EligibilityDetailView(_StaffJourney, TemplateView):
    template_name = "assessment/eligibility_detail.html"

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        self.determination = eligibility_determination_current(assessment=self.assessment)
        if self.determination is None:
            raise Http404("No decision yet.")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(eligibility_decision_context(self.determination))
        outcomes = services.outcomes_for(self.determination.kind)
        context.update(
            assessment=self.assessment,
            findings=[
                {
                    "text": outcomes.get(finding.outcome_code, finding.outcome_code),
                    "finding": finding,
                    "reasons": [UNABLE_REASON_TEXT[UnableReason(r)] for r in finding.reasons if r in REASON_CODES],
                }
                for finding in self.determination.findings.all()
            ],
            earlier=list(eligibility_determinations_of(assessment=self.assessment))[1:],
            can_decide=permissions.can_decide_eligibility(self.request.user, self.assessment.person),
        )
        return context


class EligibilityLetterView(_StaffJourney, View):
    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        self.determination = eligibility_determination_current(assessment=self.assessment)
        if self.determination is None:
            raise Http404("No decision yet.")
        self.record_view()
        return None

    def get(self, request, *args, **kwargs):
        return letter_response(
            self.determination, large_print=wants_large_print(request), easy_read=wants_easy_read(request)
        )


# --- questionnaires (administrators) --------------------------------------------------------------


class QuestionnaireListView(AccessPolicyMixin, TemplateView):
    access_policy = ADMINISTRATORS
    template_name = "assessment/questionnaire_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questionnaires"] = questionnaire_list()
        return context


class QuestionnaireUploadView(AccessPolicyMixin, FormView):
    """Upload a questionnaire file: it becomes a new draft version, or nothing is saved."""

    access_policy = ADMINISTRATORS
    template_name = "assessment/questionnaire_upload.html"
    form_class = QuestionnaireUploadForm

    def form_valid(self, form):
        try:
            version = services.questionnaire_import(actor=self.request.user, content=form.cleaned_data["file"].read())
        except InvalidQuestionnaire as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form, problems=error.problems))
        messages.success(self.request, f"Imported as version {version.number}, a draft")
        return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=version.pk)


class _VersionMixin:
    def load_objects(self, request, *args, **kwargs):
        self.version = questionnaire_version_get(version_id=kwargs["version_id"])
        return None


class QuestionnaireVersionDetailView(_VersionMixin, AccessPolicyMixin, FormView):
    """A version's questions and points; download it; and, for a draft, change it or publish it."""

    access_policy = ADMINISTRATORS
    template_name = "assessment/questionnaire_version_detail.html"
    form_class = PublishForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = version_questions(self.version)
        sections: list[dict] = []
        for question in questions:
            if not sections or sections[-1]["section"].pk != question.section.pk:
                sections.append({"section": question.section, "questions": []})
            sections[-1]["questions"].append(question)
        context.update(
            version=self.version,
            sections=sections,
            is_draft=self.version.status == VersionStatus.DRAFT,
            is_published=self.version.status == VersionStatus.PUBLISHED,
        )
        return context

    def form_valid(self, form):
        try:
            services.questionnaire_version_publish(
                actor=self.request.user, version=self.version, effective_from=form.cleaned_data["effective_from"]
            )
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Version {self.version.number} published")
        return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=self.version.pk)


class QuestionnaireVersionDownloadView(_VersionMixin, AccessPolicyMixin, View):
    access_policy = ADMINISTRATORS

    def get(self, request, *args, **kwargs):
        file_format = "json" if request.GET.get("format") == "json" else "yaml"
        text = questionnaire_file_write(questionnaire_version_as_data(self.version), file_format=file_format)
        content_type = "application/json" if file_format == "json" else "application/yaml"
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        name = f"{self.version.questionnaire.code}-v{self.version.number}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class QuestionnaireVersionCopyView(_VersionMixin, AccessPolicyMixin, View):
    access_policy = ADMINISTRATORS

    def post(self, request, *args, **kwargs):
        new = services.questionnaire_version_copy(actor=request.user, version=self.version)
        messages.success(request, f"Version {new.number} made as a draft copy of version {self.version.number}")
        return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=new.pk)


class QuestionnaireVersionRetireView(_VersionMixin, AccessPolicyMixin, View):
    access_policy = ADMINISTRATORS

    def post(self, request, *args, **kwargs):
        try:
            services.questionnaire_version_retire(actor=request.user, version=self.version)
        except AssessmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Version {self.version.number} retired")
        return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=self.version.pk)


class QuestionUpdateView(_VersionMixin, AccessPolicyMixin, FormView):
    """Change a question of a draft version. A published version is never changed: this page sends
    the administrator back to it, where "make a new version" is offered."""

    access_policy = ADMINISTRATORS
    template_name = "assessment/question_update.html"
    form_class = QuestionEditForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        self.question = next((q for q in version_questions(self.version) if q.code == kwargs["question_code"]), None)
        if self.question is None:
            raise Http404("No such question.")
        if self.version.status != VersionStatus.DRAFT:
            messages.error(request, "A published version never changes: make a new version to change it")
            return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=self.version.pk)
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["question"] = self.question
        return kwargs

    def get_initial(self):
        keys = ("text", "easy_read_text", "help_text", "why_we_ask", "easy_read_why_we_ask")
        initial = {key: getattr(self.question, key) for key in keys}
        for option in self.question.options.all():
            initial[f"points_{option.code}"] = f"{option.points.normalize():f}"
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(version=self.version, question=self.question)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        changes = services.QuestionChanges(
            text=data["text"],
            easy_read_text=data["easy_read_text"],
            help_text=data["help_text"],
            why_we_ask=data["why_we_ask"],
            easy_read_why_we_ask=data["easy_read_why_we_ask"],
            option_points={option.code: data[f"points_{option.code}"] for option in self.question.options.all()},
        )
        try:
            services.question_update(actor=self.request.user, question=self.question, changes=changes)
        except AssessmentError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Question changed")
        return redirect(reverse(NAMESPACE + ":questionnaire-version-detail", args=[self.version.pk]))


class SectionUpdateView(_VersionMixin, AccessPolicyMixin, FormView):
    """Change a section of a draft version: its Easy Read title. A published version is never
    changed: this page sends the administrator back to it."""

    access_policy = ADMINISTRATORS
    template_name = "assessment/section_update.html"
    form_class = SectionEditForm

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        self.section = self.version.sections.filter(code=kwargs["section_code"]).first()
        if self.section is None:
            raise Http404("No such section.")
        if self.version.status != VersionStatus.DRAFT:
            messages.error(request, "A published version never changes: make a new version to change it")
            return redirect(NAMESPACE + ":questionnaire-version-detail", version_id=self.version.pk)
        return None

    def get_initial(self):
        return {"easy_read_title": self.section.easy_read_title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(version=self.version, section=self.section)
        return context

    def form_valid(self, form):
        try:
            services.section_update(
                actor=self.request.user, section=self.section, easy_read_title=form.cleaned_data["easy_read_title"]
            )
        except AssessmentError as error:
            form.add_error("easy_read_title", error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Section changed")
        return redirect(reverse(NAMESPACE + ":questionnaire-version-detail", args=[self.version.pk]))
