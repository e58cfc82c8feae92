"""The interview gate on a real SQLite file and a real PostgreSQL: one holder per interview at a time, across
threads and processes; other interviews pass; a wait past the limit gives up instead of hanging."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sdcoach.store.database import open_database
from sdcoach.store.turn_gate import TurnBusyError, TurnGate


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gate.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_two_threads_take_turns_and_another_interview_passes(database_url: str) -> None:
    gate = TurnGate(open_database(database_url), wait_s=10)
    inside: list[str] = []
    overlaps: list[tuple[str, ...]] = []

    def turn(name: str) -> None:
        with gate.hold("session-a"):
            inside.append(name)
            overlaps.append(tuple(inside))
            time.sleep(0.3)
            inside.remove(name)

    threads = [threading.Thread(target=turn, args=(n,)) for n in ("first", "second", "third")]
    for t in threads:
        t.start()
    time.sleep(0.1)
    started = time.monotonic()
    with gate.hold("session-b"):  # another interview does not wait for session-a's turns
        waited = time.monotonic() - started
    for t in threads:
        t.join()
    assert all(len(seen) == 1 for seen in overlaps) and len(overlaps) == 3
    assert waited < 0.3


HOLD = """
import sys, time
from sdcoach.store.database import open_database
from sdcoach.store.turn_gate import TurnGate
with TurnGate(open_database(sys.argv[1])).hold("session-a"):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_turn_held_by_another_process_is_waited_for_then_given_up(database_url: str) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, database_url, "3"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    gate = TurnGate(open_database(database_url), wait_s=0.5)
    with pytest.raises(TurnBusyError), gate.hold("session-a"):
        pass
    holder.kill()  # a worker killed mid-turn: its lock goes with it
    holder.communicate()
    with TurnGate(open_database(database_url), wait_s=5).hold("session-a"):
        pass
