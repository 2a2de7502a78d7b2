"""Equality check of current indicative budgets by age band, sex, ethnicity and primary support reason.

Whose budgets: each living person's most recent current indicative budget worked out under a
configuration (any version) of one questionnaire: the questionnaire of the configuration in force
today (`selectors.configuration_current`, a self-assessment: a carer's budget answers different
questions). Budgets per point are compared, and points from different questionnaires are not on the
same scale, so budgets from any other questionnaire are left out. With no configuration in force
there is nothing to compare, and nothing is read. The figure is the calculated one, or, if asked,
the figure that stands after any agreed change (moderation, `selectors.budgets_with_agreed_figure`).
A group is flagged when its budget per point differs from everyone's by more than the threshold set
in the configuration in force (`RasConfiguration.equality_threshold_percent`), unless the person
running the check tries another.
Read in one query; grouped and compared by the pure `rules/equality.py`. Each run is audited.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from firstperson.people.choices import Ethnicity, PrimarySupportReason, Sex
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

from .. import selectors
from ..models import IndicativeBudget, RasConfiguration
from ..rules import equality as rules
from ..rules import ras

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


def equality_records(
    *, questionnaire_id: uuid.UUID, figure: str = CALCULATED, on: datetime.date | None = None
) -> list[rules.BudgetRecord]:
    """Each living person's most recent current budget worked out under a configuration of the
    questionnaire, with the chosen figure, a year."""
    day = on or timezone.localdate()
    budgets = IndicativeBudget.objects.filter(
        is_current=True,
        configuration__questionnaire_id=questionnaire_id,
        person__date_of_death__isnull=True,
    )
    amount = "annual_amount"
    if figure == AGREED:
        budgets = selectors.budgets_with_agreed_figure(budgets)
        amount = "agreed_annual_amount"
    rows = budgets.order_by("person_id", "-computed_at").values_list(
        "person_id",
        amount,
        "total_points",
        "person__date_of_birth",
        "person__sex",
        "person__ethnicity",
        "person__primary_support_reason",
    )
    sex, ethnicity, reason = dict(Sex.choices), dict(Ethnicity.choices), dict(PrimarySupportReason.choices)
    records = []
    seen = set()
    for person_id, annual, points, born, person_sex, person_ethnicity, support in rows.iterator(chunk_size=5000):
        if person_id in seen:
            continue
        seen.add(person_id)
        records.append(
            rules.BudgetRecord(
                annual_amount=ras.money(annual),
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
    #: None when no configuration is in force: there is nothing to compare.
    report: rules.EqualityReport | None
    figure: str
    #: The configuration in force: the budgets compared are of its questionnaire.
    configuration: RasConfiguration | None
    #: The threshold used: the configuration's own unless another was asked for; None with no configuration.
    threshold_percent: Decimal | None = None

    @property
    def threshold_is_the_configurations(self) -> bool:
        return (
            self.configuration is not None and self.threshold_percent == self.configuration.equality_threshold_percent
        )


def equality_run(
    *,
    actor,
    threshold_percent: Decimal | None = None,
    figure: str = CALCULATED,
    on: datetime.date | None = None,
) -> EqualityRun:
    """Compare the budgets of the questionnaire of the configuration in force, audited, against
    `threshold_percent`, or the configuration's own threshold when None. With no configuration in
    force nothing is read, compared or audited."""
    day = on or timezone.localdate()
    configuration = selectors.configuration_current(on=day)
    if configuration is None:
        return EqualityRun(report=None, figure=figure, configuration=None)
    if threshold_percent is None:
        threshold_percent = configuration.equality_threshold_percent
    records = equality_records(questionnaire_id=configuration.questionnaire_id, figure=figure, on=day)
    report = rules.equality_check(records, DIMENSIONS, threshold_percent)
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_EQUALITY_CHECKED,
        object_type="indicative_budgets",
        payload={
            "figure": figure,
            "questionnaire": configuration.questionnaire.code,
            "configuration": configuration.version_label,
            "threshold_percent": str(threshold_percent),
            "threshold_is_the_configurations": threshold_percent == configuration.equality_threshold_percent,
            "people": report.people,
            "flagged": [
                f"{dimension.name}: {group.label}" for dimension in report.dimensions for group in dimension.flagged
            ],
        },
    )
    return EqualityRun(report=report, figure=figure, configuration=configuration, threshold_percent=threshold_percent)
