"""How failed sign-ins slow down and then lock an account.

After `slowdown_after` failures in a row, each further failure makes the person wait before the next
try, the wait doubling each time (5 s, 10 s, 20 s...). After `lock_after` failures the account is locked
until an administrator unlocks it. This makes password guessing slow without locking out a person who
mistypes once or twice.
"""

import datetime
from dataclasses import dataclass

MAX_WAIT_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class SignInPolicy:
    slowdown_after: int
    base_wait_seconds: int
    lock_after: int


@dataclass(frozen=True)
class FailureOutcome:
    failed_count: int
    next_allowed_at: datetime.datetime | None
    locked: bool


def sign_in_failure_outcome(
    *, failed_count_before: int, now: datetime.datetime, policy: SignInPolicy
) -> FailureOutcome:
    failed = failed_count_before + 1
    if failed >= policy.lock_after:
        return FailureOutcome(failed_count=failed, next_allowed_at=None, locked=True)
    if failed >= policy.slowdown_after:
        # Capped at a day, so that a generous lock_after cannot overflow the date.
        wait = min(policy.base_wait_seconds * 2 ** (failed - policy.slowdown_after), MAX_WAIT_SECONDS)
        return FailureOutcome(failed, now + datetime.timedelta(seconds=wait), locked=False)
    return FailureOutcome(failed_count=failed, next_allowed_at=None, locked=False)
