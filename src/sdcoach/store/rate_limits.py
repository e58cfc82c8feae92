"""Rate-limit counters in the database, as a storage for the ``limits`` library.

Every worker (and every server) of a team deployment shares the database already, so counting there makes a
limit hold across all of them with nothing else to run; ``limits``' own memory storage would count per process,
and Redis would be one more service to operate. Keys are stored as SHA-256 hashes, so the table holds no e-mail
address or client address. Each increment is one atomic upsert (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``,
on SQLite and PostgreSQL alike), so two workers counting at once never lose a hit.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from limits.storage import Storage
from sqlalchemy import Engine, Select, Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from sdcoach.store.models import RateLimitRecord

_TABLE: Table = RateLimitRecord.__table__  # type: ignore[assignment]


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class DatabaseStorage(Storage):
    """A fixed-window counter store for ``limits.strategies.FixedWindowRateLimiter``, kept in sdcoach's database."""

    STORAGE_SCHEME = None  # made directly from an engine, never from a storage URI

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine

    @property
    def base_exceptions(self) -> type[Exception]:
        """What the database raises (``limits`` may wrap it)."""
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the counter, starting a new window of ``expiry`` seconds when none is open."""
        now = time.time()
        row = {"key_hash": _hashed(key), "hits": amount, "resets_at": now + expiry}
        expired = _TABLE.c.resets_at <= now
        upsert = self._insert().values(row)
        statement = upsert.on_conflict_do_update(
            index_elements=[_TABLE.c.key_hash],
            set_={
                "hits": case((expired, amount), else_=_TABLE.c.hits + amount),
                "resets_at": case((expired, now + expiry), else_=_TABLE.c.resets_at),
            },
        ).returning(_TABLE.c.hits)
        with self._engine.begin() as connection:
            connection.execute(delete(_TABLE).where(_TABLE.c.resets_at < now - 1))  # windows long over
            return int(connection.execute(statement).scalar_one())

    def get(self, key: str) -> int:
        """Hits in the open window (0 when none is open)."""
        with self._engine.connect() as connection:
            found = connection.execute(self._open(key, _TABLE.c.hits)).scalar()
        return int(found or 0)

    def get_expiry(self, key: str) -> float:
        """When the open window ends, in seconds since the epoch (now, when none is open)."""
        with self._engine.connect() as connection:
            found = connection.execute(self._open(key, _TABLE.c.resets_at)).scalar()
        return float(found) if found is not None else time.time()

    def check(self) -> bool:
        """Whether the database answers."""
        try:
            with self._engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter; how many there were."""
        with self._engine.begin() as connection:
            return connection.execute(delete(_TABLE)).rowcount

    def clear(self, key: str) -> None:
        """Forget one counter."""
        with self._engine.begin() as connection:
            connection.execute(delete(_TABLE).where(_TABLE.c.key_hash == _hashed(key)))

    def _open(self, key: str, column: Any) -> Select[Any]:
        return select(column).where(_TABLE.c.key_hash == _hashed(key), _TABLE.c.resets_at > time.time())

    def _insert(self) -> sqlite.Insert | postgresql.Insert:
        dialect = self._engine.dialect.name
        if dialect == "sqlite":
            return sqlite.insert(_TABLE)
        if dialect == "postgresql":
            return postgresql.insert(_TABLE)
        raise NotImplementedError(f"rate limits are stored on SQLite or PostgreSQL, not {dialect}")  # pragma: no cover
