"""The equality check (rules/equality.py): budget per point by group, flagged beyond a percentage,
small groups never shown. Figures worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.allocation.rules.equality import (
    COMPARED,
    FLAGGED,
    NO_POINTS,
    NOT_RECORDED,
    TOO_FEW,
    BudgetRecord,
    age_band,
    age_on,
    equality_check,
)

D = Decimal
SEX = [("sex", "Sex", ["Female", "Male"])]


def people(count, annual, points, sex):
    return [BudgetRecord(D(annual), D(points), {"sex": sex}) for _ in range(count)]


def test_a_group_that_gets_less_for_the_same_points_is_flagged():
    # Women: 10 × £5,000 for 20 points; men: 10 × £4,000 for 20 points. Everyone: £90,000 / 400 points
    # = £225 a point. Women £250 (+11.1%), men £200 (-11.1%): both beyond 10%.
    records = people(10, "5000", "20", "Female") + people(10, "4000", "20", "Male")
    report = equality_check(records, SEX, D(10))
    assert report.budget_per_point == D("225.00")
    women, men = report.dimensions[0].groups
    assert (women.label, women.status, women.count, women.budget_per_point, women.difference_percent) == (
        "Female",
        FLAGGED,
        10,
        D("250.00"),
        D("11.1"),
    )
    assert (men.status, men.budget_per_point, men.difference_percent) == (FLAGGED, D("200.00"), D("-11.1"))
    assert report.flagged_count == 2
    # At 12% neither is flagged.
    assert equality_check(records, SEX, D(12)).flagged_count == 0


def test_small_groups_are_too_few_to_compare_and_their_figures_are_hidden():
    records = people(6, "5000", "20", "Female") + people(4, "1000", "20", "Male") + people(1, "10", "1", "")
    report = equality_check(records, SEX, D(10))
    female, male, unrecorded = report.dimensions[0].groups
    assert female.label == "Female" and female.status == FLAGGED
    assert (male.label, male.status, male.count, male.budget_per_point, male.total_annual) == (
        "Male",
        TOO_FEW,
        None,
        None,
        None,
    )
    assert (unrecorded.label, unrecorded.status) == (NOT_RECORDED, TOO_FEW)


def test_a_difference_of_exactly_the_percentage_is_not_flagged():
    # Everyone £200 a point; group A £220 a point: +10% exactly.
    records = people(5, "2200", "10", "Female") + people(5, "1800", "10", "Male")
    report = equality_check(records, SEX, D(10))
    assert [g.status for g in report.dimensions[0].groups] == [COMPARED, COMPARED]
    assert [g.difference_percent for g in report.dimensions[0].groups] == [D("10.0"), D("-10.0")]


def test_a_group_with_no_points():
    records = people(5, "1000", "0", "Female") + people(5, "1000", "10", "Male")
    female, male = equality_check(records, SEX).dimensions[0].groups
    assert (female.status, female.budget_per_point) == (NO_POINTS, None)
    assert male.status == FLAGGED  # £200 a point against everyone's £2,000 / 50 = £40 a point


def test_everyone_at_nothing():
    report = equality_check(people(5, "0", "10", "Female"), SEX)
    assert report.budget_per_point == D("0.00")
    assert [(g.status, g.difference_percent) for g in report.dimensions[0].groups] == [(COMPARED, D("0.0"))]


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (datetime.date(2008, 6, 2), "18 to 24"),  # 18 on the day
        (datetime.date(2008, 6, 3), "Under 18"),  # 18 tomorrow
        (datetime.date(1961, 6, 2), "65 to 74"),
        (datetime.date(1961, 6, 3), "45 to 64"),
        (datetime.date(1941, 1, 1), "85 and over"),
        (None, NOT_RECORDED),
    ],
)
def test_age_bands(born, band):
    assert age_band(born, datetime.date(2026, 6, 2)) == band


def test_a_leap_day_birthday():
    assert age_on(datetime.date(2000, 2, 29), datetime.date(2026, 2, 28)) == 25
    assert age_on(datetime.date(2000, 2, 29), datetime.date(2026, 3, 1)) == 26


records_strategy = st.lists(
    st.builds(
        BudgetRecord,
        annual_amount=st.decimals(min_value=0, max_value=50000, places=2),
        points=st.decimals(min_value=0, max_value=100, places=1),
        groups=st.fixed_dictionaries({"sex": st.sampled_from(["Female", "Male", "", "Other"])}),
    ),
    max_size=80,
)


@given(records_strategy, st.decimals(min_value=0, max_value=50, places=1))
def test_flags_follow_the_percentage_and_small_groups_are_never_flagged(records, threshold):
    report = equality_check(records, SEX, threshold)
    groups = report.dimensions[0].groups
    shown = [g for g in groups if g.status != TOO_FEW]
    assert sum(g.count for g in shown) <= report.people
    for group in groups:
        if group.status == TOO_FEW:
            assert group.count is None and group.budget_per_point is None
        if group.status in (COMPARED, FLAGGED):
            assert group.count >= 5
            overall = report.total_annual / report.total_points
            exact = 0 if overall == 0 else (group.total_annual / group.total_points - overall) * 100 / overall
            assert (group.status == FLAGGED) == (abs(exact) > threshold)
