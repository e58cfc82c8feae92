"""History import is a union: overlapping, newer and diverged sessions on real SQLite files, and tampered files
refused with the store unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.services.history import export_json
from sdcoach.services.interviews import Interviews
from sdcoach.store.database import open_database
from tests.fakes import overlap
from tests.integration.cli_runner import run_sdcoach

TURNS = (
    "What peak QPS do we need to serve?",
    "I'd put a registry, Spark batch, Flink streaming and an online store behind one API.",
    "The online store is Redis sharded by entity id, with a replica per shard in each region.",
)


class Clock:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        self.seconds += 60
        return self.seconds


def _home(tmp_path: Path, name: str) -> Settings:
    home = tmp_path / name
    home.mkdir()
    return Settings(home=home)


def _dump(settings: Settings) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(settings.home / "sdcoach.db") as db:
        return {
            table: sorted(db.execute(f"select * from {table}").fetchall(), key=repr)
            for table in ("sessions", "turns", "scorecards", "drill_attempts", "cards", "reviews")
        }


def _import(settings: Settings, path: Path) -> str:
    result = run_sdcoach("history", "import", str(path), env={"SDCOACH_HOME": str(settings.home)})
    assert result.code == 0, result.err
    return result.out


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path, Path, str]:
    """Home A plays an interview: exported after two turns (older) and after the end (newer)."""
    tmp_path = tmp_path_factory.mktemp("played")
    a = _home(tmp_path, "a")
    live = Interviews(a, clock=Clock(), similarity=overlap).start("feature-store", Persona.PEER, 45)
    live.respond(TURNS[0])
    live.respond(TURNS[1])
    older = tmp_path / "older.json"
    older.write_text(export_json(a))
    live.respond(TURNS[2])
    live.respond("/end")
    newer = tmp_path / "newer.json"
    newer.write_text(export_json(a))
    return a, older, newer, live.session_id


def test_an_older_copy_then_the_newer_one_gives_the_whole_finished_session(
    tmp_path: Path, played: tuple[Settings, Path, Path, str]
) -> None:
    a, older, newer, session_id = played
    b = _home(tmp_path, "b")
    _import(b, older)
    out = _import(b, newer)
    assert "took the file's newer copy" in out
    assert _dump(b)["sessions"] == _dump(a)["sessions"]
    assert _dump(b)["turns"] == _dump(a)["turns"]
    assert len(_dump(b)["scorecards"]) == 1
    assert "Nothing new" in _import(b, newer)
    assert "Nothing new" in _import(b, older)  # the older copy never rolls the session back
    assert _dump(b)["sessions"] == _dump(a)["sessions"] and _dump(b)["turns"] == _dump(a)["turns"]
    listed = run_sdcoach("sessions", env={"SDCOACH_HOME": str(b.home)})
    assert listed.code == 0 and session_id[:8] in listed.out and "finished" in listed.out


def test_a_session_continued_two_ways_keeps_both(tmp_path: Path, played: tuple[Settings, Path, Path, str]) -> None:
    _, older, newer, session_id = played
    b = _home(tmp_path, "b")
    _import(b, older)
    live = Interviews(b, clock=Clock(), similarity=overlap).resume(session_id)
    live.respond("Instead I'd start from the fraud team's 10 ms budget and work backwards.")
    before = _dump(b)
    _import(b, newer)
    after = _dump(b)
    assert len(after["sessions"]) == 2  # b's own continuation and a's, side by side
    assert set(before["turns"]) <= set(after["turns"])
    texts = [row[4] for row in after["turns"]]
    assert "Instead I'd start from the fraud team's 10 ms budget and work backwards." in texts
    assert TURNS[2] in texts
    assert "Nothing new" in _import(b, newer)


TAMPERED = {
    "a newer schema": (lambda d: d.update(schema_version=99), "newer sdcoach"),
    "a NaN score": (
        lambda d: d["scorecards"][0].update(
            payload_json=d["scorecards"][0]["payload_json"].replace('"overall": ', '"overall": NaN, "x": ', 1)
        ),
        "NaN",
    ),
    "a grade of 9": (
        lambda d: d["scorecards"][0].update(
            payload_json=json.dumps(json.loads(d["scorecards"][0]["payload_json"]) | {"grade": 9})
        ),
        "grade",
    ),
    "a negative strength": (
        lambda d: d["scorecards"][0].update(
            payload_json=json.dumps(json.loads(d["scorecards"][0]["payload_json"]) | {"overall": -5})
        ),
        "overall",
    ),
    "an unknown hire rating": (
        lambda d: d["scorecards"][0].update(
            payload_json=d["scorecards"][0]["payload_json"].replace('"hire": "', '"hire": "maybe_', 1)
        ),
        "hire",
    ),
    "a huge elapsed time": (lambda d: d["sessions"][0].update(elapsed=1e308), "elapsed"),
    "an unknown persona": (lambda d: d["sessions"][0].update(persona="ceo"), "persona"),
    "an unknown status": (lambda d: d["sessions"][0].update(status="paused"), "status"),
    "a state that cannot resume": (lambda d: d["sessions"][0].update(state_json="{}"), "state"),
    "zero minutes": (lambda d: d["sessions"][0].update(minutes=0), "minutes"),
    "an unknown speaker": (lambda d: d["turns"][0].update(speaker="narrator"), "speaker"),
    "a turn of no session": (lambda d: d["turns"][0].update(session_id="nowhere"), "nowhere"),
    "the same turn twice": (lambda d: d["turns"].append(dict(d["turns"][0])), "twice"),
    "a negative turn time": (lambda d: d["turns"][0].update(elapsed=-1), "elapsed"),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_file_is_refused_with_its_field_and_the_store_unchanged(
    case: str, tmp_path: Path, played: tuple[Settings, Path, Path, str]
) -> None:
    exported = json.loads(played[2].read_text())
    b = _home(tmp_path, "b")
    open_database(b.database).dispose()  # the empty store, migrated
    before = _dump(b)
    tamper, named = TAMPERED[case]
    tamper(exported)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(exported))
    result = run_sdcoach("history", "import", str(path), env={"SDCOACH_HOME": str(b.home)})
    assert result.code == 2, (case, result.out, result.err)
    assert named in result.err, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert _dump(b) == before  # so progress and report read what they read before
