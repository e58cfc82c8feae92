"""Spaced repetition: good reviews push a card out, lapses pull it back, the queue puts due cards first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sdcoach.engine.review import CardState, DeckItem, queue, rating_for
from sdcoach.services.scheduling import schedule

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_grades_map_to_ratings() -> None:
    assert [rating_for(s) for s in (0.0, 0.34, 0.35, 0.6, 0.84, 0.85, 1.0)] == [1, 1, 2, 3, 3, 4, 4]


def test_intervals_grow_after_good_reviews_and_shrink_after_a_lapse() -> None:
    card: CardState | None = None
    moment = NOW
    intervals = []
    for _ in range(4):
        card = schedule(card, "tradeoff:x", 0.7, moment).card
        intervals.append(card.due - moment)
        moment = card.due
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0] and intervals[-1] >= timedelta(days=7)
    lapsed = schedule(card, "tradeoff:x", 0.1, moment).card
    assert lapsed.due - moment < intervals[-1] and lapsed.lapses == 1 and lapsed.reps == 5
    assert lapsed.due - moment <= timedelta(minutes=10)


def test_the_schedule_is_deterministic() -> None:
    first = schedule(None, "questions:a", 0.9, NOW).card
    assert first == schedule(None, "questions:a", 0.9, NOW).card


def test_due_cards_come_first_then_new_ones_up_to_the_daily_limit() -> None:
    deck = [DeckItem("questions", s, s) for s in ("a", "b", "c", "d", "e")]
    later = schedule(None, "questions:a", 0.9, NOW).card  # due in days
    overdue = CardState("questions:b", later.state_json, NOW - timedelta(days=2), 3, 0)
    due_now = CardState("questions:c", later.state_json, NOW - timedelta(hours=1), 1, 0)
    order = queue(deck, [later, overdue, due_now], NOW, new_per_day=2, new_today=1)
    assert [item.subject for item, _ in order] == ["b", "c", "d"]
    assert order[-1][1] is None
