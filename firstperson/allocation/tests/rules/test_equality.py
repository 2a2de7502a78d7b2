"""The equality check (rules/equality.py): budget per point by group, flagged beyond a percentage,
small groups never shown, nor any group whose number would give a small group's away. Figures
worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from firstperson.allocation.rules.equality import (
    COMPARED,
    FLAGGED,
    MIN_GROUP_SIZE,
    NO_POINTS,
    NOT_RECORDED,
    PROTECTING,
    TOO_FEW,
    BudgetRecord,
    DimensionResult,
    age_band,
    age_on,
    equality_check,
    hidden_groups,
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


# --- Secondary suppression ---------------------------------------------------------------------


def groups_of(sizes: dict[str, int]) -> list[BudgetRecord]:
    return [BudgetRecord(D(1000), D(10), {"g": label}) for label, size in sizes.items() for _ in range(size)]


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        # Nothing too few: everything shown.
        ({"A": 30, "B": 5}, {}),
        # One group too few: 38 − 30 − 6 would give it away, so the next smallest is hidden too.
        ({"A": 30, "B": 6, "C": 2}, {"B": PROTECTING, "C": TOO_FEW}),
        # Two too few but 3 people between them (1 and 2, or 2 and 1): the next smallest as well.
        ({"A": 20, "B": 12, "C": 2, "D": 1}, {"B": PROTECTING, "C": TOO_FEW, "D": TOO_FEW}),
        # Two too few with 5 between them: 1 and 4, 2 and 3, ... Enough.
        ({"A": 20, "B": 3, "C": 2}, {"B": TOO_FEW, "C": TOO_FEW}),
        # Of two the same size, the first in the order is hidden.
        ({"A": 9, "B": 7, "C": 7, "D": 1}, {"B": PROTECTING, "D": TOO_FEW}),
        # Knowing the rule, 9 + 4 would give the 4 away: hidden with a group of fewer than 5, the 9 is at
        # most the smallest shown group (9), so the other is at least 13 − 9 = 4, and at most 4.
        ({"A": 9, "B": 9, "C": 4}, {"A": PROTECTING, "B": PROTECTING, "C": TOO_FEW}),
        # Five groups of one person each: 5 between them, but each must hold at least one.
        (
            {"A": 40, "B": 8, "C": 1, "D": 1, "E": 1, "F": 1, "G": 1},
            {"B": PROTECTING, "C": TOO_FEW, "D": TOO_FEW, "E": TOO_FEW, "F": TOO_FEW, "G": TOO_FEW},
        ),
    ],
)
def test_a_hidden_group_is_never_alone_nor_with_too_few_people(sizes, hidden):
    report = equality_check(groups_of(sizes), [("g", "Group", list(sizes))])
    groups = report.dimensions[0].groups
    assert {g.label: g.status for g in groups if g.hidden} == hidden
    for group in groups:
        assert group.hidden == (group.count is None) == (group.budget_per_point is None) == (group.label in hidden)
        assert not (group.hidden and group.flagged)


def test_when_everyone_is_in_a_group_of_their_own_no_group_is_listed():
    report = equality_check(groups_of(dict.fromkeys("ABCDE", 1)), [("g", "Group", list("ABCDE"))])
    assert report.people == 5
    assert report.dimensions[0].groups == ()


def what_can_be_worked_out(dimension: DimensionResult, people: int) -> dict[str, set[int]]:
    """Every number of people each hidden group could hold, to someone who reads the page (the
    total, each shown group's number, the names of the hidden ones) and knows the rule: every split
    of the rest among the hidden groups, at least one each (a group with nobody is not listed), for
    which the rule would hide just those groups."""
    labels = [g.label for g in dimension.groups]
    shown = {g.label: g.count for g in dimension.groups if not g.hidden}
    hidden = [g.label for g in dimension.groups if g.hidden]
    rest = people - sum(shown.values())

    def splits(total: int, parts: int):
        if parts == 1:
            yield (total,)
            return
        for first in range(1, total - parts + 2):
            for others in splits(total - first, parts - 1):
                yield (first, *others)

    possible: dict[str, set[int]] = {label: set() for label in hidden}
    for split in splits(rest, len(hidden)) if hidden else ():
        guess = shown | dict(zip(hidden, split, strict=True))
        if hidden_groups([(label, guess[label]) for label in labels]) == frozenset(hidden):
            for label, number in zip(hidden, split, strict=True):
                possible[label].add(number)
    return possible


@settings(deadline=None, max_examples=200)
@given(st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=5))
def test_no_hidden_group_s_number_can_be_worked_out_from_what_is_shown(sizes):
    assume(sum(sizes) >= MIN_GROUP_SIZE)  # with fewer people in all the page shows no groups
    labels = [f"Group {n}" for n in range(len(sizes))]
    records = groups_of(dict(zip(labels, sizes, strict=True)))
    dimension = equality_check(records, [("g", "Group", labels)]).dimensions[0]
    if not dimension.groups:  # nothing listed, nothing to work out
        assert min(sizes) < MIN_GROUP_SIZE
        return
    for label, size in zip(labels, sizes, strict=True):
        group = next(g for g in dimension.groups if g.label == label)
        assert group.hidden or size >= MIN_GROUP_SIZE
    for label, numbers in what_can_be_worked_out(dimension, len(records)).items():
        assert sizes[labels.index(label)] in numbers
        assert len(numbers) > 1, f"{label} can be worked out: {numbers}"


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
    shown = [g for g in groups if not g.hidden]
    assert sum(g.count for g in shown) <= report.people
    for group in groups:
        if group.hidden:
            assert group.count is None and group.budget_per_point is None
        if group.status in (COMPARED, FLAGGED):
            assert group.count >= 5
            overall = report.total_annual / report.total_points
            exact = 0 if overall == 0 else (group.total_annual / group.total_points - overall) * 100 / overall
            assert (group.status == FLAGGED) == (abs(exact) > threshold)
