"""Equality check of current indicative budgets by age band, sex, ethnicity and primary support reason.

Whose budgets: each living person's most recent current indicative budget of one questionnaire (the
questionnaire of the configuration in force today, `selectors.configuration_current`, a
self-assessment: a carer's budget answers different questions), when it was worked out under that
configuration in force. Budgets per point are compared, so they must be on one scale: points from
different questionnaires are not, and budgets from another version of the configuration (another
price per point, other weights or caps) are not either. If older people's budgets had mostly been
worked out under an earlier, cheaper version, their age band would be flagged for the version, not
for how they are treated. So those are left out and counted, and the page says how many: the bulk
recalculation (services/recalculation.py) brings them onto the version in force. With no
configuration in force there is nothing to compare, and nothing is read. The figure is the calculated one, or, if asked,
the figure that stands after any agreed change (moderation, `selectors.budgets_with_agreed_figure`).
A group is flagged when its budget per point differs from everyone's by more than the threshold set
in the configuration in force (`RasConfiguration.equality_threshold_percent`), unless the person
running the check tries another.
Read in one query; grouped and compared by the pure `rules/equality.py`. Each run is audited.
"""

import datetime
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
    *, configuration: RasConfiguration, figure: str = CALCULATED, on: datetime.date | None = None
) -> tuple[list[rules.BudgetRecord], int]:
    """Each living person's most recent current budget of the configuration's questionnaire, with
    the chosen figure a year, when it was worked out under this configuration; and how many people's
    were left out because it was worked out under another version."""
    day = on or timezone.localdate()
    budgets = IndicativeBudget.objects.filter(
        is_current=True,
        configuration__questionnaire_id=configuration.questionnaire_id,
        person__date_of_death__isnull=True,
    )
    amount = "annual_amount"
    if figure == AGREED:
        budgets = selectors.budgets_with_agreed_figure(budgets)
        amount = "agreed_annual_amount"
    rows = budgets.order_by("person_id", "-computed_at").values_list(
        "person_id",
        "configuration_id",
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
    other_versions = 0
    for person_id, configuration_id, annual, points, born, person_sex, person_ethnicity, support in rows.iterator(
        chunk_size=5000
    ):
        if person_id in seen:
            continue
        seen.add(person_id)
        if configuration_id != configuration.pk:
            other_versions += 1
            continue
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
    return records, other_versions


@dataclass(frozen=True)
class EqualityRun:
    #: None when no configuration is in force: there is nothing to compare.
    report: rules.EqualityReport | None
    figure: str
    #: The configuration in force: the budgets compared are of its questionnaire.
    configuration: RasConfiguration | None
    #: The threshold used: the configuration's own unless another was asked for; None with no configuration.
    threshold_percent: Decimal | None = None
    #: People whose most recent budget was worked out under another version of the configuration: left out.
    other_versions: int = 0

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
    records, other_versions = equality_records(configuration=configuration, figure=figure, on=day)
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
            "left_out_other_versions": other_versions,
            "flagged": [
                f"{dimension.name}: {group.label}" for dimension in report.dimensions for group in dimension.flagged
            ],
        },
    )
    return EqualityRun(
        report=report,
        figure=figure,
        configuration=configuration,
        threshold_percent=threshold_percent,
        other_versions=other_versions,
    )
