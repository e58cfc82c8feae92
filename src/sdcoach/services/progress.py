"""Progress as the interfaces show it: every stored interview and drill turned into trends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sdcoach.config import Settings
from sdcoach.engine.progress import Observation, Progress, Trend, from_attempt, from_scorecard, progress
from sdcoach.services.drills import drills_pack
from sdcoach.services.grading import method
from sdcoach.store.attempts import AttemptRepository
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database
from sdcoach.store.repository import SessionRepository

DEFAULT_SLUG = "feature-store"


def user_progress(settings: Settings, now: datetime | None = None) -> Progress:
    """Trends per checklist item and rubric signal, the weakest five with their drills, streak and due cards."""
    now = now or datetime.now(UTC)
    engine = open_database(settings.database)  # the process's shared engine: its pool outlives this call
    cards = CardRepository(engine, settings.owner).all()
    scorecards = SessionRepository(engine, settings.owner).scorecards()
    attempts = [a for a in AttemptRepository(engine, settings.owner).list() if a.score is not None]
    feeds = drills_pack().progress_feeds
    observations: list[Observation] = []
    for _, when, payload in scorecards:
        observations += from_scorecard(payload, when)
    for a in attempts:
        observations += from_attempt(a.kind, a.score or 0.0, a.result, a.created_at, feeds)
    scenario_attempts = [a.scenario for a in attempts if a.kind in {"questions", "framework", "pitch"}]
    slug = scenario_attempts[0] if scenario_attempts else DEFAULT_SLUG
    due = sum(1 for c in cards if c.due <= now)
    practice = drills_pack().practice
    parts = method()
    return progress(observations, parts.framework, parts.rubric, now.date(), due, practice, slug)


def progress_payload(result: Progress) -> dict[str, Any]:
    """The JSON form."""

    def trend(t: Trend) -> dict[str, Any]:
        return {"id": t.id, "title": t.title, "values": list(t.values), "recent": t.recent, "change": t.change}

    return {
        "items": [trend(t) for t in result.items],
        "signals": [trend(t) for t in result.signals],
        "weakest": [{**trend(t), "drill": command} for t, command in result.weakest],
        "streak_days": result.streak_days,
        "practised_days": result.practised_days,
        "due": result.due,
    }
