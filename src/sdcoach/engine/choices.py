"""The options a candidate chose and the ones they turned down, from how decisions are said.

"ScyllaDB over Redis", "Flink instead of Spark Streaming", "rather than a per-team cache", "not Kafka
Streams, because ...", "we ruled out DiskANN", "I'd go with pull-based": a chosen option is the short
phrase before ``over``/``instead of``/``rather than`` or after ``go with``/``pick``/``choose``; a
rejected one is the phrase after those words, or after ``not``/``ruled out``/``no``. Phrases are kept
as lower-case words, at most four, cut at punctuation and joining words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sdcoach.engine.text import words_of

_PHRASE = r"[A-Za-z0-9][\w./+-]*(?:\s+[A-Za-z0-9][\w./+-]*){0,3}"
_PREFERRED = re.compile(
    rf"(?P<chosen>{_PHRASE})\s+(?:over|instead of|rather than|in place of|in favou?r of)\s+(?P<rejected>{_PHRASE})",
    re.I,
)
_PICKED = re.compile(
    r"\b(?:go(?:ing)? with|went with|pick(?:ed)?|choos(?:e|ing)|chose|prefer(?:red)?|settle on|land on|opt for|use)"
    rf"\s+(?P<chosen>{_PHRASE})",
    re.I,
)
_TURNED_DOWN = re.compile(
    r"\b(?:not|no|ruled out|rule out|rejected?|avoid(?:ing)?|skip(?:ping)?|drop(?:ping)?|against|without|"
    rf"won't use|wouldn't use|don't use|do not use)\s+(?:a |an |the |using )?(?P<rejected>{_PHRASE})",
    re.I,
)
_STOP_AT = frozenset(
    "because since as so and but or which that for to with if when where while the a an is are was be would "
    "will we i it this here there over instead rather than pick picked choose chose use using go going went "
    "prefer preferred opt settle land in of on at by from".split()
)
_NOT_OPTIONS = frozenset("sure really just only much more less very too that this it yet even all always".split())


@dataclass(frozen=True)
class Choice:
    """In sentence ``sentence``: what was chosen and what was turned down (lower-case word phrases)."""

    sentence: int
    chosen: tuple[str, ...]
    rejected: tuple[str, ...]


def choices_in(sentence: int, text: str) -> list[Choice]:
    """The decisions stated in one sentence."""
    return [Choice(sentence, c.chosen, c.rejected) for c in _choices_in(text)]


@lru_cache(maxsize=4096)
def _choices_in(text: str) -> tuple[Choice, ...]:
    """The decisions in a sentence's text (an interview re-reads the same sentences every turn)."""
    sentence = 0
    found: list[Choice] = []
    for match in _PREFERRED.finditer(text):
        chosen, rejected = _tail(match["chosen"]), _head(match["rejected"])
        if chosen or rejected:
            found.append(Choice(sentence, (chosen,) if chosen else (), (rejected,) if rejected else ()))
    for match in _PICKED.finditer(text):
        chosen = _head(match["chosen"])
        if chosen:
            found.append(Choice(sentence, (chosen,), ()))
    for match in _TURNED_DOWN.finditer(text):
        rejected = _head(match["rejected"])
        if rejected:
            found.append(Choice(sentence, (), (rejected,)))
    return tuple(found)


def _head(phrase: str) -> str:
    """The option named at the start of ``phrase`` (cut at the first joining word)."""
    return _option(_leading(words_of(phrase)))


def _tail(phrase: str) -> str:
    """The option named at the end of ``phrase`` (after the last joining word)."""
    return _option(_leading(words_of(phrase)[::-1])[::-1])


def _leading(words: list[str]) -> list[str]:
    """The words before the first joining word."""
    kept: list[str] = []
    for word in words:
        if word in _STOP_AT:
            break
        kept.append(word)
    return kept


def _option(words: list[str]) -> str:
    return "" if not words or words[0] in _NOT_OPTIONS else " ".join(words)
