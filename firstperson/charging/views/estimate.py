"""The public "Estimate what you might pay": a few questions, one a page, then an estimate of the
weekly contribution towards care at home, worked out by the same rule and parameter sets as the
charging API (rules.charging.calculate with services.parameters), every line explained.

No sign-in, and nothing is stored: no record and no session (so no session cookie). The answers so far travel
with the person from page to page as a signed token (django.core.signing, salted, with a time limit):
in a hidden field of each question's form and in the query string of the links (Back, Change, See my
estimate). Signing stops a changed token being believed; an old one means starting again. The figure is
an estimate, not a decision, and the page says how to get a proper financial assessment.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.core import signing
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC
from firstperson.platform.access.views import AccessPolicyMixin

from ..forms import estimate as forms
from ..models import ChargingParameterSet
from ..rules import charging as rules
from ..services.parameters import parameters_for_estimate, to_rules

#: The name of the hidden field and query-string parameter that carries the answers.
TOKEN_FIELD = "answers"
TOKEN_SALT = "firstperson.charging.estimate.answers"
#: After two hours untouched, the answers are forgotten: the person starts again.
TOKEN_MAX_AGE = 2 * 60 * 60
#: Where a signed-in resident starts a proper financial assessment.
FINANCIAL_ASSESSMENT_PATH = "/my-account/financial-assessment/"
TITLE = "Estimate what you might pay for care"


def _today() -> datetime.date:
    return timezone.localdate()


def answers_token(state: dict) -> str:
    """The answers so far ({"answers": {...}, "seen": [...]}), signed and dated."""
    return signing.dumps(state, salt=TOKEN_SALT, compress=True)


def state_from_token(token: str | None) -> dict | None:
    """The answers a token carries; None when it is missing, changed, not ours or too old."""
    if not token:
        return None
    try:
        state = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not (isinstance(state, dict) and isinstance(state.get("answers"), dict) and isinstance(state.get("seen"), list)):
        return None
    return {"answers": state["answers"], "seen": state["seen"]}


def with_token(url: str, token: str) -> str:
    return f"{url}?{urlencode({TOKEN_FIELD: token})}"


# --- The questions ------------------------------------------------------------------------------


def steps_for(answers: dict) -> list[str]:
    """The questions to ask, in order, given the answers so far."""
    steps = ["age", "household"]
    if answers.get("household") in ("couple", "lone_parent"):
        steps.append("children")
    steps += ["savings", "income"]
    chosen = set(answers.get("income") or [])
    steps += [kind.step for kind in forms.INCOME_KINDS if kind.slug in chosen and kind.asks_amount]
    steps += ["housing", "care-cost"]
    return steps


def _income_kind(step: str) -> forms.IncomeKind | None:
    return forms.INCOME_BY_SLUG.get(step.removeprefix("income-")) if step.startswith("income-") else None


def _exact(value) -> str:
    """Money kept in the token as an exact string to the penny ("18300.00")."""
    return str(rules.money(Decimal(value)))


def _form_class_and_kwargs(step: str) -> tuple[type, dict]:
    simple = {
        "age": forms.AgeForm,
        "household": forms.HouseholdForm,
        "children": forms.ChildrenForm,
        "savings": forms.SavingsForm,
        "income": forms.IncomeKindsForm,
        "housing": forms.HousingForm,
        "care-cost": forms.CareCostForm,
    }
    if step in simple:
        return simple[step], {}
    kind = _income_kind(step)
    if kind is None or not kind.asks_amount:
        raise Http404("No such question.")
    return forms.IncomeAmountForm, {"kind": kind}


def _answer_from(step: str, cleaned: dict):
    """What to keep in the token for a step: plain JSON, money as exact strings."""
    if step == "age":
        return cleaned["age"]
    if step == "household":
        return cleaned["household"]
    if step == "children":
        return cleaned["children"]
    if step == "savings":
        return _exact(cleaned["savings"])
    if step == "income":
        return cleaned["kinds"]
    if step == "care-cost":
        return "" if cleaned["weekly_cost"] is None else _exact(cleaned["weekly_cost"])
    answer = {"amount": _exact(cleaned["amount"]), "period": cleaned["period"]}
    if "rate" in cleaned:
        answer["rate"] = cleaned["rate"]
    return answer


def _initial_from(step: str, answer) -> dict:
    if answer is None:
        return {}
    if step in ("age", "household", "children", "savings"):
        return {step: answer}
    if step == "income":
        return {"kinds": answer or [forms.NONE_OF_THESE]}
    if step == "care-cost":
        return {"weekly_cost": answer or None}
    return dict(answer)


def _question(step: str) -> str:
    """The question a step asks, as it appears on the check page."""
    kind = _income_kind(step)
    if kind is not None:
        return kind.question
    labels = {
        "age": forms.AgeForm.base_fields["age"].label,
        "household": forms.HouseholdForm.base_fields["household"].label,
        "children": forms.ChildrenForm.base_fields["children"].label,
        "savings": forms.SavingsForm.base_fields["savings"].label,
        "income": "Which of these do you get?",
        "housing": "How much do you pay for your home?",
        "care-cost": forms.CareCostForm.base_fields["weekly_cost"].label,
    }
    return str(labels[step])


def _answer_text(step: str, answer) -> str:
    if step == "age":
        return f"{answer}"
    if step == "household":
        return dict(forms.HOUSEHOLD_CHOICES)[answer]
    if step == "children":
        return f"{answer}"
    if step == "savings":
        return rules.pounds(Decimal(answer))
    if step == "income":
        return "; ".join(forms.INCOME_BY_SLUG[slug].label for slug in answer) if answer else "None of these"
    if step == "care-cost":
        if not answer:
            return f"I do not know (we use {rules.pounds(forms.TYPICAL_WEEKLY_COST)} a week)"
        return f"{rules.pounds(Decimal(answer))} a week"
    words = f"{rules.pounds(Decimal(answer['amount']))} {rules.PERIOD_WORDS[rules.IncomePeriod(answer['period'])]}"
    kind = _income_kind(step)
    if kind is not None and len(kind.rates) > 1:
        words = f"{dict(kind.rates)[answer['rate']]}: {words}"
    return words


def _question_url(step: str) -> str:
    return reverse("charging-estimate:estimate-question", args=[step])


# --- Working it out -----------------------------------------------------------------------------


def charging_input(answers: dict, *, parameters: rules.ChargingParameters) -> tuple[rules.ChargingInput, bool]:
    """The rule's input from the answers (only those for questions still asked), and whether the
    typical cost of care was used. The premiums are the rule's guess from the benefits named."""
    asked = set(steps_for(answers))
    kinds = [slug for slug in answers.get("income") or [] if slug in forms.INCOME_BY_SLUG]
    income = []
    for kind in forms.INCOME_KINDS:
        if kind.slug in kinds and kind.asks_amount and kind.step in asked and kind.step in answers:
            answer = answers[kind.step]
            income.append(
                rules.IncomeItem(answer["rate"], Decimal(answer["amount"]), rules.IncomePeriod(answer["period"]))
            )
    age = int(answers["age"])
    named = [item.code for item in income] + [
        forms.INCOME_BY_SLUG[slug].code_when_not_asked
        for slug in kinds
        if forms.INCOME_BY_SLUG[slug].code_when_not_asked
    ]
    housing = answers["housing"]
    cost_answer = answers.get("care-cost") or ""
    cost = Decimal(cost_answer) if cost_answer else forms.TYPICAL_WEEKLY_COST
    data = rules.ChargingInput(
        person=rules.Person(
            age=age,
            household=rules.Household(answers["household"]),
            dependent_children=int(answers.get("children") or 0) if "children" in asked else 0,
            **rules.likely_premiums(named, age=age, parameters=parameters),
        ),
        weekly_cost_of_care=cost,
        service=rules.Service.HOMECARE,
        capital=(rules.CapitalItem(rules.CapitalType.SAVINGS, Decimal(answers["savings"])),),
        income=tuple(income),
        housing_costs_weekly=rules.weekly(Decimal(housing["amount"]), housing["period"]),
        dre_weekly=None,
        night_care_arranged=False,
    )
    return data, not cost_answer


