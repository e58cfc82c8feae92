"""Export and import the user's whole history (interviews with their diagrams, drill attempts, cards, reviews) as one
JSON document.

Import merges to the union of both copies: a session present in both keeps every turn and the state of the copy that
went further (one that went another way is kept beside it), attempts match by kind, subject, time and answer, reviews by
card and time, a card keeps whichever copy has more reviews. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sdcoach.store.history_rows import (
    SCHEMA,
    AttemptRow,
    CardRow,
    DiagramRow,
    History,
    ReviewRow,
    Row,
    ScorecardRow,
    SessionRow,
    TurnRow,
)
from sdcoach.store.models import (
    LOCAL,
    CardRecord,
    DiagramRecord,
    DrillAttemptRecord,
    ReviewRecord,
    ScorecardRecord,
    SessionRecord,
    TurnRecord,
)

_TABLES: dict[str, tuple[type[Any], type[Row]]] = {
    "sessions": (SessionRecord, SessionRow),
    "turns": (TurnRecord, TurnRow),
    "scorecards": (ScorecardRecord, ScorecardRow),
    "attempts": (DrillAttemptRecord, AttemptRow),
    "cards": (CardRecord, CardRow),
    "reviews": (ReviewRecord, ReviewRow),
    "diagrams": (DiagramRecord, DiagramRow),
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
            "diagrams": select(DiagramRecord).where(DiagramRecord.session_id.in_(sessions)),
        }
        tables = {
            name: [_TABLES[name][1].model_validate(_columns(record, _TABLES[name][1])) for record in db.scalars(query)]
            for name, query in queries.items()
        }
    return History(schema_version=SCHEMA, exported_at=datetime.now(UTC), **tables)


def import_history(engine: Engine, history: History, owner: str = LOCAL) -> dict[str, int]:
    """Merge an export into one person's data in one transaction, so the result is the union of both.

    Returns how many rows of each kind were added, and under ``updated`` how many kept rows took the
    file's newer copy (a session that went further, a drill graded later, a card reviewed more)."""
    added = dict.fromkeys(_TABLES, 0) | {"updated": 0}
    turns: dict[str, list[TurnRow]] = {}
    for t in history.turns:
        turns.setdefault(t.session_id, []).append(t)
    scorecards = {c.session_id: c for c in history.scorecards}
    with Session(engine) as db, db.begin():
        for s in history.sessions:
            kept = _merge_session(
                db, s, sorted(turns.get(s.id, []), key=lambda t: t.seq), scorecards.get(s.id), added, owner
            )
            _merge_diagrams(db, kept, [d for d in history.diagrams if d.session_id == s.id], added)
        renumbered = _merge_attempts(db, history.attempts, added, owner)
        _merge_cards(db, history.cards, added, owner)
        db.flush()
        mine = select(ReviewRecord).where(ReviewRecord.owner == owner)
        seen = {(r.card_id, _utc(r.reviewed_at)) for r in db.scalars(mine)}
        for r in history.reviews:
            if (r.card_id, _utc(r.reviewed_at)) not in seen:
                attempt = renumbered.get(r.attempt_id) if r.attempt_id is not None else None
                db.add(ReviewRecord(**(r.model_dump() | {"attempt_id": attempt}), owner=owner))
                added["reviews"] += 1
    return added


