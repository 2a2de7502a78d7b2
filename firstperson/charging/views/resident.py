"""The online financial assessment, under /my-account/financial-assessment/.

The person, or a representative with authority over their money, starts one, answers one question
a page (each answer saved at once, so they can stop and come back), adds their savings and income
one item at a time, uploads evidence, checks their answers and sends it. Then they see an estimate of
what they would pay, clearly marked as not final, or what happens next. Once a finance officer has
completed it they see what they pay, how it was worked out, and the letter.

Nobody else's assessment can be found here: it is 404.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from firstperson.people.selectors import person_of_account
from firstperson.platform.access.policies import for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES
from firstperson.platform.ui.form_errors import form_error_from

from .. import permissions, selectors
from ..forms import assessments as forms
from ..models import AssessmentStatus, CapitalHolding, ScanStatus, StartedVia
from ..rules import charging as rules
from ..services import assessments as services
from ..services import evidence as evidence_service
from ..services import parameters as parameter_service
from ..services.letters import calculation_context, letter_pdf, outcome_letter_pdf
from .shared import answer_rows, item_rows

RESIDENTS = for_roles(RESIDENT_FACE_ROLES, "Residents and representatives")
NS = "charging-resident"
#: The one-question pages. "disability-costs-amount" is part of the "disability-costs" step: it is
#: asked only of someone who wants to tell us their costs instead of the standard allowance.
FORM_STEPS = ("full-assessment", "household", "children", "premiums", "housing", "disability-costs")
AMOUNT_STEP = "disability-costs-amount"


def step_url(assessment, step: str, change: bool = False) -> str:
    if step in ("capital", "income", "evidence"):
        url = reverse(f"{NS}:{step}", args=[assessment.pk])
    else:
        url = reverse(f"{NS}:step", args=[assessment.pk, step])
    return url + "?change=1" if change else url


def next_url(assessment, step: str) -> str:
    steps = services.steps_needed(assessment)
    if step in steps and steps.index(step) + 1 < len(steps):
        return step_url(assessment, steps[steps.index(step) + 1])
    return reverse(f"{NS}:check", args=[assessment.pk])


def previous_url(assessment, step: str) -> str:
    steps = services.steps_needed(assessment)
    if step in steps and steps.index(step) > 0:
        return step_url(assessment, steps[steps.index(step) - 1])
    return reverse(f"{NS}:overview", args=[assessment.pk])


class HomeView(AccessPolicyMixin, TemplateView):
    access_policy = RESIDENTS
    template_name = "charging/resident_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessments = list(selectors.assessments_online_for(actor=self.request.user))
        context.update(
            assessments=assessments,
            can_start=permissions.people_online_for(self.request.user).exists(),
        )
        return context


class StartView(AccessPolicyMixin, FormView):
    access_policy = RESIDENTS
    template_name = "charging/resident_start.html"
    form_class = forms.ForWhomForm

    def load_objects(self, request, *args, **kwargs):
        self.own = person_of_account(user=request.user)
        people = list(permissions.people_online_for(request.user))
        people.sort(key=lambda p: (self.own is None or p.pk != self.own.pk, p.full_name))
        self.people = people
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "people": self.people, "own": self.own}

    def form_valid(self, form):
        person = next(p for p in self.people if str(p.pk) == form.cleaned_data["person"])
        assessment = services.assessment_start(actor=self.request.user, person=person, via=StartedVia.ONLINE)
        return redirect(f"{NS}:overview", financial_assessment_id=assessment.pk)


class _AssessmentMixin(AccessPolicyMixin):
    access_policy = RESIDENTS
    #: Pages that change the assessment send the person to the overview once it has been sent.
    needs_open = True
    #: Statuses in which a `needs_open` page may be used.
    open_statuses = (AssessmentStatus.IN_PROGRESS,)
    #: A GET of a page that shows the assessment's data is a look at it (FINANCIAL_ASSESSMENT_VIEWED).
    viewed_on_get = True

    def load_objects(self, request, *args, **kwargs):
        self.assessment = selectors.financial_assessment_get_for_actor(
            actor=request.user, assessment_id=kwargs["financial_assessment_id"]
        )
        if self.needs_open and self.assessment.status not in self.open_statuses:
            return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
        return self.load_more(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.viewed_on_get:
            services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return super().get(request, *args, **kwargs)

    def load_more(self, request, *args, **kwargs):
        return None

    @property
    def change_mode(self) -> bool:
        return bool(self.request.GET.get("change"))

    def base_context(self) -> dict:
        person = self.assessment.person
        return {
            "assessment": self.assessment,
            "person": person,
            "is_self": person.account_id == self.request.user.pk,
            "overview_url": reverse(f"{NS}:overview", args=[self.assessment.pk]),
            "check_url": reverse(f"{NS}:check", args=[self.assessment.pk]),
        }


class OverviewView(_AssessmentMixin, TemplateView):
    """The steps and how far each has got; once sent, the estimate or the outcome."""

    needs_open = False
    template_name = "charging/resident_overview.html"

    def get(self, request, *args, **kwargs):
        if self.assessment.status == AssessmentStatus.SUBMITTED:
            return redirect(f"{NS}:sent", financial_assessment_id=self.assessment.pk)
        if self.assessment.status in (AssessmentStatus.COMPLETED, AssessmentStatus.SUPERSEDED):
            return redirect(f"{NS}:explanation", financial_assessment_id=self.assessment.pk)
        return super().get(request, *args, **kwargs)  # logged by _AssessmentMixin.get

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        done = set(self.assessment.completed_steps or [])
        steps = services.steps_needed(self.assessment)
        missing = services.steps_missing(self.assessment)
        context.update(self.base_context())
        context.update(
            steps=[{"title": STEP_TITLES[s], "url": step_url(self.assessment, s), "done": s in done} for s in steps],
            continue_url=step_url(self.assessment, missing[0]) if missing else context["check_url"],
            started=bool(done),
            complete=not missing,
        )
        return context


STEP_TITLES = {
    "full-assessment": "Whether to tell us about your money",
    "household": "Who you live with",
    "children": "Children who depend on you",
    "premiums": "Benefits that mean you keep more",
    "capital": "Savings, investments and property",
    "income": "Income and benefits",
    "housing": "Housing costs",
    "disability-costs": "Extra costs of disability",
    AMOUNT_STEP: "Extra costs of disability",
    "evidence": "Evidence",
}

STEP_HINTS = {
    "full-assessment": (
        "We use what you tell us to work out what you can afford to pay towards your care: most people pay less "
        "than the full cost, and some pay nothing. If you do not want to tell us, you will pay the full cost of "
        "your care. You can ask for a full assessment at any time."
    ),
    "household": "Your partner's own money is not counted, but it changes the amount you are allowed to keep.",
    "children": "Children under 16, or under 20 and in full-time education. Enter 0 if there are none.",
    "premiums": (
        "These mean the law lets you keep more of your money each week. Select all that apply: we will check "
        "them with the Department for Work and Pensions or your award letters."
    ),
    "housing": (
        "Rent, mortgage, council tax and service charges, after any Housing Benefit, the housing part of "
        "Universal Credit and Council Tax Reduction. Enter 0 if they pay all of it."
    ),
    "disability-costs": (
        "If your disability or illness costs you extra, for example a community alarm, extra heating or laundry, "
        "or a special diet, we take it off before working out what you pay. Most people choose our standard "
        "allowance. If your costs are higher, tell us about them and we will ask for receipts or bills."
    ),
}


#: The questions as a representative sees them.
REPRESENTATIVE_LABELS = {
    "kind": "Does {name} want to tell us about their money?",
    "household": "Who does {name} live with?",
    "dependent_children": "How many children under 20 live with {name} and depend on them?",
    "premiums": "Do any of these apply to {name}?",
    "housing_costs_amount": "How much {name} pays for their home",
    "housing_costs_period": "How often does {name} pay this?",
    "dre_choice": "Do you want us to use our standard allowance for the extra costs of {name}'s disability?",
    "dre_weekly": "How much {name}'s extra costs come to each week",
}


class StepView(_AssessmentMixin, FormView):
    """One question a page. The answer is saved as given."""

    template_name = "charging/resident_step.html"

    def load_more(self, request, *args, **kwargs):
        self.step = kwargs["step"]
        if self.step not in (*FORM_STEPS, AMOUNT_STEP):
            raise Http404("No such question.")
        #: The step of the journey this page answers.
        self.journey_step = "disability-costs" if self.step == AMOUNT_STEP else self.step
        return None

    def get_form_class(self):
        return {
            "full-assessment": forms.FullAssessmentForm,
            "household": forms.HouseholdForm,
            "children": forms.ChildrenForm,
            "premiums": forms.PremiumsForm,
            "housing": forms.HousingForm,
            "disability-costs": forms.DisabilityChoiceForm,
            AMOUNT_STEP: forms.DisabilityCostsForm,
        }[self.step]

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        person = self.assessment.person
        if person.account_id != self.request.user.pk:
            # A representative filling in: ask about the person by name, not "you".
            name = person.known_as or person.full_name
            for field, label in REPRESENTATIVE_LABELS.items():
                if field in form.fields:
                    form.fields[field].label = label.format(name=name)
        return form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.step == "children":
            kwargs["household"] = self.assessment.household
        return kwargs

    def get_initial(self):
        a = self.assessment
        done = self.journey_step in (a.completed_steps or [])
        if not done:
            return {}
        return {
            "full-assessment": {"kind": "declined" if a.kind == rules.AssessmentKind.DECLINED else "full"},
            "household": {"household": a.household},
            "children": {"dependent_children": a.dependent_children},
            "premiums": {
                "premiums": [
                    name
                    for name in ("disability_premium", "enhanced_disability_premium", "carer_premium")
                    if getattr(a, name)
                ]
                or ["none"]
            },
            "housing": {"housing_costs_amount": a.housing_costs_amount, "housing_costs_period": a.housing_costs_period},
            "disability-costs": {"dre_choice": "itemised" if a.dre_itemised else "standard"},
            AMOUNT_STEP: {"dre_weekly": a.dre_weekly, "dre_details": a.dre_details},
        }[self.step]

    def values_from(self, data) -> dict:
        if self.step == "full-assessment":
            return {"kind": data["kind"]}
        if self.step == "household":
            return {"household": data["household"]}
        if self.step == "children":
            return {"dependent_children": data["dependent_children"]}
        if self.step == "premiums":
            chosen = set(data["premiums"])
            return {
                name: name in chosen for name in ("disability_premium", "enhanced_disability_premium", "carer_premium")
            }
        if self.step == "housing":
            return {
                "housing_costs_amount": data["housing_costs_amount"],
                "housing_costs_period": data["housing_costs_period"],
            }
        if self.step == AMOUNT_STEP:
            return {"dre_itemised": True, "dre_weekly": data["dre_weekly"], "dre_details": data.get("dre_details", "")}
        return {"dre_itemised": False, "dre_weekly": None, "dre_details": ""}  # the standard allowance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        form = context["form"]
        first = next(iter(form.fields))
        context.update(
            step=self.step,
            title=form.fields[first].label
            if len(form.fields) == 1 or self.step == "full-assessment"
            else STEP_TITLES[self.step],
            single=len(form.fields) == 1 or self.step in ("full-assessment",),
            hint=STEP_HINTS.get(self.step, ""),
            back_url=self._back_url(context["check_url"]),
            standard_dre=_standard_dre(),
        )
        return context

    def _back_url(self, check_url: str) -> str:
        if self.step == AMOUNT_STEP:
            return step_url(self.assessment, "disability-costs", change=self.change_mode)
        return check_url if self.change_mode else previous_url(self.assessment, self.step)

    def post(self, request, *args, **kwargs):
        if "later" in request.POST and not any(
            v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "later")
        ):
            return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if self.step == "disability-costs" and form.cleaned_data["dre_choice"] == "itemised":
            # Their own costs: asked on the next page, saved from there.
            if "later" in self.request.POST:
                return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
            return redirect(step_url(self.assessment, AMOUNT_STEP, change=self.change_mode))
        try:
            self.assessment = services.assessment_update(
                actor=self.request.user,
                assessment=self.assessment,
                values=self.values_from(form.cleaned_data),
                step=self.journey_step,
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        if "later" in self.request.POST:
            return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
        if self.change_mode and not (self.step == "full-assessment" and services.steps_missing(self.assessment)):
            return redirect(f"{NS}:check", financial_assessment_id=self.assessment.pk)
        return redirect(next_url(self.assessment, self.journey_step))


def _standard_dre():
    parameter_set = parameter_service.parameters_for_estimate(timezone.localdate())
    return parameter_set.policy_standard_dre_weekly if parameter_set else None


class _LoopView(_AssessmentMixin, FormView):
    """An "add another" list: the items so far, and "do you want to add another?"."""

    template_name = "charging/resident_loop.html"
    form_class = forms.AddAnotherForm
    step = ""
    question = ""
    question_again = ""

    def items(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        has_items = bool(self.items())
        return {**super().get_form_kwargs(), "label": self.question_again if has_items else self.question}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        items = self.items()
        context.update(
            step=self.step,
            heading=STEP_TITLES[self.step],
            rows=item_rows(
                items, remove_url=lambda item: reverse(f"{NS}:item-remove", args=[self.assessment.pk, item.pk])
            ),
            hint=self.hint,
            back_url=context["check_url"] if self.change_mode else previous_url(self.assessment, self.step),
        )
        return context

    def form_valid(self, form):
        if form.cleaned_data["add_another"] == "yes":
            url = reverse(f"{NS}:{self.step}-add", args=[self.assessment.pk])
            return redirect(url + ("?change=1" if self.change_mode else ""))
        try:
            self.assessment = services.step_done(actor=self.request.user, assessment=self.assessment, step=self.step)
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        if self.change_mode:
            return redirect(f"{NS}:check", financial_assessment_id=self.assessment.pk)
        return redirect(next_url(self.assessment, self.step))


class CapitalView(_LoopView):
    step = "capital"
    question = "Do you have any savings, investments or property?"
    question_again = "Do you have anything else to add?"
    hint = (
        "Include money in bank and building society accounts, cash, ISAs, Premium Bonds, shares, and any property. "
        "Include things you own with someone else. Tell us about the home you live in too: we do not count it "
        "while you get care at home."
    )

    def items(self):
        return list(self.assessment.capital.all())


class IncomeView(_LoopView):
    step = "income"
    question = "Do you get any income or benefits?"
    question_again = "Do you get any other income or benefits?"
    hint = "Pensions, benefits and earnings. Include the ones we do not count: we will show you which."

    def items(self):
        return list(self.assessment.income.all())


class _AddItemView(_AssessmentMixin, FormView):
    step = ""
    viewed_on_get = False  # an empty form

    def loop_url(self):
        return reverse(f"{NS}:{self.step}", args=[self.assessment.pk]) + ("?change=1" if self.change_mode else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(back_url=self.loop_url(), step=self.step)
        return context


class CapitalAddView(_AddItemView):
    step = "capital"
    template_name = "charging/resident_capital_add.html"
    form_class = forms.CapitalForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.capital_add(
                actor=self.request.user,
                assessment=self.assessment,
                type=data["type"],
                value=data["value"],
                share=form.share,
                description=data.get("description", ""),
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.loop_url())


class IncomeAddView(_AddItemView):
    step = "income"
    template_name = "charging/resident_income_add.html"
    form_class = forms.IncomeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        chosen = str(form["code"].value() or "")
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
                actor=self.request.user,
                assessment=self.assessment,
                code=data["code"],
                amount=data["amount"],
                period=data["period"],
                description=data.get("description", ""),
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(self.loop_url())


class ItemRemoveView(_AssessmentMixin, TemplateView):
    template_name = "charging/resident_item_remove.html"

    def load_more(self, request, *args, **kwargs):
        self.item = selectors.item_get(assessment=self.assessment, item_id=kwargs["item_id"])
        self.step = "capital" if isinstance(self.item, CapitalHolding) else "income"
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(
            item=item_rows([self.item], remove_url=lambda item: "")[0],
            back_url=reverse(f"{NS}:{self.step}", args=[self.assessment.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        services.item_remove(actor=request.user, item=self.item)
        return redirect(f"{NS}:{self.step}", financial_assessment_id=self.assessment.pk)


class EvidenceView(_AssessmentMixin, FormView):
    """Evidence can be added after sending too: a finance officer may have asked about an item."""

    template_name = "charging/resident_evidence.html"
    form_class = forms.EvidenceForm
    open_statuses = (AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED)

    @property
    def sent(self) -> bool:
        return self.assessment.status == AssessmentStatus.SUBMITTED

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(
            evidence=list(self.assessment.evidence.filter(scan_status=ScanStatus.CLEAN)),
            max_size=evidence_service.max_size_words(),
            sent=self.sent,
            back_url=reverse(f"{NS}:sent", args=[self.assessment.pk])
            if self.sent
            else (context["check_url"] if self.change_mode else previous_url(self.assessment, "evidence")),
        )
        return context

    def post(self, request, *args, **kwargs):
        if evidence_service.request_too_big(request):
            form = self.get_form_class()(data={})  # the body is not read
            form.add_error("file", evidence_service.too_big_message())
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data.get("file")
        if "upload" in self.request.POST or upload:
            try:
                evidence_service.evidence_add(
                    actor=self.request.user,
                    assessment=self.assessment,
                    uploaded_file=upload,
                    description=form.cleaned_data.get("description", ""),
                )
            except evidence_service.EvidenceRefused as error:
                form_error_from(form, error)
                return self.form_invalid(form)
            return redirect(self.request.get_full_path())
        if self.sent:
            return redirect(f"{NS}:sent", financial_assessment_id=self.assessment.pk)
        self.assessment = services.step_done(actor=self.request.user, assessment=self.assessment, step="evidence")
        if self.change_mode:
            return redirect(f"{NS}:check", financial_assessment_id=self.assessment.pk)
        return redirect(next_url(self.assessment, "evidence"))


class EvidenceDownloadView(_AssessmentMixin, TemplateView):
    needs_open = False
    viewed_on_get = False  # logged below, once the file is found

    def get(self, request, *args, **kwargs):
        evidence = selectors.evidence_get_for_actor(
            actor=request.user, assessment=self.assessment, evidence_id=kwargs["evidence_id"]
        )
        services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return evidence_service.evidence_response(evidence)


class EvidenceRemoveView(_AssessmentMixin, TemplateView):
    template_name = "charging/resident_evidence_remove.html"

    def load_more(self, request, *args, **kwargs):
        self.evidence = selectors.evidence_get_for_actor(
            actor=request.user, assessment=self.assessment, evidence_id=kwargs["evidence_id"]
        )
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        context.update(evidence=self.evidence, back_url=reverse(f"{NS}:evidence", args=[self.assessment.pk]))
        return context

    def post(self, request, *args, **kwargs):
        evidence_service.evidence_remove(actor=request.user, evidence=self.evidence)
        return redirect(f"{NS}:evidence", financial_assessment_id=self.assessment.pk)


class CheckView(_AssessmentMixin, FormView):
    template_name = "charging/resident_check.html"
    form_class = forms.DeclarationForm

    def get_form_kwargs(self):
        person = self.assessment.person
        if person.account_id == self.request.user.pk:
            label = "I confirm that what I have told you is true and complete, as far as I know"
        else:
            label = f"I confirm that what I have told you about {person.full_name}'s money is true and complete, as far as I know"
        return {**super().get_form_kwargs(), "label": label}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        missing = services.steps_missing(self.assessment)
        context.update(
            rows=answer_rows(self.assessment, change_url=lambda step: step_url(self.assessment, step, change=True)),
            capital=item_rows(list(self.assessment.capital.all())),
            income=item_rows(list(self.assessment.income.all())),
            evidence=list(self.assessment.evidence.filter(scan_status=ScanStatus.CLEAN)),
            declined=self.assessment.kind == rules.AssessmentKind.DECLINED,
            missing=[
                {"text": f"Answer: {STEP_TITLES[s]}", "href": step_url(self.assessment, s, change=True)}
                for s in missing
            ],
            back_url=reverse(f"{NS}:overview", args=[self.assessment.pk]),
            capital_url=step_url(self.assessment, "capital", change=True),
            income_url=step_url(self.assessment, "income", change=True),
            evidence_url=step_url(self.assessment, "evidence", change=True),
        )
        return context

    def form_valid(self, form):
        try:
            services.assessment_submit(
                actor=self.request.user, assessment=self.assessment, declaration=form.cleaned_data["declaration"]
            )
        except services.FinancialAssessmentError as error:
            form_error_from(form, error)
            return self.form_invalid(form)
        return redirect(f"{NS}:sent", financial_assessment_id=self.assessment.pk)


class SentView(_AssessmentMixin, TemplateView):
    """After sending: the estimate, clearly not final, or what happens next."""

    needs_open = False
    template_name = "charging/resident_sent.html"

    def load_more(self, request, *args, **kwargs):
        if self.assessment.status != AssessmentStatus.SUBMITTED:
            return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        estimate = selectors.calculation_estimate(assessment=self.assessment)
        context.update(estimate=estimate, reference=str(self.assessment.pk)[:8].upper())
        if estimate is not None:
            context.update(calculation_context(estimate))
        return context


class ExplanationView(_AssessmentMixin, TemplateView):
    """How we worked out what you pay: every line of the completed assessment's calculation."""

    needs_open = False
    template_name = "charging/resident_explanation.html"

    def load_more(self, request, *args, **kwargs):
        if self.assessment.status not in (AssessmentStatus.COMPLETED, AssessmentStatus.SUPERSEDED):
            return redirect(f"{NS}:overview", financial_assessment_id=self.assessment.pk)
        self.calculation = selectors.calculation_decided(assessment=self.assessment)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        contribution = selectors.contribution_of(calculation=self.calculation)
        context.update(calculation_context(self.calculation) if self.calculation else {})
        context.update(
            contribution=contribution,
            history=list(selectors.contribution_history(person=self.assessment.person)),
            letter_url=reverse(f"{NS}:letter", args=[self.assessment.pk])
            if contribution and contribution.letter_issued_at
            else "",
        )
        return context


class LetterView(_AssessmentMixin, TemplateView):
    needs_open = False

    def get(self, request, *args, **kwargs):
        contribution = selectors.contribution_of(calculation=selectors.calculation_decided(assessment=self.assessment))
        if contribution is None or contribution.letter_issued_at is None:
            raise Http404("No letter yet.")
        services.assessment_viewed(actor=request.user, assessment=self.assessment, page=request.path)
        return letter_response(contribution)


def letter_response(contribution, letter=None) -> HttpResponse:
    """The contribution's latest letter as a PDF download, or the issued `letter` given (whose
    contribution may since have been replaced: it keeps the date that contribution began)."""
    pdf = letter_pdf(letter.html) if letter is not None else outcome_letter_pdf(contribution)
    issued = f"-issued-{letter.issued_at:%Y-%m-%d-%H%M}" if letter is not None else ""
    starts = letter.contribution_from if letter is not None else contribution.effective_from
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="what-you-pay-towards-your-care-{starts:%Y-%m-%d}{issued}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
