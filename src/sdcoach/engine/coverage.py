"""Coverage: which checklist items a candidate's text really covers, each with the sentences that show it.

Each item is judged from three kinds of evidence, combined by a logistic model fitted on labelled
answers (content/packs/grading.yaml): the item's cue phrases found in a sentence, the sentence's
semantic similarity to the item's reference text (from an injected ``Similarity``, so the engine stays
pure), and how specific the matching sentences are. Sentences flagged by the tamper check never count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from sdcoach.content.framework_schema import FrameworkItem
from sdcoach.content.grading_schema import CoverageModel, Grading
from sdcoach.engine.specificity import SentenceSignals, matcher_for, phrase_pattern
from sdcoach.engine.tamper import Flag, TamperReport, tamper_report, with_flags
from sdcoach.engine.text import Sentence, sentences_of, words_of

# similarity(sentences, references) -> one row per sentence, one cosine per reference.
Similarity = Callable[[Sequence[str], Sequence[str]], Sequence[Sequence[float]]]
STUFFED_ITEMS = 5  # a sentence hitting cues of this many items, with nothing specific, is a keyword list


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

    def covered_ids(self) -> frozenset[str]:
        """Ids of the items judged covered."""
        return frozenset(i for i, c in self.items.items() if c.covered)


@dataclass(frozen=True)
class Analysis:
    """Everything about a text the items are judged on, computed once per text."""

    sentences: tuple[Sentence, ...]
    signals: tuple[SentenceSignals, ...]
    tamper: TamperReport
    cue_hits: dict[str, tuple[int, ...]]
    similarity: dict[str, tuple[float, ...]]
    clean: tuple[int, ...]
    substantive: int


def analyse(text: str, items: Sequence[FrameworkItem], similarity: Similarity, grading: Grading) -> Analysis:
    """Split, flag, match cues and measure similarity: the raw material for every item's features."""
    sentences = sentences_of(text)
    matcher = matcher_for(grading.markers)
    signals = tuple(matcher.signals(s.text) for s in sentences)
    cue_hits = _cue_hits(tuple(items), sentences)
    report = tamper_report(sentences, grading.tamper, vocabulary(tuple(items), grading.markers.technologies))
    report = _with_stuffed_sentences(report, sentences, signals, cue_hits)
    texts = [s.text for s in sentences]
    per_item = _max_similarity(texts, {item.id: references_of(item) for item in items}, similarity)
    clean = tuple(s.index for s in sentences if report.is_clean(s.index))
    touched = {i for hits in cue_hits.values() for i, n in enumerate(hits) if n}
    # Filler ("The sky is blue.") and fragments ("Level IC7.") do not make an answer longer.
    substantive = sum(1 for i in clean if signals[i].score > 0 or i in touched)
    return Analysis(sentences, signals, report, cue_hits, per_item, clean, substantive)


def _max_similarity(
    texts: list[str], references: dict[str, tuple[str, ...]], similarity: Similarity
) -> dict[str, tuple[float, ...]]:
    """For each key, each sentence's best similarity to that key's references (0 where there are none)."""
    flat = [ref for refs in references.values() for ref in refs]
    matrix = similarity(texts, flat) if texts and flat else []
    result: dict[str, tuple[float, ...]] = {}
    column = 0
    for key, refs in references.items():
        width = len(refs)
        result[key] = tuple(max(row[column : column + width]) for row in matrix) if width else (0.0,) * len(texts)
        column += width
    return result


def coverage_of(
    text: str,
    items: Sequence[FrameworkItem],
    similarity: Similarity,
    grading: Grading,
    assessed: frozenset[str] | None = None,
) -> Coverage:
    """Judge every item against ``text``; items outside ``assessed`` (when given) are left out."""
    analysis = analyse(text, items, similarity, grading)
    features = features_of(analysis)
    judged = [item for item in items if assessed is None or item.id in assessed]
    results = {item.id: _judge(item, analysis, features[item.id], grading.model) for item in judged}
    return Coverage(analysis.sentences, results, analysis.tamper, answer_specificity(analysis))


def item_features(item_id: str, analysis: Analysis) -> dict[str, float]:
    """The features the coverage model combines, for one item (also used to fit the model)."""
    clean = list(analysis.clean)
    cues = [analysis.cue_hits[item_id][i] for i in clean]
    sims = sorted((analysis.similarity[item_id][i] for i in clean), reverse=True)
    ranked = _ranked_sentences(item_id, analysis, clean)
    top_specificity = [analysis.signals[i].score for i in ranked[:3]]
    mean_sim = sum(sims) / len(sims) if sims else 0.0
    spread = math.sqrt(sum((x - mean_sim) ** 2 for x in sims) / len(sims)) if len(sims) > 1 else 0.0
    return {
        "cue_max": min(max(cues, default=0), 3) / 3,
        "cue_sentences": min(math.log1p(sum(1 for c in cues if c)) / math.log1p(8), 1.0),
        "sim_max": sims[0] if sims else 0.0,
        "sim_top3": sum(sims[:3]) / 3 if sims else 0.0,
        "sim_z": (sims[0] - mean_sim) / (spread + 0.05) / 10 if sims else 0.0,
        "specific_evidence": sum(top_specificity) / 3,
        "answer_specificity": answer_specificity(analysis),
        "answer_length": min(math.log1p(analysis.substantive) / math.log1p(80), 1.0),
    }


