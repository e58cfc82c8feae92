"""Signed-in browsers: one row per session, keyed by the SHA-256 of the cookie's random token (never the token
itself, so a copy of the database signs nobody in). Deleting the row is what signing out means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from sdcoach.store.models import UserRecord, WebSessionRecord


@dataclass(frozen=True)
class SignedIn:
    """Whose session a token hash is: the owner id and their e-mail."""

    owner: str
    email: str


class WebSessionRepository:
    """Starts, finds and ends signed-in sessions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, token_hash: str, owner: str, created_at: datetime, expires_at: datetime) -> None:
        """Store a new session, and drop the sessions whose time is up."""
        with Session(self._engine) as db, db.begin():
            db.execute(delete(WebSessionRecord).where(WebSessionRecord.expires_at < created_at))
            db.add(WebSessionRecord(token_hash=token_hash, owner=owner, created_at=created_at, expires_at=expires_at))

    def find(self, token_hash: str, now: datetime) -> SignedIn | None:
        """Who this session belongs to, if it exists and has not expired."""
        query = (
            select(UserRecord.id, UserRecord.email)
            .join(WebSessionRecord, WebSessionRecord.owner == UserRecord.id)
            .where(WebSessionRecord.token_hash == token_hash, WebSessionRecord.expires_at > now)
        )
        with Session(self._engine) as db:
            row = db.execute(query).first()
        return SignedIn(row.id, row.email) if row else None

    def remove(self, token_hash: str) -> None:
        """End one session (sign-out)."""
        with Session(self._engine) as db, db.begin():
            db.execute(delete(WebSessionRecord).where(WebSessionRecord.token_hash == token_hash))

    def remove_all(self, owner: str) -> int:
        """End every session of one person (a password change); how many there were."""
        with Session(self._engine) as db, db.begin():
            return db.execute(delete(WebSessionRecord).where(WebSessionRecord.owner == owner)).rowcount  # type: ignore[attr-defined, no-any-return]
