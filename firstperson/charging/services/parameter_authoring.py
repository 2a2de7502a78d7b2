"""Finance officers and administrators keep the charging figures: confirm a flagged figure against
its source, make a new version (a correction in the same year, or next year's draft for uprating),
change a draft's figures, publish it, retire an old one.

A published set never changes (ParametersLocked): a correction is a new version. Every write is one
transaction with its own audit event. Figures are checked here, so a bad value is refused with
every problem named, against the field it is about, and nothing is saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

from ..exceptions import ParametersLocked
from ..models import ChargingParameterSet, FigureSource, IncomeTreatment, ParameterStatus
from ..rules import charging as rules
from .parameters import MIG_FIELDS, POLICY_FIELDS, SCALAR_FIELDS

OBJECT_TYPE = "charging.parameterset"


class FiguresInvalid(ApplicationError):
    """Figures a parameter set cannot hold: `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(next(iter(problems.values())), field=next(iter(problems)))
        self.problems = problems


@dataclass(frozen=True)
class Figure:
    field: str
    label: str
    #: money, optional_money (blank means none), age, switch
    kind: str
    #: The key of its source in FigureSource.field (see reference_2025_26.FIGURE_SOURCES).
    source_key: str


@dataclass(frozen=True)
class FigureGroup:
    slug: str
    title: str
    figures: tuple[Figure, ...]


def _source_key(field: str) -> str:
    if field.startswith("mig_"):
        return "mig." + field.removeprefix("mig_")
    if field.startswith("policy_disregard_night_element"):
        return "policy.night_element"
    if field.startswith("policy_"):
        return "policy." + field.removeprefix("policy_")
    return field


def _figure(field: str, label: str, kind: str = "money") -> Figure:
    return Figure(field, label, kind, _source_key(field))


#: Every figure of a set, in the groups the pages show and edit them in. Income treatments are
#: their own group (rows, not fields).
GROUPS: tuple[FigureGroup, ...] = (
    FigureGroup(
        "capital",
        "Capital",
        (
            _figure("lower_capital_limit", "Lower capital limit"),
            _figure("upper_capital_limit", "Upper capital limit"),
            _figure("tariff_step", "Tariff income: for every (or part of)"),
            _figure("tariff_per_step_weekly", "Tariff income: a week for each step"),
        ),
    ),
    FigureGroup(
        "mig",
        "Minimum Income Guarantee (weekly)",
        (
            _figure("pension_credit_qualifying_age", "Pension Credit qualifying age", "age"),
            _figure("mig_single_18_to_24", "Single, aged 18 to 24"),
            _figure("mig_single_25_to_pension_age", "Single, aged 25 to Pension Credit age"),
            _figure("mig_single_pension_age", "Single, Pension Credit age or over"),
            _figure("mig_lone_parent", "Lone parent"),
            _figure("mig_couple_working_age", "Member of a couple, under Pension Credit age"),
            _figure("mig_couple_pension_age", "Member of a couple, Pension Credit age or over"),
            _figure("mig_disability_premium_single", "Disability premium, single"),
            _figure("mig_disability_premium_couple", "Disability premium, member of a couple"),
            _figure("mig_enhanced_disability_premium_single", "Enhanced disability premium, single"),
            _figure("mig_enhanced_disability_premium_couple", "Enhanced disability premium, member of a couple"),
            _figure("mig_carer_premium", "Carer premium"),
            _figure("mig_per_dependent_child", "For each dependent child"),
        ),
    ),
    FigureGroup(
        "income",
        "Income",
        (_figure("night_element_weekly", "Night element of Attendance Allowance, DLA care and PIP (weekly)"),),
    ),
    FigureGroup(
        "policy",
        "The council's local policy",
        (
            _figure("policy_standard_dre_weekly", "Standard allowance for disability-related spending (weekly)"),
            _figure("policy_minimum_charge_weekly", "Minimum weekly charge (none if blank)", "optional_money"),
            _figure("policy_maximum_charge_weekly", "Maximum weekly charge (none if blank)", "optional_money"),
            _figure(
                "policy_disregard_night_element_attendance_allowance",
                "Disregard the night element of Attendance Allowance when no night care is arranged",
                "switch",
            ),
            _figure(
                "policy_disregard_night_element_dla_care",
                "Disregard the night element of DLA care when no night care is arranged",
                "switch",
            ),
            _figure(
                "policy_disregard_night_element_pip_daily_living",
                "Disregard the night element of PIP daily living when no night care is arranged",
                "switch",
            ),
            _figure("policy_lower_capital_limit", "Local lower capital limit (statutory if blank)", "optional_money"),
            _figure("policy_upper_capital_limit", "Local upper capital limit (statutory if blank)", "optional_money"),
            _figure(
                "policy_full_cost_at_upper_limit",
                "Full cost for capital at the upper limit, not only above it",
                "switch",
            ),
        ),
    ),
)
GROUPS_BY_SLUG = {group.slug: group for group in GROUPS}
ALL_FIGURES = {figure.field: figure for group in GROUPS for figure in group.figures}
assert set(ALL_FIGURES) == {*SCALAR_FIELDS, *MIG_FIELDS.values(), *POLICY_FIELDS.values()}


def _year_end(year_start: datetime.date) -> datetime.date:
    return datetime.date(year_start.year + 1, 3, 31)


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def figure_problems(values: dict[str, Any], *, year_start: datetime.date, effective_from: datetime.date) -> dict:
    """Every problem with a whole set of figures, by field, in plain English."""
    problems: dict[str, str] = {}
    for field, figure in ALL_FIGURES.items():
        value = values.get(field)
        if figure.kind == "money" and value is None:
            problems[field] = f"Enter the {figure.label.lower()}"
        elif figure.kind in {"money", "optional_money"} and value is not None and value < 0:
            problems[field] = f"{figure.label} cannot be less than zero"
    age = values.get("pension_credit_qualifying_age")
    if age is None or not 60 <= age <= 75:
        problems["pension_credit_qualifying_age"] = "Pension Credit qualifying age must be between 60 and 75"
    if values.get("tariff_step") is not None and values["tariff_step"] <= 0 and "tariff_step" not in problems:
        problems["tariff_step"] = "The tariff step must be more than zero"
    lower, upper = values.get("lower_capital_limit"), values.get("upper_capital_limit")
    if lower is not None and upper is not None and upper < lower and "upper_capital_limit" not in problems:
        problems["upper_capital_limit"] = "The upper capital limit must be the same as or more than the lower limit"
    local_lower, local_upper = values.get("policy_lower_capital_limit"), values.get("policy_upper_capital_limit")
    if local_lower is not None and lower is not None and local_lower < lower:
        problems.setdefault(
            "policy_lower_capital_limit",
            f"A local lower capital limit cannot be below the statutory one ({rules.pounds(lower)}): "
            "leave it blank to use that",
        )
    if local_upper is not None and upper is not None and local_upper < upper:
        problems.setdefault(
            "policy_upper_capital_limit",
            f"A local upper capital limit cannot be below the statutory one ({rules.pounds(upper)}): "
            "leave it blank to use that",
        )
    if lower is not None and upper is not None and "policy_upper_capital_limit" not in problems:
        effective_lower = max(lower, local_lower or lower)
        effective_upper = max(upper, local_upper or upper)
        if effective_upper < effective_lower:
            problems["policy_upper_capital_limit"] = (
                "The upper capital limit in use must be the same as or more than the lower limit in use"
            )
    minimum, maximum = values.get("policy_minimum_charge_weekly"), values.get("policy_maximum_charge_weekly")
    if minimum is not None and maximum is not None and maximum < minimum:
        problems.setdefault("policy_maximum_charge_weekly", "The maximum weekly charge cannot be below the minimum")
    if not year_start <= effective_from <= _year_end(year_start):
        problems["effective_from"] = (
            f"The date it takes effect must be in the financial year it is for, "
            f"{_day(year_start)} to {_day(_year_end(year_start))}"
        )
    return problems


def _lock(parameter_set: ChargingParameterSet) -> ChargingParameterSet:
    locked = ChargingParameterSet.objects.select_for_update().get(pk=parameter_set.pk)
    if locked.status != ParameterStatus.DRAFT:
        raise ParametersLocked(f"{locked.version} is {locked.get_status_display().lower()}: it never changes.")
    return locked


def _audit(actor, verb: AuditVerb, parameter_set: ChargingParameterSet, **payload) -> None:
    audit_record(
        actor=actor,
        verb=verb,
        object_type=OBJECT_TYPE,
        object_id=parameter_set.pk,
        payload={"version": parameter_set.version, **payload},
    )


def _plain(value) -> Any:
    return str(value) if isinstance(value, (Decimal, datetime.date)) else value


@transaction.atomic
def update_figures(*, actor, parameter_set: ChargingParameterSet, changes: dict[str, Any]) -> ChargingParameterSet:
    """Change some figures of a draft (and optionally effective_from / notes). All or nothing."""
    locked = _lock(parameter_set)
    allowed = {*ALL_FIGURES, "effective_from", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise ApplicationError(f"Not a figure of a parameter set: {', '.join(sorted(unknown))}")
    values = {field: getattr(locked, field) for field in ALL_FIGURES}
    values.update({k: v for k, v in changes.items() if k in ALL_FIGURES})
    effective_from = changes.get("effective_from", locked.effective_from)
    if effective_from is None:
        raise FiguresInvalid({"effective_from": "Enter the date it takes effect"})
    problems = figure_problems(values, year_start=locked.year_start, effective_from=effective_from)
    if problems:
        raise FiguresInvalid(problems)
    changed = {}
    for field, value in changes.items():
        old = getattr(locked, field)
        if old != value:
            changed[field] = [_plain(old), _plain(value)]
            setattr(locked, field, value)
    if changed:
        locked.save()
        _audit(actor, AuditVerb.CHARGING_PARAMETERS_CHANGED, locked, changed=changed)
    return locked


@dataclass(frozen=True)
class TreatmentValues:
    treatment: str
    disregard_weekly_single: Decimal
    disregard_weekly_couple: Decimal


@transaction.atomic
def update_income_treatments(
    *, actor, parameter_set: ChargingParameterSet, values: dict[str, TreatmentValues]
) -> ChargingParameterSet:
    """Change how income types are treated in a draft. Amounts apply to partly disregarded income."""
    locked = _lock(parameter_set)
    rows = {row.code: row for row in locked.income_types.all()}
    problems: dict[str, str] = {}
    for code, value in values.items():
        if code not in rows:
            problems[f"treatment_{code}"] = f"'{code}' is not an income type of {locked.version}"
            continue
        label = rows[code].label
        if value.treatment not in rules.Treatment.__members__.values():
            problems[f"treatment_{code}"] = f"Choose how {label} is treated"
        for name, amount in (("single", value.disregard_weekly_single), ("couple", value.disregard_weekly_couple)):
            if amount is None or amount < 0:
                problems[f"{name}_{code}"] = f"{label}: the amount not counted ({name}) cannot be less than zero"
    if problems:
        raise FiguresInvalid(problems)
    changed_rows = []
    changed = {}
    for code, value in values.items():
        row = rows[code]
        partly = value.treatment == rules.Treatment.PARTLY_DISREGARDED
        single = value.disregard_weekly_single if partly else Decimal("0.00")
        couple = value.disregard_weekly_couple if partly else Decimal("0.00")
        new = (value.treatment, single, couple)
        old = (row.treatment, row.disregard_weekly_single, row.disregard_weekly_couple)
        if new != old:
            row.treatment, row.disregard_weekly_single, row.disregard_weekly_couple = new
            changed_rows.append(row)
            changed[code] = [[_plain(v) for v in old], [_plain(v) for v in new]]
    if changed_rows:
        IncomeTreatment.objects.bulk_update(
            changed_rows, ["treatment", "disregard_weekly_single", "disregard_weekly_couple"]
        )
        _audit(actor, AuditVerb.CHARGING_PARAMETERS_CHANGED, locked, income_treatments=changed)
    return locked


@transaction.atomic
def confirm_figure(*, actor, source: FigureSource, note: str) -> FigureSource:
    """Someone checked a flagged figure against the circular (or its source) and says it is right.

    Allowed on a published set too: confirming records a check, it changes no figure."""
    note = (note or "").strip()
    if not note:
        raise ApplicationError("Say how you checked the figure, for example which circular and paragraph", field="note")
    locked = FigureSource.objects.select_for_update().select_related("parameter_set").get(pk=source.pk)
    if locked.confirmed_at is not None:
        raise ApplicationError("Someone has already confirmed this figure")
    if locked.parameter_set.status == ParameterStatus.RETIRED:
        raise ApplicationError(f"{locked.parameter_set.version} is retired: there is nothing to confirm")
    locked.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.confirmed_at = timezone.now()
    locked.confirmation_note = note
    locked.save(update_fields=["confirmed_by", "confirmed_at", "confirmation_note"])
    _audit(actor, AuditVerb.CHARGING_PARAMETERS_CONFIRMED, locked.parameter_set, field=locked.field, note=note)
    return locked


@transaction.atomic
def new_version(*, actor, parameter_set: ChargingParameterSet, next_year: bool = False) -> ChargingParameterSet:
    """A draft copy of a set: the next version of the same year (a correction), or the first draft
    of the following year (to uprate). Next year's figures start as this year's and every one of
    them is flagged to confirm until someone checks it against the new circular."""
    source_set = parameter_set
    year_start = (
        source_set.year_start.replace(year=source_set.year_start.year + 1) if next_year else source_set.year_start
    )
    number = (
        ChargingParameterSet.objects.select_for_update()
        .filter(year_start=year_start)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    copied = {field: getattr(source_set, field) for field in ALL_FIGURES}
    new = ChargingParameterSet.objects.create(
        year_start=year_start,
        number=number,
        status=ParameterStatus.DRAFT,
        effective_from=year_start if next_year else source_set.effective_from,
        based_on=source_set,
        notes=f"Copied from {source_set.version}.",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **copied,
    )
    IncomeTreatment.objects.bulk_create(
        IncomeTreatment(
            parameter_set=new,
            code=row.code,
            label=row.label,
            treatment=row.treatment,
            disregard_weekly_single=row.disregard_weekly_single,
            disregard_weekly_couple=row.disregard_weekly_couple,
            night_element_switch=row.night_element_switch,
        )
        for row in source_set.income_types.all()
    )
    sources = list(source_set.sources.all())
    if next_year:
        # Statutory figures change every April: flag every one until checked against the new
        # circular. Local-policy choices carry over as they are.
        known = {source.field: source for source in sources}
        statutory = [
            figure.source_key for figure in ALL_FIGURES.values() if not figure.source_key.startswith("policy.")
        ]
        statutory += [key for key in known if key.startswith("income.")]
        new_sources = [
            FigureSource(
                parameter_set=new,
                field=key,
                mark="D",
                source=f"Carried over from {source_set.version}: check against the {new.financial_year} circular",
            )
            for key in dict.fromkeys(statutory)
        ]
        new_sources += [
            FigureSource(parameter_set=new, field=s.field, mark=s.mark, source=s.source)
            for s in sources
            if s.field.startswith("policy.")
        ]
    else:
        new_sources = [
            FigureSource(
                parameter_set=new,
                field=s.field,
                mark=s.mark,
                source=s.source,
                confirmed_by=s.confirmed_by,
                confirmed_at=s.confirmed_at,
                confirmation_note=s.confirmation_note,
            )
            for s in sources
        ]
    FigureSource.objects.bulk_create(new_sources)
    _audit(actor, AuditVerb.CHARGING_PARAMETERS_CREATED, new, based_on=source_set.version, next_year=next_year)
    return new


@transaction.atomic
def publish(*, actor, parameter_set: ChargingParameterSet) -> ChargingParameterSet:
    """Publish a draft: from its effective date it is the set in force, and it never changes again."""
    locked = _lock(parameter_set)
    values = {field: getattr(locked, field) for field in ALL_FIGURES}
    problems = figure_problems(values, year_start=locked.year_start, effective_from=locked.effective_from)
    if problems:
        raise FiguresInvalid(problems)
    locked.status = ParameterStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save(update_fields=["status", "published_at", "published_by"])
    still_to_confirm = [s.field for s in locked.sources.all() if s.needs_confirming]
    _audit(actor, AuditVerb.CHARGING_PARAMETERS_PUBLISHED, locked, still_to_confirm=still_to_confirm)
    return locked


@transaction.atomic
def retire(*, actor, parameter_set: ChargingParameterSet) -> ChargingParameterSet:
    """Take a set out of use (a draft nobody will publish, or a published set replaced by another).
    Calculations made with it keep pointing at it."""
    locked = ChargingParameterSet.objects.select_for_update().get(pk=parameter_set.pk)
    if locked.status == ParameterStatus.RETIRED:
        raise ApplicationError(f"{locked.version} is already retired")
    previous = locked.status
    locked.status = ParameterStatus.RETIRED
    locked.save(update_fields=["status"])
    _audit(actor, AuditVerb.CHARGING_PARAMETERS_CHANGED, locked, changed={"status": [previous, "retired"]})
    return locked