def features_of(analysis: Analysis) -> dict[str, dict[str, float]]:
    """Features for every item analysed, including how each item's evidence stands out among all items.

    ``z_sim`` and ``z_cue`` are an item's similarity and cue count relative to the other items in the same
    answer (z-scores over all analysed items, divided by 3): a short answer that covers five items shows
    them as its standouts, whatever its overall level."""
    rows = {item_id: item_features(item_id, analysis) for item_id in analysis.cue_hits}
    for key, name in (("sim_max", "z_sim"), ("cue_sentences", "z_cue")):
        values = [row[key] for row in rows.values()]
        mean = sum(values) / len(values) if values else 0.0
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) if values else 0.0
        for row in rows.values():
            row[name] = (row[key] - mean) / (spread or 1.0) / 3
    return rows


def answer_specificity(analysis: Analysis) -> float:
    """Mean specificity of the clean sentences: how concrete the answer is overall."""
    scores = [analysis.signals[i].score for i in analysis.clean]
    return sum(scores) / len(scores) if scores else 0.0


def probability(features: dict[str, float], model: CoverageModel) -> float:
    """P(covered) from the fitted logistic model."""
    z = model.bias + sum(w * features.get(name, 0.0) for name, w in zip(model.features, model.weights, strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def references_of(item: FrameworkItem) -> tuple[str, ...]:
    """What an item's similarity is measured against: its title, guidance and the strong answer."""
    pieces = [item.title, *sentences_text(item.guidance), *sentences_text(item.strong_ic6)]
    return tuple(p for p in pieces if len(words_of(p)) >= 2)


def sentences_text(text: str) -> list[str]:
    """The sentences of a reference text."""
    return [s.text for s in sentences_of(text)]


@cache
def vocabulary(items: tuple[FrameworkItem, ...], technologies: tuple[str, ...]) -> frozenset[str]:
    """Every word the grader looks for: item cues and named technologies."""
    phrases = [c for item in items for c in item.cues] + list(technologies)
    return frozenset(w for phrase in phrases for w in words_of(phrase))


def _judge(item: FrameworkItem, analysis: Analysis, features: dict[str, float], model: CoverageModel) -> ItemCoverage:
    strength = probability(features, model)
    ranked = _ranked_sentences(item.id, analysis, list(analysis.clean))[:3]
    evidence = tuple(
        Evidence(i, analysis.sentences[i].text, analysis.sentences[i].start, analysis.sentences[i].end)
        for i in ranked
        if analysis.cue_hits[item.id][i] or analysis.similarity[item.id][i] >= 0.35
    )
    return ItemCoverage(item.id, strength >= model.threshold, round(strength, 4), evidence, features)


def _ranked_sentences(item_id: str, analysis: Analysis, clean: list[int]) -> list[int]:
    def relevance(i: int) -> float:
        return min(analysis.cue_hits[item_id][i], 2) * 0.25 + analysis.similarity[item_id][i]

    return sorted(clean, key=relevance, reverse=True)


@cache
def _cue_index(items: tuple[FrameworkItem, ...]) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pattern for every item's cues, and which items each cue belongs to."""
    owners: dict[str, set[str]] = {}
    for item in items:
        for cue in item.cues:
            owners.setdefault(cue.lower(), set()).add(item.id)
    return phrase_pattern(tuple(owners)), {cue: frozenset(ids) for cue, ids in owners.items()}


def _cue_hits(items: tuple[FrameworkItem, ...], sentences: tuple[Sentence, ...]) -> dict[str, tuple[int, ...]]:
    """For each item, how many distinct cues of it each sentence contains."""
    pattern, owners = _cue_index(items)
    counts: dict[str, list[int]] = {item.id: [0] * len(sentences) for item in items}
    for sentence in sentences:
        for cue in set(pattern.findall(sentence.text.lower())):
            for item_id in owners[cue]:
                counts[item_id][sentence.index] += 1
    return {item_id: tuple(values) for item_id, values in counts.items()}


def _with_stuffed_sentences(
    report: TamperReport,
    sentences: tuple[Sentence, ...],
    signals: tuple[SentenceSignals, ...],
    cue_hits: dict[str, tuple[int, ...]],
) -> TamperReport:
    """Also flag sentences that touch many items' cues while saying nothing specific."""
    flags = dict(report.flags)
    for sentence in sentences:
        touched = sum(1 for hits in cue_hits.values() if hits[sentence.index])
        if sentence.index not in flags and touched >= STUFFED_ITEMS and signals[sentence.index].measurements == 0:
            flags[sentence.index] = Flag.STUFFING
    return report if flags == report.flags else with_flags(sentences, flags)