def _merge_session(
    db: Session,
    session: SessionRow,
    turns: list[TurnRow],
    scorecard: ScorecardRow | None,
    added: dict[str, int],
    owner: str,
) -> str:
    """One session: new ones are added; when both copies hold it, the one that went further wins, and a
    copy that went another way (resumed on two machines) is kept beside it under its own id. Returns the id the
    file's session is kept under."""
    local = db.get(SessionRecord, session.id)
    if local is not None and local.owner == owner:
        here = [(t.seq, t.speaker, t.text) for t in db.scalars(_turns_of(session.id))]
        there = [(t.seq, t.speaker.value, t.text) for t in turns]
        if there[: len(here)] == here or here[: len(there)] == there:
            _take_newer(db, local, session, turns, scorecard, added)
            return session.id
    if local is not None:  # diverged, or another account's id: keep the file's copy beside it
        digest = hashlib.sha256("\n".join(t.text for t in turns).encode()).hexdigest()[:8]
        session = session.model_copy(update={"id": f"{session.id[:23]}-{digest}"})
        turns = [t.model_copy(update={"session_id": session.id}) for t in turns]
        scorecard = scorecard.model_copy(update={"session_id": session.id}) if scorecard else None
        if db.get(SessionRecord, session.id) is not None:
            return session.id  # that copy was imported before
    db.add(SessionRecord(**session.model_dump(), owner=owner))
    db.flush()
    for t in turns:
        db.add(TurnRecord(**t.model_dump()))
    added["sessions"] += 1
    added["turns"] += len(turns)
    if scorecard is not None:
        db.add(ScorecardRecord(**scorecard.model_dump()))
        added["scorecards"] += 1
    return session.id


def _merge_diagrams(db: Session, session_id: str, diagrams: list[DiagramRow], added: dict[str, int]) -> None:
    """The file's diagram versions of a session kept under ``session_id``: a version number already held is the
    same drawing (versions are only ever added), so only the missing numbers are added."""
    db.flush()
    held = set(db.scalars(select(DiagramRecord.version).where(DiagramRecord.session_id == session_id)))
    for d in diagrams:
        if d.version not in held:
            db.add(DiagramRecord(**(d.model_dump() | {"session_id": session_id})))
            added["diagrams"] += 1


def _take_newer(
    db: Session,
    local: SessionRecord,
    session: SessionRow,
    turns: list[TurnRow],
    scorecard: ScorecardRow | None,
    added: dict[str, int],
) -> None:
    """Both copies agree as far as the shorter goes: keep every turn, and the state of the copy that went further."""
    held = len(list(db.scalars(_turns_of(session.id))))
    extra = turns[held:]
    same_length = len(turns) == held
    finished_there = session.status == "finished" and local.status != "finished"
    newer_there = _utc(session.updated_at) > _utc(local.updated_at) and session.status == local.status
    further = bool(extra) or (same_length and (finished_there or newer_there))
    changed = (local.status, local.state_json, local.elapsed) != (session.status, session.state_json, session.elapsed)
    if further and changed:
        local.status, local.state_json, local.elapsed = session.status, session.state_json, session.elapsed
        local.updated_at = max(_utc(local.updated_at), _utc(session.updated_at))
        added["updated"] += 1
    for t in extra:
        db.add(TurnRecord(**t.model_dump()))
        added["turns"] += 1
    if scorecard is not None and db.get(ScorecardRecord, session.id) is None:
        db.add(ScorecardRecord(**scorecard.model_dump()))
        added["scorecards"] += 1


def _turns_of(session_id: str) -> Any:
    return select(TurnRecord).where(TurnRecord.session_id == session_id).order_by(TurnRecord.seq)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _merge_attempts(db: Session, attempts: list[AttemptRow], added: dict[str, int], owner: str) -> dict[int, int]:
    mine = select(DrillAttemptRecord).where(DrillAttemptRecord.owner == owner)
    existing = {(a.kind, a.scenario, _utc(a.created_at), a.answer): a for a in db.scalars(mine)}
    renumbered: dict[int, int] = {}
    for a in attempts:
        key = (a.kind, a.scenario, _utc(a.created_at), a.answer)
        if key in existing:
            kept = existing[key]
            renumbered[a.id] = kept.id
            if kept.score is None and a.score is not None:  # graded after this copy was taken
                kept.score, kept.result_json = a.score, a.result_json
                added["updated"] += 1
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
            added["updated"] += 1


def _columns(record: Any, row: type[Row]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in row.model_fields}
