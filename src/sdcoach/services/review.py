"""Spaced repetition as the interfaces use it: the deck of drill items and the queue of what to drill next.

Every graded drill reschedules its card in the same transaction that stores it (``services.drills``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import zip_longest

from sdcoach.config import Settings
from sdcoach.engine.review import CardState, DeckItem, queue
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database

NEW_PER_DAY = 10


def deck(settings: Settings) -> list[DeckItem]:
    """Every drill item: each scenario's question, framework and pitch drills, each library tradeoff, each
    numbers topic."""
    from sdcoach.engine.numbers_drill import Topic
    from sdcoach.services.library import open_library
    from sdcoach.services.tradeoffs import tradeoff_library

    scenarios = [e.scenario for e in open_library(settings).entries]
    kinds = [
        [DeckItem("questions", s.slug, f"Clarifying questions: {s.title}") for s in scenarios],
        [DeckItem("tradeoff", t.id, f"Tradeoff: {t.title}") for t in tradeoff_library()],
        [DeckItem("numbers", t.value, f"Numbers: {t.value}") for t in Topic],
        [DeckItem("framework", s.slug, f"IC6 checklist for: {s.title}") for s in scenarios],
        [DeckItem("pitch", s.slug, f"60-second pitch: {s.title}") for s in scenarios],
    ]
    # interleaved, so a day's new cards mix the kinds of drill instead of twenty question drills in a row
    return [item for group in zip_longest(*kinds) for item in group if item is not None]


def deck_item(settings: Settings, item_id: str) -> DeckItem:
    """The drill item with this card id (``kind:subject``); an unknown id suggests the closest."""
    from sdcoach.content.names import closest
    from sdcoach.errors import UnknownNameError

    items = {item.card_id: item for item in deck(settings)}
    if item_id not in items:
        raise UnknownNameError("review card", item_id, closest(item_id, items), [])
    return items[item_id]


@dataclass(frozen=True)
class ReviewQueue:
    """What to drill now, and how many cards are due in all."""

    items: list[tuple[DeckItem, CardState | None]]
    due_count: int
    new_left_today: int


def review_queue(settings: Settings, now: datetime | None = None, new_per_day: int = NEW_PER_DAY) -> ReviewQueue:
    """Due cards first, then new ones up to the daily limit (days start at midnight UTC)."""
    now = now or datetime.now(UTC)
    cards = CardRepository(open_database(settings.database), settings.owner)  # shared engine: never disposed here
    stored = cards.all()
    new_today = cards.new_cards_since(now.replace(hour=0, minute=0, second=0, microsecond=0))
    items = queue(deck(settings), stored, now, new_per_day, new_today)
    due = sum(1 for c in stored if c.due <= now)
    return ReviewQueue(items, due, max(0, new_per_day - new_today))
