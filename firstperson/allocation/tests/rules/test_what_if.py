"""What-if totals and the distribution of changes (rules/what_if.py). Figures worked out by hand."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.allocation.rules.what_if import CHANGE_BANDS, Projection, change_band, summarise

D = Decimal


@pytest.mark.parametrize(
    ("today", "projected", "band"),
    [
        ("1000", "1000", "same"),
        ("1000", "1050", "gain_small"),
        ("1000", "1099.99", "gain_small"),
        ("1000", "1100", "gain_medium"),  # exactly 10%: the larger band
        ("1000", "1250", "gain_medium"),  # exactly 25%: still "10% to 25%"
        ("1000", "1250.01", "gain_large"),
        ("1000", "900", "lose_medium"),
        ("1000", "950", "lose_small"),
        ("1000", "700", "lose_large"),
        ("1000", "0", "lose_large"),
        ("0", "500", "gain_from_nothing"),
        ("0", "0", "same"),
    ],
)
def test_bands_of_change(today, projected, band):
    assert change_band(D(today), D(projected)) == band


def test_a_small_population_by_hand():
    people = [
        Projection("a", D("10000.00"), D("11000.00")),  # +1,000 (10%)
        Projection("b", D("5000.00"), D("4000.00")),  # -1,000 (-20%)
        Projection("c", D("2000.00"), D("2000.00")),  # no change
        Projection("d", D("8000.00"), D("8200.00")),  # +200 (2.5%)
        Projection("e", None, D("3000.00")),  # no budget yet
        Projection("f", D("1500.00"), None, "personal_care: This question needs an answer."),
    ]
    summary = summarise(people)
    assert (summary.people, summary.compared) == (6, 4)
    assert summary.today_total == D("25000.00")
    assert summary.projected_total == D("25200.00")
    assert summary.change_total == D("200.00")
    assert summary.change_percent == D("0.8")
    assert (summary.gaining, summary.losing, summary.unchanged) == (2, 1, 1)
    assert (summary.total_gain, summary.total_loss) == (D("1200.00"), D("1000.00"))
    assert (summary.largest_gain, summary.largest_loss) == (D("1000.00"), D("1000.00"))
    assert summary.median_change == D("100.00")  # changes -1000, 0, 200, 1000: (0 + 200) / 2
    by_band = {band.code: (band.count, band.total_change) for band in summary.bands}
    assert by_band["gain_medium"] == (1, D("1000.00"))
    assert by_band["lose_medium"] == (1, D("-1000.00"))
    assert by_band["gain_small"] == (1, D("200.00"))
    assert by_band["same"] == (1, D("0.00"))
    assert (summary.not_yet_worked_out, summary.not_yet_projected_total) == (1, D("3000.00"))
    assert (summary.cannot_score, summary.cannot_score_today_total) == (1, D("1500.00"))
    assert summary.problems == (("personal_care: This question needs an answer.", 1),)
    assert people[1].change_percent == D("-20.0")


def test_nobody():
    summary = summarise([])
    assert (summary.people, summary.compared, summary.median_change, summary.change_percent) == (0, 0, None, None)


money = st.decimals(min_value=0, max_value=100000, places=2)
projections = st.lists(
    st.builds(
        Projection,
        key=st.text(max_size=3),
        today_annual=st.one_of(st.none(), money),
        projected_annual=st.one_of(st.none(), money),
    ),
    max_size=60,
)


@given(projections)
def test_everyone_is_counted_once_and_the_bands_add_up(items):
    summary = summarise(items)
    assert summary.people == len(items) == summary.compared + summary.not_yet_worked_out + summary.cannot_score
    assert sum(band.count for band in summary.bands) == summary.compared
    assert summary.gaining + summary.losing + summary.unchanged == summary.compared
    assert sum((band.total_change for band in summary.bands), D(0)) == summary.change_total
    assert summary.total_gain - summary.total_loss == summary.change_total
    assert len(summary.bands) == len(CHANGE_BANDS)
    for band in summary.bands:
        if band.code.startswith("lose"):
            assert band.total_change <= 0
        if band.code.startswith("gain"):
            assert band.total_change >= 0
