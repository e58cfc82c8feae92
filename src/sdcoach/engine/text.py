"""Candidate text as sentences with their character offsets, and the word-level helpers the grader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? followed by space and a capital/digit/quote, or at a line break that ends a
# bullet, heading or paragraph. Decimal points ("3.35 TB/s") and abbreviations ("e.g.") do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)]|#)\s)")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "approx.", "cf.")
_WORD = re.compile(r"[a-z0-9][a-z0-9'+/.-]*[a-z0-9]|[a-z0-9]")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the candidate's text: its index, its text and where it sits in the original."""

    index: int
    text: str
    start: int
    end: int


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """Split text into sentences, keeping exact character offsets into ``text``."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ends_with_abbreviation(text[start : match.start()]):
            continue
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    found: list[Sentence] = []
    for begin, end in pieces:
        raw = text[begin:end]
        stripped = raw.strip()
        if not stripped:
            continue
        offset = begin + raw.index(stripped)
        found.append(Sentence(len(found), stripped, offset, offset + len(stripped)))
    return tuple(found)


def words_of(text: str) -> list[str]:
    """Lowercase word tokens (numbers and hyphenated terms kept whole)."""
    return _WORD.findall(text.lower())


def normalise(text: str) -> str:
    """Lowercase with runs of whitespace and punctuation collapsed, for matching and de-duplication."""
    return " ".join(words_of(text))


def _ends_with_abbreviation(text: str) -> bool:
    lowered = text.rstrip().lower()
    return lowered.endswith(_ABBREVIATIONS)
