"""One interview, one window: a session held by another live process is refused with who and how to take it
over; a holder that was killed (dead pid, or a heartbeat gone quiet) is taken over without asking; a window
that was taken over stores nothing more."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker, Turn
from sdcoach.errors import SessionLockedError
from sdcoach.services.interviews import Interviews
from sdcoach.store.database import open_database
from sdcoach.store.locks import LockLostError, SessionLocks
from sdcoach.store.models import SessionLockRecord
from tests.fakes import overlap


@pytest.fixture
def other_process() -> Iterator[int]:
    """The pid of another live process on this machine."""
    sleeper = subprocess.Popen(["sleep", "60"])
    yield sleeper.pid
    sleeper.kill()
    sleeper.wait()


def _session(settings: Settings) -> str:
    live = Interviews(settings, similarity=overlap).start("feature-store", Persona.PEER, 45)
    live.close()
    return live.session_id


def _held_by(settings: Settings, session_id: str, pid: int, host: str, seen: timedelta = timedelta(0)) -> str:
    """Write the lock row another process would have written."""
    now = datetime.now(UTC)
    with Session(open_database(settings.database)) as db, db.begin():
        db.merge(SessionLockRecord(session_id=session_id, holder="their-token", pid=pid, host=host,
                                   client="terminal", acquired_at=now - seen, heartbeat_at=now - seen))  # fmt: skip
    return "their-token"


def _check_locking(settings: Settings, other_pid: int) -> None:
    session_id = _session(settings)
    _held_by(settings, session_id, other_pid, socket.gethostname())
    interviews = Interviews(settings, similarity=overlap)
    with pytest.raises(SessionLockedError) as refused:
        interviews.resume(session_id)
    message = str(refused.value)
    assert f"Interview {session_id} is open in another terminal (process {other_pid} on this machine)" in message
    assert "since " in message and "last seen" in message
    assert f"sdcoach interview --resume {session_id} --take-over" in message

    taken = interviews.resume(session_id, take_over=True)
    assert taken.notice is not None and f"process {other_pid}" in taken.notice
    with pytest.raises(LockLostError):  # the old holder's next write is fenced off
        interviews.repository.add_turn(session_id, Turn(Speaker.CANDIDATE, "late", 1.0), holder="their-token")
    taken.close()
    assert SessionLocks(open_database(settings.database)).holder(session_id) is None


def test_a_session_open_in_another_live_process_is_refused_until_taken_over(other_process: int) -> None:
    _check_locking(Settings(), other_process)


def test_locking_works_the_same_on_postgresql(other_process: int, postgres_url: str) -> None:
    _check_locking(Settings(database_url=postgres_url), other_process)


def test_a_lock_left_by_a_killed_process_is_taken_over_without_asking() -> None:
    settings = Settings()
    session_id = _session(settings)
    gone = subprocess.Popen(["true"])
    gone.wait()
    _held_by(settings, session_id, gone.pid, socket.gethostname())
    live = Interviews(settings, similarity=overlap).resume(session_id)
    assert live.notice is None  # nobody was there to be told
    live.close()


def test_a_heartbeat_gone_quiet_frees_the_session_even_from_another_machine() -> None:
    settings = Settings()
    session_id = _session(settings)
    _held_by(settings, session_id, 4242, "build-box-7")
    with pytest.raises(SessionLockedError, match="process 4242 on build-box-7"):
        Interviews(settings, similarity=overlap).resume(session_id)
    _held_by(settings, session_id, 4242, "build-box-7", seen=timedelta(minutes=5))
    Interviews(settings, similarity=overlap).resume(session_id).close()


def test_a_window_that_was_taken_over_stores_nothing_more(other_process: int) -> None:
    settings = Settings()
    interviews = Interviews(settings, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    live.respond("What peak QPS do the online callers need?")
    before = interviews.report(live.session_id).turns
    _held_by(settings, live.session_id, other_process, socket.gethostname())  # another terminal took it over
    with pytest.raises(SessionLockedError, match="was taken over by another terminal") as stopped:
        live.respond("Who owns the warehouse?")
    assert "your last answer was not saved" in str(stopped.value)
    assert interviews.report(live.session_id).turns == before


def test_an_open_session_keeps_its_heartbeat_and_lets_go_when_closed() -> None:
    settings = Settings()
    locks = SessionLocks(open_database(settings.database))
    with Interviews(settings, similarity=overlap).start("feature-store", Persona.PEER, 45) as live:
        first = locks.holder(live.session_id)
        assert first is not None
        beat = locks.keep_alive(live.session_id, first.holder, every=0.05)
        time.sleep(0.3)
        beat.stop()
        later = locks.holder(live.session_id)
        assert later is not None and later.heartbeat_at > first.heartbeat_at
    assert locks.holder(live.session_id) is None