def _assumptions(data: rules.ChargingInput, figures: rules.ChargingParameters, kinds: list[str], typical: bool):
    person = data.person
    said = []
    if person.disability_premium or person.enhanced_disability_premium or person.carer_premium:
        extras = [
            words
            for flag, words in (
                (person.disability_premium, "the disability premium"),
                (person.enhanced_disability_premium, "the enhanced disability premium"),
                (person.carer_premium, "the carer premium"),
            )
            if flag
        ]
        said.append(
            "From the benefits you told us about, we have added "
            + " and ".join(extras)
            + " to the money you keep for everyday living."
        )
    said.append(
        f"We have taken off the council's standard amount of {rules.pounds(figures.policy.standard_dre_weekly)} a "
        "week for the extra costs of your disability. If you spend more than that, a proper assessment can count it."
    )
    said.append("We have assumed the council does not arrange care for you at night.")
    if "earnings" in kinds:
        said.append("Money from a job is never counted, so we did not ask how much you earn.")
    if "mobility" in kinds:
        said.append("The mobility part of PIP or DLA is never counted, so we did not ask how much you get.")
    if typical:
        said.append(
            f"You did not know what your care will cost, so we used {rules.pounds(forms.TYPICAL_WEEKLY_COST)} a "
            f"week: about {forms.TYPICAL_HOURS_A_WEEK} hours of help at home at "
            f"{rules.pounds(forms.TYPICAL_HOURLY_RATE)} an hour."
        )
    said.append("We have counted your savings as yours alone, and not counted the home you live in.")
    return said


