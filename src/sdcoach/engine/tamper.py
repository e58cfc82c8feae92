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

    Every gaming sentence adds to the penalty (3 points each plus 0.4 points per word, capped at 60%).
    The penalty counts words, not a share of the answer, so padding an answer with clean filler cannot
    dilute it; adding an attack can only lower a score. Headings cost nothing."""
    counted = [s for s in sentences if flags.get(s.index) is not Flag.HEADING]
    total = sum(len(words_of(s.text)) for s in counted) or 1
    # A short line said twice ("| yes |", "TBD") is never evidence twice, but costs nothing.
    gaming = [s for s in counted if s.index in flags and (flags[s.index] is not Flag.REPETITION or len(s.text) > 20)]
    words = sum(len(words_of(s.text)) for s in gaming)
    penalty = min(0.6, 0.03 * len(gaming) + 0.004 * words) if gaming else 0.0
    return TamperReport(flags, words / total, penalty)


def _flag(
    sentence: Sentence, rules: Tamper, compiled: _Compiled, seen: set[str], vocabulary: frozenset[str]
) -> Flag | None:
    text = sentence.text
    if any(p.search(text) for p in compiled.injection):
        return Flag.INJECTION
    key = normalise(text)
    words = words_of(text)
    if _is_heading(text, words):
        # A heading may repeat the agenda it announced ("(4) Freshness and deletion"): a heading, not gaming.
        seen.add(key)
        return Flag.HEADING
    if key and (key in seen or (len(key) >= 20 and any(key in earlier for earlier in seen))):
        return Flag.REPETITION  # said before, whole or as part of an earlier sentence
    seen.add(key)
    if len(words) >= rules.stuffing_min_words and _is_keyword_list(text, words, rules, compiled, vocabulary):
        return Flag.STUFFING
    return None


def _is_heading(text: str, words: list[str]) -> bool:
    """A Markdown heading, a short line ending in a colon, or a short line set wholly in bold."""
    stripped = text.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2
    return stripped.startswith("#") or (len(words) <= 6 and stripped.endswith(":")) or (bold and len(words) <= 8)


def _is_keyword_list(
    text: str, words: list[str], rules: Tamper, compiled: _Compiled, vocabulary: frozenset[str]
) -> bool:
    """A run of the grader's own words with no sentence around them.

    Terse notes also drop function words ("ClickHouse down -> dashboards degrade, alerts don't read CH"),
    but they carry structure: commas, colons, arrows, brackets between their terms. A keyword list is
    either almost all grader vocabulary, or mostly vocabulary with no such structure."""
    function_share = sum(1 for w in words if w in compiled.function_words) / len(words)
    vocabulary_share = sum(1 for w in words if w in vocabulary) / len(words)
    has_numbers = any(w[0].isdigit() for w in words)  # p99, h100, s3 are names, not measurements
    if function_share >= rules.stuffing_max_function_share or has_numbers:
        return False
    terms = [words_of(term) for term in re.split(r"[,;]", text) if words_of(term)]
    if len(terms) >= 6 and sum(1 for t in terms if len(t) <= 2 and all(w in vocabulary for w in t)) >= 0.7 * len(terms):
        return True  # "latency, throughput, qps, p99, sharding, caching, ...": the grader's words, comma-separated
    structure = len(_STRUCTURE.findall(text))
    return vocabulary_share >= 0.8 or (vocabulary_share >= 0.5 and structure < len(words) / 6)


_STRUCTURE = re.compile(r"[,;:()|+/]|->|→|=>")
