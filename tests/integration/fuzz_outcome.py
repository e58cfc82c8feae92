"""What the command fuzz suite accepts as the outcome of a run, and the store snapshot it compares.

Three outcomes are acceptable, nothing else:
- exit 2: the user's mistake, with exactly one ``Error:`` line naming it (or, for a group run bare, its
  usage), and the store exactly as before;
- exit 0: valid output: something on stdout, for ``--format json``/``--json`` a stdout that parses (with
  no NaN or infinity), and a file written by ``history export`` or ``history anki`` that is one;
- exit 1 only where it is the command's documented answer (``content lint``: the pack has problems;
  ``backends check``: the backend did not answer), again with the store unchanged.
Never a traceback, never "Internal error". An interactive command that fails part way may keep what it
already acknowledged (turns sent, cards answered), and must then say it was saved.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from tests.integration.cli_runner import Result
from tests.integration.fuzz_argv import INTERACTIVE, Command

JSON_LINES = {"review"}  # one JSON record per graded card, as the cards are answered
DOCUMENTED_EXIT_1 = {"content lint": "problem", "backends check": "failed"}
MESSAGE_CHARS = 1_500  # one clear message: a long value sdcoach names is shortened, never echoed whole


def _not_a_number(word: str) -> float:
    raise AssertionError(f"JSON output holds {word}, which is not a number JSON allows")


def snapshot(home: Path, *folders: Path) -> tuple[str, tuple[str, ...]]:
    """Every row of every table in the store (as SQL), and the files in the home and ``folders``."""
    database = home / "sdcoach.db"
    dump = ""
    if database.is_file():
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            dump = "\n".join(connection.iterdump())
        except sqlite3.DatabaseError:  # damaged, or not a database at all: then its bytes must be kept
            dump = hashlib.sha256(database.read_bytes()).hexdigest()
        finally:
            connection.close()
    files = tuple(
        sorted(
            f"{path.relative_to(folder.parent)}:{path.stat().st_size if path.is_file() else 'dir'}"
            for folder in (home, *folders)
            for path in folder.rglob("*")
            if not path.name.startswith("sdcoach.db")
        )
    )
    return dump, files


def finished_interviews(home: Path) -> list[tuple[Any, ...]]:
    """Every finished interview with its turns and scorecard: what no command but an import may change."""
    database = home / "sdcoach.db"
    if not database.is_file():
        return []
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT s.id, s.status, t.id, t.text, c.payload_json FROM sessions s"
            " LEFT JOIN turns t ON t.session_id = s.id LEFT JOIN scorecards c ON c.session_id = s.id"
            " WHERE s.status = 'finished' ORDER BY s.id, t.id"
        ).fetchall()
    except sqlite3.DatabaseError:  # damaged: the snapshot of its bytes covers it
        return []
    finally:
        connection.close()


def parsed(command: Command, args: list[str]) -> dict[str, Any]:
    """The command line's parameters as click reads them; empty when click cannot read it at all."""
    try:
        context = command.click.make_context(command.path or "sdcoach", args, resilient_parsing=True)
    except Exception:  # a line click cannot read never reaches exit 0
        return {}
    params: dict[str, Any] = context.params
    return params


def assert_valid_output(command: Command, args: list[str], out: str) -> None:
    """Exit 0's side of the bargain: JSON when JSON was asked for, and a written file that is what it says."""
    params = parsed(command, args[len(command.words) :])
    output = params.get("output")
    if (params.get("as_json") or getattr(output, "value", output) == "json") and "--help" not in args:
        for document in out.splitlines() if command.path in JSON_LINES else [out]:
            json.loads(document, parse_constant=_not_a_number)
    written = Path(str(params.get("file", "-")))
    if command.path == "history export" and str(written) != "-" and "--help" not in args:
        assert isinstance(json.loads(written.read_text(encoding="utf-8"))["sessions"], list), written
    if command.path == "history anki" and "--help" not in args:
        assert zipfile.is_zipfile(written), written  # an .apkg is a zip holding the deck's SQLite file


def check_outcome(command: Command, args: list[str], run: Result, store_changed: bool) -> str:
    """The outcome's name (for hypothesis' statistics); fails the test when it is none of the three."""
    said = run.out + run.err
    assert "Traceback" not in said, run.err[-2000:]
    assert "Internal error" not in said and "bug in sdcoach" not in said, run.err[-2000:]
    if run.code == 0:
        assert run.out.strip(), ("exit 0 with nothing on stdout", run.err[-500:])
        assert "Error: " not in run.err, ("exit 0 after an error", run.err[-500:])
        assert_valid_output(command, args, run.out)
        return "exit 0"
    if run.code == 2:
        errors = [line for line in run.err.splitlines() if line.startswith("Error: ")]
        is_bare_group = not errors and run.err.startswith("Usage:") and hasattr(command.click, "commands")
        assert len(errors) == 1 or is_bare_group, ("not one Error: line", run.err[-2000:])
        is_ours = not run.err.startswith("Usage:")  # click's own usage errors echo a bad value whole
        assert len(run.err) <= MESSAGE_CHARS or not is_ours, ("a message too long to read", run.err[:300])
    else:
        assert run.code == 1 and command.path in DOCUMENTED_EXIT_1, (run.code, run.err[-2000:])
        assert DOCUMENTED_EXIT_1[command.path] in said, said[-2000:]
    if store_changed:
        assert command.path in INTERACTIVE and "saved" in run.err, ("the store changed on a failure", run.err)
    return f"exit {run.code}"
