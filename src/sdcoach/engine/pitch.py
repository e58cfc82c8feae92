"""The pitch coach: critique a 60-second pitch of a design for a director, a PM or a partner team.

A pitch is read for its parts (CONTENT.md's test 5): it opens with the outcome, states the decision and
the tradeoff, gives a number, names the risk and the ask, fits the audience (a director should not have
to decode jargon; a PM needs user impact and a timeline; a partner team needs the dependency and the
date), and fits 60 seconds at speaking pace. The skeleton rewrite keeps the candidate's own sentences in
the order a listener needs them and fills the gaps with the scenario's model pitch, marked as such.
Readability scores are computed outside (``readability`` is injected) so the engine stays pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sdcoach.content.drill_schema import PitchRules
from sdcoach.engine.specificity import phrase_pattern
from sdcoach.engine.text import sentences_of, words_of

SKELETON = ("outcome", "decision", "tradeoff", "number", "risk", "ask")
DIRECTOR_JARGON_ALLOWED = 2  # a term or two a director knows; more and the pitch needs decoding
LENGTH_TOLERANCE = 0.25  # 45-75 s counts as fitting a 60 s slot

Readability = Callable[[str], tuple[float, float]]  # text -> (Flesch reading ease, Flesch-Kincaid grade)


@dataclass(frozen=True)
class PitchPart:
    """One part of the critique: found or not, with the sentence that shows it and advice when missing."""

    id: str
    title: str
    weight: float
    credit: float
    evidence: str | None
    advice: str | None


@dataclass(frozen=True)
class SkeletonLine:
    """One line of the rewrite: the slot, the sentence, and whether it came from the candidate."""

    slot: str
    text: str
    is_yours: bool


@dataclass(frozen=True)
class PitchCritique:
    """The whole critique."""

    audience: str
    words: int
    seconds: float
    reading_ease: float
    grade_level: float
    jargon: tuple[str, ...]
    parts: tuple[PitchPart, ...]
    skeleton: tuple[SkeletonLine, ...]
    score: float


def critique_pitch(
    text: str,
    audience: str,
    rules: PitchRules,
    model_pitch: str,
    measurement: re.Pattern[str],
    readability: Readability,
) -> PitchCritique:
    """Critique ``text`` as a 60-second pitch for ``audience``."""
    sentences = [s.text for s in sentences_of(text)]
    patterns = {cue: phrase_pattern(phrases) for cue, phrases in rules.cues.items()}
    shows = _shows(patterns, measurement)
    words = len(words_of(text))
    seconds = words / rules.words_per_minute * 60
    jargon = tuple(sorted({m.group(0) for m in phrase_pattern(rules.jargon).finditer(text.lower())}))
    found = {slot: next((s for s in sentences if shows(slot, s)), None) for slot in (*SKELETON, *rules.cues)}
    parts = []
    for part in rules.parts:
        credit, evidence, advice = _judge(part.id, sentences, found, rules, audience, seconds, jargon, shows)
        advice = advice or (part.advice if credit < 1 else None)
        parts.append(PitchPart(part.id, part.title, part.weight, credit, evidence, advice))
    model = [s.text for s in sentences_of(model_pitch)]
    skeleton = _skeleton(found, model, shows)
    ease, grade = readability(text) if words else (0.0, 0.0)
    score = round(sum(p.weight * p.credit for p in parts), 3)
    return PitchCritique(audience, words, round(seconds, 1), ease, grade, jargon, tuple(parts), skeleton, score)


def _shows(patterns: dict[str, re.Pattern[str]], measurement: re.Pattern[str]) -> Callable[[str, str], bool]:
    def shows(slot: str, sentence: str) -> bool:
        low = sentence.lower()
        if slot == "number":
            return measurement.search(low) is not None
        pattern = patterns.get(slot)
        return pattern is not None and pattern.search(low) is not None

    return shows


def _judge(
    part: str,
    sentences: list[str],
    found: dict[str, str | None],
    rules: PitchRules,
    audience: str,
    seconds: float,
    jargon: tuple[str, ...],
    shows: Callable[[str, str], bool],
) -> tuple[float, str | None, str | None]:
    """Credit (0..1), evidence and advice for one part."""
    if part == "outcome_first":
        first = sentences[0] if sentences else None
        ok = first is not None and shows("outcome", first)
        return (1.0, first, None) if ok else (0.0, None, None)
    if part == "length":
        target = rules.target_seconds
        off = abs(seconds - target) / target
        credit = 1.0 if off <= LENGTH_TOLERANCE else max(0.0, 1 - (off - LENGTH_TOLERANCE) * 2)
        verb = "Cut" if seconds > target else "Add"
        advice = (
            None
            if credit == 1
            else f"{verb} to about {target * rules.words_per_minute // 60} words ({seconds:.0f} s now)."
        )
        return credit, None, advice
    if part == "audience":
        return _audience_fit(rules, audience, found, jargon)
    evidence = found.get(part)
    return (1.0, evidence, None) if evidence else (0.0, None, None)


def _audience_fit(
    rules: PitchRules, audience: str, found: dict[str, str | None], jargon: tuple[str, ...]
) -> tuple[float, str | None, str | None]:
    needs = rules.audiences.get(audience, ())
    missing = [cue.replace("_", " ") for cue in needs if not found.get(cue)]
    credit = (len(needs) - len(missing)) / len(needs) if needs else 1.0
    advice = f"For a {audience}, say the {', the '.join(missing)}." if missing else None
    if audience == "director" and len(jargon) > DIRECTOR_JARGON_ALLOWED:
        credit = max(0.0, credit - 0.5)
        advice = (advice + " " if advice else "") + f"Translate the jargon ({', '.join(jargon)}) into outcomes."
    return round(credit, 3), None, advice


def _skeleton(
    found: dict[str, str | None], model: list[str], shows: Callable[[str, str], bool]
) -> tuple[SkeletonLine, ...]:
    """The candidate's sentence for each slot, or the model pitch's most specific unused sentence for it."""
    used: set[str] = {s for s in found.values() if s}
    lines = []
    for order, slot in enumerate(SKELETON):
        yours = found.get(slot)
        if yours:
            lines.append(SkeletonLine(slot, yours, True))
            continue
        candidates = [(i, s) for i, s in enumerate(model) if shows(slot, s) and s not in used]
        # fewest other slots first; then the sentence whose place in the model pitch is nearest this slot's place
        best = min(
            candidates,
            key=lambda c: (sum(shows(o, c[1]) for o in SKELETON), abs(c[0] / len(model) - order / len(SKELETON))),
            default=None,
        )
        example = best[1] if best else None
        if example:
            used.add(example)
        lines.append(SkeletonLine(slot, f"[add the {slot}; e.g. {example}]" if example else f"[add the {slot}]", False))
    return tuple(lines)
