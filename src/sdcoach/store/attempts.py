"""Drill attempts: an answer is stored whole (its grade, its card's new schedule and the review) or not at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdcoach.engine.review import CardState, Scheduled, card_id
from sdcoach.store.cards import CardRepository, state_of, write_review
from sdcoach.store.models import LOCAL, CardRecord, DrillAttemptRecord


@dataclass(frozen=True)
class Attempt:
    """A stored drill attempt."""

    id: int
    kind: str
    scenario: str
    answer: str
    score: float | None
    result: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class GradedAnswer:
    """A drill answer with the grade already worked out: what to store in one transaction."""

    kind: str
    subject: str
    answer: str
    score: float
    result: dict[str, Any]
    answered_at: datetime


@dataclass(frozen=True)
class StoredAnswer:
    """What the transaction committed: the attempt's id and the card's new schedule."""

    attempt_id: int
    scheduled: Scheduled


Reschedule = Callable[[CardState | None], Scheduled]


class AttemptRepository:
    """Reads and writes drill attempts."""

    def __init__(self, engine: Engine, owner: str = LOCAL) -> None:
        self._engine = engine
        self.owner = owner

    def add_graded(self, graded: GradedAnswer, reschedule: Reschedule, showing: str | None = None) -> StoredAnswer:
        """Store the attempt with its grade, the card's new state and the review, in one transaction.

        ``reschedule`` (pure and quick) maps the card's current state to its new one; it runs inside the
        transaction, after the attempt's insert took the write lock, so two answers to the same card at
        once cannot both start from the same old state. A crash anywhere before the commit stores nothing.
        A ``showing`` already reviewed (the review's unique index refuses a second) stores nothing and
        returns what the first answer to it stored.
        """
        try:
            return self._add_graded(graded, reschedule, showing)
        except IntegrityError:
            first = self._first_of(card_id(graded.kind, graded.subject), showing)
            if first is None:
                raise
            return first

    def _first_of(self, item_id: str, showing: str | None) -> StoredAnswer | None:
        """What the first answer to ``showing`` stored (another answer to it got there first)."""
        cards = CardRepository(self._engine, self.owner)
        first = cards.shown(item_id, showing) if showing else None
        card = cards.get(item_id)
        if first is None or card is None:
            return None
        return StoredAnswer(first.review.attempt_id or 0, Scheduled(first.review.rating, card))

    def _add_graded(self, graded: GradedAnswer, reschedule: Reschedule, showing: str | None) -> StoredAnswer:
        with Session(self._engine) as db, db.begin():
            record = DrillAttemptRecord(
                owner=self.owner,
                kind=graded.kind,
                scenario=graded.subject,
                answer=graded.answer,
                score=graded.score,
                result_json=json.dumps(graded.result),
                created_at=graded.answered_at,
            )
            db.add(record)
            db.flush()  # the first write: SQLite takes its write lock here, PostgreSQL locks the card below
            item_id = card_id(graded.kind, graded.subject)
            card = db.get(CardRecord, (self.owner, item_id), with_for_update=True)
            previous = state_of(card) if card else None
            scheduled = reschedule(previous)
            write_review(
                db,
                self.owner,
                graded.kind,
                graded.subject,
                scheduled,
                record.id,
                graded.score,
                graded.answered_at,
                showing,
            )
            return StoredAnswer(record.id, scheduled)

    def list(self, kind: str | None = None) -> list[Attempt]:
        """Attempts, newest first."""
        with Session(self._engine) as db:
            query = select(DrillAttemptRecord).where(DrillAttemptRecord.owner == self.owner)
            query = query.order_by(DrillAttemptRecord.id.desc())
            if kind is not None:
                query = query.where(DrillAttemptRecord.kind == kind)
            return [
                Attempt(r.id, r.kind, r.scenario, r.answer, r.score, json.loads(r.result_json), r.created_at)
                for r in db.scalars(query)
            ]

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()
