"""Text that tries to game the grader: instructions to it, fake scores, keyword lists, pasted repetition.

Flagged sentences are never evidence, so they cannot raise a score; stuffing and repetition also cost
a penalty, so they lower it. Nothing in the answer can change the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from sdcoach.content.grading_schema import Tamper
from sdcoach.engine.text import Sentence, normalise, words_of


class Flag(StrEnum):
    """Why a sentence is not evidence; values are stored in scorecards."""

    INJECTION = "injection"
    STUFFING = "stuffing"
    REPETITION = "repetition"
    HEADING = "heading"


@dataclass(frozen=True)
class TamperReport:
    """Which sentences were set aside and why, and the penalty that follows."""

    flags: dict[int, Flag]
    flagged_word_share: float
    penalty: float

    def is_clean(self, index: int) -> bool:
        """True when the sentence may be used as evidence."""
        return index not in self.flags

    def count(self, flag: Flag) -> int:
        """How many sentences carry this flag."""
        return sum(1 for f in self.flags.values() if f is flag)


@dataclass(frozen=True)
class _Compiled:
    injection: tuple[re.Pattern[str], ...]
    function_words: frozenset[str]


@cache
def _compiled(rules: Tamper) -> _Compiled:
    return _Compiled(tuple(re.compile(p, re.I) for p in rules.injection), frozenset(rules.function_words))


def tamper_report(sentences: tuple[Sentence, ...], rules: Tamper, vocabulary: frozenset[str]) -> TamperReport:
    """Flag injected instructions, keyword lists, repeated sentences and bare headings.

    ``vocabulary`` holds the words the grader looks for (cues, markers); a sentence made mostly of them,
    with no measurements and almost no function words, is a keyword list rather than a design."""
    compiled = _compiled(rules)
    flags: dict[int, Flag] = {}
    seen: set[str] = set()
    for sentence in sentences:
        flag = _flag(sentence, rules, compiled, seen, vocabulary)
        if flag is not None:
            flags[sentence.index] = flag
    return with_flags(sentences, flags)


def with_flags(sentences: tuple[Sentence, ...], flags: dict[int, Flag]) -> TamperReport:
    """The report for these flags: the share of words set aside and the penalty they cost.

    Every gaming sentence adds to the penalty (3 points each plus 1.5x its share of the words, capped at
    60%), so adding an attack to an answer can only lower its score; headings cost nothing."""
    counted = [s for s in sentences if flags.get(s.index) is not Flag.HEADING]
    total = sum(len(words_of(s.text)) for s in counted) or 1
    gaming = [s for s in counted if s.index in flags]
    share = sum(len(words_of(s.text)) for s in gaming) / total
    penalty = min(0.6, 0.03 * len(gaming) + 1.5 * share) if gaming else 0.0
    return TamperReport(flags, share, penalty)


def _flag(
    sentence: Sentence, rules: Tamper, compiled: _Compiled, seen: set[str], vocabulary: frozenset[str]
) -> Flag | None:
    text = sentence.text
    if any(p.search(text) for p in compiled.injection):
        return Flag.INJECTION
    key = normalise(text)
    if key in seen and len(key) > 20:
        return Flag.REPETITION
    seen.add(key)
    words = words_of(text)
    if text.lstrip().startswith("#") or (len(words) <= 6 and text.rstrip().endswith(":")):
        return Flag.HEADING
    if len(words) >= rules.stuffing_min_words and _is_keyword_list(words, rules, compiled, vocabulary):
        return Flag.STUFFING
    return None


def _is_keyword_list(words: list[str], rules: Tamper, compiled: _Compiled, vocabulary: frozenset[str]) -> bool:
    function_share = sum(1 for w in words if w in compiled.function_words) / len(words)
    vocabulary_share = sum(1 for w in words if w in vocabulary) / len(words)
    has_numbers = any(w[0].isdigit() for w in words)  # p99, h100, s3 are names, not measurements
    return function_share < rules.stuffing_max_function_share and vocabulary_share >= 0.5 and not has_numbers
