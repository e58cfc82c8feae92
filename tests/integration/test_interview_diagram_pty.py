"""/diagram in the interactive interview, in a real pseudo-terminal: attach a diagram, see it and the question
about it, survive a SIGKILL, resume, attach version 2; a broken diagram is one line and stores nothing."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pexpect

import sdcoach
from tests.integration.cli_runner import run_sdcoach

DIAGRAMS = Path(__file__).parents[1] / "data" / "diagrams"


def spawn(*args: str, home: Path, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "SDCOACH_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "120"}
    source = str(Path(sdcoach.__file__).parents[1])  # the sdcoach under test, wherever the child's cwd is
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "sdcoach", *args],
        env=env,
        cwd=str(cwd),
        encoding="utf-8",
        timeout=90,
        dimensions=(40, 120),
    )
    return child


def send(child: pexpect.spawn, line: str) -> None:
    """Type one line at the answer prompt: a slash command goes on Enter, an answer on an empty line after it."""
    child.expect("answer>")
    child.send(line + "\r" + ("" if line.startswith("/") else "\r"))


def test_a_diagram_is_asked_about_kept_through_a_kill_and_versioned(sdcoach_home: Path, tmp_path: Path) -> None:
    (tmp_path / "terse.mmd").write_text((DIAGRAMS / "feature-store-terse.mmd").read_text(encoding="utf-8"))
    (tmp_path / "broken.mmd").write_text("flowchart LR\n  kafka[Kafka] --> flink[Flink]\n  flink -->\n")
    (tmp_path / "vendors.excalidraw").write_text((DIAGRAMS / "feature-store-vendors.excalidraw").read_text())
    child = spawn("interview", "feature-store", home=sdcoach_home, cwd=tmp_path)
    child.expect(r"Session (\w+)\.")
    session_id = child.match.group(1)
    send(child, "/help")
    child.expect("/diagram FILE")
    send(child, "/diagram terse.mmd")
    child.expect("Your diagram, version 1")
    for cell in ("Kafka", "──▶", "Flink"):  # drawn as arrows, in the candidate's own labels (bold cells)
        child.expect(cell)
    child.expect("the main ones")
    child.expect("no path from Kafka back to Spark batch")  # the interviewer's one question, naming the boxes
    send(child, "/diagram broken.mmd")
    child.expect("Diagram not attached: broken.mmd:3")
    send(child, "Kafka events land in the offline store through Flink.")  # the interview goes on
    child.expect("Interviewer")
    child.expect("answer>")
    child.kill(signal.SIGKILL)
    child.wait()

    resumed = spawn("interview", "--resume", session_id, home=sdcoach_home, cwd=tmp_path)
    resumed.expect("Session ")
    send(resumed, "/diagram vendors.excalidraw")
    resumed.expect("Your diagram, version 2")
    send(resumed, "/end")
    resumed.expect("Rubric signals")
    resumed.expect(pexpect.EOF)

    report = json.loads(run_sdcoach("report", session_id, "--format", "json").out)
    assert [(d["version"], d["format"]) for d in report["diagrams"]] == [(1, "mermaid"), (2, "excalidraw")]
    assert report["diagrams"][0]["check"]["problems"] > 0
    asked = [t for t in report["transcript"] if any(n["kind"] == "diagram" for n in t["notes"])]
    assert len(asked) == 2 and "Kafka" in asked[0]["text"]
    markdown = run_sdcoach("report", session_id).out
    assert "### Version 1 (mermaid" in markdown and "### Version 2 (excalidraw" in markdown
