"""Export and import the user's whole history (interviews, drill attempts, cards, reviews) as one JSON document.

Import merges to the union of both copies: a session present in both keeps every turn and the state of the copy that
went further (one that went another way is kept beside it), attempts match by kind, subject, time and answer, reviews by
card and time, a card keeps whichever copy has more reviews. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker
from sdcoach.store.codec import notes_from_json, state_from_json
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
MAX_TEXT = 200_000  # characters in one answer, turn or stored document; far above any real answer

Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Seconds = Annotated[float, Field(ge=0.0, le=10_000_000.0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,139}$")]
Words = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Document = Annotated[str, StringConstraints(max_length=10 * MAX_TEXT)]


def strict_json(text: str) -> Any:
    """JSON as the standard allows it: NaN and Infinity (which Python's parser lets through) are refused."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a number JSON allows")

    return json.loads(text, parse_constant=refuse)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionRow(_Row):
    """An interview session."""

    id: Name
    scenario: Name
    persona: Persona
    minutes: Annotated[int, Field(ge=1, le=600)]
    status: Literal["active", "finished"]
    started_at: datetime
    updated_at: datetime
    elapsed: Seconds
    state_json: Document

    @field_validator("state_json")
    @classmethod
    def _state_resumes(cls, value: str) -> str:
        try:
            state = state_from_json(value)
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"the interview state cannot be resumed ({err})") from err
        if not all(math.isfinite(x) for x in (state.phase_started, *(t.elapsed for t in state.turns))):
            raise ValueError("the interview state holds a time that is not a finite number")
        return value


class TurnRow(_Row):
    """One turn of an interview."""

    session_id: Name
    seq: Count
    speaker: Speaker
    text: Words
    elapsed: Seconds
    notes_json: Document

    @field_validator("notes_json")
    @classmethod
    def _notes_read(cls, value: str) -> str:
        try:
            strict_json(value)
            notes_from_json(value)
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"the private notes cannot be read ({err})") from err
        return value


class _StoredFlag(BaseModel):
    behaviour: str
    seen: str


class _StoredSignal(BaseModel):
    score: Annotated[int, Field(ge=1, le=4)]
    # read by `sdcoach report`; absent from scorecards stored before the hire rating existed
    hire: Literal["strong_no_hire", "no_hire", "lean_hire", "hire", "strong_hire"] | None = None
    red_flags: list[_StoredFlag] = []


class _StoredItem(BaseModel):
    covered: bool = False
    strength: Fraction = 0.0


class _StoredScorecard(BaseModel):
    """The fields of a stored scorecard that reports and progress read (the rest is kept as it is)."""

    level: Literal["below_ic5", "ic5", "ic6", "ic7"]
    grade: Annotated[int, Field(ge=1, le=5)]
    overall: Fraction
    checklist: dict[str, _StoredItem] = {}
    signals: dict[str, _StoredSignal] = {}
    not_assessed: list[str] = []


class ScorecardRow(_Row):
    """An interview's scorecard."""

    session_id: Name
    payload_json: Document
    created_at: datetime

    @field_validator("payload_json")
    @classmethod
    def _scorecard_reads(cls, value: str) -> str:
        _StoredScorecard.model_validate(strict_json(value))
        return value


class AttemptRow(_Row):
    """A drill attempt."""

    id: Annotated[int, Field(ge=1)]
    kind: Name
    scenario: Annotated[str, StringConstraints(max_length=140)]
    answer: Words
    score: Fraction | None
    result_json: Document
    created_at: datetime

    @field_validator("result_json")
    @classmethod
    def _result_is_an_object(cls, value: str) -> str:
        if not isinstance(strict_json(value), dict):
            raise ValueError("a drill result is a JSON object")
        return value


class CardRow(_Row):
    """A spaced-repetition card."""

    id: Annotated[str, StringConstraints(min_length=1, max_length=140)]
    kind: Name
    subject: Annotated[str, StringConstraints(max_length=100)]
    state_json: Document
    due: datetime
    reps: Count
    lapses: Count
    created_at: datetime

    @field_validator("state_json")
    @classmethod
    def _state_is_an_object(cls, value: str) -> str:
        if not isinstance(strict_json(value), dict):
            raise ValueError("a card's state is a JSON object")
        return value


class ReviewRow(_Row):
    """A review of a card."""

    card_id: Annotated[str, StringConstraints(min_length=1, max_length=140)]
    attempt_id: Annotated[int, Field(ge=1)] | None
    score: Fraction
    rating: Annotated[int, Field(ge=1, le=4)]
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

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value > SCHEMA:
            raise ValueError(
                f"the file was written by a newer sdcoach (history schema {value}; this one reads {SCHEMA})"
            )
        if value < 1:
            raise ValueError(f"history schema {value} does not exist (this sdcoach reads {SCHEMA})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        sessions = [s.id for s in self.sessions]
        _unique("sessions", sessions)
        _unique("turns", [f"{t.session_id} turn {t.seq}" for t in self.turns])
        _unique("scorecards", [c.session_id for c in self.scorecards])
        _unique("attempts", [str(a.id) for a in self.attempts])
        _unique("cards", [c.id for c in self.cards])
        known = set(sessions)
        for where, session_id in [
            *(("turns", t.session_id) for t in self.turns),
            *(("scorecards", c.session_id) for c in self.scorecards),
        ]:
            if session_id not in known:
                raise ValueError(f"{where} name session {session_id!r}, which the file does not hold")
        cards = {c.id for c in self.cards}
        attempts = {a.id for a in self.attempts}
        for review in self.reviews:
            if review.card_id not in cards:
                raise ValueError(f"a review names card {review.card_id!r}, which the file does not hold")
            if review.attempt_id is not None and review.attempt_id not in attempts:
                raise ValueError(f"a review names drill attempt {review.attempt_id}, which the file does not hold")
        return self


def _unique(table: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{table} holds {key!r} twice")
        seen.add(key)


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
            _merge_session(db, s, sorted(turns.get(s.id, []), key=lambda t: t.seq), scorecards.get(s.id), added, owner)
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
) -> None:
    """One session: new ones are added; when both copies hold it, the one that went further wins, and a
    copy that went another way (resumed on two machines) is kept beside it under its own id."""
    local = db.get(SessionRecord, session.id)
    if local is not None and local.owner == owner:
        here = [(t.seq, t.speaker, t.text) for t in db.scalars(_turns_of(session.id))]
        there = [(t.seq, t.speaker.value, t.text) for t in turns]
        if there[: len(here)] == here or here[: len(there)] == there:
            _take_newer(db, local, session, turns, scorecard, added)
            return
    if local is not None:  # diverged, or another account's id: keep the file's copy beside it
        digest = hashlib.sha256("\n".join(t.text for t in turns).encode()).hexdigest()[:8]
        session = session.model_copy(update={"id": f"{session.id[:23]}-{digest}"})
        turns = [t.model_copy(update={"session_id": session.id}) for t in turns]
        scorecard = scorecard.model_copy(update={"session_id": session.id}) if scorecard else None
        if db.get(SessionRecord, session.id) is not None:
            return  # that copy was imported before
    db.add(SessionRecord(**session.model_dump(), owner=owner))
    db.flush()
    for t in turns:
        db.add(TurnRecord(**t.model_dump()))
    added["sessions"] += 1
    added["turns"] += len(turns)
    if scorecard is not None:
        db.add(ScorecardRecord(**scorecard.model_dump()))
        added["scorecards"] += 1


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


def _columns(record: Any, row: type[_Row]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in row.model_fields}
