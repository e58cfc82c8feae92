"""The interactive interview in a real pseudo-terminal: answer, get killed with SIGKILL, resume, lose nothing."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pexpect

from tests.integration.cli_runner import run_sdcoach


def spawn(*args: str, home: Path) -> pexpect.spawn:
    env = {**os.environ, "SDCOACH_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "120"}
    child = pexpect.spawn(
        sys.executable, ["-m", "sdcoach", *args], env=env, encoding="utf-8", timeout=60, dimensions=(40, 120)
    )
    return child


def answer(child: pexpect.spawn, *lines: str) -> None:
    """Type a multi-line answer and send it with an empty line."""
    child.expect("answer>")
    for line in lines:
        child.send(line + "\r")
    child.send("\r")


def test_sigkill_mid_interview_then_resume_keeps_every_turn(sdcoach_home: Path) -> None:
    child = spawn("interview", "feature-store", home=sdcoach_home)
    child.expect("Design a shared feature store")
    answer(child, "What peak QPS do the online callers need?")
    child.expect("Peak is 250k")
    answer(child, "I'd start with a registry,", "a Spark batch engine and a Flink streaming engine.")
    child.expect("Interviewer")
    child.kill(signal.SIGKILL)
    child.wait()

    resumed = spawn("interview", "--resume", home=sdcoach_home)
    resumed.expect("Session ")
    answer(resumed, "/end")
    resumed.expect("Rubric signals")
    resumed.expect(pexpect.EOF)

    sessions = json.loads(run_sdcoach("sessions", "--format", "json").out)["sessions"]
    assert len(sessions) == 1 and sessions[0]["status"] == "finished"
    report = json.loads(run_sdcoach("report", sessions[0]["id"], "--format", "json").out)
    candidate = [t["text"] for t in report["transcript"] if t["speaker"] == "candidate"]
    assert candidate[0] == "What peak QPS do the online callers need?"
    assert candidate[1] == "I'd start with a registry,\na Spark batch engine and a Flink streaming engine."


def test_a_review_session_at_a_terminal_grades_a_card_then_stops_on_an_empty_answer(sdcoach_home: Path) -> None:
    child = spawn("review", "--limit", "2", home=sdcoach_home)
    child.expect("Card 1 of 2")
    child.expect("> ")
    for line in ("What peak QPS and p99 latency do callers need?", "Who owns the data and who is on call?"):
        child.send(line + "\r")
        child.expect("> ")
    child.send("\r")
    child.expect("Score \\d+%")
    child.expect("Next review: in ")
    child.expect("Card 2 of 2")
    child.expect("> ")
    child.send("\r")  # an empty answer ends the session
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    queue = json.loads(run_sdcoach("review", "--list", "--format", "json").out)
    assert queue["new_left_today"] == 9


def test_a_second_terminal_is_told_who_has_the_session_and_can_take_it_over(sdcoach_home: Path) -> None:
    first = spawn("interview", "feature-store", home=sdcoach_home)
    first.expect(r"Session (\w+)\.")
    session_id = first.match.group(1)
    first.expect("answer>")

    refused = run_sdcoach("interview", "--resume", session_id)
    assert refused.code == 2 and "Traceback" not in refused.err
    assert f"Interview {session_id} is open in another terminal (process {first.pid} on this machine)" in refused.err
    assert f"sdcoach interview --resume {session_id} --take-over" in refused.err

    second = spawn("interview", "--resume", session_id, "--take-over", home=sdcoach_home)
    second.expect(f"Took this interview over from another terminal \\(process {first.pid}")
    first.send("What peak QPS do the online callers need?\r\r")  # its prompt is already on screen
    first.expect("was taken over by another terminal")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 2

    answer(second, "/end")
    second.expect("Rubric signals")
    second.expect(pexpect.EOF)
    report = json.loads(run_sdcoach("report", session_id, "--format", "json").out)
    assert [t["speaker"] for t in report["transcript"]].count("candidate") == 0  # the refused answer was not kept
