"""Export and import the user's whole history (interviews, drill attempts, cards, reviews) as one JSON document.

Import merges: rows already present are kept (sessions and scorecards by id, attempts by kind, subject,
time and answer, reviews by card and time), a card keeps whichever copy has more reviews, and attempt ids
are renumbered with the reviews that point at them. Importing the same file twice changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sdcoach.store.models import (
    LOCAL,
    CardRecord,
    DrillAttemptRecord,
    ReviewRecord,
    ScorecardRecord,
    SessionRecord,
    TurnRecord,
)

SCHEMA = 1


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionRow(_Row):
    """An interview session."""

    id: str
    scenario: str
    persona: str
    minutes: int
    status: str
    started_at: datetime
    updated_at: datetime
    elapsed: float
    state_json: str


class TurnRow(_Row):
    """One turn of an interview."""

    session_id: str
    seq: int
    speaker: str
    text: str
    elapsed: float
    notes_json: str


class ScorecardRow(_Row):
    """An interview's scorecard."""

    session_id: str
    payload_json: str
    created_at: datetime


class AttemptRow(_Row):
    """A drill attempt."""

    id: int
    kind: str
    scenario: str
    answer: str
    score: float | None
    result_json: str
    created_at: datetime


class CardRow(_Row):
    """A spaced-repetition card."""

    id: str
    kind: str
    subject: str
    state_json: str
    due: datetime
    reps: int
    lapses: int
    created_at: datetime


class ReviewRow(_Row):
    """A review of a card."""

    card_id: str
    attempt_id: int | None
    score: float
    rating: int
    reviewed_at: datetime
    due_after: datetime


class History(_Row):
    """The whole export."""

    schema_version: int
    exported_at: datetime
    sessions: list[SessionRow]
    turns: list[TurnRow]
    scorecards: list[ScorecardRow]
    attempts: list[AttemptRow]
    cards: list[CardRow]
    reviews: list[ReviewRow]


_TABLES: dict[str, tuple[type[Any], type[_Row]]] = {
    "sessions": (SessionRecord, SessionRow),
    "turns": (TurnRecord, TurnRow),
    "scorecards": (ScorecardRecord, ScorecardRow),
    "attempts": (DrillAttemptRecord, AttemptRow),
    "cards": (CardRecord, CardRow),
    "reviews": (ReviewRecord, ReviewRow),
}


def export_history(engine: Engine, owner: str = LOCAL) -> History:
    """Everything one person has done, as one validated document (owners are not exported)."""
    with Session(engine) as db:
        sessions = select(SessionRecord.id).where(SessionRecord.owner == owner)
        queries = {
            "sessions": select(SessionRecord).where(SessionRecord.owner == owner),
            "turns": select(TurnRecord).where(TurnRecord.session_id.in_(sessions)),
            "scorecards": select(ScorecardRecord).where(ScorecardRecord.session_id.in_(sessions)),
            "attempts": select(DrillAttemptRecord).where(DrillAttemptRecord.owner == owner),
            "cards": select(CardRecord).where(CardRecord.owner == owner),
            "reviews": select(ReviewRecord).where(ReviewRecord.owner == owner),
        }
        tables = {
            name: [_TABLES[name][1].model_validate(_columns(record, _TABLES[name][1])) for record in db.scalars(query)]
            for name, query in queries.items()
        }
    return History(schema_version=SCHEMA, exported_at=datetime.now(UTC), **tables)


def import_history(engine: Engine, history: History, owner: str = LOCAL) -> dict[str, int]:
    """Merge an export into one person's data in one transaction; returns how many rows of each kind were added."""
    added = dict.fromkeys(_TABLES, 0)
    with Session(engine) as db, db.begin():
        known_sessions = set(db.scalars(select(SessionRecord.id)))
        new_sessions = {s.id for s in history.sessions if s.id not in known_sessions}
        for s in history.sessions:
            if s.id in new_sessions:
                db.add(SessionRecord(**s.model_dump(), owner=owner))
                added["sessions"] += 1
        db.flush()
        for t in history.turns:
            if t.session_id in new_sessions:
                db.add(TurnRecord(**t.model_dump()))
                added["turns"] += 1
        known_cards = set(db.scalars(select(ScorecardRecord.session_id)))
        for c in history.scorecards:
            if c.session_id not in known_cards and c.session_id in new_sessions:
                db.add(ScorecardRecord(**c.model_dump()))
                added["scorecards"] += 1
        renumbered = _merge_attempts(db, history.attempts, added, owner)
        _merge_cards(db, history.cards, added, owner)
        db.flush()
        mine = select(ReviewRecord).where(ReviewRecord.owner == owner)
        seen = {(r.card_id, r.reviewed_at) for r in db.scalars(mine)}
        for r in history.reviews:
            if (r.card_id, r.reviewed_at) not in seen:
                attempt = renumbered.get(r.attempt_id) if r.attempt_id is not None else None
                db.add(ReviewRecord(**(r.model_dump() | {"attempt_id": attempt}), owner=owner))
                added["reviews"] += 1
    return added


def _merge_attempts(db: Session, attempts: list[AttemptRow], added: dict[str, int], owner: str) -> dict[int, int]:
    mine = select(DrillAttemptRecord).where(DrillAttemptRecord.owner == owner)
    existing = {(a.kind, a.scenario, a.created_at, a.answer): a.id for a in db.scalars(mine)}
    renumbered: dict[int, int] = {}
    for a in attempts:
        key = (a.kind, a.scenario, a.created_at, a.answer)
        if key in existing:
            renumbered[a.id] = existing[key]
            continue
        record = DrillAttemptRecord(**a.model_dump(exclude={"id"}), owner=owner)
        db.add(record)
        db.flush()
        renumbered[a.id] = record.id
        added["attempts"] += 1
    return renumbered


def _merge_cards(db: Session, cards: list[CardRow], added: dict[str, int], owner: str) -> None:
    for c in cards:
        record = db.get(CardRecord, (owner, c.id))
        if record is None:
            db.add(CardRecord(**c.model_dump(), owner=owner))
            added["cards"] += 1
        elif c.reps > record.reps:
            record.state_json, record.due, record.reps, record.lapses = c.state_json, c.due, c.reps, c.lapses


def _columns(record: Any, row: type[_Row]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in row.model_fields}
