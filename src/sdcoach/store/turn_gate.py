"""One turn at a time per interview: a lock held for the whole of a turn, across threads, workers and machines.

A turn is several commits (the candidate's words first, then the reply: store before show), so it cannot be
one transaction's row lock. On PostgreSQL it is a transaction-level advisory lock keyed by the session, taken
on a connection of its own (from a pool of its own, so a turn waiting for a connection never holds the one
another turn needs) and released when that transaction ends. On SQLite one write lock covers the whole file:
holding ``BEGIN IMMEDIATE`` for a turn would stop every other interview, and deadlock this turn's own commits
on other connections. So there it is a file lock beside the database, one of ``STRIPES`` files chosen by the
session (two sessions sharing a file only wait for each other). Either is released by the database server
or the kernel when a worker dies mid-turn, so a killed worker never leaves an interview stuck.

A turn that waits longer than ``WAIT_S`` gives up with ``TurnBusyError``: nothing of it was stored.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

WAIT_S = 30.0
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ran out
STRIPES = 64
_GATE_ENGINES: dict[str, Engine] = {}
_PROCESS_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


class TurnBusyError(Exception):
    """Another turn of the same interview held the lock for longer than the wait; the service words it."""


class TurnGate:
    """Hold an interview for one turn: ``with gate.hold(session_id): ...``."""

    def __init__(self, engine: Engine, wait_s: float = WAIT_S) -> None:
        self._engine = engine
        self.wait_s = wait_s

    @contextmanager
    def hold(self, session_id: str) -> Iterator[None]:
        """Wait (up to ``wait_s``) until no other turn of ``session_id`` runs, and keep it so until the block ends."""
        if self._engine.dialect.name == "postgresql":
            with self._advisory(session_id):
                yield
            return
        database = self._engine.url.database
        if self._engine.dialect.name == "sqlite" and database and database != ":memory:":
            with self._file_lock(Path(database), session_id):
                yield
            return
        with self._in_process(session_id):  # an in-memory database lives in one process only
            yield

    @contextmanager
    def _advisory(self, session_id: str) -> Iterator[None]:
        with _gate_engine(self._engine).connect() as connection:
            wait_ms = str(int(self.wait_s * 1000))
            connection.execute(text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": wait_ms})
            try:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("turn", session_id)})
            except OperationalError as err:
                if getattr(err.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                    raise  # the server went away: the store's own error, not a busy interview
                raise TurnBusyError(session_id) from err
            try:
                yield
            finally:
                connection.rollback()  # ends the transaction, which releases the lock

    @contextmanager
    def _file_lock(self, database: Path, session_id: str) -> Iterator[None]:
        from filelock import FileLock, Timeout

        folder = database.with_name(database.name + ".turns")
        folder.mkdir(exist_ok=True)
        stripe = lock_key("turn", session_id) % STRIPES
        lock = FileLock(folder / f"{stripe:02d}.lock", timeout=self.wait_s, poll_interval=0.01, preserve_lock_file=True)
        try:
            lock.acquire()
        except Timeout as err:
            raise TurnBusyError(session_id) from err
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _in_process(self, session_id: str) -> Iterator[None]:
        with _GUARD:
            lock = _PROCESS_LOCKS.setdefault(session_id, threading.Lock())
        if not lock.acquire(timeout=self.wait_s):
            raise TurnBusyError(session_id)
        try:
            yield
        finally:
            lock.release()


def lock_key(purpose: str, name: str) -> int:
    """A stable signed 64-bit key for ``purpose`` and ``name`` (PostgreSQL advisory locks take a bigint)."""
    digest = hashlib.blake2b(f"sdcoach:{purpose}:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _gate_engine(engine: Engine) -> Engine:
    """An engine of its own for the gates: a turn holds a gate connection while it uses a store connection."""
    url = engine.url.render_as_string(hide_password=False)
    with _GUARD:
        if url not in _GATE_ENGINES:
            _GATE_ENGINES[url] = create_engine(url, pool_size=2, max_overflow=62, pool_pre_ping=True)
        return _GATE_ENGINES[url]
