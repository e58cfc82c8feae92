"""Spaced-repetition cards and their reviews."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sdcoach.engine.review import CardState, Scheduled
from sdcoach.store.models import LOCAL, CardRecord, DrillAttemptRecord, ReviewRecord


@dataclass(frozen=True)
class Review:
    """A stored review."""

    card_id: str
    attempt_id: int | None
    score: float
    rating: int
    reviewed_at: datetime
    due_after: datetime


@dataclass(frozen=True)
class ShownReview:
    """The review one showing of a card recorded, and the stored grade of the answer behind it."""

    review: Review
    result: dict[str, Any]


class CardRepository:
    """Reads and writes cards and reviews."""

    def __init__(self, engine: Engine, owner: str = LOCAL) -> None:
        self._engine = engine
        self.owner = owner

    def get(self, card_id: str) -> CardState | None:
        """The card's stored state, if it was ever reviewed."""
        with Session(self._engine) as db:
            record = db.get(CardRecord, (self.owner, card_id))
            return state_of(record) if record else None

    def all(self) -> list[CardState]:
        """Every card."""
        with Session(self._engine) as db:
            return [state_of(r) for r in db.scalars(select(CardRecord).where(CardRecord.owner == self.owner))]

    def reviews(self) -> list[Review]:
        """Every review, oldest first."""
        with Session(self._engine) as db:
            mine = select(ReviewRecord).where(ReviewRecord.owner == self.owner)
            rows = db.scalars(mine.order_by(ReviewRecord.reviewed_at, ReviewRecord.id))
            return [Review(r.card_id, r.attempt_id, r.score, r.rating, r.reviewed_at, r.due_after) for r in rows]

    def shown(self, card_id: str, showing: str) -> ShownReview | None:
        """The review the page ``showing`` of this card recorded, if it recorded one."""
        with Session(self._engine) as db:
            mine = (ReviewRecord.owner == self.owner) & (ReviewRecord.card_id == card_id)
            r = db.scalars(select(ReviewRecord).where(mine, ReviewRecord.showing == showing)).first()
            if r is None:
                return None
            attempt = db.get(DrillAttemptRecord, r.attempt_id) if r.attempt_id is not None else None
            result = json.loads(attempt.result_json) if attempt else {}
            return ShownReview(Review(r.card_id, r.attempt_id, r.score, r.rating, r.reviewed_at, r.due_after), result)

    def new_cards_since(self, since: datetime) -> int:
        """How many cards were first reviewed at or after ``since`` (today's new cards)."""
        with Session(self._engine) as db:
            query = select(func.count()).select_from(CardRecord)
            query = query.where(CardRecord.owner == self.owner, CardRecord.created_at >= since)
            return int(db.scalar(query) or 0)

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()


def write_review(
    db: Session,
    owner: str,
    kind: str,
    subject: str,
    scheduled: Scheduled,
    attempt_id: int | None,
    score: float,
    reviewed_at: datetime,
    showing: str | None = None,
) -> None:
    """Within the caller's transaction: the card's new state (created on its first review) and the review row
    (``showing``: the page that showed the card, reviewed at most once)."""
    card = scheduled.card
    record = db.get(CardRecord, (owner, card.card_id))
    if record is None:
        record = CardRecord(owner=owner, id=card.card_id, kind=kind, subject=subject, created_at=reviewed_at)
        db.add(record)
    record.state_json, record.due, record.reps, record.lapses = card.state_json, card.due, card.reps, card.lapses
    db.add(
        ReviewRecord(
            owner=owner,
            card_id=card.card_id,
            attempt_id=attempt_id,
            score=score,
            rating=scheduled.rating,
            reviewed_at=reviewed_at,
            due_after=card.due,
            showing=showing,
        )
    )


def state_of(record: CardRecord) -> CardState:
    """The stored card as the engine sees it."""
    return CardState(record.id, record.state_json, record.due, record.reps, record.lapses)
