"""What a person pays each week towards care outside a care home (Care Act 2014 charging rules).

Source: ../shared/domain/REFERENCE.md §3, following the order of operations in §3.7:

    0. free-service screening           (§3.2)
    1. capital after disregards, then full-cost payer above the upper limit, else tariff income (§3.3)
    2. income converted to weekly, each item rounded half-up to the penny, less disregards (§3.4)
    3. less the Minimum Income Guarantee, net housing costs and disability-related expenditure (§3.5-3.6)
    4. assessed charge = the larger of zero and that; then the minimum and maximum charges (§3.8)
    5. weekly contribution = the smaller of the assessed charge and the weekly cost of care

Light-touch outcomes (§3.9): a person who declines a financial assessment, or whose resources are
evidently above the limits (with consent), pays the full cost; evidently unable to pay anything
(with consent) pays nothing.

Every figure here comes from `ChargingParameters`, one financial year's statutory figures and the
council's local policy, never from constants: the figures change every April. Every line of the
working is kept, in order, so the person can read how their charge was worked out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

# Stored with every calculation: change it whenever a change here could change a figure.
RULE_VERSION = "charging-2026.1"
PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def money(amount: Decimal) -> Decimal:
    """Round half-up to the penny."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


class Household(StrEnum):
    SINGLE = "single"
    COUPLE = "couple"
    LONE_PARENT = "lone_parent"


