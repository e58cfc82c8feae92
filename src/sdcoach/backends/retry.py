"""Retries with exponential backoff and full jitter, inside one deadline for the whole reply.

An interview never waits longer than the deadline: each attempt's timeout is what is left of it, and a
pause that would cross it ends the retries instead.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sdcoach.errors import BackendError

T = TypeVar("T")
BASE_DELAY_S = 0.5
MAX_DELAY_S = 8.0


def with_retries(
    attempt: Callable[[float], T],
    deadline_s: float,
    retries: int,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> T:
    """Run ``attempt(timeout_s)``, retrying retryable ``BackendError``s until it succeeds or time runs out."""
    rng = rng or random.Random()
    started = clock()
    for number in range(retries + 1):
        left = deadline_s - (clock() - started)
        if left <= 0:
            break
        try:
            return attempt(left)
        except BackendError as err:
            if not err.is_retryable or number == retries:
                raise
            pause = rng.uniform(0, min(MAX_DELAY_S, BASE_DELAY_S * 2**number))
            if clock() - started + pause >= deadline_s:
                raise
            sleep(pause)
    raise BackendError("timeout", f"No reply within {deadline_s:g} s.", hint="Raise SDCOACH_REPLY_TIMEOUT.")
