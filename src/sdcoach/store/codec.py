"""Interview state to and from JSON, so a session can be resumed exactly where it stopped."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import InterviewState, Note, NoteKind, Phase, Speaker, Turn


def state_to_json(state: InterviewState) -> str:
    """The state as JSON (enums as their stored values)."""
    return json.dumps(asdict(state), default=str)


def state_from_json(text: str) -> InterviewState:
    """The state back from JSON."""
    data: dict[str, Any] = json.loads(text)
    return InterviewState(
        scenario=data["scenario"],
        persona=Persona(data["persona"]),
        minutes=data["minutes"],
        phases=tuple(Phase(p["key"], p["title"], p["minutes"], tuple(p["items"])) for p in data["phases"]),
        phase_index=data["phase_index"],
        phase_started=data["phase_started"],
        turns=tuple(turn_from_dict(t) for t in data["turns"]),
        asked=tuple(data["asked"]),
        open_probe=data["open_probe"],
        open_item=data["open_item"],
        open_figures=tuple(data["open_figures"]),
        hints=data["hints"],
        awaiting_pitch=data["awaiting_pitch"],
        is_finished=data["is_finished"],
        covered=tuple(data["covered"]),
        told=tuple((fact, int(count)) for fact, count in data.get("told", ())),
    )


def notes_to_json(notes: tuple[Note, ...]) -> str:
    """Private notes as JSON."""
    return json.dumps([{"kind": n.kind.value, "detail": n.detail, "item": n.item} for n in notes])


def notes_from_json(text: str) -> tuple[Note, ...]:
    """Private notes back from JSON."""
    return tuple(Note(NoteKind(n["kind"]), n["detail"], n.get("item")) for n in json.loads(text))


def turn_from_dict(data: dict[str, Any]) -> Turn:
    """One turn from its dict form."""
    notes = tuple(Note(NoteKind(n["kind"]), n["detail"], n.get("item")) for n in data.get("notes", ()))
    return Turn(Speaker(data["speaker"]), data["text"], data["elapsed"], notes)
