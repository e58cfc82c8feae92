"""Scenario concepts an answer touches: its components, tradeoffs, failure modes and the facts it asks about.

Concepts are matched on their own words (a component's name and technologies, a tradeoff's options,
a failure mode's name, a fact's keywords) in sentences the tamper check left clean. This is a map of
what the answer engages with, shown beside the checklist; the share touched gates the grade (an answer
about another system earns nothing with its figures) and feeds no other score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from sdcoach.content.schema import Scenario
from sdcoach.engine.coverage import Coverage, Evidence
from sdcoach.engine.specificity import phrase_pattern
from sdcoach.engine.text import words_of

_GENERIC = frozenset(
    "a an the and or of for to in on with by from per as at is are be data service system layer store "
    "model models platform pipeline api team job jobs new one two vs versus".split()
)


class ConceptKind(StrEnum):
    """What part of the scenario a concept is."""

    COMPONENT = "component"
    TRADEOFF = "tradeoff"
    FAILURE_MODE = "failure_mode"
    FACT = "fact"


@dataclass(frozen=True)
class ConceptCoverage:
    """One scenario concept and the sentence that touches it, if any."""

    concept_id: str
    kind: ConceptKind
    title: str
    evidence: Evidence | None

    @property
    def covered(self) -> bool:
        """True when some clean sentence touches the concept."""
        return self.evidence is not None


def relevance_of(concepts: tuple[ConceptCoverage, ...]) -> float:
    """The share of the scenario's concepts the answer touches: how far it is about this system at all."""
    return sum(1 for c in concepts if c.covered) / len(concepts) if concepts else 0.0


def concepts_of(coverage: Coverage, scenario: Scenario) -> tuple[ConceptCoverage, ...]:
    """Which of the scenario's concepts the answer touches."""
    candidate = frozenset(coverage.evidence)
    clean = [s for s in coverage.sentences if s.index in candidate]
    words = [set(words_of(s.text)) for s in clean]
    lowered = [s.text.lower() for s in clean]
    found = []
    for concept_id, kind, title, keywords, phrases in _concepts(scenario):
        hit = _first_hit(keywords, phrases, words, lowered)
        evidence = None
        if hit is not None:
            s = clean[hit]
            evidence = Evidence(s.index, s.text, s.start, s.end)
        found.append(ConceptCoverage(concept_id, kind, title, evidence))
    return tuple(found)


def _concepts(scenario: Scenario) -> list[tuple[str, ConceptKind, str, frozenset[str], tuple[str, ...]]]:
    found = []
    for c in scenario.components:
        found.append((c.id, ConceptKind.COMPONENT, c.name, _keywords(c.name), tuple(t.lower() for t in c.technologies)))
    for t in scenario.tradeoffs:
        names = " ".join(o.name for o in t.options)
        found.append((t.id, ConceptKind.TRADEOFF, t.decision, _keywords(t.decision + " " + names), ()))
    for f in scenario.failure_modes:
        found.append((f.id, ConceptKind.FAILURE_MODE, f.name, _keywords(f.name), ()))
    for fact in scenario.facts:
        keywords = tuple(k.lower() for k in fact.keywords)
        found.append((fact.id, ConceptKind.FACT, fact.topic.value, frozenset(), keywords))
    return found


@cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return phrase_pattern(phrases)


def _keywords(text: str) -> frozenset[str]:
    return frozenset(w for w in words_of(text) if w not in _GENERIC and len(w) > 2 and not w.isdigit())


def _first_hit(
    keywords: frozenset[str], phrases: tuple[str, ...], words: list[set[str]], lowered: list[str]
) -> int | None:
    needed = min(2, len(keywords))
    for index, sentence_words in enumerate(words):
        if needed and len(keywords & sentence_words) >= needed:
            return index
        if phrases and _phrases(phrases).search(lowered[index]):
            return index
    return None