# --- Pages --------------------------------------------------------------------------------------


def _later_year(parameter_set: ChargingParameterSet, day: datetime.date) -> bool:
    """True when the set is an earlier year's (this year's figures are not published yet)."""
    return parameter_set.year_start != rules.financial_year_start(day)


class EstimateStartView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "charging/estimate_start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            available=parameters_for_estimate(_today()) is not None,
            title=TITLE,
            timed_out="again" in self.request.GET,
            hours=TOKEN_MAX_AGE // 3600,
        )
        return context

    def post(self, request, *args, **kwargs):
        if parameters_for_estimate(_today()) is None:
            return redirect("charging-estimate:estimate-start")
        return redirect(with_token(_question_url(steps_for({})[0]), answers_token({"answers": {}, "seen": []})))


class _EstimatePage(AccessPolicyMixin):
    """Reads the answers so far from the signed token (the form's hidden field on a POST, else the
    query string); without one that is valid, back to the start page to start again."""

    access_policy = PUBLIC
    request: HttpRequest

    def load_objects(self, request, *args, **kwargs):
        token = request.POST.get(TOKEN_FIELD) if request.method == "POST" else request.GET.get(TOKEN_FIELD)
        state = state_from_token(token)
        if state is None:
            start = reverse("charging-estimate:estimate-start")
            return redirect(f"{start}?again=1" if token else start)
        self.answers = dict(state["answers"])
        self.seen = list(state["seen"])
        self.token = token
        return None

    def new_token(self) -> str:
        self.token = answers_token({"answers": self.answers, "seen": self.seen})
        return self.token

    def url(self, url: str) -> str:
        """A page of the estimate, carrying the answers so far."""
        return with_token(url, self.token)

    def first_unseen(self) -> str | None:
        return next((step for step in steps_for(self.answers) if step not in self.seen), None)


