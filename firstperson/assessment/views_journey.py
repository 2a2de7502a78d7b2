"""The question-by-question journey of a self-assessment, shared by the resident's pages
(views_resident.py) and the practitioner's supported self-assessment (views.py).

Each page saves its answer at once through the service, so the person can stop and come back. The
two faces differ only in their URL namespace, their access policy and a few words, set by the
subclasses.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from firstperson.people.choices import PreferredFormat
from firstperson.people.services import person_record_view
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.ui.easy_read import EasyReadSwitch, format_switch_url
from firstperson.platform.ui.form_errors import form_error_from

from . import permissions, services
from .exceptions import AnswerMissing, AssessmentError, IncompleteAssessment
from .forms import DeclarationForm, QuestionForm
from .models import AssessmentStatus
from .selectors import assessment_progress, self_assessment_get_for_actor, wording

# Chosen per assessment, on the questions or the decision, and kept for all its pages.
FORMAT_SWITCH = EasyReadSwitch(session_key="assessment-format")


def easy_read_for(request, assessment) -> bool:
    """Easy Read when the person prefers it, unless whoever is filling it in chose otherwise."""
    return FORMAT_SWITCH.is_easy_read(
        request,
        remembered_for=assessment.pk,
        prefers_easy_read=assessment.person.preferred_format == PreferredFormat.EASY_READ,
    )


class JourneyMixin(AccessPolicyMixin):
    """Loads the self-assessment the URL names, if the user may see it (404 otherwise). The access
    policy is checked first (AccessPolicyMixin), then each page's own load_objects."""

    namespace = ""
    supported = False  # the practitioner's face

    def url(self, name, *args):
        return reverse(f"{self.namespace}:{name}", args=args)

    def load_assessment(self, request, assessment_id):
        self.assessment = self_assessment_get_for_actor(actor=request.user, assessment_id=assessment_id)
        self.progress = assessment_progress(assessment=self.assessment)

    def record_view(self) -> None:
        """Add this page to the person's access log, once a request: the answers are their record."""
        if not getattr(self, "_view_recorded", False):
            person_record_view(actor=self.request.user, person=self.assessment.person, page=self.request.path)
            self._view_recorded = True

    def get_context_data(self, **kwargs):
        # Every page of the journey that shows the assessment is a view of the person's record.
        self.record_view()
        return super().get_context_data(**kwargs)

    def closed(self, request):
        """The assessment has been sent: back to its overview. An answer or declaration sent from a
        page still open (in another tab, or by someone else acting for the person) is not saved,
        and the person is told why, rather than left to find the answer missing."""
        if request.method == "POST":
            messages.info(request, services.SENT_CANNOT_CHANGE)
        return redirect(self.overview_url())

    def overview_url(self):
        return self.url("assessment-overview" if not self.supported else "assessment-detail", self.assessment.pk)

    def question_url(self, question, change=False):
        url = self.url("assessment-question", self.assessment.pk, question.code)
        return url + "?change=1" if change else url

    def check_url(self):
        return self.url("assessment-check", self.assessment.pk)


