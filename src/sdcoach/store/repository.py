"""The session repository: every write commits before it returns, so a crash loses nothing already said."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sdcoach.engine.interview import InterviewState, Note, Speaker, Turn
from sdcoach.errors import UnknownNameError
from sdcoach.store.codec import notes_from_json, notes_to_json, state_from_json, state_to_json
from sdcoach.store.locks import fence
from sdcoach.store.models import LOCAL, ScorecardRecord, SessionRecord, TurnRecord

ACTIVE = "active"
FINISHED = "finished"


@dataclass(frozen=True)
class SessionSummary:
    """One row of the session list."""

    id: str
    scenario: str
    persona: str
    minutes: int
    status: str
    started_at: datetime
    turns: int
    updated_at: datetime | None = None


@dataclass(frozen=True)
class StoredSession:
    """A session as stored: its summary, the engine state after the last reply, and every turn."""

    summary: SessionSummary
    state: InterviewState
    elapsed: float
    turns: tuple[Turn, ...]
    scorecard: dict[str, Any] | None


class SessionRepository:
    """Reads and writes interview sessions."""

    def __init__(self, engine: Engine, owner: str = LOCAL) -> None:
        self._engine = engine
        self.owner = owner

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    def create(self, state: InterviewState) -> str:
        """Store a new session with its opening turn; returns its id."""
        now = datetime.now(UTC)
        session_id = uuid.uuid4().hex[:12]
        record = SessionRecord(
            id=session_id,
            owner=self.owner,
            scenario=state.scenario,
            persona=state.persona.value,
            minutes=state.minutes,
            status=ACTIVE,
            started_at=now,
            updated_at=now,
            elapsed=0.0,
            state_json=state_to_json(state),
        )
        with Session(self._engine) as db, db.begin():
            db.add(record)
            for seq, turn in enumerate(state.turns):
                db.add(_turn_record(session_id, seq, turn))
        return session_id

    def add_turn(self, session_id: str, turn: Turn, holder: str | None = None, submit_id: str | None = None) -> None:
        """Append one turn and commit it (the candidate's turn is stored before any reply is computed).

        With ``holder``, only while that lock token still holds the session (``store.locks.fence``); with
        ``submit_id``, marked as stored by that form's post (``submitted`` finds it)."""
        with Session(self._engine) as db, db.begin():
            if holder is not None:
                fence(db, session_id, holder)
            record = self._record(db, session_id)
            db.add(_turn_record(session_id, self._turn_count(db, session_id), turn, submit_id))
            record.updated_at = datetime.now(UTC)
            record.elapsed = max(record.elapsed, turn.elapsed)

    def save_reply(
        self,
        session_id: str,
        reply: Turn | None,
        state: InterviewState,
        elapsed: float,
        scorecard: dict[str, Any] | None,
        holder: str | None = None,
        submit_id: str | None = None,
    ) -> None:
        """Store the interviewer's reply, the engine state after it, the status and (once finished) the scorecard,
        in one transaction: a crash leaves the session as it was before the reply or with all of it.

        ``submit_id`` marks the reply when it is the first turn its post stored (a command such as /hint)."""
        with Session(self._engine) as db, db.begin():
            if holder is not None:
                fence(db, session_id, holder)
            record = self._record(db, session_id)
            if reply is not None:
                db.add(_turn_record(session_id, self._turn_count(db, session_id), reply, submit_id))
            record.state_json = state_to_json(state)
            record.elapsed = elapsed
            record.status = FINISHED if state.is_finished else ACTIVE
            record.updated_at = datetime.now(UTC)
            if scorecard is not None:
                self._replace_scorecard(db, session_id, scorecard)

    def save_scorecard(self, session_id: str, payload: dict[str, Any]) -> None:
        """Store (or replace) the scorecard of a session."""
        with Session(self._engine) as db, db.begin():
            self._record(db, session_id)
            self._replace_scorecard(db, session_id, payload)

    def _replace_scorecard(self, db: Session, session_id: str, payload: dict[str, Any]) -> None:
        existing = db.get(ScorecardRecord, session_id)
        if existing is not None:
            db.delete(existing)
            db.flush()
        db.add(ScorecardRecord(session_id=session_id, payload_json=json.dumps(payload), created_at=datetime.now(UTC)))

    def submitted(self, session_id: str, submit_id: str) -> range | None:
        """The numbers of the turns the post ``submit_id`` stored in this session (None if it stored none): from
        its first turn up to the next turn another post stored (a candidate's answer, or a marked reply)."""
        with Session(self._engine) as db:
            self._record(db, session_id)
            mine = (TurnRecord.session_id == session_id) & (TurnRecord.submit_id == submit_id)
            first = db.scalar(select(TurnRecord.seq).where(mine))
            if first is None:
                return None
            later = select(TurnRecord.seq).where(TurnRecord.session_id == session_id, TurnRecord.seq > first)
            other = (TurnRecord.speaker == Speaker.CANDIDATE.value) | TurnRecord.submit_id.is_not(None)
            end = db.scalar(later.where(other).order_by(TurnRecord.seq).limit(1))
            return range(first, end if end is not None else self._turn_count(db, session_id))

    def _turn_count(self, db: Session, session_id: str) -> int:
        return db.scalar(select(func.count()).select_from(TurnRecord).where(TurnRecord.session_id == session_id)) or 0

    def load(self, session_id: str) -> StoredSession:
        """A session by id, with its turns in order."""
        with Session(self._engine) as db:
            record = self._record(db, session_id)
            rows = db.scalars(select(TurnRecord).where(TurnRecord.session_id == session_id).order_by(TurnRecord.seq))
            turns = tuple(Turn(Speaker(r.speaker), r.text, r.elapsed, notes_from_json(r.notes_json)) for r in rows)
            card = db.get(ScorecardRecord, session_id)
            return StoredSession(
                summary=_summary(record, len(turns)),
                state=state_from_json(record.state_json),
                elapsed=record.elapsed,
                turns=turns,
                scorecard=json.loads(card.payload_json) if card else None,
            )

    def status(self, session_id: str) -> str:
        """A session's status alone (active or finished), without reading its transcript and state."""
        with Session(self._engine) as db:
            return self._record(db, session_id).status

    def scorecards(self) -> list[tuple[str, datetime, dict[str, Any]]]:
        """Every stored scorecard as (session id, when, payload), oldest first."""
        with Session(self._engine) as db:
            query = select(ScorecardRecord).join(SessionRecord, SessionRecord.id == ScorecardRecord.session_id)
            rows = db.scalars(query.where(SessionRecord.owner == self.owner).order_by(ScorecardRecord.created_at))
            return [(r.session_id, r.created_at, json.loads(r.payload_json)) for r in rows]

    def latest(self, status: str | None = ACTIVE) -> str | None:
        """The id of the most recently updated session (of a status, by default unfinished)."""
        with Session(self._engine) as db:
            query = select(SessionRecord.id).where(SessionRecord.owner == self.owner)
            query = query.order_by(SessionRecord.updated_at.desc())
            if status is not None:
                query = query.where(SessionRecord.status == status)
            return db.scalars(query.limit(1)).first()

    def list(self) -> list[SessionSummary]:
        """Every session, newest first."""
        with Session(self._engine) as db:
            # only this owner's turns are counted: the page costs the same however many turns a team has stored
            mine_turns = select(TurnRecord.session_id, func.count()).join(SessionRecord)
            mine_turns = mine_turns.where(SessionRecord.owner == self.owner).group_by(TurnRecord.session_id)
            counts: dict[str, int] = {session_id: count for session_id, count in db.execute(mine_turns).all()}
            mine = select(SessionRecord).where(SessionRecord.owner == self.owner)
            records = db.scalars(mine.order_by(SessionRecord.started_at.desc())).all()
            return [_summary(r, counts.get(r.id, 0)) for r in records]

    def _record(self, db: Session, session_id: str) -> SessionRecord:
        return owned_session(db, self.owner, session_id)


def owned_session(db: Session, owner: str, session_id: str) -> SessionRecord:
    """The owner's session record; an unknown id, or another person's session, is an unknown name with the
    owner's recent sessions as suggestions (another person's session does not exist for you)."""
    record = db.get(SessionRecord, session_id)
    if record is None or record.owner != owner:
        mine = select(SessionRecord.id).where(SessionRecord.owner == owner)
        known = list(db.scalars(mine.order_by(SessionRecord.updated_at.desc()).limit(5)))
        raise UnknownNameError("session", session_id, [k for k in known if k.startswith(session_id[:4])], known)
    return record


def _turn_record(session_id: str, seq: int, turn: Turn, submit_id: str | None = None) -> TurnRecord:
    notes: tuple[Note, ...] = turn.notes
    return TurnRecord(
        session_id=session_id,
        seq=seq,
        speaker=turn.speaker.value,
        text=turn.text,
        elapsed=turn.elapsed,
        notes_json=notes_to_json(notes),
        submit_id=submit_id,
    )


def _summary(record: SessionRecord, turns: int) -> SessionSummary:
    return SessionSummary(
        record.id,
        record.scenario,
        record.persona,
        record.minutes,
        record.status,
        record.started_at,
        turns,
        record.updated_at,
    )
