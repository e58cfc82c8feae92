"""The scorecard's narrative: written by the backend from the engine's scorecard, never changing a score.

Offline (or when the backend fails or states a number the scorecard does not hold) the narrative is the
engine's own rationale and next steps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sdcoach.backends.base import Message
from sdcoach.content.loader import load_phrasing
from sdcoach.engine.phrasing import grounded_problem
from sdcoach.errors import BackendError
from sdcoach.present.scorecard import scorecard_payload
from sdcoach.services.coach import Coach, as_data, prompt
from sdcoach.services.grading import GradeResult


@dataclass(frozen=True)
class Narrative:
    """The narrative shown, and a notice when it is the engine's own."""

    text: str
    notice: str | None = None


def engine_narrative(result: GradeResult) -> str:
    """The engine's own words: the rationale and the three next steps."""
    card = result.scorecard
    steps = " ".join(f"Next: {n.advice} ({n.command})." for n in card.next_steps)
    return f"{card.rationale} {steps}".strip()


def scorecard_brief(result: GradeResult) -> str:
    """The scorecard as the backend sees it: level, grade, signal scores, missing items, next steps."""
    payload = scorecard_payload(result)
    brief = {
        "level": payload["level"],
        "grade": payload["grade"],
        "rationale": payload["rationale"],
        "signals": {
            k: {"title": v["title"], "score": v["score"], "missing": v["missing"]}
            for k, v in payload["signals"].items()
        },
        "next_steps": payload["next_steps"],
    }
    return json.dumps(brief, indent=1)


def narrate(coach: Coach, result: GradeResult, on_piece: Callable[[str], None]) -> Narrative:
    """Stream the backend's narrative through ``on_piece``; check it whole; fall back with a notice."""
    fallback = engine_narrative(result)
    brief = scorecard_brief(result)
    messages = (
        Message("system", prompt("narrative")),
        Message("user", f"<scorecard>\n{as_data(brief, 'scorecard')}\n</scorecard>"),
    )
    pieces: list[str] = []
    try:
        for piece in coach.stream(messages, fallback):
            pieces.append(piece)
            on_piece(piece)
    except BackendError as err:
        return Narrative(
            fallback, f"[{coach.backend.name} backend: {err.kind}: {err.message}; sdcoach's own notes follow]"
        )
    except KeyboardInterrupt:
        return Narrative(fallback, f"[{coach.backend.name} backend: cancelled; sdcoach's own notes follow]")
    text = "".join(pieces).strip()
    problem = grounded_problem(text, brief + fallback, load_phrasing())
    if problem:
        return Narrative(fallback, f"[{coach.backend.name} backend: the notes above were set aside: {problem}]")
    return Narrative(text)
