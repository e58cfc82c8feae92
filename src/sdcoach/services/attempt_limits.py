"""Limits on sign-in and sign-up attempts, per account and per client address, counted in the database so that
every worker and server sees the same counts (see ``store.rate_limits`` for why the database).

Sign-in counts failed attempts only, and checks before the password is verified: once an account (or an address)
has used up its attempts, even the right password waits until the window ends; that is the lockout. Sign-up
counts every attempt from an address. The windows are ``limits``' fixed windows, opened by the first attempt.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sdcoach.config import Settings
from sdcoach.errors import TooManyAttemptsError

if TYPE_CHECKING:
    from limits import RateLimitItem
    from limits.strategies import RateLimiter

# 20 wrong passwords a minute is far beyond a person's typos and far below a guesser's pace; the hourly limit
# makes a patient guesser wait too (100 guesses an hour against a password zxcvbn rates 3 or more).
SIGN_IN_PER_ACCOUNT = "20/minute;100/hour"
SIGN_IN_PER_ADDRESS = "20/minute;200/hour"
# A team's first morning behind one office address signs up together; a script creating accounts does not stop.
SIGN_UP_PER_ADDRESS = "20/minute;100/hour"


@dataclass(frozen=True)
class Subject:
    """What one limit counts: the action, what the count is kept per (account or address), and its value."""

    action: str
    per: str
    value: str
    rule: str


class AttemptLimits:
    """Count attempts and refuse the ones over a limit, with how long to wait."""

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter

    def refuse_if_spent(self, *subjects: Subject) -> None:
        """Raise TooManyAttemptsError when any subject has no attempt left (nothing is counted)."""
        waits = [self._wait(item, s) for s in subjects for item in _items(s.rule) if not self._test(item, s)]
        if waits:
            raise TooManyAttemptsError(max(waits))

    def count(self, *subjects: Subject) -> None:
        """Count one attempt against every limit of every subject."""
        for subject in subjects:
            for item in _items(subject.rule):
                self._limiter.hit(item, subject.action, subject.per, subject.value)

    def spend(self, *subjects: Subject) -> None:
        """Refuse when spent, otherwise count this attempt."""
        self.refuse_if_spent(*subjects)
        self.count(*subjects)

    def _test(self, item: RateLimitItem, subject: Subject) -> bool:
        return self._limiter.test(item, subject.action, subject.per, subject.value)

    def _wait(self, item: RateLimitItem, subject: Subject) -> int:
        stats = self._limiter.get_window_stats(item, subject.action, subject.per, subject.value)
        return max(1, math.ceil(stats.reset_time - time.time()))


def sign_in_subjects(email: str, address: str) -> tuple[Subject, Subject]:
    """The two counts a sign-in attempt is held to: its account and its client address."""
    return (
        Subject("sign-in", "account", email, SIGN_IN_PER_ACCOUNT),
        Subject("sign-in", "address", address, SIGN_IN_PER_ADDRESS),
    )


def sign_up_subject(address: str) -> Subject:
    """The count a sign-up is held to: its client address."""
    return Subject("sign-up", "address", address, SIGN_UP_PER_ADDRESS)


def attempt_limits(settings: Settings) -> AttemptLimits:
    """Limits counted in the settings' database."""
    from limits.strategies import FixedWindowRateLimiter

    from sdcoach.store.database import open_database
    from sdcoach.store.rate_limits import DatabaseStorage

    return AttemptLimits(FixedWindowRateLimiter(DatabaseStorage(open_database(settings.database))))


def _items(rule: str) -> list[RateLimitItem]:
    from limits import parse_many

    return parse_many(rule)
