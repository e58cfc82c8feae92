"""History export, import (a merge that never duplicates) and the Anki deck, on real SQLite files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.integration.cli_runner import run_sdcoach

CALL = "I'd go with batch rather than streaming because it costs $60k a month; I'd flip if fraud needed seconds."


def _drill(home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "drill", "tradeoff", "batch-vs-streaming-features", "-f", "json"],
        input=CALL,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "SDCOACH_HOME": str(home)},
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_export_then_import_into_a_fresh_home_carries_everything_once(tmp_path: Path, sdcoach_home: Path) -> None:
    _drill(sdcoach_home)
    exported = tmp_path / "history.json"
    assert run_sdcoach("history", "export", str(exported)).code == 0
    payload = json.loads(exported.read_text())
    assert len(payload["attempts"]) == 1 and len(payload["cards"]) == 1 and len(payload["reviews"]) == 1
    other = tmp_path / "other-home"
    other.mkdir()
    env = {"SDCOACH_HOME": str(other)}
    first = run_sdcoach("history", "import", str(exported), env=env)
    again = run_sdcoach("history", "import", str(exported), env=env)
    assert "Imported 1 attempts, 1 cards, 1 reviews." in first.out and "Nothing new" in again.out
    with sqlite3.connect(other / "sdcoach.db") as db:
        (answer,) = db.execute("select answer from drill_attempts").fetchone()
        (reviews,) = db.execute("select count(*) from reviews where attempt_id is not null").fetchone()
    assert answer == CALL and reviews == 1


def test_a_malformed_import_names_the_problem_and_changes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "attempts": [}')
    result = run_sdcoach("history", "import", str(broken))
    assert result.code == 2 and "broken.json:1" in result.err and "Traceback" not in result.err
    partial = tmp_path / "partial.json"
    partial.write_text('{"schema_version": 1}')
    result = run_sdcoach("history", "import", str(partial))
    assert result.code == 2 and "exported_at" in result.err


def test_the_anki_deck_holds_a_note_per_drill(tmp_path: Path) -> None:
    deck = tmp_path / "drills.apkg"
    result = run_sdcoach("history", "anki", str(deck))
    assert result.code == 0, result.err
    with zipfile.ZipFile(deck) as package:
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        fields = [row[0] for row in db.execute("select flds from notes")]
    from sdcoach.content.loader import load_library, load_tradeoff_library

    assert len(fields) == 3 * len(load_library(None).entries) + len(load_tradeoff_library())
    assert any("Tradeoff: Batch or streaming feature computation" in f for f in fields)
    assert all("<script" not in f for f in fields)


def test_the_database_module_knows_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from sdcoach.store.database import HEAD, MIGRATIONS

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


def test_history_moves_from_sqlite_to_postgresql_and_back_unchanged(sdcoach_home: Path, postgres_url: str) -> None:
    from sdcoach.config import Settings
    from sdcoach.services.history import export_json, import_json

    _drill(sdcoach_home)
    exported = json.loads(export_json(Settings()))
    on_postgres = Settings(database_url=postgres_url)
    added = import_json(on_postgres, json.dumps(exported), "sqlite export")
    assert added["attempts"] == 1 and added["cards"] == 1 and added["reviews"] == 1
    assert import_json(on_postgres, json.dumps(exported), "again")["attempts"] == 0
    back = json.loads(export_json(on_postgres))
    for table in ("attempts", "cards", "reviews"):
        assert [_without_id(r) for r in back[table]] == [_without_id(r) for r in exported[table]]


def _without_id(row: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in row.items() if k != "id"}
