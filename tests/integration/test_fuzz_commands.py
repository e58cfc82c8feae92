"""Every command, fuzzed: generated bad arguments, files and standard input, and only three acceptable outcomes.

Hypothesis writes command lines for every command found in the click tree (see ``fuzz_argv``) and pipes
generated input to each; ``sdcoach``'s own entry point runs in this process against a real SQLite store
seeded with a finished and an unfinished interview, drill attempts and a reviewed card. Each run must end
in exit 2 with one message, exit 0 with valid output, or a documented exit 1, never an internal error,
and the store must be unchanged whenever the command failed (``fuzz_outcome``). Derandomized with no
example database, so every run tries the same 640-odd cases; about 30 s on two quiet cores.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.integration.cli_in_process import run_in_process
from tests.integration.cli_runner import Result
from tests.integration.fuzz_argv import INTERACTIVE, WORKING, Command, command_line, resolve, runnable_commands
from tests.integration.fuzz_files import ANSWER, STDIN, FuzzFiles
from tests.integration.fuzz_outcome import check_outcome, snapshot

COMMANDS = runnable_commands()
BY_PATH = {command.path: command for command in COMMANDS}
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
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
    return home / "sdcoach.db", finished, exported


class Bench:
    """One test's home, holding a copy of the seeded store, its files, and the way it runs a case."""

    def __init__(self, home: Path, root: Path, seeded: tuple[Path, str, dict[str, Any]]) -> None:
        database, self.session, export = seeded
        with sqlite3.connect(database) as source, sqlite3.connect(home / "sdcoach.db") as copy:
            source.backup(copy)
        self.home = home
        self.outcome = ""
        self.files = FuzzFiles(root, export)

    def run(self, command: Command, args: list[str], stdin: bytes) -> Result:
        """Run one case and check its outcome (see ``fuzz_outcome``)."""
        self.files.reset()
        before = snapshot(self.home, self.files.outputs)
        run = run_in_process(*args, stdin=stdin)
        changed = run.code != 0 and snapshot(self.home, self.files.outputs) != before
        self.outcome = f"{command.path or 'sdcoach'}: {check_outcome(command, args, run, changed)}"
        return run


@pytest.fixture
def bench(
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


def test_every_command_is_fuzzed_from_a_command_line_that_works() -> None:
    assert sorted(BY_PATH) == sorted(WORKING), "add each new command to fuzz_argv.WORKING (and each gone one out)"
    for path, values in WORKING.items():
        names = {param.name for param in BY_PATH[path].click.params}
        assert set(values) <= names, (path, set(values) - names)


@pytest.mark.parametrize("path", sorted(set(WORKING) - {"web", "scenario draft"}))
def test_the_working_command_line_works(path: str, bench: Bench) -> None:
    command = BY_PATH[path]
    run = bench.run(command, working_line(command, bench), b"")
    assert run.code == (2 if hasattr(command.click, "commands") and path not in ("", "backends") else 0), run.err


@pytest.mark.parametrize("path", sorted(WORKING))
@pytest.mark.parametrize("unknown", ["--bogus", "--bogus=1", "-Z"])
def test_an_unknown_option_is_a_usage_error_naming_it_on_every_command(path: str, unknown: str, bench: Bench) -> None:
    command = BY_PATH[path]
    run = bench.run(command, [*working_line(command, bench), unknown], b"")
    assert run.code == 2 and f"No such option: {unknown.split('=')[0]}" in run.err, (run.code, run.err)
    assert run.out == ""


@settings(FUZZ, max_examples=450)
@given(data=st.data())
def test_any_command_line_is_refused_with_one_message_or_gives_valid_output(data: st.DataObject, bench: Bench) -> None:
    command = data.draw(st.sampled_from(COMMANDS), label="command")
    args = command_line(data, command, bench.files, bench.session)
    stdin = data.draw(st.one_of(st.just(b""), STDIN), label="stdin")
    bench.run(command, args, stdin)
    event(bench.outcome)


READS_STDIN = sorted(INTERACTIVE | {"grade", "pitch", "drill tradeoff", "history import"})


@settings(FUZZ, max_examples=120)
@given(data=st.data(), stdin=STDIN)
def test_bad_standard_input_then_its_end_is_refused_or_kept_never_lost(
    data: st.DataObject, stdin: bytes, bench: Bench
) -> None:
    command = BY_PATH[data.draw(st.sampled_from(READS_STDIN), label="command")]
    args = [a if a != str(bench.files.inputs / "answer.txt") else "-" for a in working_line(command, bench)]
    if command.path == "history import":
        args[-1] = "-"
    if command.path == "drill numbers":
        args = [*command.words, "--seed", "1"]
    bench.run(command, args, stdin)
    event(bench.outcome)


COUNTED = [  # every whole-number option; a seed may be any integer, everything else counts or measures
    (command.path, param.opts[0])
    for command in COMMANDS
    for param in command.click.params
    if param.param_type_name == "option"
    and getattr(param.type_descriptor, "annotation", None) in (int, int | None)
    and "seed" not in (param.name or "")
]


def test_every_whole_number_option_is_fuzzed_for_negative_values() -> None:
    assert len(COUNTED) >= 8 and ("drill questions", "--minutes") in COUNTED, COUNTED


@settings(FUZZ, max_examples=60)
@given(counted=st.sampled_from(COUNTED), value=st.integers(max_value=-1))
def test_a_negative_count_or_duration_is_refused_naming_its_option(
    counted: tuple[str, str], value: int, bench: Bench
) -> None:
    command = BY_PATH[counted[0]]
    run = bench.run(command, [*working_line(command, bench), f"{counted[1]}={value}"], b"")
    named = counted[1].lstrip("-").rstrip("s")  # the option, or the thing it sets ("a -1-minute time plan")
    assert run.code == 2 and named in run.err.lower(), (counted, value, run.code, run.err, run.out[:200])
    event(bench.outcome)
