"""Drill attempts: stored before the grade is shown, then completed with it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sdcoach.store.models import LOCAL, DrillAttemptRecord


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


class AttemptRepository:
    """Reads and writes drill attempts."""

    def __init__(self, engine: Engine, owner: str = LOCAL) -> None:
        self._engine = engine
        self.owner = owner

    def save_answer(self, kind: str, scenario: str, answer: str) -> int:
        """Commit the candidate's answer (before any grading) and return its id."""
        with Session(self._engine) as db, db.begin():
            record = DrillAttemptRecord(
                owner=self.owner,
                kind=kind,
                scenario=scenario,
                answer=answer,
                score=None,
                result_json="{}",
                created_at=datetime.now(UTC),
            )
            db.add(record)
            db.flush()
            return record.id

    def save_result(self, attempt_id: int, score: float, result: dict[str, Any]) -> None:
        """Add the grade to a stored attempt."""
        with Session(self._engine) as db, db.begin():
            record = db.get(DrillAttemptRecord, attempt_id)
            if record is not None and record.owner == self.owner:
                record.score = score
                record.result_json = json.dumps(result)

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
