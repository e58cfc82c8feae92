"""The scorecard's narrative: written by the backend from the engine's scorecard, never changing a score.

Offline (or when the backend fails or states a number the scorecard does not hold) the narrative is the
engine's own rationale and next steps. It works from the stored scorecard payload, so the terminal and the
web page stream the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from typing import Any

from sdcoach.backends.base import Message
from sdcoach.engine.phrasing import grounded_problem
from sdcoach.services.coach import Coach, Worded, as_data, drain, phrasing_rules, prompt


def engine_narrative(card: dict[str, Any]) -> str:
    """The engine's own words: the rationale and the three next steps."""
    steps = " ".join(f"Next: {n['advice']} ({n['command']})." for n in card.get("next_steps", []))
    return f"{card.get('rationale', '')} {steps}".strip()


def scorecard_brief(card: dict[str, Any]) -> str:
    """The scorecard as the backend sees it: level, grade, signal scores, missing items, next steps."""
    signals = {
        k: {"title": v["title"], "score": v["score"], "missing": v["missing"]}
        for k, v in card.get("signals", {}).items()
    }
    brief = {k: card.get(k) for k in ("level", "grade", "rationale", "next_steps")} | {"signals": signals}
    return json.dumps(brief, indent=1)


def narrative_pieces(coach: Coach, card: dict[str, Any]) -> Generator[str, None, Worded]:
    """The backend's narrative piece by piece; returns the checked narrative (or the engine's, with a notice)."""
    fallback = engine_narrative(card)
    brief = scorecard_brief(card)
    messages = (
        Message("system", prompt("narrative")),
        Message("user", f"<scorecard>\n{as_data(brief, 'scorecard')}\n</scorecard>"),
    )

    def check(text: str) -> str | None:
        return grounded_problem(text, brief + fallback, phrasing_rules())

    return (yield from coach.stream_checked(messages, fallback, check, "notes", "sdcoach's own notes follow"))


def narrate(coach: Coach, card: dict[str, Any], on_piece: Callable[[str], None]) -> Worded:
    """Stream the backend's narrative through ``on_piece``; check it whole; fall back with a notice."""
    return drain(narrative_pieces(coach, card), on_piece)
