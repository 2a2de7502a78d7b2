"""The public "Check what support you might get": the current configuration's questions, one a page,
then an estimate worked out by the same service as the estimate API.

No sign-in, and nothing is stored: no record and no session. The answers so far travel between the
pages in a cookie that only this browser keeps (signed, so a changed one is not believed): it ends
when the browser closes, is replaced when the person starts again, and is not read after
ANSWERS_TIME_LIMIT. Each request sends the answers to us to work out the next page; we keep nothing.
The answers never go in a web address. The figure is an estimate, not a decision, and the page says so.

The cookie holds places, not codes: each question seen as its place in the configuration's order, with
its answer's place among the question's options (or -1 for none). A published configuration never
changes, so the places always mean the same answers, and the cookie stays far below a browser's
4 KB limit however long the council's codes are: a few bytes a question.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.exceptions import ApplicationError

from .. import explanations, forms, selectors, services
from ..exceptions import AnswersDoNotFit
from ..explanations import method_sentences, period_words
from ..models import ConfigurationStatus

ANSWERS_COOKIE = "support_estimate"
ANSWERS_SALT = "firstperson.allocation.estimate.answers"
#: Answers not changed for this long are not read: the person starts again.
ANSWERS_TIME_LIMIT = 2 * 60 * 60


def _cookie_path() -> str:
    """The cookie goes only to the estimate's own pages."""
    return reverse("estimate:estimate-start")


#: A question seen but not answered.
_NO_ANSWER = -1


def _remember(response: HttpResponse, *, configuration_id, given: list[list[int]]) -> HttpResponse:
    """The response, setting the answers so far in the browser's cookie (`_places`). No max_age, so
    the browser forgets it when it closes."""
    value = signing.dumps({"configuration": str(configuration_id), "given": given}, salt=ANSWERS_SALT, compress=True)
    response.set_cookie(
        ANSWERS_COOKIE,
        value,
        path=_cookie_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _remembered(request) -> tuple[str, list[list[int]]] | None:
    """(configuration id, the places given) from the cookie; None when it is missing, changed, not
    ours, the wrong shape or too old. The places are checked against the configuration by `_answers`."""
    value = request.COOKIES.get(ANSWERS_COOKIE)
    if not value:
        return None
    try:
        state = signing.loads(value, salt=ANSWERS_SALT, max_age=ANSWERS_TIME_LIMIT)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(state, dict):
        return None
    configuration_id, given = state.get("configuration"), state.get("given")
    if not (
        isinstance(configuration_id, str)
        and isinstance(given, list)
        and all(
            isinstance(pair, list) and len(pair) == 2 and all(type(place) is int for place in pair) for pair in given
        )
    ):
        return None
    return configuration_id, given


def _places(questions, answers: dict[str, str], seen: list[str]) -> list[list[int]]:
    """Every question seen, in the order seen, as [its place, its answer's place or _NO_ANSWER]."""
    place_of = {question.code: place for place, (_, question) in enumerate(questions)}
    given = []
    for code in seen:
        question = questions[place_of[code]][1]
        option_codes = [option.code for option in question.options.all()]
        chosen = answers.get(code)
        given.append([place_of[code], option_codes.index(chosen) if chosen in option_codes else _NO_ANSWER])
    return given


def _answers(questions, given: list[list[int]]) -> tuple[dict[str, str], list[str]] | None:
    """(answers, questions seen in order) from the places in the cookie; None when a place is not
    one of the configuration's, or a question comes twice."""
    answers: dict[str, str] = {}
    seen: list[str] = []
    for question_place, option_place in given:
        if not 0 <= question_place < len(questions):
            return None
        question = questions[question_place][1]
        if question.code in seen:
            return None
        options = list(question.options.all())
        if option_place != _NO_ANSWER:
            if not 0 <= option_place < len(options):
                return None
            answers[question.code] = options[option_place].code
        seen.append(question.code)
    return answers, seen


def _start_again() -> HttpResponse:
    """Back to the start page, forgetting any answers."""
    response = redirect("estimate:estimate-start")
    response.delete_cookie(ANSWERS_COOKIE, path=_cookie_path(), samesite="Lax")
    return response


def _questions(sections) -> list:
    """[(section, question)] in the order they are asked, from `selectors.configuration_sections`."""
    return [(section, question) for section in sections for question in section.questions.all()]


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
            question_count=len(_questions(selectors.configuration_sections(configuration))) if configuration else 0,
            hours=ANSWERS_TIME_LIMIT // 3600,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Start (or start again) with no answers."""
        configuration = selectors.configuration_current()
        if configuration is None:
            return _start_again()
        response = redirect(_question_url(_questions(selectors.configuration_sections(configuration))[0][1]))
        return _remember(response, configuration_id=configuration.pk, given=[])


class _EstimatePage(AccessPolicyMixin):
    """Loads the configuration the person started with; without one, back to the start page."""

    access_policy = PUBLIC

    def load_objects(self, request, *args, **kwargs):
        remembered = _remembered(request)
        if remembered is None:
            return _start_again()
        configuration_id, given = remembered
        configuration = selectors.configuration_public_get(configuration_id=configuration_id)
        if configuration is None or configuration.status != ConfigurationStatus.PUBLISHED:
            return _start_again()
        self.configuration = configuration
        self.sections = selectors.configuration_sections(configuration)
        self.questions = _questions(self.sections)
        answers = _answers(self.questions, given)
        if answers is None:
            return _start_again()
        self.answers, self.seen = answers
        return None

    def remember(self, response: HttpResponse) -> HttpResponse:
        given = _places(self.questions, self.answers, self.seen)
        return _remember(response, configuration_id=self.configuration.pk, given=given)

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
        unseen = self.first_unseen()
        return self.remember(redirect(_question_url(unseen) if unseen else reverse("estimate:estimate-check")))


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
        # The pure rule's configuration, built once from the sections already read: it works the
        # figure out and puts its lines in words.
        self.rules_config = selectors.ras_configuration_for(self.configuration, self.sections)
        try:
            self.result = services.indicative_budget_estimate(
                configuration=self.configuration, answers=self.answers, rules_config=self.rules_config
            )
        except AnswersDoNotFit as error:
            # A required question left unanswered: ask it again.
            self.seen = [code for code in self.seen if code not in error.problems]
            unseen = self.first_unseen()
            if unseen is None:
                return _start_again()
            return self.remember(redirect(_question_url(unseen)))
        except ApplicationError:
            return _start_again()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            result=self.result,
            domain_points=[d for d in self.result.domains if d.points],
            per=period_words(self.configuration.period),
            method_sentences=method_sentences(self.configuration, reader=explanations.PUBLIC),
            for_resident=True,
            steps=explanations.plain_steps(self.rules_config, self.result.steps),
            configuration_words=explanations.configuration_words(self.configuration),
        )
        return context
