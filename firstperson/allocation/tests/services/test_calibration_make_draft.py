"""A draft made from a calibration: fitted money a configuration cannot hold is refused with a
message about the fit, naming the figure or the bands, and no draft is made."""

from decimal import Decimal

import pytest

from firstperson.allocation.exceptions import InvalidConfiguration
from firstperson.allocation.models import MoneyBand, RasConfiguration
from firstperson.allocation.rules import calibration as rules
from firstperson.allocation.services.calibration import DRAFT_BANDS, DRAFT_PRICE_PER_POINT, calibration_make_draft

pytestmark = pytest.mark.django_db
D = Decimal


def fit(*packages, bands=2):
    """Packages given as (points, weekly cost), fitted with the given number of bands."""
    return rules.calibrate(
        [rules.Package(line, D(points), D(cost)) for line, (points, cost) in enumerate(packages, start=2)], bands
    )


def refusal(configuration, administrator, calibration, method):
    with pytest.raises(InvalidConfiguration) as refused:
        calibration_make_draft(actor=administrator, configuration=configuration, calibration=calibration, method=method)
    assert refused.value.field == "method"
    assert RasConfiguration.objects.count() == 1  # no draft, not even an empty one
    return refused.value.problems


def test_a_fitted_price_too_large_to_keep_is_called_too_large_and_named(configuration, administrator):
    calibration = fit((1, "1000000000"), (2, "2000000000"))  # £1,000,000,000 a point a week
    assert refusal(configuration, administrator, calibration, DRAFT_PRICE_PER_POINT) == [
        "The fitted price for each point, £52,000,000,000.00 a year, is too large to use: a configuration "
        "can hold at most £9,999,999,999.99. Check the weekly costs in the file."
    ]


def test_a_fitted_band_too_large_to_keep_is_called_too_large_and_named(configuration, administrator):
    calibration = fit((0, "100"), (10, "1000000000"))
    assert refusal(configuration, administrator, calibration, DRAFT_BANDS) == [
        "The fitted amount for band B, £52,000,000,000.00 a year, is too large to use: a configuration "
        "can hold at most £9,999,999,999.99. Check the weekly costs in the file."
    ]


def test_a_fitted_band_starting_beyond_the_most_points_a_table_holds_is_named(configuration, administrator):
    calibration = fit((0, "100"), ("10000000", "200"))
    assert refusal(configuration, administrator, calibration, DRAFT_BANDS) == [
        "Band B starts at 10,000,000.00 points, more than a table can hold (9,999,999.99 points at most). "
        "Check the points in the file."
    ]


def test_bands_that_start_at_the_same_points_once_rounded_are_too_close_together(configuration, administrator):
    # Three bands starting at 0, 10.001 and 10.004 points: kept to two places, B and C both start at 10.00.
    calibration = fit((0, "100"), ("10.001", "200"), ("10.004", "300"), bands=3)
    assert [band.min_points for band in calibration.banded.bands] == [0, D("10.001"), D("10.004")]
    assert refusal(configuration, administrator, calibration, DRAFT_BANDS) == [
        "Bands B and C are too close together to make a table: a table keeps points to two decimal places, "
        "so both would start at 10.00 points. Upload the file again and choose fewer bands to fit."
    ]


def test_bands_a_hundredth_of_a_point_apart_still_make_a_table(configuration, administrator):
    calibration = fit((0, "100"), ("10.001", "200"), ("10.014", "300"), bands=3)
    draft = calibration_make_draft(
        actor=administrator, configuration=configuration, calibration=calibration, method=DRAFT_BANDS
    )
    assert list(MoneyBand.objects.filter(configuration=draft).values_list("name", "min_points", "amount")) == [
        ("A", D("0.00"), D("5200.00")),
        ("B", D("10.00"), D("10400.00")),
        ("C", D("10.01"), D("15600.00")),
    ]
