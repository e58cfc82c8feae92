"""Who said what: a plain answer is all the candidate's; a pasted or exported transcript is split into turns.

Read formats: sdcoach's own Markdown export (``**Candidate** (3:05)`` / ``**Interviewer** (3:10)`` headers,
``> note:`` lines and the trailing scorecard, which are the interviewer's), and the common pasted shapes
where a line opens with a speaker label: ``Interviewer:`` / ``Candidate:``, ``Q:`` / ``A:``,
``**Interviewer**:``, ``[Candidate]``, ``Alex (interviewer):``, ``Me:``. A text is a dialogue only when
both sides speak at least twice, or labelled turns hold most of it; a few ``Q:`` lines in someone's
notes stay theirs. Only the candidate's turns are evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

_EXPORT_HEADER = re.compile(r"^\*\*(Candidate|Interviewer)\*\* \(\d+:\d\d\)\s*$", re.M)
_EXPORT_META = re.compile(r"^(?:> note:.*|# Interview .*)$", re.M)
_EXPORT_TAIL = re.compile(r"^## (?:Scorecard|Interviewer notes|Notes)\b", re.M)
_LABEL = re.compile(
    r"^[ \t>]*(?:\[(?P<bracketed>[A-Za-z][\w .'-]{0,28}?)\]\s*:?"
    r"|(?:\*\*|__)?\s*(?P<name>[A-Za-z][\w .'-]{0,28}?)\s*(?:\((?P<role>[^)]{1,20})\))?\s*"
    r"(?:\*\*|__)?\s*[:\-\u2014]\s*(?:\*\*|__)?)(?=\s)",
    re.M,
)
_INTERVIEWER = frozenset(
    {"interviewer", "int", "q", "question", "panel", "panelist", "host", "hm", "iv", "interviewer 1"}
)
_CANDIDATE = frozenset({"candidate", "cand", "a", "answer", "me", "you", "interviewee", "c"})


class Role(StrEnum):
    """Whose words a stretch of text is."""

    CANDIDATE = "candidate"
    INTERVIEWER = "interviewer"


@dataclass(frozen=True)
class Stretch:
    """A run of characters ``start:end`` of the text said by one side."""

    role: Role
    start: int
    end: int


def stretches_of(text: str) -> tuple[Stretch, ...]:
    """The text cut into the candidate's and the interviewer's stretches (a plain answer is one stretch)."""
    if _EXPORT_HEADER.search(text):
        return _export(text)
    labelled = _labelled(text)
    return labelled if labelled is not None else (Stretch(Role.CANDIDATE, 0, len(text)),)


def role_at(stretches: tuple[Stretch, ...], offset: int) -> Role:
    """Who said the character at ``offset``."""
    for stretch in stretches:
        if stretch.start <= offset < stretch.end:
            return stretch.role
    return Role.INTERVIEWER


def _export(text: str) -> tuple[Stretch, ...]:
    """sdcoach's own Markdown export: turns under speaker headers; notes and the scorecard are the interviewer's."""
    tail = _EXPORT_TAIL.search(text)
    end_of_turns = tail.start() if tail else len(text)
    headers = list(_EXPORT_HEADER.finditer(text, 0, end_of_turns))
    stretches = [Stretch(Role.INTERVIEWER, 0, headers[0].end())]
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        stop = following.start() if following else end_of_turns
        role = Role.CANDIDATE if header.group(1) == "Candidate" else Role.INTERVIEWER
        stretches.extend(_without_meta(text, header.end(), stop, role))
    stretches.append(Stretch(Role.INTERVIEWER, end_of_turns, len(text)))
    return tuple(s for s in stretches if s.end > s.start)


def _without_meta(text: str, start: int, stop: int, role: Role) -> list[Stretch]:
    pieces: list[Stretch] = []
    cursor = start
    for meta in _EXPORT_META.finditer(text, start, stop):
        pieces.append(Stretch(role, cursor, meta.start()))
        pieces.append(Stretch(Role.INTERVIEWER, meta.start(), meta.end()))
        cursor = meta.end()
    pieces.append(Stretch(role, cursor, stop))
    return pieces


def _labelled(text: str) -> tuple[Stretch, ...] | None:
    """A dialogue with speaker labels at line starts, or None when the text is not one.

    A bare name ("Sam:") counts only when it speaks at least twice: section labels such as "Logging:" or
    "Detection:" look like names but appear once each."""
    found = [m for m in _LABEL.finditer(text) if _side(m) is not None or _is_name(m)]
    repeats = {k: sum(1 for m in found if _key(m) == k) for k in {_key(m) for m in found}}
    labels = [m for m in found if _side(m) is not None or repeats[_key(m)] >= 2]
    if not labels:
        return None
    sides = _assign_sides(text, labels)
    if sides is None:
        return None
    stretches = [Stretch(Role.INTERVIEWER, 0, labels[0].start())] if labels[0].start() > 0 else []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        stop = following.start() if following else len(text)
        stretches.append(Stretch(Role.INTERVIEWER, label.start(), label.end()))
        stretches.append(Stretch(sides[_key(label)], label.end(), stop))
    return tuple(s for s in stretches if s.end > s.start)


def _assign_sides(text: str, labels: list[re.Match[str]]) -> dict[str, Role] | None:
    """Which label is which side; None when the labels do not make a two-sided dialogue."""
    keys = [_key(m) for m in labels]
    distinct = list(dict.fromkeys(keys))
    if len(distinct) < 2:
        return None
    sides = {k: _side(next(m for m in labels if _key(m) == k)) for k in distinct}
    named = [k for k in distinct if sides[k] is None]
    if named and all(side is None for side in sides.values()) and (len(distinct) != 2 or _alternations(keys) < 3):
        return None  # two people taking turns, or not a dialogue
    if named:
        words = {k: 0 for k in distinct}
        for label, following in zip(labels, [*labels[1:], None], strict=True):
            words[_key(label)] += len(text[label.end() : following.start() if following else len(text)].split())
        if any(side is Role.INTERVIEWER for side in sides.values()):
            for k in named:
                sides[k] = Role.CANDIDATE
        else:
            talker = max(distinct, key=lambda k: words[k])
            for k in named:
                sides[k] = Role.CANDIDATE if k == talker else Role.INTERVIEWER
    resolved = {k: side for k, side in sides.items() if side is not None}
    turns = {role: sum(1 for k in keys if resolved.get(k) is role) for role in Role}
    covered = sum(len(m.group(0)) for m in labels) + sum(
        (following.start() if following else len(text)) - label.end()
        for label, following in zip(labels, [*labels[1:], None], strict=True)
    )
    if min(turns.values()) >= 2 or (min(turns.values()) >= 1 and covered >= 0.6 * len(text)):
        return resolved
    return None


def _name(match: re.Match[str]) -> str:
    return str(match["bracketed"] or match["name"]).strip()


def _alternations(keys: list[str]) -> int:
    return sum(1 for a, b in pairwise(keys) if a != b)


def _key(match: re.Match[str]) -> str:
    return f"{_name(match).lower()}|{(match['role'] or '').strip().lower()}"


def _side(match: re.Match[str]) -> Role | None:
    for word in ((match["role"] or "").strip().lower(), _name(match).lower()):
        if word in _INTERVIEWER or word.startswith("interviewer"):
            return Role.INTERVIEWER
        if word in _CANDIDATE or word.startswith("candidate"):
            return Role.CANDIDATE
    return None


def _is_name(match: re.Match[str]) -> bool:
    """A short capitalised personal label such as ``Alex`` or ``Sam P.`` (not ``Note`` or ``Step 2``)."""
    name = _name(match)
    return bool(re.fullmatch(r"[A-Z][a-z]+(?: [A-Z]\.?)?", name)) and name.lower() not in _NOT_NAMES


_NOT_NAMES = frozenset(
    "note notes step plan decision risk risks ask bet goal goals why what how tldr summary context "
    "assumption assumptions tradeoff tradeoffs option options pros cons cost latency scale status title "
    "problem proposal design alternatives rollout update edit todo nb ps answer question".split()
)