class IncomePeriod(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    ANNUAL = "annual"


PERIOD_WORDS = {
    IncomePeriod.WEEKLY: "a week",
    IncomePeriod.FORTNIGHTLY: "a fortnight",
    IncomePeriod.FOUR_WEEKLY: "every four weeks",
    IncomePeriod.MONTHLY: "a month",
    IncomePeriod.ANNUAL: "a year",
}


def weekly(amount: Decimal, period: IncomePeriod | str) -> Decimal:
    """Convert an amount to weekly, rounded half-up to the penny (REFERENCE §3.7 step 2)."""
    period = IncomePeriod(period)
    if period == IncomePeriod.WEEKLY:
        return money(amount)
    if period == IncomePeriod.FORTNIGHTLY:
        return money(amount / 2)
    if period == IncomePeriod.FOUR_WEEKLY:
        return money(amount / 4)
    if period == IncomePeriod.MONTHLY:
        return money(amount * 12 / 52)
    return money(amount / 52)


class Treatment(StrEnum):
    COUNTED = "counted"
    DISREGARDED = "disregarded"
    #: Disregarded up to a weekly amount (for example the Pension Credit savings credit).
    PARTLY_DISREGARDED = "partly_disregarded"


class CapitalType(StrEnum):
    SAVINGS = "savings"
    INVESTMENTS = "investments"
    MAIN_HOME = "main_home"
    OTHER_PROPERTY = "other_property"
    OTHER = "other"


CAPITAL_WORDS = {
    CapitalType.SAVINGS: "Savings",
    CapitalType.INVESTMENTS: "Investments",
    CapitalType.MAIN_HOME: "Your home",
    CapitalType.OTHER_PROPERTY: "Other property",
    CapitalType.OTHER: "Other capital",
}


class Service(StrEnum):
    """The kind of care being charged for. The free ones are screened out first (REFERENCE §3.2)."""

    HOMECARE = "homecare"
    DAY_SERVICE = "day_service"
    DIRECT_PAYMENT = "direct_payment"
    SUPPORTED_LIVING = "supported_living"
    CARER_SUPPORT = "carer_support"
    OTHER = "other"
    REABLEMENT_FIRST_6_WEEKS = "reablement_first_6_weeks"
    INTERMEDIATE_CARE_FIRST_6_WEEKS = "intermediate_care_first_6_weeks"
    EQUIPMENT = "equipment"
    MINOR_ADAPTATIONS = "minor_adaptations"
    S117_AFTERCARE = "s117_aftercare"
    CJD = "cjd"


#: Why each free service is free, in plain English (Care and Support (Charging and Assessment of
#: Resources) Regulations 2014, regulations 3 and 4; REFERENCE §3.2).
FREE_SERVICES: Mapping[Service, str] = {
    Service.REABLEMENT_FIRST_6_WEEKS: "Reablement is free for the first 6 weeks",
    Service.INTERMEDIATE_CARE_FIRST_6_WEEKS: "Intermediate care is free for the first 6 weeks",
    Service.EQUIPMENT: "Community equipment is free",
    Service.MINOR_ADAPTATIONS: "Minor adaptations to your home are free",
    Service.S117_AFTERCARE: "After-care under section 117 of the Mental Health Act is free",
    Service.CJD: "Care for people with Creutzfeldt-Jakob disease is free",
}


class AssessmentKind(StrEnum):
    FULL = "full"
    #: The person chose not to tell us about their money: they pay the full cost (reg. 10(1)).
    DECLINED = "declined"
    #: With consent, the evidence shows they cannot pay anything (reg. 10(2)).
    LIGHT_TOUCH_BELOW = "light_touch_below"
    #: With consent, the evidence shows their money is above the upper limit (reg. 10(3)).
    LIGHT_TOUCH_ABOVE = "light_touch_above"


class Outcome(StrEnum):
    FREE_SERVICE = "free_service"
    FULL_COST = "full_cost"
    LIGHT_TOUCH_NIL = "light_touch_nil"
    ASSESSED = "assessed"


@dataclass(frozen=True)
class IncomeRule:
    """How one kind of income is treated (REFERENCE §3.4)."""

    code: str
    label: str
    treatment: Treatment
    disregard_weekly_single: Decimal = ZERO
    disregard_weekly_couple: Decimal = ZERO
    #: Set on the three benefits that have a night element (AA higher, DLA care highest, PIP daily
    #: living enhanced): the name of the council switch that disregards it.
    night_element_switch: str = ""


@dataclass(frozen=True)
class MinimumIncomeGuarantee:
    """Weekly MIG amounts (SI 2014/2672 regulation 7; REFERENCE §3.5). Couple amounts are per member."""

    single_18_to_24: Decimal
    single_25_to_pension_age: Decimal
    single_pension_age: Decimal
    lone_parent: Decimal
    couple_working_age: Decimal
    couple_pension_age: Decimal
    disability_premium_single: Decimal
    disability_premium_couple: Decimal
    enhanced_disability_premium_single: Decimal
    enhanced_disability_premium_couple: Decimal
    carer_premium: Decimal
    per_dependent_child: Decimal


@dataclass(frozen=True)
class LocalPolicy:
    """The council's choices within the regulations (REFERENCE §3.8). A finance officer can model
    a change to any of them before consulting on it."""

    standard_dre_weekly: Decimal = Decimal("20.00")
    #: An assessed charge below this is not collected (None: no minimum).
    minimum_charge_weekly: Decimal | None = None
    #: Nobody pays more than this a week (None: no maximum).
    maximum_charge_weekly: Decimal | None = None
    disregard_night_element_attendance_allowance: bool = True
    disregard_night_element_dla_care: bool = True
    disregard_night_element_pip_daily_living: bool = False
    #: Higher capital limits for care outside a care home (None: the statutory limits). A council
    #: may set higher limits, never lower ones.
    lower_capital_limit: Decimal | None = None
    upper_capital_limit: Decimal | None = None
    #: Capital exactly at the upper limit: False (the default) charges tariff income; True makes
    #: the person a full-cost payer "at or above" the limit.
    full_cost_at_upper_limit: bool = False


NIGHT_SWITCHES = (
    "disregard_night_element_attendance_allowance",
    "disregard_night_element_dla_care",
    "disregard_night_element_pip_daily_living",
)


@dataclass(frozen=True)
class ChargingParameters:
    """One financial year's figures (1 April to 31 March) and the council's policy."""

    version: str
    year_start: date
    lower_capital_limit: Decimal
    upper_capital_limit: Decimal
    tariff_step: Decimal
    tariff_per_step_weekly: Decimal
    pension_credit_qualifying_age: int
    mig: MinimumIncomeGuarantee
    #: The weekly night element: the higher rate of AA / DLA care / PIP daily living less the lower one.
    night_element_weekly: Decimal
    income_rules: Mapping[str, IncomeRule]
    policy: LocalPolicy = field(default_factory=LocalPolicy)

    def with_policy(self, **changes) -> ChargingParameters:
        """The same year under a changed local policy (for modelling)."""
        return replace(self, policy=replace(self.policy, **changes))

    @property
    def effective_lower_capital_limit(self) -> Decimal:
        return max(self.lower_capital_limit, self.policy.lower_capital_limit or self.lower_capital_limit)

    @property
    def effective_upper_capital_limit(self) -> Decimal:
        return max(self.upper_capital_limit, self.policy.upper_capital_limit or self.upper_capital_limit)


@dataclass(frozen=True)
class Person:
    age: int
    household: Household = Household.SINGLE
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    carer_premium: bool = False
    dependent_children: int = 0


@dataclass(frozen=True)
class CapitalItem:
    type: CapitalType
    value: Decimal
    #: The person's share of jointly held capital (1 = all of it).
    share: Decimal = Decimal(1)


@dataclass(frozen=True)
class IncomeItem:
    code: str
    amount: Decimal
    period: IncomePeriod = IncomePeriod.WEEKLY


@dataclass(frozen=True)
class ChargingInput:
    person: Person
    weekly_cost_of_care: Decimal
    service: Service = Service.HOMECARE
    capital: Sequence[CapitalItem] = ()
    income: Sequence[IncomeItem] = ()
    housing_costs_weekly: Decimal = ZERO
    #: Itemised disability-related expenditure a week; None means the council's standard allowance.
    dre_weekly: Decimal | None = None
    night_care_arranged: bool = False
    kind: AssessmentKind = AssessmentKind.FULL


@dataclass(frozen=True)
class Line:
    description: str
    amount: Decimal
    #: income, capital, allowance, subtotal, result, note
    kind: str = "note"


@dataclass(frozen=True)
class ChargingResult:
    parameters_version: str
    rule_version: str
    outcome: Outcome
    full_cost_payer: bool
    capital: Decimal
    tariff_income: Decimal
    assessable_income: Decimal
    mig: Decimal
    housing_costs: Decimal
    dre: Decimal
    assessed_charge: Decimal
    weekly_cost_of_care: Decimal
    weekly_contribution: Decimal
    lines: tuple[Line, ...]

    @property
    def council_pays_weekly(self) -> Decimal:
        return self.weekly_cost_of_care - self.weekly_contribution


class ChargingInputError(ValueError):
    """The input cannot be charged under these parameters (an unknown income code, a negative
    amount). The message names the problem in plain English."""


def tariff_income_weekly(capital: Decimal, parameters: ChargingParameters) -> Decimal:
    """£1 a week for every £250, or part of £250, above the lower limit (REFERENCE §3.3).

    Callers handle capital above the upper limit (a full-cost payer) first.
    """
    lower = parameters.effective_lower_capital_limit
    if capital <= lower:
        return ZERO
    steps = ((capital - lower) / parameters.tariff_step).to_integral_value(rounding=ROUND_CEILING)
    return money(steps * parameters.tariff_per_step_weekly)


def is_full_cost_capital(capital: Decimal, parameters: ChargingParameters) -> bool:
    upper = parameters.effective_upper_capital_limit
    if parameters.policy.full_cost_at_upper_limit:
        return capital >= upper
    return capital > upper


def minimum_income_guarantee(person: Person, parameters: ChargingParameters) -> tuple[Decimal, list[Line]]:
    """The person's MIG and its parts, from their age and circumstances (REFERENCE §3.5)."""
    mig = parameters.mig
    pension_age = person.age >= parameters.pension_credit_qualifying_age
    couple = person.household == Household.COUPLE
    if couple:
        base = mig.couple_pension_age if pension_age else mig.couple_working_age
        base_words = "member of a couple, " + (
            "Pension Credit age or over" if pension_age else "under Pension Credit age"
        )
    elif pension_age:
        base, base_words = mig.single_pension_age, "Pension Credit age or over"
    elif person.household == Household.LONE_PARENT:
        base, base_words = mig.lone_parent, "lone parent"
    elif person.age < 25:
        base, base_words = mig.single_18_to_24, "single, aged 18 to 24"
    else:
        base, base_words = mig.single_25_to_pension_age, "single, aged 25 to Pension Credit age"
    parts = [Line(f"Basic amount ({base_words})", base, "allowance")]
    # The disability and enhanced disability premiums follow the Income Support rules, which are
    # for people under Pension Credit age; at that age the higher basic amount applies instead
    # (REFERENCE §3.5, structure of regulation 7 [P]).
    premiums_apply = not pension_age
    if person.disability_premium and premiums_apply:
        amount = mig.disability_premium_couple if couple else mig.disability_premium_single
        parts.append(Line("Disability premium", amount, "allowance"))
    if person.enhanced_disability_premium and premiums_apply:
        amount = mig.enhanced_disability_premium_couple if couple else mig.enhanced_disability_premium_single
        parts.append(Line("Enhanced disability premium", amount, "allowance"))
    if (person.disability_premium or person.enhanced_disability_premium) and not premiums_apply:
        parts.append(
            Line("Disability premiums: not added at Pension Credit age (the basic amount is higher)", ZERO, "note")
        )
    if person.carer_premium:
        parts.append(Line("Carer premium", mig.carer_premium, "allowance"))
    if person.dependent_children:
        children = person.dependent_children
        amount = mig.per_dependent_child * children
        noun = "child" if children == 1 else "children"
        parts.append(Line(f"For {children} dependent {noun}", amount, "allowance"))
    return money(sum((line.amount for line in parts), ZERO)), parts


#: Benefits that usually mean the disability premium (REFERENCE §3.5: "if the person would qualify for
#: it under Income Support rules"), and the highest rates that usually mean the enhanced premium.
DISABILITY_PREMIUM_BENEFITS = frozenset(
    {
        "attendance_allowance_higher", "attendance_allowance_lower", "dla_care_highest", "dla_care_middle",
        "dla_care_lowest", "dla_mobility_higher", "dla_mobility_lower", "pip_daily_living_enhanced",
        "pip_daily_living_standard", "pip_mobility_enhanced", "pip_mobility_standard",
    }
)  # fmt: skip
ENHANCED_PREMIUM_BENEFITS = frozenset({"dla_care_highest", "pip_daily_living_enhanced"})


def likely_premiums(income_codes, *, age: int, parameters: ChargingParameters) -> dict[str, bool]:
    """The MIG premiums a person probably gets, from the benefits they named: an estimate's guess,
    which an officer confirms in a full assessment. None of the disability premiums at Pension Credit age."""
    codes = set(income_codes)
    working_age = age < parameters.pension_credit_qualifying_age
    return {
        "disability_premium": working_age and bool(codes & DISABILITY_PREMIUM_BENEFITS),
        "enhanced_disability_premium": working_age and bool(codes & ENHANCED_PREMIUM_BENEFITS),
        "carer_premium": "carers_allowance" in codes,
    }


def _check(data: ChargingInput, parameters: ChargingParameters) -> None:
    problems = []
    if data.weekly_cost_of_care < 0:
        problems.append("The weekly cost of care cannot be less than zero")
    if data.housing_costs_weekly < 0:
        problems.append("Housing costs cannot be less than zero")
    if data.dre_weekly is not None and data.dre_weekly < 0:
        problems.append("Disability-related spending cannot be less than zero")
    if data.person.age < 18:
        problems.append("Charging for adult care applies from age 18")
    if data.person.dependent_children < 0:
        problems.append("The number of dependent children cannot be less than zero")
    for item in data.income:
        if item.code not in parameters.income_rules:
            problems.append(f"'{item.code}' is not a kind of income these rules know")
        if item.amount < 0:
            problems.append(f"An income amount ({item.code}) cannot be less than zero")
    for capital in data.capital:
        if capital.value < 0:
            problems.append("A capital value cannot be less than zero")
        if not (0 <= capital.share <= 1):
            problems.append("A share of jointly held capital must be between 0 and 1")
    if problems:
        raise ChargingInputError("; ".join(problems))


def calculate(data: ChargingInput, parameters: ChargingParameters) -> ChargingResult:
    """The weekly contribution, with every line of the working."""
    _check(data, parameters)
    policy = parameters.policy
    cost = money(data.weekly_cost_of_care)
    max_charge = policy.maximum_charge_weekly

    def capped_cost() -> Decimal:
        return min(cost, max_charge) if max_charge is not None else cost

    def result(
        outcome,
        lines,
        *,
        full_cost=False,
        capital=ZERO,
        tariff=ZERO,
        income=ZERO,
        mig=ZERO,
        housing=ZERO,
        dre=ZERO,
        assessed=ZERO,
        contribution=ZERO,
    ) -> ChargingResult:
        return ChargingResult(
            parameters_version=parameters.version, rule_version=RULE_VERSION, outcome=outcome,
            full_cost_payer=full_cost, capital=capital, tariff_income=tariff, assessable_income=income,
            mig=mig, housing_costs=housing, dre=dre, assessed_charge=assessed, weekly_cost_of_care=cost,
            weekly_contribution=contribution, lines=tuple(lines),
        )  # fmt: skip

    # 0. Free services.
    if data.service in FREE_SERVICES:
        free = [Line(FREE_SERVICES[Service(data.service)] + ", so you pay nothing for it.", ZERO, "result")]
        return result(Outcome.FREE_SERVICE, free)

    # Light-touch outcomes (regulation 10).
    if data.kind in (AssessmentKind.DECLINED, AssessmentKind.LIGHT_TOUCH_ABOVE):
        why = (
            "You chose not to tell us about your money, so you pay the full cost of your care."
            if data.kind == AssessmentKind.DECLINED
            else "You agreed that your money is above the upper limit, so you pay the full cost of your care."
        )
        return _full_cost(result, why, cost, capped_cost(), max_charge)
    if data.kind == AssessmentKind.LIGHT_TOUCH_BELOW:
        nil_lines = [Line("You agreed that your income shows you cannot pay towards your care.", ZERO, "result")]
        return result(Outcome.LIGHT_TOUCH_NIL, nil_lines)

    lines: list[Line] = []
    # 1. Capital after disregards.
    capital = ZERO
    for item in data.capital:
        kind = CapitalType(item.type)
        counted = money(item.value * item.share)
        words = CAPITAL_WORDS[kind]
        if item.share != 1:
            words += f" (your share: {pounds(counted)} of {pounds(money(item.value))})"
        if kind == CapitalType.MAIN_HOME:
            lines.append(Line(f"{words}: not counted while you get care at home", ZERO, "capital"))
            continue
        capital += counted
        lines.append(Line(words, counted, "capital"))
    capital = money(capital)
    lines.append(Line("Capital we count", capital, "subtotal"))
    upper = parameters.effective_upper_capital_limit
    if is_full_cost_capital(capital, parameters):
        limit = "at or above" if policy.full_cost_at_upper_limit else "above"
        why = f"Your capital is {limit} the upper limit of {pounds(upper)}, so you pay the full cost of your care."
        return _full_cost(result, why, cost, capped_cost(), max_charge, lines=lines, capital=capital)
    tariff = tariff_income_weekly(capital, parameters)
    lower = parameters.effective_lower_capital_limit
    if tariff:
        lines.append(
            Line(
                f"Tariff income: {pounds(parameters.tariff_per_step_weekly)} a week for every "
                f"{pounds(parameters.tariff_step)}, or part of it, above {pounds(lower)}",
                tariff,
                "income",
            )
        )
    else:
        lines.append(Line(f"Tariff income: none, because your capital is not above {pounds(lower)}", ZERO, "income"))

    # 2. Income, weekly, less disregards.
    couple = data.person.household == Household.COUPLE
    income = tariff
    for income_item in data.income:
        rule = parameters.income_rules[income_item.code]
        amount = weekly(income_item.amount, income_item.period)
        period = IncomePeriod(income_item.period)
        shown = pounds(money(income_item.amount)) + " " + PERIOD_WORDS[period]
        if period != IncomePeriod.WEEKLY:
            shown += f" ({pounds(amount)} a week)"
        if rule.treatment == Treatment.DISREGARDED:
            lines.append(Line(f"{rule.label}, {shown}: not counted", ZERO, "income"))
            continue
        counted = amount
        if rule.treatment == Treatment.PARTLY_DISREGARDED:
            allowed: Decimal = rule.disregard_weekly_couple if couple else rule.disregard_weekly_single
            ignored = min(amount, allowed)
            counted = amount - ignored
            if ignored:
                shown += f", of which {pounds(ignored)} is not counted"
        if rule.night_element_switch and not data.night_care_arranged and getattr(policy, rule.night_element_switch):
            ignored = min(counted, parameters.night_element_weekly)
            counted -= ignored
            shown += (
                f", counted at {pounds(counted)}: the night part, {pounds(ignored)}, is not counted "
                "because the council arranges no care at night"
            )
        lines.append(Line(f"{rule.label}, {shown}", counted, "income"))
        income += counted
    income = money(income)
    lines.append(Line("Income we count each week", income, "subtotal"))

    # 3. Allowances.
    mig, mig_parts = minimum_income_guarantee(data.person, parameters)
    for part in mig_parts:
        lines.append(Line(f"Minimum Income Guarantee: {part.description}", -part.amount, "allowance"))
    housing = money(data.housing_costs_weekly)
    if housing:
        lines.append(Line("Housing costs, after any Housing Benefit and Council Tax Reduction", -housing, "allowance"))
    if data.dre_weekly is None:
        dre = money(policy.standard_dre_weekly)
        dre_words = "Extra costs of disability: the council's standard allowance"
    else:
        dre = money(data.dre_weekly)
        dre_words = "Extra costs of disability, as we worked them out with you"
    if dre:
        lines.append(Line(dre_words, -dre, "allowance"))

    # 4. Assessed charge, then the council's minimum and maximum.
    assessed = max(ZERO, money(income - mig - housing - dre))
    lines.append(Line("What you can afford to pay each week (your assessed charge)", assessed, "subtotal"))
    minimum = policy.minimum_charge_weekly
    if minimum is not None and ZERO < assessed < minimum:
        lines.append(Line(f"The council does not collect charges under {pounds(minimum)} a week", -assessed, "note"))
        assessed = ZERO
    if max_charge is not None and assessed > max_charge:
        lines.append(Line(f"Nobody pays more than {pounds(max_charge)} a week", max_charge - assessed, "note"))
        assessed = max_charge

    # 5. Never more than the care costs.
    contribution = min(assessed, cost)
    lines.append(Line("The weekly cost of your care", cost, "note"))
    lines.append(Line("You pay each week (the smaller of the two)", contribution, "result"))
    lines.append(Line("The council pays each week", cost - contribution, "note"))
    return result(
        Outcome.ASSESSED, lines, capital=capital, tariff=tariff, income=income, mig=mig, housing=housing,
        dre=dre, assessed=assessed, contribution=contribution,
    )  # fmt: skip


def _full_cost(result, why: str, cost: Decimal, capped: Decimal, max_charge, *, lines=(), capital=ZERO):
    lines = list(lines)
    lines.append(Line(why, cost, "note"))
    if capped != cost:
        lines.append(Line(f"Nobody pays more than {pounds(max_charge)} a week", capped - cost, "note"))
    lines.append(Line("You pay each week", capped, "result"))
    lines.append(Line("The council pays each week", cost - capped, "note"))
    return result(Outcome.FULL_COST, lines, full_cost=True, capital=capital, assessed=capped, contribution=capped)


def age_on(date_of_birth: date, day: date) -> int:
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def financial_year_start(day: date) -> date:
    """1 April of the financial year that `day` falls in."""
    return date(day.year if (day.month, day.day) >= (4, 1) else day.year - 1, 4, 1)


def financial_year_label(year_start: date) -> str:
    return f"{year_start.year}-{str(year_start.year + 1)[-2:]}"
