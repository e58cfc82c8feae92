"""The tradeoff drill: grade a spoken call on a library decision for the shape of a staff answer.

A staff answer names the options, says what each gains and costs across business impact, cost,
reliability and other teams' work, makes a recommendation, says what would flip it, and backs it with a
number. Each part is found in a sentence (its evidence) by the drills pack's cue phrases, option names
by their aliases, numbers by the grader's measurement pattern. Sentences that address the grader or are
bare keyword lists (the grader's tamper rules) are never evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sdcoach.content.drill_schema import AnswerShape
from sdcoach.content.tradeoff_schema import LibraryOption, LibraryTradeoff
from sdcoach.engine.specificity import phrase_pattern
from sdcoach.engine.text import Sentence

ONE_OPTION_CREDIT = 1 / 3  # naming only the option you like is a third of "names the options"
# "If large jobs were data-parallel, I'd add elastic admission": a conditional call is a flip condition too
_CONDITIONAL_CALL = re.compile(r"^(?:but |and |so )?(?:if|when|once|should)\b.*\b(?:i'd|i would|we'd|we would|would)\b")


@dataclass(frozen=True)
class PartResult:
    """One part of the shape: found or not, the sentence that shows it, the credit it earned (0..1)."""

    id: str
    title: str
    weight: float
    credit: float
    evidence: str | None


@dataclass(frozen=True)
class TradeoffDrillResult:
    """The parts, the options the candidate named, the option their recommendation names, and the score."""

    parts: tuple[PartResult, ...]
    options_named: tuple[str, ...]
    called: str | None
    score: float

    @property
    def missing(self) -> tuple[PartResult, ...]:
        """The parts with no credit."""
        return tuple(p for p in self.parts if p.credit == 0)


def grade_tradeoff(
    sentences: tuple[Sentence, ...], tradeoff: LibraryTradeoff, shape: AnswerShape, measurement: re.Pattern[str]
) -> TradeoffDrillResult:
    """Grade clean sentences of an answer (tamper-flagged ones already removed) for a staff answer's shape."""
    lowered = [(s.text, s.text.lower()) for s in sentences]
    named = _options_named(lowered, tradeoff)
    cue_patterns = {part: phrase_pattern(cues) for part, cues in shape.cues.items()}
    results = []
    for part in shape.parts:
        if part.id == "options":
            credit = 1.0 if len(named) >= 2 else ONE_OPTION_CREDIT if named else 0.0
            evidence = next(iter(named.values()), None)
        elif part.id == "numbers":
            evidence = next((text for text, low in lowered if measurement.search(low)), None)
            credit = 1.0 if evidence else 0.0
        else:
            evidence = next((text for text, low in lowered if _shows(part.id, low, cue_patterns)), None)
            credit = 1.0 if evidence else 0.0
        results.append(PartResult(part.id, part.title, part.weight, credit, evidence))
    called = _called(lowered, tradeoff, cue_patterns.get("recommendation"))
    score = round(sum(p.weight * p.credit for p in results), 3)
    return TradeoffDrillResult(tuple(results), tuple(named), called, score)


def _shows(part: str, sentence: str, cue_patterns: dict[str, re.Pattern[str]]) -> bool:
    if cue_patterns[part].search(sentence):
        return True
    return part == "flip" and _CONDITIONAL_CALL.search(sentence) is not None


def _alias_pattern(option: LibraryOption) -> re.Pattern[str]:
    return phrase_pattern((*option.aliases, option.id.replace("-", " ").replace("_", " ")))


def _options_named(lowered: list[tuple[str, str]], tradeoff: LibraryTradeoff) -> dict[str, str]:
    """Option id -> the first sentence that names it."""
    named: dict[str, str] = {}
    for option in tradeoff.options:
        pattern = _alias_pattern(option)
        sentence = next((text for text, low in lowered if pattern.search(low)), None)
        if sentence is not None:
            named[option.id] = sentence
    return named


def _called(
    lowered: list[tuple[str, str]], tradeoff: LibraryTradeoff, recommendation: re.Pattern[str] | None
) -> str | None:
    """The option the first recommending sentence names: the first named after the cue, else the last before."""
    if recommendation is None:
        return None
    for _, low in lowered:
        cue = recommendation.search(low)
        if cue is None:
            continue
        places = sorted((m.start(), o.id) for o in tradeoff.options if (m := _alias_pattern(o).search(low)))
        after = [option for start, option in places if start >= cue.start()]
        before = [option for start, option in places if start < cue.start()]
        if after or before:
            return after[0] if after else before[-1]
    return None
