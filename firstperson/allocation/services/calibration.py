"""Calibration against existing care packages: read an uploaded CSV, fit the prices, keep nothing
but an audit event; and, for an administrator, turn a fit into a new draft configuration through the
configuration services (so a draft made this way is checked and audited like any other).

The pure maths is in rules/calibration.py. Nothing here writes unless the whole file is sound.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb
from firstperson.platform.exceptions import ApplicationError

from .. import selectors
from ..exceptions import InvalidConfiguration
from ..explanations import period_words
from ..models import ConfigurationStatus, MoneyMethod, Period, RasConfiguration
from ..rules import calibration as rules
from ..rules import ras
from ..rules.money_tables import MAX_AMOUNT, MAX_POINTS, PLACES, BandRow
from .configurations import (
    ConfigurationDetails,
    configuration_new_version,
    configuration_set_money,
    configuration_update_details,
)

#: How a fit can become a draft: the line through zero is a price per point; the bands a table.
DRAFT_PRICE_PER_POINT = "price_per_point"
DRAFT_BANDS = "bands"


class CalibrationRefused(ApplicationError):
    """The file cannot be used: `problems` names each line and column at fault."""

    def __init__(self, problems: Sequence[rules.Problem], more: int = 0):
        super().__init__("The file has problems. Nothing was kept.", field="file")
        self.problems = list(problems)
        self.more = more


def calibration_configurations() -> QuerySet[RasConfiguration]:
    """Configurations whose questions can score an upload's answers: drafts and published ones."""
    return (
        RasConfiguration.objects.select_related("questionnaire", "questionnaire_version")
        .exclude(status=ConfigurationStatus.RETIRED)
        .order_by("questionnaire__name", "-number")
    )


@dataclass(frozen=True)
class CalibrationRun:
    packages: list[rules.Package]
    calibration: rules.Calibration
    source: str  # "points" or "answers"


def _summary(calibration: rules.Calibration) -> dict[str, object]:
    def r2(fit: rules.Fit) -> str | None:
        return None if fit.r_squared is None else str(rules.to_decimal(fit.r_squared, 4))

    return {
        "packages": calibration.count,
        "price_per_point_weekly": str(rules.to_decimal(calibration.through_origin.slope, 4)),
        "through_origin_r_squared": r2(calibration.through_origin.fit),
        "intercept_weekly": str(rules.to_decimal(calibration.with_intercept.intercept, 2)),
        "slope_weekly": str(rules.to_decimal(calibration.with_intercept.slope, 4)),
        "with_intercept_r_squared": r2(calibration.with_intercept.fit),
        "bands": len(calibration.banded.bands),
    }


def calibration_run(
    *, actor, content: bytes, configuration: RasConfiguration, bands: int = rules.DEFAULT_BANDS, file_name: str = ""
) -> CalibrationRun:
    """Read the packages in an uploaded CSV and fit the prices. Refused, naming every line and
    column at fault, if anything in the file is wrong; then nothing is kept and nothing audited. A
    sound file is audited (who, which file, how many packages, the fitted figures), not stored."""
    config = selectors.ras_configuration_for(configuration)
    try:
        packages = rules.read_packages(content, config)
        calibration = rules.calibrate(packages, bands)
    except rules.InvalidPackages as error:
        raise CalibrationRefused(error.problems, error.more) from error
    except rules.CannotFit as error:
        raise CalibrationRefused([rules.Problem(0, "", str(error))]) from error
    source = "points" if rules.POINTS_COLUMN in rules.header_columns(content) else "answers"
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_CALIBRATION_RUN,
        object_type="ras_configuration",
        object_id=configuration.pk,
        payload={"file": file_name[:200], "source": source, "configuration": configuration.version_label}
        | _summary(calibration),
    )
    return CalibrationRun(packages=packages, calibration=calibration, source=source)


def packages_to_session(packages: Sequence[rules.Package]) -> list[list[str | int]]:
    """The packages, small enough to keep in the session between the result's pages."""
    return [[p.line, str(p.points), str(p.weekly_cost), p.reference] for p in packages]


def packages_from_session(rows: Sequence[Sequence]) -> list[rules.Package]:
    return [rules.Package(int(line), Decimal(points), Decimal(cost), str(ref)) for line, points, cost, ref in rows]


def _in_period(weekly: Decimal, period: str) -> Decimal:
    """A weekly figure in the period, not yet rounded (it may be too large to round to the penny)."""
    return weekly * ras.WEEKS_PER_YEAR if period == Period.ANNUAL else weekly


