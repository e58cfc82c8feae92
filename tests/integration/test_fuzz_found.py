"""What the command fuzz suite (test_fuzz_commands.py) found, each pinned in a real subprocess as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.cli_runner import run_sdcoach


@pytest.mark.parametrize(
    ("minutes", "bound"),
    [("-5", "greater than or equal to 1"), ("0", "greater than or equal to 1"), ("61", "less than or equal to 60")],
)
def test_a_question_drill_time_box_outside_1_to_60_minutes_is_refused_and_nothing_saved(
    minutes: str, bound: str
) -> None:
    # was: exit 0, graded and stored, with "over time" for a -5-minute time box
    result = run_sdcoach("drill", "questions", "feature-store", "-", "--minutes", minutes, stdin="What is the QPS?\n")
    assert (result.code, result.out) == (2, "")
    assert "'--minutes'" in result.err and bound in result.err, result.err
    assert json.loads(run_sdcoach("history", "export").out)["attempts"] == []


def test_a_finished_interview_cannot_be_resumed_and_keeps_its_turns() -> None:
    # was: exit 0, the answer appended to the finished session and the scorecard shown again
    assert run_sdcoach("interview", "feature-store", stdin="What is the peak QPS?\n\n/end\n\n").code == 0
    (finished,) = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"]
    result = run_sdcoach("interview", "--resume", finished["id"], stdin="One more thing.\n\n")
    assert (result.code, result.out) == (2, "")
    assert f"Interview {finished['id']} is finished" in result.err
    assert f"sdcoach report {finished['id']}" in result.err
    (after,) = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"]
    assert after == finished


def test_a_settings_file_that_is_a_folder_is_reported_not_skipped(sdcoach_home: Path) -> None:
    # was: exit 0, every setting the user meant to give silently missing
    (sdcoach_home / "config.toml").mkdir()
    result = run_sdcoach("sessions")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"Error: {sdcoach_home / 'config.toml'}: The settings file is a folder"), result.err
