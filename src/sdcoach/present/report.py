"""An interview as an export: the transcript with the interviewer's private notes, and the scorecard.

The same text for every interface: `sdcoach report` prints it, the web page offers it as a download.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sdcoach.engine.interview import Speaker
from sdcoach.present.debrief import debrief_markdown
from sdcoach.present.diagram_versions import DiagramVersion, diagrams_markdown, diagrams_payload
from sdcoach.store.repository import StoredSession


def report_payload(stored: StoredSession, diagrams: Sequence[DiagramVersion] = ()) -> dict[str, Any]:
    """The JSON form: id, scenario, persona, status, transcript with notes, the candidate's diagram versions with
    their findings, scorecard."""
    return {
        "id": stored.summary.id,
        "scenario": stored.summary.scenario,
        "persona": stored.summary.persona,
        "status": stored.summary.status,
        "transcript": [
            {
                "speaker": t.speaker.value,
                "text": t.text,
                "elapsed": round(t.elapsed, 1),
                "notes": [{"kind": n.kind.value, "detail": n.detail, "item": n.item} for n in t.notes],
            }
            for t in stored.turns
        ],
        "diagrams": diagrams_payload(diagrams),
        "scorecard": stored.scorecard,
    }


def report_markdown(stored: StoredSession, diagrams: Sequence[DiagramVersion] = ()) -> str:
    """The Markdown form: each turn with its minute and notes, the diagram versions, then the scorecard summary."""
    lines = [f"# Interview {stored.summary.id}: {stored.summary.scenario} ({stored.summary.status})", ""]
    for t in stored.turns:
        who = "Candidate" if t.speaker is Speaker.CANDIDATE else "Interviewer"
        lines += [f"**{who}** ({int(t.elapsed // 60)}:{int(t.elapsed % 60):02d})", "", t.text, ""]
        lines += [f"> note: {n.kind.value}{f' [{n.item}]' if n.item else ''}: {n.detail}" for n in t.notes]
        lines += [""] if t.notes else []
    lines += diagrams_markdown(diagrams)
    if stored.scorecard:
        card = stored.scorecard
        lines += ["## Scorecard", "", f"Level {card['level']}, grade {card['grade']}/5: {card['rationale']}", ""]
        lines += ["#" + line if line.startswith("## ") else line for line in debrief_markdown(card.get("debrief", {}))]
        for s in card["signals"].values():
            hire = f", {s['hire'].replace('_', ' ')}" if s.get("hire") else ""  # cards stored before ratings had none
            lines.append(f"- {s['title']}: {s['score']}/4{hire}")
            lines += [f"  - Red flag: {f['behaviour']} Seen: {f['seen']}." for f in s.get("red_flags", [])]
        lines += [f"- Note: {n}" for n in card.get("notes", [])]
    return "\n".join(lines).rstrip() + "\n"
