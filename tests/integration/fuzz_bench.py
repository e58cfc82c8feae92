"""The bench the command fuzz suites run on: a seeded SQLite store, a home of its own, and one case's run.

The store is seeded once per module by running ``sdcoach`` itself (a finished and an unfinished interview,
drill attempts, a pitch, a reviewed card) and copied into each test's home; ``Bench.run`` runs one case
in this process and checks its outcome (``fuzz_outcome``), the store compared before and after.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings

from sdcoach.store.database import forget_database
from tests.integration.cli_in_process import run_in_process
from tests.integration.cli_runner import Result
from tests.integration.fuzz_argv import WORKING, Command, resolve, runnable_commands
from tests.integration.fuzz_files import ANSWER, FuzzFiles
from tests.integration.fuzz_outcome import check_outcome, finished_interviews, snapshot

COMMANDS = runnable_commands()
BY_PATH = {command.path: command for command in COMMANDS}
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module", name="seeded")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    """A store with a finished and an unfinished interview, drill attempts and a reviewed card; its
    finished session's id and its export."""
    home = tmp_path_factory.mktemp("seeded-home")
    answer = home / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    with mock.patch.dict("os.environ", {"SDCOACH_HOME": str(home)}):
        for args, piped in (
            (["interview", "feature-store"], ANSWER.encode() + b"\n/end\n\n"),
            (["interview", "vector-search"], ANSWER.encode()),
            (["drill", "questions", "feature-store", str(answer)], None),
            (["drill", "numbers", "--seed", "1", "--answer", "10 GB"], None),
            (["drill", "tradeoff", "batch-vs-streaming-features", "--answer", str(answer)], None),
            (["pitch", "feature-store", str(answer)], None),
            (["review", "--limit", "1"], b"10 GB\n\n"),
        ):
            assert run_in_process(*args, stdin=piped or b"").code == 0, args
        exported = json.loads(run_in_process("history", "export", stdin=b"").out)
    finished = next(s["id"] for s in exported["sessions"] if s["status"] == "finished")
    return home / "sdcoach.db", finished, exported  # the unfinished one is in the export too


class Bench:
    """One test's home, holding a copy of the seeded store, its files, and the way it runs a case."""

    def __init__(self, home: Path, root: Path, seeded: tuple[Path, str, dict[str, Any]]) -> None:
        self.seeded, self.session, export = seeded
        self.unfinished = next(s["id"] for s in export["sessions"] if s["status"] != "finished")
        self.home = home
        self.outcome = ""
        self.files = FuzzFiles(root, export)
        self.restore()

    def restore(self) -> None:
        """The home back to the seeded store alone (no settings file, no packs of the user's own)."""
        database = self.home / "sdcoach.db"
        forget_database(f"sqlite:///{database}")  # a real run opens the file afresh; so must the next case
        for path in sorted(self.home.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        with closing(sqlite3.connect(self.seeded)) as source, closing(sqlite3.connect(database)) as copy:
            source.backup(copy)

    def run(self, command: Command, args: list[str], stdin: bytes) -> Result:
        """Run one case and check its outcome (see ``fuzz_outcome``)."""
        self.files.reset()
        before = snapshot(self.home, self.files.outputs)
        finished = finished_interviews(self.home)
        run = run_in_process(*args, stdin=stdin)
        changed = run.code != 0 and snapshot(self.home, self.files.outputs) != before
        if command.path != "history import":  # an import may bring a finished interview's newer copy
            assert finished_interviews(self.home) == finished, ("a finished interview changed", args, run.out[-300:])
        self.outcome = f"{command.path or 'sdcoach'}: {check_outcome(command, args, run, changed)}"
        return run


@pytest.fixture(name="bench")
def fuzz_bench(
    sdcoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: tuple[Path, str, dict[str, Any]]
) -> Bench:
    monkeypatch.chdir(tmp_path)  # a relative output path lands here, never in the checkout
    monkeypatch.setattr("uvicorn.run", _never_serve)
    return Bench(sdcoach_home, tmp_path / "files", seeded)


def _never_serve(*args: object, **kwargs: object) -> None:
    raise AssertionError("a fuzz case started the web server: its command line should have been refused")


def working_line(command: Command, bench: Bench) -> list[str]:
    """The command line that works, from WORKING, options written out after any arguments."""
    args, options = [], []
    for param in command.click.params:
        value = WORKING[command.path].get(param.name or "")
        if value is None:
            continue
        value = resolve(value, bench.files, bench.session)
        if param.param_type_name == "argument":
            args.append(value)
        else:
            options += [param.opts[0], value]
    return [*command.words, *args, *options]
