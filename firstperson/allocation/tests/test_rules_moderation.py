"""rules/moderation.py, table-driven: when a change needs a team manager, and what a reason needs."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.allocation.rules.moderation import (
    ALLOWED_MOVES,
    APPLIED,
    APPROVED,
    DECLINED,
    PENDING,
    WITHDRAWN,
    moderation_route,
    move_is_allowed,
    reason_problem,
)

D = Decimal


@pytest.mark.parametrize(
    ("calculated", "proposed", "tolerance", "percent", "needs_approval"),
    [
        # REFERENCE.md §2.10: £9,534.20 worked out, the plan costs £10,400: +9.08%, within ±10%.
        (D("9534.20"), D("10400.00"), D(10), D("9.08"), False),
        # Had the plan cost £12,000: +25.86%, beyond tolerance.
        (D("9534.20"), D("12000.00"), D(10), D("25.86"), True),
        (D("1000.00"), D("1100.00"), D(10), D("10.00"), False),  # exactly the tolerance is within it
        # A penny more is beyond (10.001%), and never reads as 10.00% beside "needs a team manager".
        (D("1000.00"), D("1100.01"), D(10), D("10.01"), True),
        (D("1000.00"), D("900.00"), D(10), D("-10.00"), False),  # down as well as up
        (D("1000.00"), D("899.99"), D(10), D("-10.01"), True),
        (D("9534.20"), D("10487.63"), D(10), D("10.01"), True),  # 10.0001%: beyond, shown as such
        (D("1000.00"), D("0.00"), D(100), D("-100.00"), False),
        (D("1000.00"), D("1000.01"), D(0), D("0.01"), True),  # no tolerance: every change needs approval
        (D("0.00"), D("0.00"), D(10), None, False),
        (D("0.00"), D("0.01"), D(10), None, True),  # from nothing, any change is beyond every tolerance
    ],
)
def test_moderation_route(calculated, proposed, tolerance, percent, needs_approval):
    route = moderation_route(calculated=calculated, proposed=proposed, tolerance_percent=tolerance)
    assert (route.change_percent, route.needs_approval) == (percent, needs_approval)


@given(
    calculated=st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2),
    proposed=st.decimals(min_value=D("0"), max_value=D("200000"), places=2),
    tolerance=st.decimals(min_value=D("0"), max_value=D("100"), places=2),
)
def test_approval_is_needed_exactly_when_the_change_is_beyond_tolerance(calculated, proposed, tolerance):
    route = moderation_route(calculated=calculated, proposed=proposed, tolerance_percent=tolerance)
    assert route.needs_approval == (abs(proposed - calculated) * 100 > tolerance * calculated)
    # What is shown agrees with the route: beyond the tolerance reads as beyond it, and the shown
    # figure is the exact change to the nearest hundredth, or the next hundredth away from nought.
    exact = (proposed - calculated) * 100 / calculated
    assert abs(route.change_percent - exact) < D("0.01")
    assert (abs(route.change_percent) > tolerance) == route.needs_approval or (
        not route.needs_approval and abs(route.change_percent) - tolerance <= D("0.005")
    )


@pytest.mark.parametrize(
    ("reason", "problem"),
    [
        ("", "Explain why you are changing the figure, in at least 10 characters"),
        ("          ", "Explain why you are changing the figure, in at least 10 characters"),
        ("Too low", "Explain why you are changing the figure, in at least 10 characters"),
        ("x" * 2001, "The reason must be 2000 characters or fewer"),
        ("Needs two carers for personal care", None),
        ("  Night support  ", None),
    ],
)
def test_a_reason_is_required(reason, problem):
    assert reason_problem(reason) == problem


def test_only_a_pending_change_can_be_decided():
    assert move_is_allowed(PENDING, APPROVED)
    assert move_is_allowed(PENDING, DECLINED)
    assert move_is_allowed(PENDING, WITHDRAWN)
    for status in (APPLIED, APPROVED, DECLINED, WITHDRAWN):
        assert ALLOWED_MOVES[status] == frozenset()
        assert not move_is_allowed(status, APPROVED)
    assert not move_is_allowed(PENDING, APPLIED)
