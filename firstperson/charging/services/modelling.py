"""Policy modelling: run the current caseload again under a changed local policy (issue 5, item 7).

Every current calculation is worked out twice from its own input snapshot, with the same year's
figures: once under the council's policy as it is, once with the changed levers. Comparing the two
isolates the effect of the policy change (a recalculation under newer figures would mix in the
yearly uprating). One query reads the caseload; the rest is Python. Nothing is saved: the only
record is the audit event.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..models import CalculationStatus, ChargingCalculation, ChargingParameterSet
from ..rules import charging as rules
from ..rules import modelling
from . import calculations
from . import parameters as parameter_service

#: The local-policy levers a finance officer may change when modelling (rules.LocalPolicy fields).
LEVERS = tuple(rules.LocalPolicy.__dataclass_fields__)


@dataclass(frozen=True)
class PersonRow:
    """One person's figures for the per-person download."""

    calculation_id: str
    person_id: str
    name: str
    before_weekly: Decimal
    after_weekly: Decimal

    @property
    def change_weekly(self) -> Decimal:
        return self.after_weekly - self.before_weekly


@dataclass(frozen=True)
class ModellingRun:
    parameter_set: ChargingParameterSet
    as_at: datetime.date
    policy_before: rules.LocalPolicy
    policy_after: rules.LocalPolicy
    summary: modelling.ModellingSummary
    rows: tuple[PersonRow, ...] = field(repr=False)
    #: Calculations whose stored inputs these figures cannot work out (say, an income type the set lacks).
    not_worked_out: int = 0

    @property
    def changed_levers(self) -> dict[str, tuple[Any, Any]]:
        return {
            lever: (getattr(self.policy_before, lever), getattr(self.policy_after, lever))
            for lever in LEVERS
            if getattr(self.policy_before, lever) != getattr(self.policy_after, lever)
        }


def modelling_date(parameter_set: ChargingParameterSet, today: datetime.date | None = None) -> datetime.date:
    """The day ages are worked out on: today, kept within the set's year and not before it takes effect."""
    today = today or timezone.localdate()
    year_end = datetime.date(parameter_set.year_start.year + 1, 3, 31)
    return min(max(today, parameter_set.effective_from), year_end)


def run(
    *,
    parameter_set: ChargingParameterSet,
    policy_overrides: dict[str, Any],
    as_at: datetime.date | None = None,
) -> ModellingRun:
    """The caseload under the set's own policy and under the changed one. Saves nothing."""
    unknown = set(policy_overrides) - set(LEVERS)
    if unknown:
        raise ValueError(f"Not policy levers: {sorted(unknown)}")
    as_at = as_at or modelling_date(parameter_set)
    before_figures = parameter_service.to_rules(parameter_set)
    after_figures = parameter_service.to_rules(parameter_set, policy_overrides)
    caseload = ChargingCalculation.objects.filter(status=CalculationStatus.CURRENT).values_list(
        "id", "person_id", "person__legal_given_name", "person__legal_family_name", "inputs"
    )
    rows = []
    failed = 0
    for calculation_id, person_id, given, family, snapshot in caseload.iterator(chunk_size=2000):
        try:
            data = calculations.input_from_json(snapshot, as_at=as_at)
            before = rules.calculate(data, before_figures).weekly_contribution
            after = rules.calculate(data, after_figures).weekly_contribution
        except (rules.ChargingInputError, KeyError, ValueError, TypeError):
            failed += 1
            continue
        rows.append(PersonRow(str(calculation_id), str(person_id), f"{given} {family}", before, after))
    rows.sort(key=lambda row: (row.name, row.calculation_id))
    summary = modelling.summarise(
        modelling.PersonChange(row.calculation_id, row.before_weekly, row.after_weekly) for row in rows
    )
    return ModellingRun(
        parameter_set=parameter_set,
        as_at=as_at,
        policy_before=before_figures.policy,
        policy_after=after_figures.policy,
        summary=summary,
        rows=tuple(rows),
        not_worked_out=failed,
    )


def record(*, actor, modelling_run: ModellingRun, download: bool) -> None:
    """Audit that someone modelled a policy change (and whether they took the per-person figures)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb=AuditVerb.CHARGING_POLICY_MODELLED,
            object_type="charging.parameterset",
            object_id=modelling_run.parameter_set.pk,
            payload={
                "version": modelling_run.parameter_set.version,
                "as_at": modelling_run.as_at.isoformat(),
                "changed": {lever: [str(a), str(b)] for lever, (a, b) in modelling_run.changed_levers.items()},
                "people": modelling_run.summary.people,
                "change_weekly": str(modelling_run.summary.change_weekly),
                "per_person_download": download,
            },
        )


CSV_HEADER = [
    "calculation_id",
    "person_id",
    "name",
    "weekly_contribution_now",
    "weekly_contribution_modelled",
    "weekly_change",
    "annual_change",
]


def csv_rows(modelling_run: ModellingRun):
    yield CSV_HEADER
    for row in modelling_run.rows:
        yield [
            row.calculation_id,
            row.person_id,
            row.name,
            f"{row.before_weekly:.2f}",
            f"{row.after_weekly:.2f}",
            f"{row.change_weekly:.2f}",
            f"{modelling.annual(row.change_weekly):.2f}",
        ]
