"""Specificity of a sentence: measurements, named systems, explicit tradeoffs, failure handling, ownership, cost.

"We'll add caching" and "a Redis cache keyed by user id, 60 s TTL, invalidated on write, 90% hit rate"
name the same topic; only the second is specific. These signals are what separate them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from sdcoach.content.grading_schema import Markers

_NUMBER = r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?"


@dataclass(frozen=True)
class SentenceSignals:
    """What makes one sentence specific."""

    measurements: int
    technologies: int
    tradeoff: bool
    flip: bool
    failure: bool
    detection: bool
    mitigation: bool
    slo: bool
    ownership: bool
    business: bool

    @property
    def score(self) -> float:
        """0..1: numbers with units, named systems, and the shape of a decision or a failure plan."""
        numeric = min(self.measurements, 2) / 2
        named = min(self.technologies, 2) / 2
        decision = 1.0 if self.tradeoff and (self.flip or self.business) else 0.5 if self.tradeoff else 0.0
        operational = 1.0 if self.failure and (self.detection or self.mitigation) else 0.0
        framing = 0.5 * (self.slo or self.ownership or self.business)
        return min(1.0, 0.4 * numeric + 0.25 * named + 0.35 * max(decision, operational, framing))


KNOWN_SENTENCES = 8192


@dataclass(frozen=True)
class MarkerMatcher:
    """Compiled patterns for each kind of marker."""

    measurement: re.Pattern[str]
    technologies: re.Pattern[str]
    kinds: dict[str, re.Pattern[str]]
    # An interview re-reads every earlier sentence each turn: each is measured once.
    _known: dict[str, SentenceSignals] = field(default_factory=dict, compare=False, repr=False)

    def signals(self, sentence: str) -> SentenceSignals:
        """The specificity signals of one sentence."""
        known = self._known.get(sentence)
        if known is not None:
            return known
        lowered = sentence.lower()
        found = {kind: pattern.search(lowered) is not None for kind, pattern in self.kinds.items()}
        measured = SentenceSignals(
            measurements=len(self.measurement.findall(lowered)),
            technologies=len(set(self.technologies.findall(lowered))),
            **found,
        )
        if len(self._known) < KNOWN_SENTENCES:
            self._known[sentence] = measured
        return measured


@cache
def matcher_for(markers: Markers) -> MarkerMatcher:
    """Compile a marker lexicon once."""
    units = "|".join(re.escape(u) for u in sorted(markers.unit_words, key=len, reverse=True))
    measurement = re.compile(
        rf"{_NUMBER}\s?(?:[kmbt]\b|%|x\b)?\s?(?:{units})(?![a-z])|{_NUMBER}\s?(?:[kmbt]|%)(?![a-z])|\${_NUMBER}"
    )
    kinds = {
        kind: phrase_pattern(getattr(markers, kind))
        for kind in ("tradeoff", "flip", "failure", "detection", "mitigation", "slo", "ownership", "business")
    }
    return MarkerMatcher(measurement, phrase_pattern(markers.technologies), kinds)


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase on word boundaries (longest first)."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
