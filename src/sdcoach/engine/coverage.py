"""Coverage: which checklist items a candidate's words really cover, each with the sentences that show it.

Judged from the reader's output (``engine/reader.py``): how close the candidate's sentences come to the
item's examples, whether the item is what those sentences are mostly about (rather than a neighbour),
how many sentences serve it, how specific they are, and the item's cue phrases; combined by a logistic
model fitted on labelled answers in many writers' styles (content/packs/grading.yaml). Every feature
can only grow when text is added and every weight is non-negative, so adding words never lowers an
item (a cut-down answer never outscores the whole). Sentences the tamper check set aside, and anything
the interviewer said, are never evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.content.framework_schema import FrameworkItem
from sdcoach.content.grading_schema import CoverageModel, Grading
from sdcoach.engine.grade import Substance, substance_of
from sdcoach.engine.reader import Lens, Reading, Similarity, read
from sdcoach.engine.tamper import TamperReport
from sdcoach.engine.text import Sentence

__all__ = ["Coverage", "Evidence", "ItemCoverage", "Similarity", "coverage_from", "coverage_of", "features_of"]
NO_SUBSTANCE = Substance(sentences=0, numbers=0, ownership=0, business=0)
EVIDENCE_FLOOR = 0.3  # a sentence this close to an item's examples is quoted as its evidence
VOTE_FLOOR = 0.3


@dataclass(frozen=True)
class Evidence:
    """A sentence offered as evidence: its text and exact place in the answer."""

    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ItemCoverage:
    """One checklist item: covered or not, how strongly (0..1), and the evidence."""

    item_id: str
    covered: bool
    strength: float
    evidence: tuple[Evidence, ...]
    features: dict[str, float]


@dataclass(frozen=True)
class Coverage:
    """Coverage of every item, the sentences it was judged on, and what the tamper check set aside."""

    sentences: tuple[Sentence, ...]
    items: dict[str, ItemCoverage]
    tamper: TamperReport
    specificity: float
    substance: Substance = NO_SUBSTANCE
    evidence: tuple[int, ...] = ()  # the candidate's clean sentences (never the interviewer's words)

    def covered_ids(self) -> frozenset[str]:
        """Ids of the items judged covered."""
        return frozenset(i for i, c in self.items.items() if c.covered)


def coverage_of(
    text: str,
    items: Sequence[FrameworkItem],
    similarity: Similarity,
    grading: Grading,
    assessed: frozenset[str] | None = None,
) -> Coverage:
    """Read ``text`` and judge every item; items outside ``assessed`` (when given) are left out."""
    return coverage_from(read(text, Lens(tuple(items), grading), similarity), grading.model, assessed)


def coverage_from(reading: Reading, model: CoverageModel, assessed: frozenset[str] | None = None) -> Coverage:
    """Judge every item the reading measured."""
    features = features_of(reading)
    judged = [i for i in reading.item_scores if assessed is None or i in assessed]
    results = {item_id: _judge(item_id, reading, features[item_id], model) for item_id in judged}
    sentences = tuple(Sentence(s.index, s.text, s.start, s.end) for s in reading.sentences)
    return Coverage(
        sentences, results, reading.tamper, answer_specificity(reading), substance_of(reading), reading.evidence
    )


def features_of(reading: Reading) -> dict[str, dict[str, float]]:
    """The features the coverage model combines, for every item (also what the model is fitted on)."""
    clean = list(reading.evidence)
    best_by_sentence = {i: max(scores[i] for scores in reading.item_scores.values()) for i in clean}
    second_by_item = _runner_up(reading, clean)
    substantive = sum(1 for i in clean if best_by_sentence[i] >= VOTE_FLOOR and reading.signals[i].score > 0)
    length = min(math.log1p(substantive) / math.log1p(60), 1.0)
    # How many concrete sentences the answer holds (numbers, named systems, decisions): a count, so that
    # adding text never lowers it, unlike a mean.
    concrete_count = sum(1 for i in clean if reading.signals[i].score >= 0.5 and best_by_sentence[i] >= VOTE_FLOOR)
    concrete = min(math.log1p(concrete_count) / math.log1p(30), 1.0)
    rows: dict[str, dict[str, float]] = {}
    # Only a sentence that says something (a figure, a named system, a decision, or any item's cue) is read as
    # evidence of an item: "The weather was lovely" sits near the lead items for a trained encoder too.
    says = [i for i in clean if reading.signals[i].score > 0 or any(hits[i] for hits in reading.cue_hits.values())]
    for item_id, scores in reading.item_scores.items():
        ranked = sorted(says, key=lambda i: scores[i], reverse=True)
        top = [scores[i] for i in ranked[:3]] + [0.0] * (3 - min(3, len(ranked)))
        votes = sum(1 for i in says if scores[i] >= VOTE_FLOOR and scores[i] >= best_by_sentence[i] - 0.02)
        cue_hits = reading.cue_hits[item_id]
        cues = [cue_hits[i] for i in clean]
        # How far the item leads its nearest rival, in the sentences close enough to count that say
        # something (a figure, a named system, a decision, or one of the item's cues): a sentence about
        # nothing ("My commute is short") can lead some item by a little, and must not lift it.
        saying = [i for i in clean if scores[i] >= VOTE_FLOOR and (reading.signals[i].score > 0 or cue_hits[i])]
        margin = max((scores[i] - second_by_item[item_id][i] for i in saying), default=-0.3)
        rows[item_id] = {
            "sim_max": top[0],
            "sim_top3": sum(top) / 3,
            "votes": min(math.log1p(votes) / math.log1p(6), 1.0),
            "margin": max(-0.3, min(0.3, margin)),
            "cue_max": min(max(cues, default=0), 3) / 3,
            "cue_sentences": min(math.log1p(sum(1 for c in cues if c)) / math.log1p(8), 1.0),
            "specific_evidence": _specific_evidence(reading, scores, clean),
            "concrete_sentences": concrete,
            "answer_length": length,
        }
    return rows


def _specific_evidence(reading: Reading, scores: tuple[float, ...], clean: list[int]) -> float:
    """How specific the item's evidence is: the three most specific sentences close to the item (a sum over
    the best, so that adding a sentence never lowers it)."""
    close = sorted((reading.signals[i].score for i in clean if scores[i] >= VOTE_FLOOR), reverse=True)
    return sum(close[:3]) / 3


def answer_specificity(reading: Reading) -> float:
    """Mean specificity of the clean sentences: how concrete the answer is overall."""
    scores = [reading.signals[i].score for i in reading.evidence]
    return sum(scores) / len(scores) if scores else 0.0


def probability(features: dict[str, float], model: CoverageModel, item_id: str = "") -> float:
    """P(covered) from the fitted logistic model."""
    z = model.bias + model.item_bias.get(item_id, 0.0)
    z += sum(w * features.get(name, 0.0) for name, w in zip(model.features, model.weights, strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _runner_up(reading: Reading, clean: list[int]) -> dict[str, dict[int, float]]:
    """For each item and sentence, the best score of any other item (how contested the sentence is)."""
    result: dict[str, dict[int, float]] = {}
    for i in clean:
        ordered = sorted(((scores[i], item) for item, scores in reading.item_scores.items()), reverse=True)
        for rank, (_, item) in enumerate(ordered):
            other = ordered[1][0] if rank == 0 and len(ordered) > 1 else ordered[0][0]
            result.setdefault(item, {})[i] = other
    return result


def _judge(item_id: str, reading: Reading, features: dict[str, float], model: CoverageModel) -> ItemCoverage:
    strength = probability(features, model, item_id)
    scores = reading.item_scores[item_id]
    ranked = sorted(reading.evidence, key=lambda i: scores[i], reverse=True)[:3]
    evidence = tuple(
        Evidence(i, reading.sentences[i].text, reading.sentences[i].start, reading.sentences[i].end)
        for i in ranked
        if scores[i] >= EVIDENCE_FLOOR or reading.cue_hits[item_id][i]
    )
    return ItemCoverage(item_id, strength >= model.threshold, round(strength, 4), evidence, features)
