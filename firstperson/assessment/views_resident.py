"""The resident's self-assessment pages, under /my-account/assessments/.

Start one for yourself or for someone you act for (with authority over assessments); answer one
question per page, each saved at once; check your answers; confirm and send; see the decision and
its letter. Nobody else's assessments can be found here: they are 404.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.people.choices import PreferredFormat
from firstperson.people.selectors import person_of_account
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES
from firstperson.platform.ui.easy_read import format_switch_url

from . import permissions, services
from .exceptions import AssessmentError
from .forms import CaredForForm, ForWhomForm, QuestionnaireChoiceForm
from .letters import (
    decided_on,
    eligibility_decision_context,
    eligibility_letter_filename,
    eligibility_letter_pdf,
)
from .models import AssessmentStatus, QuestionnaireKind, QuestionnaireVersion
from .selectors import (
    eligibility_determination_current,
    eligibility_determination_on,
    people_cared_for_by,
    questionnaire_versions_to_start,
    self_assessments_for_actor,
)
from .views_journey import FORMAT_SWITCH, CheckView, JourneyMixin, QuestionView, easy_read_for, form_error_from

RESIDENTS = for_roles(RESIDENT_FACE_ROLES, "Residents and representatives")
NAMESPACE = "assessment-resident"
START_SESSION_KEY = "assessment-start"


def _start_answers(request) -> dict:
    return request.session.get(START_SESSION_KEY, {})


class SelfAssessmentListView(AccessPolicyMixin, TemplateView):
    access_policy = RESIDENTS
    template_name = "assessment/resident/assessment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessments = list(self_assessments_for_actor(actor=self.request.user))
        for assessment in assessments:
            assessment.decision = eligibility_determination_current(assessment=assessment)
        context.update(
            in_progress=[a for a in assessments if a.status == AssessmentStatus.IN_PROGRESS],
            sent=[a for a in assessments if a.status == AssessmentStatus.SUBMITTED],
            can_start=permissions.people_assessable_by(self.request.user).exists(),
        )
        return context


class _StartStepMixin:
    """The questions asked before a self-assessment starts: for whom, which one, and (for a carer's
    assessment) whom they look after. Kept in the session until the assessment is started."""

    def chosen_person(self, request):
        person_id = _start_answers(request).get("person")
        if not person_id:
            return None
        return permissions.people_assessable_by(request.user).filter(pk=person_id).first()

    def start(self, *, person, version, cared_for=None):
        assessment = services.self_assessment_start(
            actor=self.request.user, person=person, version=version, cared_for=cared_for
        )
        self.request.session.pop(START_SESSION_KEY, None)
        return redirect(NAMESPACE + ":assessment-overview", assessment_id=assessment.pk)


class StartForWhomView(_StartStepMixin, AccessPolicyMixin, FormView):
    access_policy = RESIDENTS
    template_name = "assessment/resident/start_step.html"
    form_class = ForWhomForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        people = list(permissions.people_assessable_by(self.request.user).order_by("legal_family_name"))
        own = person_of_account(user=self.request.user)
        people.sort(key=lambda person: (own is None or person.pk != own.pk, person.full_name))
        kwargs.update(people=people, own=own)
        return kwargs

    def get_initial(self):
        return {"person": _start_answers(self.request).get("person")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title="Who is this assessment for?",
            field_name="person",
            hint="You can do an assessment for someone else only if you have authority to act for them in "
            "assessments. Call us if someone is missing.",
            back_url=reverse(NAMESPACE + ":assessment-list"),
            nobody=not context["form"].fields["person"].choices,
        )
        return context

    def form_valid(self, form):
        self.request.session[START_SESSION_KEY] = {"person": form.cleaned_data["person"]}
        return redirect(NAMESPACE + ":start-which")


class StartWhichView(_StartStepMixin, AccessPolicyMixin, FormView):
    access_policy = RESIDENTS
    template_name = "assessment/resident/start_step.html"
    form_class = QuestionnaireChoiceForm

    def load_objects(self, request, *args, **kwargs):
        self.person = self.chosen_person(request)
        if self.person is None:
            return redirect(NAMESPACE + ":start-for-whom")
        self.versions = questionnaire_versions_to_start()
        return None

    def is_self(self):
        return self.person.account_id == self.request.user.pk

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        label = None if self.is_self() else f"Which assessment is this for {self.person.full_name}?"
        kwargs.update(versions=self.versions, label=label)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=context["form"].fields["version"].label,
            field_name="version",
            hint="A carer's assessment is for someone who looks after an adult: it is about the carer's own needs.",
            back_url=reverse(NAMESPACE + ":start-for-whom"),
        )
        return context

    def form_valid(self, form):
        version = next(v for v in self.versions if str(v.pk) == form.cleaned_data["version"])
        if version.questionnaire.kind == QuestionnaireKind.CARER and people_cared_for_by(person=self.person).exists():
            answers = dict(_start_answers(self.request))
            answers["version"] = str(version.pk)
            self.request.session[START_SESSION_KEY] = answers
            return redirect(NAMESPACE + ":start-cared-for")
        try:
            return self.start(person=self.person, version=version)
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)


class StartCaredForView(_StartStepMixin, AccessPolicyMixin, FormView):
    access_policy = RESIDENTS
    template_name = "assessment/resident/start_step.html"
    form_class = CaredForForm

    def load_objects(self, request, *args, **kwargs):
        self.person = self.chosen_person(request)
        version_id = _start_answers(request).get("version")
        self.version = QuestionnaireVersion.objects.filter(pk=version_id).first() if version_id else None
        if self.person is None or self.version is None:
            return redirect(NAMESPACE + ":start-for-whom")
        self.cared_for_people = list(people_cared_for_by(person=self.person))
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["people"] = self.cared_for_people
        if self.person.account_id != self.request.user.pk:
            kwargs["carer_name"] = self.person.known_as
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.person.account_id == self.request.user.pk:
            hint = "If you look after more than one person, choose the one who needs most help."
        else:
            name = self.person.known_as
            hint = f"If {name} looks after more than one person, choose the one who needs most help."
        context.update(
            title=context["form"].fields["cared_for"].label,  # the question, worded for who is answering
            field_name="cared_for",
            hint=hint,
            back_url=reverse(NAMESPACE + ":start-which"),
        )
        return context

    def form_valid(self, form):
        chosen = form.cleaned_data["cared_for"]
        cared_for = next((p for p in self.cared_for_people if str(p.pk) == chosen), None)
        try:
            return self.start(person=self.person, version=self.version, cared_for=cared_for)
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)


class _ResidentJourney(JourneyMixin):
    namespace = NAMESPACE


class AssessmentOverviewView(_ResidentJourney, TemplateView):
    """The sections and how far each has got; "continue" goes to the first question not answered."""

    access_policy = RESIDENTS
    template_name = "assessment/resident/assessment_overview.html"

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = self.progress
        following = progress.next_to_answer
        easy_read = easy_read_for(self.request, self.assessment)
        context.update(
            assessment=self.assessment,
            person=self.assessment.person,
            is_self=self.assessment.person.account_id == self.request.user.pk,
            progress=progress,
            sections=[
                {
                    "section": section,
                    "title": section.title_for(easy_read=easy_read),
                    "url": self.question_url(section.questions[0]),
                }
                for section in progress.sections
            ],
            continue_url=self.question_url(following) if following else self.check_url(),
            decision=eligibility_determination_current(assessment=self.assessment),
        )
        return context


class ResidentQuestionView(_ResidentJourney, QuestionView):
    access_policy = RESIDENTS


class ResidentCheckView(_ResidentJourney, CheckView):
    access_policy = RESIDENTS


class AssessmentSentView(_ResidentJourney, TemplateView):
    access_policy = RESIDENTS
    template_name = "assessment/resident/assessment_sent.html"

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        if self.assessment.status != AssessmentStatus.SUBMITTED:
            return redirect(self.overview_url())
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            assessment=self.assessment,
            person=self.assessment.person,
            is_self=self.assessment.person.account_id == self.request.user.pk,
            reference=str(self.assessment.pk)[:8].upper(),
            # Whoever answered in Easy Read reads what happens next in Easy Read too.
            easy_read=easy_read_for(self.request, self.assessment),
        )
        return context


class _DecisionMixin(_ResidentJourney):
    """The decision the address names: the current one at .../decision/, or one decision of this
    assessment, current or replaced, at .../decision/<determination_id>/, the address its letter
    prints. A decision of another assessment, or of nobody, is 404 like the assessment itself."""

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        self.current = eligibility_determination_current(assessment=self.assessment)
        self.named = "determination_id" in kwargs
        if self.named:
            self.determination = eligibility_determination_on(
                assessment=self.assessment, determination_id=kwargs["determination_id"]
            )
        else:
            self.determination = self.current
        if self.determination is None:
            raise Http404("No decision yet.")
        return None

    @property
    def replaced_by(self):
        """The newest decision, when it is not this one: it replaced this one."""
        return None if self.current.pk == self.determination.pk else self.current

    def letter_url(self) -> str:
        if self.named:
            return reverse(NAMESPACE + ":determination-letter", args=[self.assessment.pk, self.determination.pk])
        return reverse(NAMESPACE + ":decision-letter", args=[self.assessment.pk])


class DecisionView(_DecisionMixin, TemplateView):
    """The decision in standard words or in Easy Read: Easy Read when the person prefers it, unless
    whoever is reading chose otherwise with ?format= here or on the questions (remembered in the
    session for this assessment, as the questions do). A decision a newer one replaced says so at the
    top, with a link to the newest, and offers its own letters."""

    access_policy = RESIDENTS
    template_name = "assessment/resident/decision.html"

    def load_objects(self, request, *args, **kwargs):
        super().load_objects(request, *args, **kwargs)
        if request.method == "GET" and "format" in request.GET:
            FORMAT_SWITCH.remember(request, remembered_for=self.assessment.pk)
            return redirect(request.path)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        easy_read = easy_read_for(self.request, self.assessment)
        context.update(eligibility_decision_context(self.determination, easy_read=easy_read))
        letter_url = self.letter_url()
        replaced_by = self.replaced_by
        context.update(
            replaced_by=replaced_by,
            replaced_on=decided_on(replaced_by) if replaced_by else None,
            newest_url=reverse(NAMESPACE + ":decision", args=[self.assessment.pk]),
            assessment=self.assessment,
            is_self=self.assessment.person.account_id == self.request.user.pk,
            letter_url=letter_url,
            large_print_url=f"{letter_url}?large_print=1",
            easy_read_url=f"{letter_url}?format=easy-read",
            prefers_large_print=self.assessment.person.preferred_format == PreferredFormat.LARGE_PRINT,
            format_switch_url=format_switch_url(self.request.path, easy_read=easy_read),
        )
        return context


def wants_large_print(request) -> bool:
    return request.GET.get("large_print") in {"1", "true", "yes"}


def wants_easy_read(request) -> bool:
    return request.GET.get("format") == "easy-read"


def letter_response(determination, *, large_print: bool = False, easy_read: bool = False) -> HttpResponse:
    """The letter as a PDF. Easy Read is already in large type, so asking for both gives Easy Read."""
    large_print = large_print and not easy_read
    pdf = eligibility_letter_pdf(determination, large_print=large_print, easy_read=easy_read)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = eligibility_letter_filename(determination, large_print=large_print, easy_read=easy_read)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class DecisionLetterView(_DecisionMixin, TemplateView):
    access_policy = RESIDENTS

    def get(self, request, *args, **kwargs):
        self.record_view()  # the letter is not a page with a context
        return letter_response(
            self.determination, large_print=wants_large_print(request), easy_read=wants_easy_read(request)
        )
