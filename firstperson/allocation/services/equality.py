"""Equality check of current indicative budgets by age band, sex, ethnicity and primary support reason.

Whose budgets: each living person's most recent current indicative budget of a self-assessment (a
carer's budget answers different questions, so it is left out). The figure is the calculated one,
or, if asked, the figure that stands after any agreed change (moderation). Read in one query (two
with agreed changes); grouped and compared by the pure `rules/equality.py`. Each run is audited.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from firstperson.assessment.models import QuestionnaireKind
from firstperson.people.choices import Ethnicity, PrimarySupportReason, Sex
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from ..models import BudgetModeration, IndicativeBudget
from ..rules import equality as rules
from ..rules.moderation import IN_EFFECT

CALCULATED = "calculated"
AGREED = "agreed"
FIGURES = ((CALCULATED, "The calculated figure (the RAS's own)"), (AGREED, "The figure agreed after any change"))

DIMENSIONS = (
    ("age_band", "Age band", [label for _, label in rules.AGE_BANDS] + [rules.NOT_RECORDED]),
    ("sex", "Sex", [label for _, label in Sex.choices] + [rules.NOT_RECORDED]),
    ("ethnicity", "Ethnicity", [label for _, label in Ethnicity.choices] + [rules.NOT_RECORDED]),
    (
        "primary_support_reason",
        "Primary support reason",
        [label for _, label in PrimarySupportReason.choices] + [rules.NOT_RECORDED],
    ),
)


def equality_records(*, figure: str = CALCULATED, on: datetime.date | None = None) -> list[rules.BudgetRecord]:
    day = on or timezone.localdate()
    rows = (
        IndicativeBudget.objects.filter(
            is_current=True,
            configuration__questionnaire__kind=QuestionnaireKind.SELF_ASSESSMENT,
            person__date_of_death__isnull=True,
        )
        .order_by("person_id", "-computed_at")
        .values_list(
            "pk",
            "person_id",
            "annual_amount",
            "total_points",
            "person__date_of_birth",
            "person__sex",
            "person__ethnicity",
            "person__primary_support_reason",
        )
    )
    agreed: dict = {}
    if figure == AGREED:
        changes = (
            BudgetModeration.objects.filter(status__in=IN_EFFECT, budget__is_current=True)
            .order_by("budget_id", "effective_at")
            .values_list("budget_id", "annual_amount")
        )
        agreed = dict(changes)  # the latest change that took effect wins
    sex, ethnicity, reason = dict(Sex.choices), dict(Ethnicity.choices), dict(PrimarySupportReason.choices)
    records = []
    seen = set()
    for budget_id, person_id, annual, points, born, person_sex, person_ethnicity, support in rows.iterator(
        chunk_size=5000
    ):
        if person_id in seen:
            continue
        seen.add(person_id)
        records.append(
            rules.BudgetRecord(
                annual_amount=agreed.get(budget_id, annual),
                points=points,
                groups={
                    "age_band": rules.age_band(born, day),
                    "sex": sex.get(person_sex, rules.NOT_RECORDED),
                    "ethnicity": ethnicity.get(person_ethnicity, rules.NOT_RECORDED),
                    "primary_support_reason": reason.get(support, rules.NOT_RECORDED),
                },
            )
        )
    return records


@dataclass(frozen=True)
class EqualityRun:
    report: rules.EqualityReport
    figure: str


def equality_run(*, actor, threshold_percent: Decimal = rules.DEFAULT_THRESHOLD_PERCENT, figure: str = CALCULATED):
    report = rules.equality_check(equality_records(figure=figure), DIMENSIONS, threshold_percent)
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_EQUALITY_CHECKED,
        object_type="indicative_budgets",
        payload={
            "figure": figure,
            "threshold_percent": str(threshold_percent),
            "people": report.people,
            "flagged": [
                f"{dimension.name}: {group.label}" for dimension in report.dimensions for group in dimension.flagged
            ],
        },
    )
    return EqualityRun(report=report, figure=figure)
