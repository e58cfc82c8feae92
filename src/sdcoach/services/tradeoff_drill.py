"""The tradeoff drill as the interfaces run it: pick a decision, grade the call's shape, store call and grade."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sdcoach.config import Settings
from sdcoach.content.tradeoff_schema import LibraryTradeoff
from sdcoach.engine.specificity import matcher_for
from sdcoach.engine.tamper import tamper_report
from sdcoach.engine.text import sentences_of, words_of
from sdcoach.engine.tradeoff_drill import TradeoffDrillResult, grade_tradeoff
from sdcoach.errors import UsageError
from sdcoach.services.drills import drills_pack, graded_then_stored
from sdcoach.services.grading import method
from sdcoach.services.tradeoffs import find_tradeoff, tradeoff_library

TRADEOFF = "tradeoff"


@dataclass(frozen=True)
class TradeoffDrillOutcome:
    """The stored attempt's id, the decision, the grade and its JSON payload."""

    attempt_id: int
    tradeoff: LibraryTradeoff
    result: TradeoffDrillResult
    payload: dict[str, Any]


def pick_tradeoff(tradeoff_id: str | None, seed: int | None = None) -> LibraryTradeoff:
    """The named decision, or a random one from the library (a seed replays the choice)."""
    if tradeoff_id:
        return find_tradeoff(tradeoff_id)
    return random.Random(seed).choice(tradeoff_library())


def grade_tradeoff_text(text: str, tradeoff: LibraryTradeoff) -> TradeoffDrillResult:
    """Grade an answer's shape; sentences that address the grader or list keywords are not evidence."""
    drills, grading = drills_pack(), method().grading
    sentences = sentences_of(text)
    cue_words = {w for cues in drills.tradeoff.cues.values() for cue in cues for w in words_of(cue)}
    report = tamper_report(sentences, grading.tamper, frozenset(cue_words))
    clean = tuple(s for s in sentences if report.is_clean(s.index))
    return grade_tradeoff(clean, tradeoff, drills.tradeoff, matcher_for(grading.markers).measurement)


def tradeoff_drill(
    tradeoff: LibraryTradeoff, answer: str, settings: Settings, showing: str | None = None
) -> TradeoffDrillOutcome:
    """Grade the candidate's call for the shape of a staff answer; store call, grade and schedule together."""
    if not answer.strip():
        raise UsageError("There is no answer to grade.", hint="Say your call in a few sentences, then an empty line.")

    def graded() -> tuple[float, dict[str, Any], TradeoffDrillResult]:
        result = grade_tradeoff_text(answer, tradeoff)
        return result.score, tradeoff_payload(result, tradeoff), result

    attempt_id, (_, payload, result) = graded_then_stored(settings, TRADEOFF, tradeoff.id, answer, graded, showing)
    return TradeoffDrillOutcome(attempt_id, tradeoff, result, payload)


def tradeoff_payload(result: TradeoffDrillResult, tradeoff: LibraryTradeoff) -> dict[str, Any]:
    """The JSON form: score 0..1, each part with its evidence, your call and the library's."""
    return {
        "tradeoff": tradeoff.id,
        "score": result.score,
        "matched": [{"part": p.id, "title": p.title, "evidence": p.evidence} for p in result.parts if p.credit > 0],
        "missed": [{"part": p.id, "title": p.title, "weight": p.weight} for p in result.missing],
        "options_named": list(result.options_named),
        "your_call": result.called,
        "library_call": tradeoff.recommendation,
        "staff_answer": tradeoff.staff_answer,
    }
