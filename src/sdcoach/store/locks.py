"""Interview locks: at most one holder per session, kept in the database beside the session it guards.

The lock is a row (session id, holder token, process, host, kind of client, heartbeat). It lives in the
database rather than in a lock file in the home because the database is what it protects: it works the
same on SQLite and PostgreSQL, for two terminals on one machine, two machines sharing one PostgreSQL, or
a terminal and the web app, whatever their SDCOACH_HOME. Every change is one compare-and-swap statement
(an insert keyed by the session, an update or delete that names the holder it expects), so two processes
can never both believe they hold it.

A holder that was killed cannot release its row, so a row counts as stale, and is taken over without
asking, when its process is gone (same machine: the pid no longer runs) or its heartbeat is older than
``STALE_AFTER`` (any machine: a live holder refreshes it every ``HEARTBEAT_EVERY`` seconds). Writes to a
held session go through ``fence`` inside their own transaction, so a holder whose lock was taken over
cannot write another turn.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import CursorResult, Engine, delete, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from sdcoach.store.models import SessionLockRecord

STALE_AFTER = timedelta(seconds=60)
HEARTBEAT_EVERY = 15.0  # seconds; four heartbeats fit in STALE_AFTER, so one slow write does not lose the lock


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session: their token, process, host, kind of client, since when and when last seen."""

    session_id: str
    holder: str
    pid: int
    host: str
    client: str
    acquired_at: datetime
    heartbeat_at: datetime

    @property
    def is_on_this_host(self) -> bool:
        """Whether the holder runs on this machine (so its pid can be checked)."""
        return self.host == socket.gethostname()

    @property
    def is_this_process(self) -> bool:
        """Whether the holder is this very process (a process never locks a session against itself)."""
        return self.is_on_this_host and self.pid == os.getpid()

    def is_stale(self, now: datetime, stale_after: timedelta = STALE_AFTER) -> bool:
        """Whether the holder is gone: its process no longer runs here, or its heartbeat stopped."""
        if now - self.heartbeat_at > stale_after:
            return True
        return self.is_on_this_host and not _is_running(self.pid)


@dataclass(frozen=True)
class Lease:
    """A held session: the token that proves it, and the live holder it was taken over from, if any."""

    session_id: str
    token: str
    replaced: LockHolder | None = None


class LockHeldError(Exception):
    """The session is held by someone else (``holder``); not an SdcoachError: the service words it."""

    def __init__(self, holder: LockHolder | None) -> None:
        super().__init__(f"session held by {holder}")
        self.holder = holder


class SessionLocks:
    """Acquire, refresh and release interview locks."""

    def __init__(self, engine: Engine, stale_after: timedelta = STALE_AFTER) -> None:
        self._engine = engine
        self.stale_after = stale_after

    def acquire(self, session_id: str, client: str, take_over: bool = False) -> Lease:
        """Hold the session; raises ``LockHeldError`` when someone alive holds it.

        A stale lock, one held by this process, or any lock with ``take_over`` is taken over."""
        token = uuid.uuid4().hex
        for _ in range(5):  # each pass either decides or lost a race to another process, then looks again
            held = self.holder(session_id)
            now = datetime.now(UTC)
            if held is None:
                if self._insert(session_id, token, client, now):
                    return Lease(session_id, token)
                continue
            is_gone = held.is_this_process or held.is_stale(now, self.stale_after)
            if not (take_over or is_gone):
                raise LockHeldError(held)
            if self._swap(held, token, client, now):
                return Lease(session_id, token, None if is_gone else held)
        raise LockHeldError(self.holder(session_id))

    def holder(self, session_id: str) -> LockHolder | None:
        """Who holds the session now, if anyone."""
        with Session(self._engine) as db:
            record = db.get(SessionLockRecord, session_id)
            return _holder(record) if record else None

    def heartbeat(self, session_id: str, token: str) -> bool:
        """Say the holder is alive; False when the lock was taken over."""
        with Session(self._engine) as db, db.begin():
            return _refresh(db, session_id, token)

    def release(self, session_id: str, token: str) -> None:
        """Let go of the session (only if this token still holds it)."""
        with Session(self._engine) as db, db.begin():
            db.execute(
                delete(SessionLockRecord).where(
                    SessionLockRecord.session_id == session_id, SessionLockRecord.holder == token
                )
            )

    def keep_alive(self, session_id: str, token: str, every: float = HEARTBEAT_EVERY) -> KeepAlive:
        """A daemon thread that refreshes the heartbeat until stopped (or until the lock is lost)."""
        return KeepAlive(self, session_id, token, every)

    def _insert(self, session_id: str, token: str, client: str, now: datetime) -> bool:
        record = SessionLockRecord(
            session_id=session_id,
            holder=token,
            pid=os.getpid(),
            host=socket.gethostname(),
            client=client,
            acquired_at=now,
            heartbeat_at=now,
        )
        try:
            with Session(self._engine) as db, db.begin():
                db.add(record)
        except IntegrityError:  # another process inserted first
            return False
        return True

    def _swap(self, held: LockHolder, token: str, client: str, now: datetime) -> bool:
        with Session(self._engine) as db, db.begin():
            result = db.execute(
                update(SessionLockRecord)
                .where(SessionLockRecord.session_id == held.session_id, SessionLockRecord.holder == held.holder)
                .values(
                    holder=token,
                    pid=os.getpid(),
                    host=socket.gethostname(),
                    client=client,
                    acquired_at=now,
                    heartbeat_at=now,
                )
            )
            return _count(result) == 1


class LockLostError(Exception):
    """A write found that its holder no longer holds the session (``holder`` is who does, if anyone)."""

    def __init__(self, holder: LockHolder | None) -> None:
        super().__init__(f"session now held by {holder}")
        self.holder = holder


def fence(db: Session, session_id: str, token: str) -> None:
    """Within the caller's transaction, before its writes: go on only while ``token`` holds the session.

    The check is itself a write (the heartbeat), so SQLite's write lock and PostgreSQL's row lock keep a
    take-over out until the caller commits."""
    if not _refresh(db, session_id, token):
        record = db.get(SessionLockRecord, session_id)
        raise LockLostError(_holder(record) if record else None)


class KeepAlive:
    """Refreshes one lock's heartbeat from a daemon thread; ``stop`` ends it."""

    def __init__(self, locks: SessionLocks, session_id: str, token: str, every: float) -> None:
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(locks, session_id, token, every), name="sdcoach-heartbeat", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """End the thread (waits for a heartbeat in flight)."""
        self._stopped.set()
        self._thread.join()

    def _run(self, locks: SessionLocks, session_id: str, token: str, every: float) -> None:
        while not self._stopped.wait(every):
            try:
                if not locks.heartbeat(session_id, token):
                    return  # taken over: the next write says so
            except SQLAlchemyError:  # a busy or unreachable database: try again at the next beat
                continue


def _refresh(db: Session, session_id: str, token: str) -> bool:
    result = db.execute(
        update(SessionLockRecord)
        .where(SessionLockRecord.session_id == session_id, SessionLockRecord.holder == token)
        .values(heartbeat_at=datetime.now(UTC))
    )
    return _count(result) == 1


def _count(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def _holder(record: SessionLockRecord) -> LockHolder:
    return LockHolder(
        record.session_id,
        record.holder,
        record.pid,
        record.host,
        record.client,
        record.acquired_at,
        record.heartbeat_at,
    )


def _is_running(pid: int) -> bool:
    """Whether a process with this pid runs here (POSIX); elsewhere only the heartbeat can tell."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but someone else's
        return True
    return True
