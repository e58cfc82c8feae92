"""What to do today, as the home page shows it: the review cards due, the last interview, the weakest items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sdcoach.config import Settings
from sdcoach.engine.progress import Trend
from sdcoach.services.review import ReviewQueue, review_queue
from sdcoach.store.repository import SessionSummary


@dataclass(frozen=True)
class Today:
    """The review queue, the newest interview (if any), the weakest items (unpractised ones too) with their drills."""

    queue: ReviewQueue
    last_interview: SessionSummary | None
    weakest: tuple[tuple[Trend, str], ...]
    streak_days: int


def today(settings: Settings, sessions: list[SessionSummary], now: datetime | None = None) -> Today:
    """Today's plan from the stored cards, interviews and attempts (``sessions`` newest first)."""
    from sdcoach.services.progress import user_progress

    progress = user_progress(settings, now)
    last = sessions[0] if sessions else None
    return Today(review_queue(settings, now), last, progress.weakest, progress.streak_days)
