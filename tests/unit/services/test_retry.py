"""Retries: backoff with jitter on retryable failures, never past the deadline, never on fatal ones."""

from __future__ import annotations

import random

import pytest

from sdcoach.backends.retry import with_retries
from sdcoach.errors import BackendError


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def _flaky(failures: list[str]) -> object:
    calls: list[float] = []

    def attempt(timeout: float) -> str:
        calls.append(timeout)
        if failures:
            raise BackendError(failures.pop(0), "scripted")
        return "ok"

    attempt.calls = calls  # type: ignore[attr-defined]
    return attempt


def test_retryable_failures_are_retried_with_growing_jittered_pauses() -> None:
    clock = Clock()
    attempt = _flaky(["rate_limited", "server"])
    result = with_retries(attempt, 20, 2, clock, clock.sleep, random.Random(1))  # type: ignore[arg-type]
    assert result == "ok" and len(attempt.calls) == 3  # type: ignore[attr-defined]
    assert 0 <= clock.pauses[0] <= 0.5 and 0 <= clock.pauses[1] <= 1.0


def test_fatal_failures_are_not_retried() -> None:
    clock = Clock()
    attempt = _flaky(["auth"])
    with pytest.raises(BackendError) as err:
        with_retries(attempt, 20, 3, clock, clock.sleep)  # type: ignore[arg-type]
    assert err.value.kind == "auth" and len(attempt.calls) == 1  # type: ignore[attr-defined]


def test_the_deadline_bounds_every_attempt_and_the_retries() -> None:
    clock = Clock()

    def slow(timeout: float) -> str:
        clock.now += timeout  # each attempt uses all the time it is given
        raise BackendError("timeout", "slow")

    with pytest.raises(BackendError):
        with_retries(slow, 5, 5, clock, clock.sleep)
    assert clock.now <= 5 + 1e-9
