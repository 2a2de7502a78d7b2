"""Reads of the allocation app: configurations (and the adapter to the pure rule), budgets, moderation.

Selectors about a person's budget take the actor and return only what the actor may see.
"""

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from firstperson.assessment.models import (
    AnswerOption,
    AssessmentStatus,
    Question,
    QuestionnaireKind,
    Section,
    SelfAssessment,
)
from firstperson.people.models import Person

from . import permissions
from .models import (
    BudgetModeration,
    ConfigurationStatus,
    IndicativeBudget,
    ModerationStatus,
    MoneyMethod,
    RasConfiguration,
)
from .rules import ras
from .rules.moderation import IN_EFFECT

if TYPE_CHECKING:
    # At run time WithAnnotations takes one argument; the type checker reads the second.
    from django_stubs_ext import WithAnnotations

# --- Configurations ----------------------------------------------------------------------------


def _plain(value: Decimal) -> Decimal:
    """A decimal without trailing zeros or an exponent: 0.800 -> 0.8, 10.000 -> 10 (not 1E+1)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def configuration_sections(configuration: RasConfiguration) -> list[Section]:
    """The questionnaire version's sections, each with its questions and their options, in order."""
    # Ties broken by id, so the order never varies: the public estimate's cookie names places in it.
    questions = Question.objects.order_by("order", "pk").prefetch_related(
        Prefetch("options", queryset=AnswerOption.objects.order_by("order", "pk"))
    )
    return list(
        Section.objects.filter(version=configuration.questionnaire_version_id)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


def ras_configuration_for(
    configuration: RasConfiguration, sections: list[Section] | None = None
) -> ras.RasConfiguration:
    """The pure rule's configuration, built from the models.

    Domains are the questionnaire version's sections (their code and title), with the weight and cap
    set for that code; points come from the version's answer options. A price-per-point
    configuration with no price yet gets £0, which the publication checks report.
    """
    sections = configuration_sections(configuration) if sections is None else sections
    settings = {setting.section_code: setting for setting in configuration.domain_settings.all()}
    domains = []
    questions = []
    for section in sections:
        setting = settings.get(section.code)
        domains.append(
            ras.Domain(
                code=section.code,
                name=section.title,
                weight=_plain(setting.weight) if setting else Decimal(1),
                cap_points=_plain(setting.cap_points) if setting and setting.cap_points is not None else None,
            )
        )
        for question in section.questions.all():
            questions.append(
                ras.Question(
                    code=question.code,
                    domain=section.code,
                    options=tuple(
                        ras.AnswerOption(code=option.code, points=_plain(option.points))
                        for option in question.options.all()
                    ),
                    required=question.required,
                )
            )
    money_function: ras.MoneyFunction
    if configuration.money_method == MoneyMethod.BANDS:
        money_function = ras.Bands(
            tuple(
                ras.Band(name=band.name, min_points=_plain(band.min_points), amount=band.amount)
                for band in configuration.bands.all()
            )
        )
    elif configuration.money_method == MoneyMethod.PIECEWISE_LINEAR:
        money_function = ras.PiecewiseLinear(
            tuple(ras.Piece(points=_plain(c.points), amount=c.amount) for c in configuration.corners.all())
        )
    else:
        money_function = ras.PricePerPoint(configuration.price_per_point or Decimal("0.00"))
    adjustments = tuple(
        ras.Adjustment(
            description=adjustment.description,
            question=adjustment.question_code,
            options=frozenset(adjustment.option_codes),
            domains=frozenset(adjustment.domain_codes),
            factor=_plain(adjustment.factor),
        )
        for adjustment in configuration.adjustments.all()
    )
    return ras.RasConfiguration(
        version=configuration.version_label,
        domains=tuple(domains),
        questions=tuple(questions),
        money_function=money_function,
        period=ras.Period(configuration.period),
        adjustments=adjustments,
        minimum=configuration.minimum,
        maximum=configuration.maximum,
        rounding=ras.Rounding(configuration.rounding),
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def ras_configuration_fingerprint(config: ras.RasConfiguration) -> str:
    """SHA-256 over a canonical JSON of everything the figure depends on."""
    function = config.money_function
    money: dict[str, object]
    if isinstance(function, ras.PricePerPoint):
        money = {"price_per_point": _text(function.amount_per_point)}
    elif isinstance(function, ras.Bands):
        money = {"bands": [[b.name, _text(b.min_points), _text(b.amount)] for b in function.bands]}
    else:
        money = {"corners": [[_text(c.points), _text(c.amount)] for c in function.corners]}
    canonical = {
        "version": config.version,
        "domains": [[d.code, d.name, _text(d.weight), _text(d.cap_points)] for d in config.domains],
        "questions": [
            [q.code, q.domain, q.required, [[o.code, _text(o.points)] for o in q.options]] for q in config.questions
        ],
        "money": money,
        "period": str(config.period),
        "adjustments": [
            [a.description, a.question, sorted(a.options), sorted(a.domains), _text(a.factor)]
            for a in config.adjustments
        ],
        "minimum": _text(config.minimum),
        "maximum": _text(config.maximum),
        "rounding": str(config.rounding),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()


def configuration_list() -> QuerySet[RasConfiguration]:
    return RasConfiguration.objects.select_related("questionnaire", "questionnaire_version").order_by(
        "questionnaire__name", "-number"
    )


def configuration_get(*, configuration_id: uuid.UUID) -> RasConfiguration:
    configuration = (
        RasConfiguration.objects.select_related("questionnaire", "questionnaire_version", "based_on")
        .filter(pk=configuration_id)
        .first()
    )
    if configuration is None:
        raise Http404("No configuration here.")
    return configuration


def configuration_newest_number(*, questionnaire_id: uuid.UUID) -> int:
    """The number of the newest configuration of a questionnaire (0 if none): a page that makes a
    new version sends it back, so a second press of the button finds the draft the first made."""
    newest = RasConfiguration.objects.filter(questionnaire_id=questionnaire_id).order_by("-number").first()
    return newest.number if newest else 0


def _in_force(on: datetime.date) -> QuerySet[RasConfiguration]:
    return (
        RasConfiguration.objects.select_related("questionnaire", "questionnaire_version")
        .filter(status=ConfigurationStatus.PUBLISHED, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from", "-published_at")
    )


def configuration_in_force(*, questionnaire_id: uuid.UUID, on: datetime.date | None = None) -> RasConfiguration | None:
    """The published configuration of this questionnaire in force on the day: the one that took
    effect most recently, on or before it, and has not ended. Retired ones are never in force."""
    return _in_force(on or timezone.localdate()).filter(questionnaire_id=questionnaire_id).first()


def configuration_in_force_without(configuration: RasConfiguration) -> RasConfiguration | None:
    """The configuration that would be in force today if `configuration` were retired: what the
    retire page tells the administrator takes over (an older version, or none)."""
    return (
        _in_force(timezone.localdate())
        .filter(questionnaire_id=configuration.questionnaire_id)
        .exclude(pk=configuration.pk)
        .first()
    )


def configuration_current(*, on: datetime.date | None = None) -> RasConfiguration | None:
    """The configuration the public estimate uses: in force today, for a self-assessment. When
    several self-assessments each have one in force, the one that took effect most recently
    (`self_assessment_configurations_in_force` lists them all, so the administrators' page can say so)."""
    return _in_force(on or timezone.localdate()).filter(questionnaire__kind=QuestionnaireKind.SELF_ASSESSMENT).first()


def self_assessment_configurations_in_force(*, on: datetime.date | None = None) -> list[RasConfiguration]:
    """Each self-assessment questionnaire's configuration in force on the day, the current one
    (`configuration_current`) first. More than one means the public estimate, the estimate API's
    current configuration and the equality check all use only the first."""
    in_force = _in_force(on or timezone.localdate()).filter(questionnaire__kind=QuestionnaireKind.SELF_ASSESSMENT)
    first_of_each: dict[uuid.UUID, RasConfiguration] = {}
    for configuration in in_force:
        first_of_each.setdefault(configuration.questionnaire_id, configuration)
    return list(first_of_each.values())


def configuration_public_get(*, configuration_id: str) -> RasConfiguration | None:
    """A published or retired configuration by its id (drafts are not public); None if there is none."""
    try:
        key = uuid.UUID(str(configuration_id))
    except ValueError:
        return None
    return (
        RasConfiguration.objects.select_related("questionnaire", "questionnaire_version")
        .filter(pk=key, status__in=[ConfigurationStatus.PUBLISHED, ConfigurationStatus.RETIRED])
        .first()
    )


# --- Indicative budgets --------------------------------------------------------------------------


def assessment_answers(*, assessment: SelfAssessment) -> dict[str, str]:
    """The assessment's answers as {question code: option code}, the pure rule's input."""
    return dict(assessment.answers.values_list("question__code", "option__code").order_by("question__order"))


def assessment_latest_submitted(*, person: Person) -> SelfAssessment | None:
    """The person's most recently submitted self-assessment of their own needs."""
    return (
        SelfAssessment.objects.select_related("version__questionnaire")
        .filter(
            person=person,
            status=AssessmentStatus.SUBMITTED,
            version__questionnaire__kind=QuestionnaireKind.SELF_ASSESSMENT,
        )
        .order_by("-submitted_at", "-started_at")
        .first()
    )


def person_get_for_budget(*, actor, person_id: uuid.UUID) -> Person:
    """The person, if the actor may see their budget; otherwise 404, whether or not they exist."""
    person = (
        permissions.people_with_visible_budgets(actor).select_related("allocated_team").filter(pk=person_id).first()
    )
    if person is None:
        raise Http404("No person here.")
    return person


def people_represented_for_budgets(*, actor) -> QuerySet[Person]:
    """Other people whose budgets a resident-face user may see: those they represent with authority."""
    return (
        permissions.people_with_visible_budgets(actor)
        .exclude(account=actor)
        .order_by("legal_family_name", "legal_given_name")
    )


def budget_current_for(*, actor, person: Person) -> IndicativeBudget | None:
    """The person's current indicative budget (from their latest calculated assessment), if the
    actor may see the person."""
    return (
        permissions.budgets_visible_to(actor)
        .select_related("configuration__questionnaire", "assessment")
        .filter(person=person, is_current=True)
        .order_by("-computed_at")
        .first()
    )


def budget_previous_for(*, actor, person: Person) -> QuerySet[IndicativeBudget]:
    return (
        permissions.budgets_visible_to(actor)
        .select_related("configuration__questionnaire")
        .filter(person=person, is_current=False)
        .order_by("-computed_at")
    )


@dataclass(frozen=True)
class AgreedFigure:
    """The figure that stands now: the calculated one, or the latest change that took effect."""

    weekly_amount: Decimal
    annual_amount: Decimal
    moderated: bool
    moderation: BudgetModeration | None


#: The changes in effect, the one that stands first: the latest to take effect. Ties (never
#: expected: each takes effect at its own moment) are broken the same way by both readers below.
_STANDING_FIRST = (F("effective_at").desc(nulls_last=True), F("proposed_at").desc(), F("pk").desc())


def budget_agreed_figure(*, budget: IndicativeBudget) -> AgreedFigure:
    """The figure that stands for one budget: the latest applied or approved change, else the
    calculated figure. A change waiting, declined or withdrawn never stands. For many budgets at
    once, `budgets_with_agreed_figure` decides the same way in one query."""
    latest = budget.moderations.filter(status__in=IN_EFFECT).order_by(*_STANDING_FIRST).first()
    if latest is None:
        return AgreedFigure(budget.weekly_amount, budget.annual_amount, moderated=False, moderation=None)
    return AgreedFigure(latest.weekly_amount, latest.annual_amount, moderated=True, moderation=latest)


class AgreedFigureAnnotations(TypedDict):
    agreed_annual_amount: Decimal
    agreed_weekly_amount: Decimal
    agreed_moderation_id: uuid.UUID | None


def budgets_with_agreed_figure(
    budgets: QuerySet[IndicativeBudget],
) -> "QuerySet[WithAnnotations[IndicativeBudget, AgreedFigureAnnotations]]":
    """The budgets, each with the figure that stands, as `budget_agreed_figure` decides it, read in
    the same query as the budgets (no query per budget): `agreed_annual_amount`,
    `agreed_weekly_amount` and `agreed_moderation_id` (None when the calculated figure stands).
    Select only the ones needed with `values_list`: each is a subquery. SQLite gives computed
    decimals back unrounded (10400, 9534.20000000000): round them with `ras.money` to show them."""
    standing = BudgetModeration.objects.filter(budget_id=OuterRef("pk"), status__in=IN_EFFECT).order_by(
        *_STANDING_FIRST
    )
    return budgets.annotate(
        agreed_annual_amount=Coalesce(Subquery(standing.values("annual_amount")[:1]), F("annual_amount")),
        agreed_weekly_amount=Coalesce(Subquery(standing.values("weekly_amount")[:1]), F("weekly_amount")),
        agreed_moderation_id=Subquery(standing.values("pk")[:1]),
    )


def budget_moderations(*, budget: IndicativeBudget) -> QuerySet[BudgetModeration]:
    """Every change asked for, newest first, with who asked and who decided."""
    return budget.moderations.select_related("proposed_by__team", "decided_by").order_by("-proposed_at")


def budget_earlier_moderations(*, budget: IndicativeBudget) -> QuerySet[BudgetModeration]:
    """Every change asked for on the person's earlier budgets (each since worked out again), newest
    first: the history keeps them once the figure they changed is replaced."""
    return (
        BudgetModeration.objects.filter(budget__person_id=budget.person_id)
        .exclude(budget_id=budget.pk)
        .select_related("proposed_by__team", "decided_by", "budget")
        .order_by("-proposed_at")
    )


def budget_pending_moderation(*, budget: IndicativeBudget) -> BudgetModeration | None:
    return budget.moderations.filter(status=ModerationStatus.PENDING).select_related("proposed_by").first()


def moderation_queue_for(*, actor) -> QuerySet[BudgetModeration]:
    """Changes waiting for a team manager, for the people in the actor's team's caseload."""
    if not permissions.can_decide_any(actor):
        return BudgetModeration.objects.none()
    return (
        BudgetModeration.objects.filter(
            status=ModerationStatus.PENDING,
            budget__is_current=True,
            budget__person__allocated_team_id=actor.team_id,
        )
        .select_related("budget__person", "proposed_by")
        .order_by("proposed_at")
    )


@dataclass(frozen=True)
class Reproduction:
    result: ras.RasResult
    matches: bool
    differences: list[str]


def stored_steps(result: ras.RasResult) -> list[dict[str, str]]:
    return [{"description": step.description, "amount": str(ras.money(step.amount))} for step in result.steps]


def stored_domain_points(result: ras.RasResult) -> list[dict[str, str]]:
    return [{"code": d.code, "name": d.name, "points": str(d.points)} for d in result.domains]


def indicative_budget_reproduce(*, budget: IndicativeBudget) -> Reproduction:
    """Work the stored budget out again, from its stored configuration and its stored answers, and
    say whether every figure and step comes out exactly the same."""
    config = ras_configuration_for(budget.configuration)
    result = ras.indicative_budget(config, budget.answers)
    differences = []
    if ras_configuration_fingerprint(config) != budget.configuration_fingerprint:
        differences.append("The configuration's rows have changed since the budget was worked out.")
    if result.version != budget.configuration_version:
        differences.append(f"Configuration version {result.version}, stored {budget.configuration_version}.")
    if result.total_points.quantize(Decimal("0.0001")) != budget.total_points:
        differences.append(f"Total points {result.total_points}, stored {budget.total_points}.")
    if stored_domain_points(result) != budget.domain_points:
        differences.append("The points per domain differ.")
    if stored_steps(result) != budget.steps:
        differences.append("The steps differ.")
    if ras.money(result.weekly_amount) != budget.weekly_amount:
        differences.append(f"Weekly amount {result.weekly_amount}, stored {budget.weekly_amount}.")
    if ras.money(result.annual_amount) != budget.annual_amount:
        differences.append(f"Annual amount {result.annual_amount}, stored {budget.annual_amount}.")
    return Reproduction(result=result, matches=not differences, differences=differences)
