"""Failed sign-ins: the doubling wait, then the lock. No database needed."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstperson.platform.accounts.rules.sign_in import MAX_WAIT_SECONDS, SignInPolicy, sign_in_failure_outcome

NOW = datetime.datetime(2025, 6, 2, 9, 30, tzinfo=datetime.UTC)
POLICY = SignInPolicy(slowdown_after=3, base_wait_seconds=5, lock_after=8)


def _wait_seconds(outcome) -> float:
    """How long the person must wait after this outcome; 0 when they may try again at once."""
    if outcome.next_allowed_at is None:
        return 0
    return (outcome.next_allowed_at - NOW).total_seconds()


@pytest.mark.parametrize(
    ("failure", "wait_seconds", "locked"),
    [
        (1, None, False),
        (2, None, False),
        (3, 5, False),
        (4, 10, False),
        (5, 20, False),
        (6, 40, False),
        (7, 80, False),
        (8, None, True),
        (9, None, True),
        (20, None, True),
    ],
)
def test_failures_slow_down_then_lock(failure, wait_seconds, locked):
    outcome = sign_in_failure_outcome(failed_count_before=failure - 1, now=NOW, policy=POLICY)

    assert outcome.failed_count == failure
    assert outcome.locked is locked
    if wait_seconds is None:
        assert outcome.next_allowed_at is None
    else:
        assert outcome.next_allowed_at == NOW + datetime.timedelta(seconds=wait_seconds)


def test_one_or_two_mistakes_cost_nothing():
    for before in (0, 1):
        outcome = sign_in_failure_outcome(failed_count_before=before, now=NOW, policy=POLICY)
        assert outcome.next_allowed_at is None
        assert not outcome.locked


def test_the_wait_keeps_the_timezone_of_now():
    outcome = sign_in_failure_outcome(failed_count_before=2, now=NOW, policy=POLICY)

    assert outcome.next_allowed_at.tzinfo is datetime.UTC


def test_locking_at_the_first_failure_when_lock_after_is_1():
    outcome = sign_in_failure_outcome(
        failed_count_before=0, now=NOW, policy=SignInPolicy(slowdown_after=3, base_wait_seconds=5, lock_after=1)
    )

    assert outcome.locked
    assert outcome.failed_count == 1


policies = st.builds(
    SignInPolicy,
    slowdown_after=st.integers(min_value=1, max_value=10),
    base_wait_seconds=st.integers(min_value=1, max_value=300),
    lock_after=st.integers(min_value=1, max_value=25),
)


@given(policies)
def test_waits_never_decrease_as_failures_grow(policy):
    previous_wait = 0.0
    for before in range(policy.lock_after + 3):
        outcome = sign_in_failure_outcome(failed_count_before=before, now=NOW, policy=policy)
        if outcome.locked:
            break
        wait = _wait_seconds(outcome)
        assert wait >= previous_wait
        previous_wait = wait


@given(policies, st.integers(min_value=0, max_value=40))
def test_locked_if_and_only_if_the_failures_reach_lock_after(policy, before):
    outcome = sign_in_failure_outcome(failed_count_before=before, now=NOW, policy=policy)

    assert outcome.failed_count == before + 1
    assert outcome.locked == (outcome.failed_count >= policy.lock_after)
    if outcome.locked:
        assert outcome.next_allowed_at is None


@given(policies, st.integers(min_value=0, max_value=40))
def test_the_wait_starts_at_the_base_and_doubles(policy, before):
    outcome = sign_in_failure_outcome(failed_count_before=before, now=NOW, policy=policy)

    if outcome.locked or outcome.failed_count < policy.slowdown_after:
        assert outcome.next_allowed_at is None
    else:
        extra = outcome.failed_count - policy.slowdown_after
        assert _wait_seconds(outcome) == min(policy.base_wait_seconds * 2**extra, MAX_WAIT_SECONDS)


def test_the_wait_is_capped_at_a_day_so_a_generous_lock_limit_cannot_overflow():
    policy = SignInPolicy(slowdown_after=3, base_wait_seconds=5, lock_after=100)
    outcome = sign_in_failure_outcome(failed_count_before=60, now=NOW, policy=policy)
    assert _wait_seconds(outcome) == MAX_WAIT_SECONDS
    assert not outcome.locked