def fitted_band_amount(band: rules.CostBand, period: str) -> Decimal:
    """What a fitted band is worth in `period`, as a draft made from it holds it and as the result
    page shows it: the band's average weekly cost to the penny (the weekly figure shown), then × 52
    for a year. Rounding the week first keeps a year exactly 52 times the week shown: £100.005 a week
    is £100.01, so £5,200.52 a year, not £5,200.26."""
    return ras.money(_in_period(band.amount, period))


def _too_large(what: str, amount: Decimal, period: str) -> str:
    return (
        f"{what}, {ras.pounds(amount)} {period_words(period)}, is too large to use: a configuration can hold "
        f"at most {ras.pounds(MAX_AMOUNT)}. Check the weekly costs in the file."
    )


def _fitted_price(calibration: rules.Calibration, period: str) -> Decimal:
    price = _in_period(rules.to_decimal(calibration.through_origin.slope, 6), period)
    if price > MAX_AMOUNT:
        raise InvalidConfiguration(_too_large("The fitted price for each point", price, period), field="method")
    return ras.money(price)


def _fitted_bands(calibration: rules.Calibration, period: str) -> list[BandRow]:
    """The fitted bands as rows of a table, or every reason they cannot make one. A table keeps
    points to two decimal places, so bands that start less than a hundredth of a point apart would
    start at the same points: the person is told that, not about rows of a table they never typed."""
    problems: list[str] = []
    rows: list[BandRow] = []
    for band in calibration.banded.bands:
        amount = fitted_band_amount(band, period)
        min_points = rules.to_decimal(band.min_points, PLACES)
        if amount > MAX_AMOUNT:
            problems.append(_too_large(f"The fitted amount for band {band.name}", amount, period))
        if min_points > MAX_POINTS:
            problems.append(
                f"Band {band.name} starts at {min_points:,} points, more than a table can hold "
                f"({MAX_POINTS:,} points at most). Check the points in the file."
            )
        if rows and min_points == rows[-1].min_points:
            problems.append(
                f"Bands {rows[-1].name} and {band.name} are too close together to make a table: a table "
                f"keeps points to two decimal places, so both would start at {min_points:,} points. "
                "Upload the file again and choose fewer bands to fit."
            )
        rows.append(BandRow(name=band.name, min_points=min_points, amount=amount))
    if problems:
        raise InvalidConfiguration(" ".join(problems), field="method", problems=problems)
    return rows


def calibration_make_draft(
    *, actor, configuration: RasConfiguration, calibration: rules.Calibration, method: str, note: str = ""
) -> RasConfiguration:
    """A new draft version of `configuration` whose points become money by the fitted price per
    point (the line through zero) or by the fitted bands, in the configuration's own period
    (weekly amounts × 52 for a yearly one). Everything else is copied. One transaction: the draft is
    made whole or not at all; the configuration services check and audit each part."""
    if method not in (DRAFT_PRICE_PER_POINT, DRAFT_BANDS):
        raise ApplicationError("Choose the price per point or the bands", field="method")
    # The fitted money is checked before anything is made; the draft copies the configuration's period.
    if method == DRAFT_PRICE_PER_POINT:
        price, rows = _fitted_price(calibration, configuration.period), None
    else:
        price, rows = None, _fitted_bands(calibration, configuration.period)
    with transaction.atomic():
        draft = configuration_new_version(actor=actor, configuration=configuration)
        if rows is None:
            configuration_set_money(
                actor=actor, configuration=draft, method=MoneyMethod.PRICE_PER_POINT, price_per_point=price
            )
        else:
            configuration_set_money(actor=actor, configuration=draft, method=MoneyMethod.BANDS, bands=rows)
        draft.refresh_from_db()
        today = timezone.localdate()
        notes = (
            f"Money calibrated on {today.day} {today:%B %Y} from {calibration.count} care packages"
            f"{f' ({note})' if note else ''}: "
            + (
                "the least-squares price per point through zero."
                if method == DRAFT_PRICE_PER_POINT
                else "the fitted bands."
            )
        )
        configuration_update_details(
            actor=actor,
            configuration=draft,
            details=ConfigurationDetails(
                effective_from=None,
                effective_to=None,
                period=draft.period,
                rounding=draft.rounding,
                minimum=draft.minimum,
                maximum=draft.maximum,
                tolerance_percent=draft.tolerance_percent,
                equality_threshold_percent=draft.equality_threshold_percent,
                notes=notes[:2000],
            ),
        )
        draft.refresh_from_db()
    return draft
