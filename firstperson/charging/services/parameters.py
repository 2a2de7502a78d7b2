"""Charging parameter sets: which one is in force on a date, turning one into the rule's figures,
and loading the shipped 2025-26 defaults."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..exceptions import NoParametersInForce
from ..models import ChargingParameterSet, FigureSource, IncomeTreatment, ParameterStatus
from ..rules import charging as rules
from ..rules import reference_2025_26 as reference

#: Model field for each rules.MinimumIncomeGuarantee attribute.
MIG_FIELDS = {name: f"mig_{name}" for name in rules.MinimumIncomeGuarantee.__dataclass_fields__}
#: Model field for each rules.LocalPolicy attribute.
POLICY_FIELDS = {name: f"policy_{name}" for name in rules.LocalPolicy.__dataclass_fields__}
SCALAR_FIELDS = (
    "lower_capital_limit",
    "upper_capital_limit",
    "tariff_step",
    "tariff_per_step_weekly",
    "pension_credit_qualifying_age",
    "night_element_weekly",
)


def parameters_in_force(as_at: datetime.date) -> ChargingParameterSet:
    """The published set for the financial year `as_at` falls in, latest effective first.

    31 March belongs to the year that started the April before; 1 April starts the next one.
    """
    year_start = rules.financial_year_start(as_at)
    found = (
        ChargingParameterSet.objects.filter(
            status=ParameterStatus.PUBLISHED, year_start=year_start, effective_from__lte=as_at
        )
        .order_by("-effective_from", "-number")
        .first()
    )
    if found is None:
        label = rules.financial_year_label(year_start)
        raise NoParametersInForce(f"There are no published charging figures for {label} (the year {as_at} is in)")
    return found


def parameters_for_estimate(as_at: datetime.date) -> ChargingParameterSet | None:
    """The figures for an estimate (never a decision) on `as_at`: the set in force, or, before the
    council has published that year's figures, the latest published set already effective. None: no
    published figures at all. The caller can tell the second case by the set's `year_start`."""
    try:
        return parameters_in_force(as_at)
    except NoParametersInForce:
        return (
            ChargingParameterSet.objects.filter(status=ParameterStatus.PUBLISHED, effective_from__lte=as_at)
            .order_by("-year_start", "-effective_from", "-number")
            .first()
        )


def to_rules(parameter_set: ChargingParameterSet, policy_overrides: dict | None = None) -> rules.ChargingParameters:
    """The rule's view of a stored set, optionally under a changed local policy (modelling)."""
    income_types = list(parameter_set.income_types.all())
    income_rules = {
        item.code: rules.IncomeRule(
            code=item.code,
            label=item.label,
            treatment=rules.Treatment(item.treatment),
            disregard_weekly_single=item.disregard_weekly_single,
            disregard_weekly_couple=item.disregard_weekly_couple,
            night_element_switch=item.night_element_switch,
        )
        for item in income_types
    }
    figures = rules.ChargingParameters(
        version=parameter_set.version,
        year_start=parameter_set.year_start,
        mig=rules.MinimumIncomeGuarantee(**{name: getattr(parameter_set, f) for name, f in MIG_FIELDS.items()}),
        income_rules=income_rules,
        policy=rules.LocalPolicy(**{name: getattr(parameter_set, f) for name, f in POLICY_FIELDS.items()}),
        **{name: getattr(parameter_set, name) for name in SCALAR_FIELDS},
    )
    if policy_overrides:
        figures = figures.with_policy(**policy_overrides)
    return figures


def fields_from_rules(figures: rules.ChargingParameters) -> dict:
    """Model field values for a rules.ChargingParameters (the inverse of to_rules, less income types)."""
    values = {name: getattr(figures, name) for name in SCALAR_FIELDS}
    values.update({f: getattr(figures.mig, name) for name, f in MIG_FIELDS.items()})
    values.update({f: getattr(figures.policy, name) for name, f in POLICY_FIELDS.items()})
    return values


@transaction.atomic
def create_parameter_set(
    figures: rules.ChargingParameters,
    *,
    sources: dict[str, tuple[str, str]],
    status: str = ParameterStatus.DRAFT,
    effective_from: datetime.date | None = None,
    user=None,
    notes: str = "",
) -> ChargingParameterSet:
    """Store a year's figures as the next version of that year, with each figure's source."""
    year_start = figures.year_start
    number = (
        ChargingParameterSet.objects.filter(year_start=year_start)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    now = timezone.now()
    published = status == ParameterStatus.PUBLISHED
    parameter_set = ChargingParameterSet.objects.create(
        year_start=year_start,
        number=number,
        status=status,
        effective_from=effective_from or year_start,
        notes=notes,
        created_by=user,
        published_at=now if published else None,
        published_by=user if published else None,
        **fields_from_rules(figures),
    )
    IncomeTreatment.objects.bulk_create(
        IncomeTreatment(
            parameter_set=parameter_set,
            code=rule.code,
            label=rule.label,
            treatment=rule.treatment.value,
            disregard_weekly_single=rule.disregard_weekly_single,
            disregard_weekly_couple=rule.disregard_weekly_couple,
            night_element_switch=rule.night_element_switch,
        )
        for rule in figures.income_rules.values()
    )
    FigureSource.objects.bulk_create(
        FigureSource(parameter_set=parameter_set, field=field, mark=mark, source=source)
        for field, (mark, source) in sources.items()
    )
    audit_record(
        actor=user,
        verb=AuditVerb.CHARGING_PARAMETERS_PUBLISHED if published else AuditVerb.CHARGING_PARAMETERS_CREATED,
        object_type="charging.parameterset",
        object_id=parameter_set.pk,
        payload={"version": parameter_set.version},
    )
    return parameter_set


def load_default_parameters(user=None) -> ChargingParameterSet | None:
    """Publish the shipped 2025-26 figures once; None when a 2025-26 set already exists."""
    figures = reference.parameters_2025_26()
    if ChargingParameterSet.objects.filter(year_start=figures.year_start).exists():
        return None
    return create_parameter_set(
        figures,
        sources=reference.FIGURE_SOURCES,
        status=ParameterStatus.PUBLISHED,
        user=user,
        notes="FirstPerson's shipped 2025-26 figures (REFERENCE §3). Confirm the flagged ones against the circular.",
    )


def figures_to_confirm(parameter_set: ChargingParameterSet):
    return [source for source in parameter_set.sources.all() if source.needs_confirming]


def decimal_or_none(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))
