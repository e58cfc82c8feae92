"""Spaced repetition for drills: which cards exist, how a grade maps to a rating, what to drill next.

Every drill item (a scenario's question drill, a library tradeoff, a numbers topic ...) is a card whose
id is ``kind:subject``. The grade of an attempt (0..1) maps to an FSRS rating; ``services.scheduling``
hands it to the ``fsrs`` package, which moves the due date. The queue shows due cards first, most
overdue first, then cards never drilled, up to a daily limit of new ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

# Grade thresholds for the four ratings: under 0.35 is a lapse; 0.6 is a pass; 0.85 is effortless.
RATING_FLOORS = ((0.85, 4), (0.6, 3), (0.35, 2), (0.0, 1))
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


@dataclass(frozen=True)
class DeckItem:
    """Something to drill: its card id, kind, subject and a title for people."""

    kind: str
    subject: str
    title: str

    @property
    def card_id(self) -> str:
        """The stable id of the card (``kind:subject``)."""
        return card_id(self.kind, self.subject)


@dataclass(frozen=True)
class CardState:
    """A card's schedule as stored: FSRS state (JSON), when it is due, and counts."""

    card_id: str
    state_json: str
    due: datetime
    reps: int
    lapses: int


@dataclass(frozen=True)
class Scheduled:
    """The outcome of one review: the rating given and the card's new state."""

    rating: int
    card: CardState


def card_id(kind: str, subject: str) -> str:
    """The id of the card for a drill item."""
    return f"{kind}:{subject}"


def rating_for(score: float) -> int:
    """The FSRS rating (1 again .. 4 easy) a drill grade maps to."""
    return next(rating for floor, rating in RATING_FLOORS if score >= floor)


def queue(
    deck: Sequence[DeckItem],
    cards: Iterable[CardState],
    now: datetime,
    new_per_day: int,
    new_today: int,
) -> list[tuple[DeckItem, CardState | None]]:
    """Due cards first (most overdue first), then never-drilled items up to today's remaining new limit."""
    by_id = {c.card_id: c for c in cards}
    due = sorted(
        ((item, by_id[item.card_id]) for item in deck if item.card_id in by_id and by_id[item.card_id].due <= now),
        key=lambda pair: pair[1].due,
    )
    fresh = [item for item in deck if item.card_id not in by_id][: max(0, new_per_day - new_today)]
    return [*due, *((item, None) for item in fresh)]
