"""Attempt limits over ``limits``' own memory storage: counted per subject, refused once spent, with the wait."""

from __future__ import annotations

import pytest
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from sdcoach.errors import TooManyAttemptsError
from sdcoach.services.attempt_limits import AttemptLimits, sign_in_subjects, sign_up_subject


def limits() -> AttemptLimits:
    return AttemptLimits(FixedWindowRateLimiter(MemoryStorage()))


def test_twenty_failures_spend_an_account_for_the_rest_of_the_minute() -> None:
    attempts = limits()
    account, address = sign_in_subjects("alice@example.com", "10.0.0.1")
    for _ in range(20):
        attempts.refuse_if_spent(account)
        attempts.count(account)
    with pytest.raises(TooManyAttemptsError) as refused:
        attempts.refuse_if_spent(account, address)
    assert 1 <= refused.value.retry_after <= 60 and "wait a minute" in str(refused.value)
    attempts.refuse_if_spent(address)  # counted per subject: the address has attempts left
    attempts.refuse_if_spent(*sign_in_subjects("bob@example.com", "10.0.0.1"))


def test_checking_counts_nothing_and_spending_counts_one() -> None:
    attempts = limits()
    subject = sign_up_subject("10.0.0.2")
    for _ in range(50):
        attempts.refuse_if_spent(subject)
    for _ in range(20):
        attempts.spend(subject)
    with pytest.raises(TooManyAttemptsError):
        attempts.spend(subject)


def test_the_wait_is_said_in_minutes_beyond_one() -> None:
    assert "wait 3 minutes" in str(TooManyAttemptsError(150))
