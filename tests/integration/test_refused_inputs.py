"""The impossible inputs the issue found accepted, now refused: each with exit 2 and the flag, value and range.

Real subprocesses, as a user runs them: a -537 MB KV cache, a -$590k training bill, a peak below the
average, half a GPU, a 450 EB/s link, NaN weights, a constraint on a property the decision lacks,
``-f md`` on a command with no Markdown form, and an answer far longer than any real one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from sdcoach.cli.app import app
from sdcoach.config import Settings
from sdcoach.services.input_size import MAX_INPUT_CHARS
from sdcoach.store.attempts import AttemptRepository
from sdcoach.store.database import open_database
from tests.integration.cli_in_process import run_in_process
from tests.integration.cli_runner import run_sdcoach


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (  # was: total 536,870,912 B printed as -537 MB
            ["kv-cache", "--layers", "-32", "--kv-heads", "8", "--head-dim", "128", "--seq-len", "4096"],
            "--layers must be a whole number from 1 to 10,000; got '-32'.",
        ),
        (  # was: cost -$590k
            ["training", "--params", "70B", "--tokens", "2T", "--gpu", "h100", "--mfu", "0.4", "--usd-per-gpu-hour=-1"],
            "--usd-per-gpu-hour must be a number from $0.01 to $1k (an H100 rents for about $2-4); got '-1'.",
        ),
        (  # was: peak 2,894/s below the 5,787/s average
            ["traffic", "--per-day", "500M", "--peak-factor", "0.5"],
            "--peak-factor must be a number from 1 to 100 (peak over average: the peak is at least the average); "
            "got '0.5'.",
        ),
        (
            ["training", "--params", "70B", "--tokens", "2T", "--gpu", "h100", "--mfu", "0.4", "--gpus", "0.5"],
            "--gpus must be a whole number from 1 to 10M; got '0.5'.",
        ),
        (
            ["allreduce", "--bytes", "140GB", "--gpus", "8", "--bus-bandwidth", "450EB/s"],
            "--bus-bandwidth must be a number from 1 B/s to 4 TB/s (the fastest link, NVLink 5, moves 1.8 TB/s "
            "per GPU; NVLink 6 is announced at 3.6 TB/s); got '450EB/s'.",
        ),
        (
            ["serving", "--model", "llama-3-8b", "--gpu", "h100", "--tpot-ms", "nan"],
            "--tpot-ms must be a number above 0 and at most 60,000 (milliseconds per output token); got 'nan'.",
        ),
    ],
)
def test_the_impossible_numbers_the_issue_found_are_refused(args: list[str], refusal: str) -> None:
    result = run_sdcoach("estimate", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"Error: {refusal}\n"


def test_nan_weights_are_refused_instead_of_totalling_nan() -> None:
    result = run_sdcoach("tradeoff", "batch-vs-streaming-features", "--weight", "business=nan")
    assert (result.code, result.out) == (2, "")
    assert result.err == "Error: --weight business must be a number from 0 to 1000; got 'nan'.\n"


def test_a_constraint_on_a_missing_property_names_the_properties_the_decision_has() -> None:
    result = run_sdcoach("tradeoff", "batch-vs-streaming-features", "--constraint", "gpus<512")
    assert (result.code, result.out) == (2, "")
    assert "'gpus<512'" in result.err and "says nothing about gpus" in result.err
    assert "it has freshness, monthly_cost, teams_involved, time_to_ship." in result.err


def format_commands() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Every command that takes --format: its path, the formats it offers and a stand-in for each required argument."""
    found = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
            return
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                choices = tuple(member.value for member in param.type_descriptor.annotation)
                needed = tuple("x" for p in command.params if p.param_type_name == "argument" and p.required)
                found.append((" ".join(path), choices, needed))

    walk(typer.main.get_command(app), ())
    return found


FORMAT_COMMANDS = format_commands()


def test_the_commands_with_a_format_are_the_ones_we_expect() -> None:
    offers = {path: choices for path, choices, _ in FORMAT_COMMANDS}
    assert len(offers) >= 18
    assert offers["report"] == ("md", "json")
    with_markdown = {path for path, choices in offers.items() if "md" in choices}
    assert with_markdown == {
        "framework",
        "scenarios",
        "walkthrough",
        "questions",
        "tradeoffs",
        "grade",
        "report",
        "diagram check",
    }


@pytest.mark.parametrize(("path", "choices", "needed"), FORMAT_COMMANDS, ids=lambda v: v if isinstance(v, str) else "")
def test_a_format_a_command_cannot_print_is_refused_naming_the_ones_it_can(
    path: str, choices: tuple[str, ...], needed: tuple[str, ...]
) -> None:
    for wrong in sorted({"rich", "md", "json", "html"} - set(choices)):
        result = run_in_process(*path.split(), "--format", wrong, *needed)
        assert result.code == 2, (path, wrong, result.out[:200])
        offered = ", ".join(repr(c) for c in choices)
        assert f"'{wrong}' is not one of {offered}" in result.err, result.err


def test_markdown_is_still_printed_where_there_is_a_markdown_form() -> None:
    result = run_sdcoach("framework", "--format", "md")
    assert result.code == 0 and result.out.startswith("# ")


@pytest.fixture
def keyword_dump(tmp_path: Path) -> Path:
    """A 5 MB file of interview keywords: the shape of input that once scored 58% on the question drill."""
    words = "What is the peak QPS? What p99 latency? How fresh? Who owns the data? What is the budget? "
    path = tmp_path / "dump.txt"
    path.write_text(words * (5_000_000 // len(words)), encoding="utf-8")
    return path


def stored_attempts() -> list[Any]:
    attempts = AttemptRepository(open_database(Settings().database))
    try:
        return [a for kind in ("questions", "pitch", "framework", "tradeoff") for a in attempts.list(kind)]
    finally:
        attempts.close()


@pytest.mark.parametrize(
    "args",
    [
        ["drill", "questions", "feature-store"],
        ["drill", "framework", "feature-store"],
        ["pitch", "feature-store"],
        ["grade", "--scenario", "feature-store"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_an_answer_past_the_size_cap_is_refused_and_nothing_is_stored(args: list[str], keyword_dump: Path) -> None:
    result = run_sdcoach(*args, str(keyword_dump))
    assert (result.code, result.out) == (2, "")
    assert f"is {keyword_dump.stat().st_size:,} characters; sdcoach takes at most {MAX_INPUT_CHARS:,}" in result.err
    assert "nothing of it was saved" in result.err
    assert stored_attempts() == []


def test_an_interview_turn_past_the_cap_is_refused_and_the_interview_kept(sdcoach_home: Path) -> None:
    piped = "What is the peak QPS and the latency budget?\n\n" + "freshness " * (MAX_INPUT_CHARS // 10 + 1) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "interview", "feature-store"],
        input=piped,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"That answer is {MAX_INPUT_CHARS + 10:,} characters" in done.stderr
    assert "sdcoach interview --resume" in done.stderr
    sessions = run_sdcoach("sessions", "--format", "json")
    assert '"turns": 3' in sessions.out  # the opening, the first answer and its reply; not the long one
