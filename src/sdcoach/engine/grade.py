"""The 1-5 grade: how much staff-level substance an answer holds, and how much of it is about the scenario.

Staff reviewers grade on substance, not on how many topics are touched: the labelled corpus
(tests/data/corpus) shows that once the numbers, the ownership and the business framing an answer states
are known, its checklist coverage adds nothing to its grade, and that long answers covering many items
generically are graded low. So the grade is a least-squares fit (content/packs/grading.yaml
``grade_model``) on answer-level substance: how many figures it states, how many of its sentences say who
owns what or what it means for the business, and those as a share of its sentences, so that filler dilutes
rather than adds. An answer about another system states figures too; the relevance gate (the share of the
scenario's components, tradeoffs, failure modes and facts it touches) keeps it from earning a grade with
them. Only clean candidate sentences count: tampering, keyword lists and the interviewer's words never do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sdcoach.content.grading_schema import GradeModel
from sdcoach.engine.reader import Reading

GRADES = (1, 5)
FEATURES = ("numbers", "ownership", "business", "ownership_share", "business_share", "coverage")


@dataclass(frozen=True)
class Substance:
    """What the candidate's clean sentences hold: how many there are, the figures they state, and how many
    say who owns what and what it means for the business."""

    sentences: int
    numbers: int
    ownership: int
    business: int


def substance_of(reading: Reading) -> Substance:
    """Count the substance in the reading's evidence (the candidate's clean sentences)."""
    signals = [reading.signals[i] for i in reading.evidence]
    return Substance(
        sentences=len(signals),
        numbers=sum(s.measurements for s in signals),
        ownership=sum(1 for s in signals if s.ownership),
        business=sum(1 for s in signals if s.business),
    )


def grade_features(substance: Substance, coverage: float) -> dict[str, float]:
    """The features the grade model combines (also what it is fitted on)."""
    count = max(1, substance.sentences)
    return {
        "numbers": math.log1p(substance.numbers),
        "ownership": math.log1p(substance.ownership),
        "business": math.log1p(substance.business),
        "ownership_share": substance.ownership / count,
        "business_share": substance.business / count,
        "coverage": coverage,
    }


def relevance_gate(relevance: float | None, full: float) -> float:
    """0..1: how far the answer is about the scenario (1 when no scenario is known, as for custom questions)."""
    return 1.0 if relevance is None else min(1.0, max(0.0, relevance) / full)


def grade_score(features: dict[str, float], model: GradeModel, gate: float, penalty: float) -> float:
    """The grade before rounding: the bias plus the gated, tamper-penalised substance."""
    substance = sum(w * features.get(name, 0.0) for name, w in zip(model.features, model.weights, strict=True))
    return model.bias + gate * (1 - penalty) * substance


def grade_of(score: float) -> int:
    """The 1-5 grade of a grade score."""
    return int(min(GRADES[1], max(GRADES[0], math.floor(score + 0.5))))