class QuestionView(JourneyMixin, FormView):
    template_name = "assessment/question.html"
    form_class = QuestionForm

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        if not permissions.can_complete_for(request.user, self.assessment.person):
            raise Http404("You cannot answer for this person.")
        if self.assessment.status != AssessmentStatus.IN_PROGRESS:
            return self.closed(request)
        self.question = self.progress.question(kwargs["question_code"])
        if request.method == "GET" and "format" in request.GET:
            FORMAT_SWITCH.remember(request, remembered_for=self.assessment.pk)
            return redirect(request.path + ("?change=1" if request.GET.get("change") else ""))
        return None

    @property
    def change_mode(self) -> bool:
        return bool(self.request.GET.get("change"))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            question=self.question,
            easy_read=easy_read_for(self.request, self.assessment),
            supported=self.supported,
        )
        return kwargs

    def get_initial(self):
        answer = self.progress.answers.get(self.question.pk)
        if answer is None:
            return {}
        return {"option": answer.option.code, "more_detail": answer.more_detail, "given_by": answer.given_by}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.question
        before, _ = self.progress.neighbours(question)
        section = self.progress.section_of(question)
        if self.change_mode:
            back_url = self.check_url()
        elif before is not None:
            back_url = self.question_url(before)
        else:
            back_url = self.overview_url()
        easy_read = easy_read_for(self.request, self.assessment)
        form = context["form"]
        shows_hint = bool(question.help_text) and not easy_read
        described_by = ("id_option-hint" if shows_hint else "", "id_option-error" if form["option"].errors else "")
        context.update(
            option_described_by=" ".join(part for part in described_by if part),
            more_detail_hint=(
                "Anything that helps us understand, in your own words. "
                f"You can write up to {services.MORE_DETAIL_MAX:,} characters."
            ),
            assessment=self.assessment,
            person=self.assessment.person,
            question=question,
            section=section,
            section_title=section.title_for(easy_read=easy_read),
            why_we_ask=wording(question.why_we_ask, question.easy_read_why_we_ask, easy_read=easy_read),
            section_count=len(self.progress.sections),
            question_number=section.questions.index(question) + 1,
            back_url=back_url,
            overview_url=self.overview_url(),
            easy_read=easy_read,
            format_switch_url=format_switch_url(self.request.path, easy_read=easy_read)
            + ("&change=1" if self.change_mode else ""),
            options=[
                {
                    "value": option.code,
                    "label": wording(option.text, option.easy_read_text, easy_read=easy_read),
                    "hint": "" if easy_read else option.help_text,
                    "id": f"{form['option'].auto_id}_{index}",
                    "checked": str(form["option"].value() or "") == option.code,
                }
                for index, option in enumerate(question.options.all())
            ],
            supported=self.supported,
            is_self=self.assessment.person.account_id == self.request.user.pk,
        )
        return context

    def post(self, request, *args, **kwargs):
        # "Save and come back later" with nothing chosen or written: nothing to save, so straight to
        # the overview. Words with no answer chosen go to the service, which asks for an answer.
        written = any(request.POST.get(name, "").strip() for name in ("more_detail", "given_by"))
        if "later" in request.POST and not request.POST.get("option") and not written:
            return redirect(self.overview_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.self_assessment_answer(
                actor=self.request.user,
                assessment=self.assessment,
                question_code=self.question.code,
                option_code=form.cleaned_data.get("option") or "",
                more_detail=form.cleaned_data.get("more_detail") or "",
                given_by=form.cleaned_data.get("given_by") or "",
            )
        except AnswerMissing:
            # Named in the words this page showed the question in, which may be its Easy Read words.
            form.add_error("option", AnswerMissing.for_question(form.fields["option"].label))
            return self.form_invalid(form)
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        if "later" in self.request.POST:
            return redirect(self.overview_url())
        if self.change_mode:
            return redirect(self.check_url())
        _, after = self.progress.neighbours(self.question)
        return redirect(self.question_url(after) if after is not None else self.check_url())


class CheckView(JourneyMixin, FormView):
    """Check your answers, with change links; the declaration; send."""

    template_name = "assessment/check.html"
    form_class = DeclarationForm

    def load_objects(self, request, *args, **kwargs):
        self.load_assessment(request, kwargs["assessment_id"])
        if not permissions.can_complete_for(request.user, self.assessment.person):
            raise Http404("You cannot answer for this person.")
        if self.assessment.status != AssessmentStatus.IN_PROGRESS:
            return self.closed(request)
        return None

    def declaration_label(self) -> str:
        person = self.assessment.person
        if self.supported:
            return f"{person.full_name}, or the people helping them, have agreed these answers are a true record"
        if person.account_id == self.request.user.pk:
            return "I confirm that my answers are true, as far as I know"
        return f"I confirm that these answers are true for {person.full_name}, as far as I know"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["label"] = self.declaration_label()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        easy_read = easy_read_for(self.request, self.assessment)
        sections = []
        for section in self.progress.sections:
            rows = []
            for question in section.questions:
                answer = self.progress.answers.get(question.pk)
                option_text = ""
                if answer is not None:
                    option_text = wording(answer.option.text, answer.option.easy_read_text, easy_read=easy_read)
                rows.append(
                    {
                        "question": question,
                        "label": wording(question.text, question.easy_read_text, easy_read=easy_read),
                        "answer": answer,
                        "option_text": option_text,
                        "change_url": self.question_url(question, change=True),
                    }
                )
            sections.append({"section": section, "title": section.title_for(easy_read=easy_read), "rows": rows})
        context.update(
            assessment=self.assessment,
            person=self.assessment.person,
            sections=sections,
            missing=kwargs.get("missing", []),
            problem=kwargs.get("problem", ""),
            back_url=self.overview_url(),
            supported=self.supported,
        )
        return context

    def form_valid(self, form):
        try:
            services.self_assessment_submit(
                actor=self.request.user,
                assessment=self.assessment,
                declaration=form.cleaned_data["declaration"],
            )
        except IncompleteAssessment as error:
            form_error_from(form, error)
            easy_read = easy_read_for(self.request, self.assessment)
            missing = [
                {
                    "text": "Answer the question: "
                    + wording(question.text, question.easy_read_text, easy_read=easy_read),
                    "href": self.question_url(question, change=True),
                }
                for question in error.missing
            ]
            return self.render_to_response(self.get_context_data(form=form, missing=missing, problem=error.message))
        except AssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.after_submit_url())

    def after_submit_url(self):
        return self.url("assessment-sent", self.assessment.pk)
