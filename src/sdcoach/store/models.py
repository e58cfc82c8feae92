"""SQLAlchemy 2 tables: a session, its turns (with private notes), and its scorecard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite hands back naive values otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Read: attach UTC to a naive value (everything sdcoach stores is UTC)."""
        if value is None:
            return None
        moment: datetime = value
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


LOCAL = "local"  # the owner of everything the command line stores


class Base(DeclarativeBase):
    """Declarative base for every table."""


class SessionRecord(Base):
    """One interview: what it is about, where it stands, and the engine state after the last reply."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True, default=LOCAL)
    scenario: Mapped[str] = mapped_column(String(100))
    persona: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    elapsed: Mapped[float] = mapped_column(Float, default=0.0)
    state_json: Mapped[str] = mapped_column(Text)


class TurnRecord(Base):
    """One turn of a transcript, in order; interviewer turns carry their private notes.

    ``submit_id`` is the id of the web form whose post stored the turn (the first turn that post stored), so a
    retried or doubled post finds it instead of storing it again."""

    __tablename__ = "turns"
    __table_args__ = (
        Index("ux_turns_session_seq", "session_id", "seq", unique=True),
        Index("ux_turns_session_submit", "session_id", "submit_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    elapsed: Mapped[float] = mapped_column(Float)
    notes_json: Mapped[str] = mapped_column(Text, default="[]")
    submit_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ScorecardRecord(Base):
    """The scorecard of a finished interview, as its JSON payload."""

    __tablename__ = "scorecards"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    payload_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SessionLockRecord(Base):
    """Who has an interview open: a holder token, its process and host, and when it last said it was alive."""

    __tablename__ = "session_locks"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    client: Mapped[str] = mapped_column(String(20))
    acquired_at: Mapped[datetime] = mapped_column(UtcDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DrillAttemptRecord(Base):
    """One drill attempt, stored with its grade (``score`` is empty only in copies made by older versions)."""

    __tablename__ = "drill_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(64), index=True, default=LOCAL)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    scenario: Mapped[str] = mapped_column(String(100))
    answer: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    result_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CardRecord(Base):
    """One spaced-repetition card: a drill item (kind and subject) and its FSRS state."""

    __tablename__ = "cards"

    owner: Mapped[str] = mapped_column(String(64), primary_key=True, index=True, default=LOCAL)
    id: Mapped[str] = mapped_column(String(140), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    subject: Mapped[str] = mapped_column(String(100))
    state_json: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewRecord(Base):
    """One review of a card: the drill attempt that graded it, the score and the rating it mapped to.

    ``showing`` is the id of the page that showed the card: one showing records at most one review."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ux_reviews_showing", "owner", "card_id", "showing", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(64), index=True, default=LOCAL)
    card_id: Mapped[str] = mapped_column(String(140), index=True)
    attempt_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score: Mapped[float] = mapped_column(Float)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    due_after: Mapped[datetime] = mapped_column(UtcDateTime())
    showing: Mapped[str | None] = mapped_column(String(64), nullable=True)


class UserRecord(Base):
    """An account for the multi-user web app: an email and an argon2 password hash."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class WebSessionRecord(Base):
    """A signed-in browser: the SHA-256 of its cookie's random token (never the token), whose it is, and until when."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class RateLimitRecord(Base):
    """One rate-limit counter shared by every worker: the SHA-256 of its key, its hits, and when its window ends
    (seconds since the epoch, as the ``limits`` library counts)."""

    __tablename__ = "rate_limits"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    resets_at: Mapped[float] = mapped_column(Float, index=True)


class DiagramRecord(Base):
    """One version of the candidate's diagram in an interview: the text as given, numbered 1, 2, ... per session.

    ``after_turn`` is the number (``turns.seq``) of the last turn stored when it was attached."""

    __tablename__ = "diagrams"
    __table_args__ = (Index("ux_diagrams_session_version", "session_id", "version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    after_turn: Mapped[int] = mapped_column(Integer)
