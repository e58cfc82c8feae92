"""FSRS behind one function: review a card with the rating a drill's grade maps to.

The ``fsrs`` package is deterministic here (fuzzing off, a card id derived from the item id), so the same
history always gives the same schedule; the clock is passed in.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from sdcoach.engine.review import CardState, Scheduled, rating_for

if TYPE_CHECKING:
    import fsrs

# A drill is longer than a flash card: a lapse comes back within the session, a pass goes to review.
LEARNING_STEPS = (timedelta(minutes=10),)


@cache
def _scheduler() -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(learning_steps=LEARNING_STEPS, relearning_steps=LEARNING_STEPS, enable_fuzzing=False)


def schedule(previous: CardState | None, item_id: str, score: float, now: datetime) -> Scheduled:
    """Review a card (a new one when ``previous`` is None) with the rating the grade maps to."""
    import fsrs

    rating = rating_for(score)
    if previous is not None:
        card = fsrs.Card.from_json(previous.state_json)
    else:  # a stable id, so the same history always serialises the same way
        card = fsrs.Card(card_id=zlib.crc32(item_id.encode()), due=now)
    updated, _ = _scheduler().review_card(card, fsrs.Rating(rating), review_datetime=now)
    reps = (previous.reps if previous else 0) + 1
    lapses = (previous.lapses if previous else 0) + (rating == 1)
    return Scheduled(rating, CardState(item_id, updated.to_json(), updated.due, reps, lapses))
