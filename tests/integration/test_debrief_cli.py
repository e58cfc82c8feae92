"""The debrief and the resume recap through the real command line, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.cli_runner import run_sdcoach

WRONG = "Reads are 250k calls/s x 16 KB = 40 GB/s at peak, so the network is the bottleneck."


def test_resume_shows_a_recap_of_the_conversation_so_far() -> None:
    first = run_sdcoach(
        "interview",
        "feature-store",
        stdin="What is the peak QPS?\n\nWe shard the online store by entity id and cache hot rows in the pods.\n\n",
    )
    assert first.code == 0, first.err
    assert "So far" not in first.out  # nothing to recap on a fresh start
    resumed = run_sdcoach("interview", "--resume", stdin="")
    assert resumed.code == 0, resumed.err
    assert "So far" in resumed.out
    assert "You: What is the peak QPS?" in resumed.out
    assert "You: We shard the online store by entity id" in resumed.out
    assert "Interviewer: Peak is 250k" in resumed.out  # the answer it got, not only the last question
    assert "answers so far" in resumed.out


def test_an_interview_scorecard_debriefs_like_a_committee() -> None:
    script = f"What is the peak QPS?\n\n{WRONG}\n\nWe shard the online store by entity id.\n\n/end\n"
    done = run_sdcoach("interview", "feature-store", stdin=script)
    assert done.code == 0, done.err
    assert "What decided the level" in done.out
    assert "the inputs give 4 GB/s" in done.out  # the corrected figure, recomputed from the candidate's inputs
    assert "Missed topics" in done.out and "A strong answer:" in done.out
    session = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"][0]["id"]
    card = json.loads(run_sdcoach("report", session, "--format", "json").out)["scorecard"]
    (mistake,) = card["debrief"]["mistakes"]
    assert (mistake["stated"], mistake["corrected"]) == ("40 GB/s", "4 GB/s") and mistake["quote"] == WRONG
    assert all(m["quote"] != WRONG for m in card["debrief"]["moments"] if m["is_strength"])
    assert "40 GB/s" in card["rationale"] and card["next_steps"]
    assert all(m["drill"].startswith("sdcoach ") for m in card["debrief"]["missed"])
    assert "### Mistakes" in run_sdcoach("report", session).out


def test_a_graded_answer_gets_the_debrief_too(tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text(
        f"{WRONG}\nIf Flink lags, a staleness alert pages above 5 s and serving falls back to the last value.\n",
        encoding="utf-8",
    )
    result = run_sdcoach("grade", str(answer), "--scenario", "feature-store", "--format", "json")
    assert result.code == 0, result.err
    card = json.loads(result.out)
    assert card["debrief"]["mistakes"][0]["corrected"] == "4 GB/s"
    assert card["debrief"]["moments"] and card["debrief"]["missed"]
    markdown = run_sdcoach("grade", str(answer), "--scenario", "feature-store", "--format", "md").out
    assert "## What decided the level" in markdown and "## Missed topics" in markdown