class EstimateQuestionView(_EstimatePage, FormView):
    template_name = "charging/estimate_question.html"

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        steps = steps_for(self.answers)
        self.step = kwargs["slug"]
        if self.step not in steps:
            raise Http404("No such question.")
        self.index = steps.index(self.step)
        unseen = self.first_unseen()
        if unseen is not None and steps.index(unseen) < self.index:
            return redirect(self.url(_question_url(unseen)))
        return None

    def get_form_class(self):
        return _form_class_and_kwargs(self.step)[0]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(_form_class_and_kwargs(self.step)[1])
        return kwargs

    def get_initial(self):
        return _initial_from(self.step, self.answers.get(self.step))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = steps_for(self.answers)
        if self.step in self.seen and self.first_unseen() is None:
            back = self.url(reverse("charging-estimate:estimate-check"))
        elif self.index:
            back = self.url(_question_url(steps[self.index - 1]))
        else:
            back = reverse("charging-estimate:estimate-start")
        context.update(
            title=TITLE,
            question=_question(self.step),
            single_field=len(context["form"].fields) == 1,
            back_url=back,
            token_field=TOKEN_FIELD,
            token=self.token,
        )
        return context

    def form_valid(self, form):
        self.answers[self.step] = _answer_from(self.step, form.cleaned_data)
        if self.step not in self.seen:
            self.seen.append(self.step)
        # Answers to questions no longer asked (a kind of income taken off the list) are forgotten.
        asked = set(steps_for(self.answers))
        self.answers = {step: answer for step, answer in self.answers.items() if step in asked}
        self.seen = [step for step in self.seen if step in asked]
        self.new_token()
        unseen = self.first_unseen()
        return redirect(self.url(_question_url(unseen) if unseen else reverse("charging-estimate:estimate-check")))


class EstimateCheckView(_EstimatePage, TemplateView):
    template_name = "charging/estimate_check.html"

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        unseen = self.first_unseen()
        return redirect(self.url(_question_url(unseen))) if unseen else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = steps_for(self.answers)
        rows = [
            {
                "question": _question(step),
                "answer": _answer_text(step, self.answers[step]),
                "url": self.url(_question_url(step)),
            }
            for step in steps
        ]
        context.update(
            rows=rows,
            back_url=self.url(_question_url(steps[-1])),
            result_url=self.url(reverse("charging-estimate:estimate-result")),
            title=TITLE,
        )
        return context


class EstimateResultView(_EstimatePage, TemplateView):
    template_name = "charging/estimate_result.html"

    def load_objects(self, request, *args, **kwargs):
        response = super().load_objects(request, *args, **kwargs)
        if response is not None:
            return response
        unseen = self.first_unseen()
        if unseen is not None:
            return redirect(self.url(_question_url(unseen)))
        parameter_set = parameters_for_estimate(_today())
        if parameter_set is None:
            return redirect("charging-estimate:estimate-start")
        self.parameter_set: ChargingParameterSet = parameter_set
        self.later_year = _later_year(parameter_set, _today())
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = to_rules(self.parameter_set)
        data, typical = charging_input(self.answers, parameters=figures)
        result = rules.calculate(data, figures)
        kinds = list(self.answers.get("income") or [])
        today = _today()
        context.update(
            title=TITLE,
            result=result,
            contribution=rules.pounds(result.weekly_contribution),
            assessed=rules.pounds(result.assessed_charge),
            cost=rules.pounds(result.weekly_cost_of_care),
            council_pays=rules.pounds(result.council_pays_weekly),
            upper_limit=rules.pounds(figures.effective_upper_capital_limit),
            lower_limit=rules.pounds(figures.effective_lower_capital_limit),
            free=result.outcome == rules.Outcome.FREE_SERVICE,
            lines=result.lines,  # the page writes money taken off as "minus £36.50" (pounds_plain)
            assumptions=_assumptions(data, figures, kinds, typical),
            typical=typical,
            financial_year=self.parameter_set.financial_year,
            this_year=rules.financial_year_label(rules.financial_year_start(today)),
            later_year=self.later_year,
            financial_assessment_url=FINANCIAL_ASSESSMENT_PATH,
            check_url=self.url(reverse("charging-estimate:estimate-check")),
        )
        return context
