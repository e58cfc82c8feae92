"""Candidate text as sentences with their character offsets, and the word-level helpers the grader shares.

People write answers as prose, bullets, tables, arrow chains and transcripts. A sentence ends at . ! ?
followed by a capital, digit or quote; at a blank line; and at a line break unless the next line is the
soft-wrapped rest of a prose sentence (it starts in lower case after a line with no closing mark).
Decimal points ("3.35 TB/s") and abbreviations ("e.g.") do not end one. ``plain`` strips Markdown
(bullets, emphasis, table pipes) and spoken fillers ("um", "you know") so a table row or a transcribed
sentence reads as a phrase; a table row also carries its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A closing quote, bracket or emphasis after the full stop stays with its sentence (group "close").
_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[\"')\]*_]*)\s+(?=[\"'(\[*_]?[A-Z0-9])|\n\s*\n|\n")
_SOFT_WRAP = re.compile(r"[a-z(]")
_CLOSED = re.compile(r"[.!?:;|)\]>*`]\s*$")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "approx.", "cf.")
_WORD = re.compile(r"[a-z0-9][a-z0-9'+/.-]*[a-z0-9]|[a-z0-9]")
_MARKUP = re.compile(r"^\s*(?:[-*•+>]+|\d+[.)]|#{1,6})\s+|[*_`#]+|\s*\|\s*")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_FILLER = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|h+m+|m{2,}|you know|i mean|sort of|kind of)\b[,.]*\s*", re.I)


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
        if (
            _ends_with_abbreviation(text[start : match.start()])
            or _is_soft_wrap(text, start, match)
            or _is_bold_lead_in(text[start : match.start()], match.group())
        ):
            continue
        pieces.append((start, match.start() + len(match.group("close") or "")))
        start = match.end()
    pieces.append((start, len(text)))
    found: list[Sentence] = []
    for begin, end in pieces:
        raw = text[begin:end]
        stripped = raw.strip()
        if not stripped or _TABLE_RULE.match(stripped) or not words_of(stripped):
            continue
        offset = begin + raw.index(stripped)
        found.append(Sentence(len(found), stripped, offset, offset + len(stripped)))
    return tuple(found)


def _is_bold_lead_in(piece: str, boundary: str) -> bool:
    """``**Ownership.** Data Platform owns ...``: a short bold label opens its sentence, it is not one."""
    label = piece.strip().lstrip("-*+ 0123456789.)")
    opened = piece.lstrip(" -+0123456789.)").startswith(("**", "__"))
    return opened and boundary.lstrip().startswith(("**", "__")) and len(words_of(label)) <= 4


def plain(text: str) -> str:
    """A sentence without Markdown: bullets, numbering, emphasis and table pipes become plain words."""
    if text.lstrip().startswith("|"):
        return "; ".join(c for c in _cells(text) if c)
    return spoken_numbers(re.sub(r"\s+", " ", _FILLER.sub("", _MARKUP.sub(" ", text))).strip())


def with_table_headers(sentences: tuple[Sentence, ...]) -> list[str]:
    """Each sentence as plain text; a table row is prefixed by its table's header cells ("Failure: x; Detect: y")."""
    result: list[str] = []
    header: list[str] | None = None  # the first row of the table in progress; a non-row sentence ends it
    for sentence in sentences:
        is_row = sentence.text.startswith("|")
        cells = _cells(sentence.text) if is_row else []
        if is_row and header is None:
            header = cells
            result.append(plain(sentence.text))
        elif is_row and header is not None and len(header) == len(cells):
            result.append("; ".join(f"{h}: {c}" for h, c in zip(header, cells, strict=True) if c))
        else:
            result.append(plain(sentence.text))
        if not is_row:
            header = None
    return result


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


