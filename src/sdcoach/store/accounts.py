"""The account repository: the web app's users, each an email and an argon2 password hash (never a password)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdcoach.store.models import UserRecord


@dataclass(frozen=True)
class StoredAccount:
    """One account as stored."""

    id: str
    email: str
    password_hash: str


class AccountRepository:
    """Reads and writes accounts."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, account: StoredAccount, created_at: datetime) -> bool:
        """Store a new account; False (nothing stored) when its email already has one."""
        record = UserRecord(
            id=account.id, email=account.email, password_hash=account.password_hash, created_at=created_at
        )
        try:
            with Session(self._engine) as db, db.begin():
                db.add(record)
        except IntegrityError:
            return False
        return True

    def find(self, email: str) -> StoredAccount | None:
        """The account with this email, if any."""
        with Session(self._engine) as db:
            record = db.scalars(select(UserRecord).where(UserRecord.email == email)).first()
            return StoredAccount(record.id, record.email, record.password_hash) if record else None

    def get(self, owner: str) -> StoredAccount | None:
        """The account with this owner id, if any."""
        with Session(self._engine) as db:
            record = db.get(UserRecord, owner)
            return StoredAccount(record.id, record.email, record.password_hash) if record else None

    def set_password_hash(self, owner: str, password_hash: str) -> None:
        """Replace a person's password hash."""
        with Session(self._engine) as db, db.begin():
            record = db.get(UserRecord, owner)
            if record is not None:
                record.password_hash = password_hash
