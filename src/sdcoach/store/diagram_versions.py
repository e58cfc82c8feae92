"""The candidate's diagrams in an interview: every version kept, numbered 1, 2, ... per session, beside its turns.

A version is written in one transaction that reads the highest number and adds the next; the caller holds the
interview's turn gate (``store.turn_gate``) around it, and a unique index on (session, version) is the backstop,
so two tabs can never both store version 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sdcoach.store.locks import fence
from sdcoach.store.models import LOCAL, DiagramRecord
from sdcoach.store.repository import owned_session


@dataclass(frozen=True)
class StoredDiagram:
    """One stored version: its number, format (mermaid or excalidraw), the text as given, when, and after which
    turn (``turns.seq`` of the last turn stored when it was attached)."""

    session_id: str
    version: int
    fmt: str
    text: str
    created_at: datetime
    after_turn: int


class DiagramVersions:
    """Reads and writes the diagram versions of one owner's interviews."""

    def __init__(self, engine: Engine, owner: str = LOCAL) -> None:
        self._engine = engine
        self.owner = owner

    def add(self, session_id: str, fmt: str, text: str, after_turn: int, holder: str | None = None) -> StoredDiagram:
        """Store ``text`` as the session's next version and commit it before returning.

        With ``holder``, only while that lock token still holds the session (``store.locks.fence``)."""
        with Session(self._engine) as db, db.begin():
            if holder is not None:
                fence(db, session_id, holder)
            owned_session(db, self.owner, session_id)
            latest = db.scalar(select(func.max(DiagramRecord.version)).where(DiagramRecord.session_id == session_id))
            record = DiagramRecord(
                session_id=session_id,
                version=(latest or 0) + 1,
                format=fmt,
                text=text,
                created_at=datetime.now(UTC),
                after_turn=after_turn,
            )
            db.add(record)
            db.flush()
            return _stored(record)

    def versions(self, session_id: str) -> list[StoredDiagram]:
        """Every version of the session's diagram, oldest first (none: an empty list)."""
        with Session(self._engine) as db:
            owned_session(db, self.owner, session_id)
            query = select(DiagramRecord).where(DiagramRecord.session_id == session_id)
            return [_stored(r) for r in db.scalars(query.order_by(DiagramRecord.version))]


def _stored(record: DiagramRecord) -> StoredDiagram:
    return StoredDiagram(
        record.session_id,
        record.version,
        record.format,
        record.text,
        record.created_at,
        record.after_turn,
    )