def headed(sentences: tuple[Sentence, ...], text: str, plain_texts: list[str]) -> list[str]:
    """Each plain sentence prefixed by the heading it sits under ("Failure handling: Redis down -> defaults").

    A heading is a Markdown heading, a line in bold alone, or a short line ending in a colon; a Markdown
    heading holds until the next heading, a colon label until the next blank line. Bullets under
    "Risks:" or "## The pitch" mean what their heading says, which their words alone often do not."""
    result: list[str] = []
    heading = ""
    is_label = False
    previous_end = 0
    for sentence, plain_text in zip(sentences, plain_texts, strict=True):
        gap = text[previous_end : sentence.start]
        if is_label and "\n\n" in gap.replace(" ", ""):
            heading = ""
        title = heading_of(sentence.text)
        if title is not None:
            heading, is_label = title, not sentence.text.lstrip().startswith(("#", "**", "__"))
            result.append(plain_text)
        else:
            result.append(f"{heading}: {plain_text}" if heading else plain_text)
        previous_end = sentence.end
    return result


def heading_of(line: str) -> str | None:
    """The title a heading line gives (None when the line is not a heading)."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return plain(stripped)
    bold = re.fullmatch(r"(\*\*|__)(.+?)\1:?", stripped)
    if bold and len(words_of(bold.group(2))) <= 8:
        return plain(bold.group(2)).rstrip(":")
    if stripped.endswith(":") and 1 <= len(words_of(stripped)) <= 6:
        return plain(stripped).rstrip(":")
    return None


_UNITS_SPOKEN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES_SPOKEN = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SPOKEN_NUMBER = re.compile(
    rf"\b(?:{'|'.join(_UNITS_SPOKEN)})(?:[\s-]+(?:{'|'.join(_UNITS_SPOKEN)}|{'|'.join(_SCALES_SPOKEN)}|and))*"
    rf"(?:\s+(?:{'|'.join(_SCALES_SPOKEN)}))*\b",
    re.I,
)
_SPOKEN_UNITS = (
    (re.compile(r"(?<=\d) ?(?:millis|milliseconds)\b", re.I), " ms"),
    (re.compile(r"(?<=\d) ?gigs\b", re.I), " GB"),
    (re.compile(r"(?<=\d) (?=[kKmMbB]\b)"), ""),
)


def spoken_numbers(text: str) -> str:
    """Numbers said in words, as a transcript writes them ("two hundred k QPS", "ten millis"), in digits."""

    def value(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0).lower()) if w and w != "and"]
        if len(words) == 1 and words[0] in ("one",):
            return match.group(0)  # "one" is as often a pronoun ("the one that") as a number
        total = current = 0
        for word in words:
            if word in _UNITS_SPOKEN:
                current += _UNITS_SPOKEN[word]
            elif word == "hundred":
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * _SCALES_SPOKEN[word]
                current = 0
        return str(total + current)

    text = _SPOKEN_NUMBER.sub(value, text)
    for pattern, unit in _SPOKEN_UNITS:
        text = pattern.sub(unit, text)
    return text


def words_of(text: str) -> list[str]:
    """Lowercase word tokens (numbers and hyphenated terms kept whole)."""
    return _WORD.findall(text.lower())


def normalise(text: str) -> str:
    """Lowercase with runs of whitespace and punctuation collapsed, for matching and de-duplication."""
    return " ".join(words_of(text))


def _ends_with_abbreviation(text: str) -> bool:
    lowered = text.rstrip().lower()
    return lowered.endswith(_ABBREVIATIONS)


def _is_soft_wrap(text: str, start: int, match: re.Match[str]) -> bool:
    """A single line break inside a sentence: the line does not close and the next goes on in lower case."""
    if match.group(0) != "\n":
        return False
    line = text[start : match.start()].rsplit("\n", 1)[-1]
    following = text[match.end() : match.end() + 80].lstrip(" \t")[:1]
    return bool(_SOFT_WRAP.match(following)) and not _CLOSED.search(line) and not line.lstrip().startswith("|")
