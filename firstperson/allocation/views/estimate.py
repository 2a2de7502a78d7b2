"""The public "Check what support you might get": the current configuration's questions, one a page,
then an estimate worked out by the same service as the estimate API.

No sign-in. Nothing is stored in the database: the answers live in the session until the person
closes the browser or starts again. The figure is an estimate, not a decision, and the page says so.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.exceptions import ApplicationError

from .. import forms, selectors, services
from ..exceptions import AnswersDoNotFit
from ..explanations import method_sentences, period_words
from ..models import ConfigurationStatus

SESSION_KEY = "allocation_estimate"


def _state(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def _questions(configuration) -> list:
    """[(section, question)] in the order they are asked."""
    return [
        (section, question)
        for section in selectors.configuration_sections(configuration)
        for question in section.questions.all()
    ]


def _question_url(question) -> str:
    return reverse("estimate:estimate-question", args=[question.code])


class EstimateStartView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "allocation/estimate_start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        configuration = selectors.configuration_current()
        context.update(
            configuration=configuration,
            question_count=len(_questions(configuration)) if configuration else 0,
        )
        return context

    def post(self, request, *args, **kwargs):
        configuration = selectors.configuration_current()
        if configuration is None:
            return redirect("estimate:estimate-start")
        request.session[SESSION_KEY] = {"configuration": str(configuration.pk), "answers": {}, "seen": []}
        return redirect(_question_url(_questions(configuration)[0][1]))


class _EstimatePage(AccessPolicyMixin):
    """Loads the configuration the person started with; without one, back to the start page."""

    access_policy = PUBLIC

    def load_objects(self, request, *args, **kwargs):
        state = _state(request)
        configuration = selectors.configuration_public_get(configuration_id=state.get("configuration", ""))
        if configuration is None or configuration.status != ConfigurationStatus.PUBLISHED:
            request.session.pop(SESSION_KEY, None)
            return redirect("estimate:estimate-start")
        self.configuration = configuration
        self.questions = _questions(configuration)
        self.answers = dict(state.get("answers", {}))
        self.seen = list(state.get("seen", []))
        return None

    def save_state(self) -> None:
        self.request.session[SESSION_KEY] = {
            "configuration": str(self.configuration.pk),
            "answers": self.answers,
            "seen": self.seen,
        }

    def first_unseen(self):
        return next((q for _, q in self.questions if q.code not in self.seen), None)


class EstimateQuestionView(_EstimatePage, FormView):
    template_name = "allocation/estimate_question.html"
    form_class = forms.EstimateQuestionForm

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        codes = [question.code for _, question in self.questions]
        if kwargs["slug"] not in codes:
            raise Http404("No such question.")
        self.index = codes.index(kwargs["slug"])
        self.section, self.question = self.questions[self.index]
        unseen = self.first_unseen()
        if unseen is not None and codes.index(unseen.code) < self.index:
            return redirect(_question_url(unseen))
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["question"] = self.question
        return kwargs

    def get_initial(self):
        return {"answer": self.answers.get(self.question.code)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        back = _question_url(self.questions[self.index - 1][1]) if self.index else reverse("estimate:estimate-start")
        context.update(
            section=self.section,
            question=self.question,
            number=self.index + 1,
            count=len(self.questions),
            back_url=back,
        )
        return context

    def form_valid(self, form):
        answer = form.cleaned_data["answer"]
        if answer:
            self.answers[self.question.code] = answer
        else:
            self.answers.pop(self.question.code, None)
        if self.question.code not in self.seen:
            self.seen.append(self.question.code)
        self.save_state()
        unseen = self.first_unseen()
        return redirect(_question_url(unseen) if unseen else reverse("estimate:estimate-check"))


class EstimateCheckView(_EstimatePage, TemplateView):
    template_name = "allocation/estimate_check.html"

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        unseen = self.first_unseen()
        return redirect(_question_url(unseen)) if unseen else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for section, question in self.questions:
            chosen = self.answers.get(question.code)
            option = next((o for o in question.options.all() if o.code == chosen), None)
            rows.append({"section": section, "question": question, "answer": option.text if option else "Not answered"})
        context.update(rows=rows, back_url=_question_url(self.questions[-1][1]))
        return context


class EstimateResultView(_EstimatePage, TemplateView):
    template_name = "allocation/estimate_result.html"

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        unseen = self.first_unseen()
        if unseen is not None:
            return redirect(_question_url(unseen))
        try:
            self.result = services.indicative_budget_estimate(configuration=self.configuration, answers=self.answers)
        except AnswersDoNotFit as error:
            # A required question left unanswered: ask it again.
            self.seen = [code for code in self.seen if code not in error.problems]
            self.save_state()
            unseen = self.first_unseen()
            return redirect(_question_url(unseen) if unseen else reverse("estimate:estimate-start"))
        except ApplicationError:
            request.session.pop(SESSION_KEY, None)
            return redirect("estimate:estimate-start")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            result=self.result,
            domain_points=[d for d in self.result.domains if d.points],
            per=period_words(self.configuration.period),
            method_sentences=method_sentences(self.configuration),
        )
        return context
