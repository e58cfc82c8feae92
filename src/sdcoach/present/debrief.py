"""The scorecard's committee write-up as JSON and Markdown: what decided the level (quoted), each mistake with
the corrected figure, each missed topic with what a strong answer says and its drill.

Markdown is written from the JSON form, so a stored scorecard (``sdcoach report``) reads the same as a fresh one.
"""

from __future__ import annotations

from typing import Any

from sdcoach.engine.debrief import Debrief


def debrief_payload(debrief: Debrief | None) -> dict[str, Any]:
    """The JSON form: ``moments``, ``mistakes`` and ``missed`` (keys documented in the README)."""
    if debrief is None:
        return {"moments": [], "mistakes": [], "missed": []}
    return {
        "moments": [
            {"quote": m.quote, "reading": m.reading, "is_strength": m.is_strength, "item": m.item_id}
            for m in debrief.moments
        ],
        "mistakes": [
            {"stated": m.stated, "corrected": m.corrected, "working": m.working, "quote": m.quote}
            for m in debrief.mistakes
        ],
        "missed": [
            {"item": m.item_id, "title": m.title, "strong_answer": m.strong_answer, "drill": m.drill}
            for m in debrief.missed
        ],
    }


def debrief_markdown(payload: dict[str, Any]) -> list[str]:
    """Markdown lines for a stored or fresh debrief (empty when there is none)."""
    lines: list[str] = []
    if payload.get("moments"):
        lines += ["## What decided the level", ""]
        lines += [f"- > {m['quote']}\n  {m['reading']}" for m in payload["moments"]]
        lines.append("")
    if payload.get("mistakes"):
        lines += ["## Mistakes", ""]
        for m in payload["mistakes"]:
            fixed = f"; the inputs give **{m['corrected']}**" if m["corrected"] else ""
            working = f" (from {m['working']})" if m["working"] else ""
            lines.append(f"- Said **{m['stated']}**{working}{fixed}.")
        lines.append("")
    if payload.get("missed"):
        lines += ["## Missed topics", ""]
        for m in payload["missed"]:
            drill = f" Drill: `{m['drill']}`" if m["drill"] else ""
            lines.append(f"- **{m['title']}**. A strong answer: {m['strong_answer']}{drill}")
        lines.append("")
    return lines
