"""What an interview page shows besides the transcript: the phase, the time left, the live checklist,
and the scorecard's evidence linked to the transcript turns it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sdcoach.content.framework_schema import Framework
from sdcoach.engine.interview import InterviewState, Speaker, time_left

GAP_CAP_S = 300.0  # minutes away from the page count, up to five per request (a longer gap is a break)


def time_away(updated_at: datetime | None, now: datetime) -> float:
    """Seconds since the session last changed, capped: time on the page counts, a long absence does not."""
    if updated_at is None:
        return 0.0
    return min(GAP_CAP_S, max(0.0, now.timestamp() - updated_at.timestamp()))


@dataclass(frozen=True)
class ChecklistRow:
    """One checklist item on the live checklist."""

    id: str
    title: str
    is_covered: bool
    is_current: bool


@dataclass(frozen=True)
class InterviewStatus:
    """The status bar: phase, time left in it and in total, and whether it is over."""

    phase: str
    phase_left_s: float
    total_left_s: float
    is_finished: bool


def status_of(state: InterviewState, now: float) -> InterviewStatus:
    """The status at ``now`` seconds into the interview."""
    phase_left, total_left = time_left(state, now)
    return InterviewStatus(state.phase.title, phase_left, total_left, state.is_finished)


def checklist_of(state: InterviewState, framework: Framework) -> list[ChecklistRow]:
    """Every checklist item, covered or not, the current phase's items marked."""
    covered, current = set(state.covered), set(state.phase.items)
    return [ChecklistRow(i.id, i.title, i.id in covered, i.id in current) for i in framework.items]


def evidence_anchors(
    state: InterviewState, scorecard: dict[str, Any]
) -> tuple[dict[int, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """For each candidate turn, the quotes to mark in it; for each signal, its quotes with their anchors."""
    turns = [(n, t.text) for n, t in enumerate(state.turns) if t.speaker is Speaker.CANDIDATE]
    in_turn: dict[int, list[tuple[str, str]]] = {}
    by_signal: dict[str, list[tuple[str, str]]] = {}
    for signal_id, signal in scorecard.get("signals", {}).items():
        for k, evidence in enumerate(signal.get("evidence", [])):
            quote = str(evidence.get("text") or "")  # "sentence" is its index in the answer, not its words
            turn = next((n for n, text in turns if quote and quote in text), None)
            anchor = f"ev-{signal_id}-{k}"
            by_signal.setdefault(signal_id, []).append((anchor if turn is not None else "", quote))
            if turn is not None:
                in_turn.setdefault(turn, []).append((anchor, quote))
    return in_turn, by_signal
