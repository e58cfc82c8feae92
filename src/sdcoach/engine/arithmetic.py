"""The interviewer's hold on the candidate's numbers: probe a wrong conclusion once, keep it open until a right
figure replaces it, and keep an uncorrected one out of the evidence.

A conclusion is checked in any wording (``engine/conclusions.py``: "so we need about 750 GPUs") and in
the written "a x b = c" form (``engine/spoken.py``). The probe names the figure the candidate said and
never the right one. A probe stays open until a later turn states a figure of the same kind within
1.5x of what the inputs give and does not say the wrong figure again ("4 GB/s per region, so 40 GB/s"
is not a correction). Whatever is still open at the end is recorded as uncorrected, and the sentences
that state it are not evidence for the scorecard.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sdcoach.engine.conclusions import CLEARS, is_conclusion, slips_in
from sdcoach.engine.figures import Figure, figures_in
from sdcoach.engine.interview import (
    Context,
    InterviewState,
    Note,
    NoteKind,
    Speaker,
    arithmetic_detail,
    arithmetic_parts,
)
from sdcoach.engine.knock_on import knock_ons
from sdcoach.engine.moves import Move, unused
from sdcoach.engine.shares import in_every, spoken_shares
from sdcoach.engine.spoken import wrong_figures
from sdcoach.engine.text import sentences_of

_OF = re.compile(r"\s+of\b", re.I)  # "20% of the run": a share of something
_TAKEN_BACK = re.compile(r"\b(?:not|n't|instead of|rather than|from|wrong|mistake|oops|sorry|typo)\b", re.I)


def probes(turn: str, state: InterviewState, context: Context) -> list[Move]:
    """The wrong conclusions in the turn not already probed (at most ``PER_TURN``), asked about without the
    answer: those its own inputs contradict, then those built on a figure already found wrong (the last
    conclusion of such a chain first)."""
    earlier = [t.text for t in state.turns[:-1] if t.speaker is Speaker.CANDIDATE]
    facts = [f.answer for f in context.scenario.facts]
    found = [(s.stated.said, s.expression, s.ratio) for s in slips_in(turn, earlier, facts)]
    said = {_number(stated) for stated, _, _ in found}
    # the claim checker's ratio is computed over stated; the note keeps stated over computed
    found += [(w.stated, w.expression, 1 / w.ratio) for w in wrong_figures(turn, True) if _number(w.stated) not in said]
    wrong = [(s, r) for s in state.open_figures if (r := _ratio_of(s, state))] + [(s, r) for s, _, r in found]
    # of a chain built on a wrong figure, the last link first: the conclusion the design rests on
    found += [(k.stated, k.working, k.ratio) for k in reversed(knock_ons(turn, earlier, facts, wrong))]
    fresh = [f for f in found if f[0] not in state.open_figures][:PER_TURN]
    used: set[str] = set()  # two figures in one reply are asked about in two different ways
    chosen: list[Move] = []
    for stated, working, ratio in fresh:
        templates = [t for t in context.pack.arithmetic if t not in used] or list(context.pack.arithmetic)
        text = unused([t.format(stated=stated) for t in templates], state) or f"Check {stated} for me."
        used |= {t for t in templates if t.format(stated=stated) == text}
        note = Note(NoteKind.ARITHMETIC, arithmetic_detail(working, stated, ratio))
        chosen.append(Move(text, note, item="req.scale_slo"))
    return chosen


PER_TURN = 2  # an interviewer questions two figures in one breath at most


def still_open(state: InterviewState, turn: str) -> tuple[str, ...]:
    """The figures probed earlier that this turn does not correct."""
    return tuple(stated for stated in state.open_figures if not _corrects(turn, stated, state))


def _corrects(turn: str, stated: str, state: InterviewState) -> bool:
    ratio = _ratio_of(stated, state)
    # "half a percent" is 0.5%, not half; "three in every thousand views" is 0.3%
    wrong = spoken_shares(stated, of=False) or in_every(stated) or figures_in(stated)
    if ratio is None or not wrong or not ratio > 0:
        return False
    expected = wrong[0].value / ratio
    number = _number(stated)
    for sentence in sentences_of(turn):
        for match in re.finditer(rf"(?<![\d.,]){re.escape(number)}(?![\d,])", sentence.text):
            if not _TAKEN_BACK.search(sentence.text[max(0, match.start() - 30) : match.start()]):
                return False  # the wrong figure said again
    right = [f for f in [*_restating(turn, wrong[0]), *in_every(turn)] if _same_kind(f, wrong[0])]
    if "%" in wrong[0].text or "%" in wrong[0].units:  # a share is corrected by a share of something, not any "5%"
        right = [f for f in right if "%" in f.text and _OF.match(turn, f.start + f.text.index("%") + 1)]
    return any(max(f.value / expected, expected / f.value) <= CLEARS for f in right if f.value > 0)


def _restating(turn: str, wrong: Figure) -> list[Figure]:
    """The figures of ``turn`` that may restate ``wrong``: a bare number only when it is said as a conclusion, when
    the wrong figure names what it counts ("8% video with 2,112" tokens does not correct "23 thousand items")."""
    found = []
    for sentence in sentences_of(turn):
        figures = figures_in(sentence.text)
        for index, figure in enumerate(figures):
            bare = wrong.noun and not figure.noun and not figure.dims and "%" not in figure.text
            if not bare or is_conclusion(sentence.text, figures, index):
                found.append(replace(figure, start=figure.start + sentence.start, end=figure.end + sentence.start))
    return found


def _same_kind(figure: Figure, wrong: Figure) -> bool:
    """A figure that may correct ``wrong``: the same dimensions; for a count said with its noun ("2,000 sequences"),
    a count of the same thing, not whatever figure lands near ("100 ms" for 195); a bare count, anything. A size
    probed as said ("35 KB") is corrected per token too ("70 KB per token")."""
    if wrong.dims or not wrong.noun:
        return _per_token_too(figure.dims) == _per_token_too(wrong.dims) or not wrong.dims
    return not figure.dims and figure.noun in (wrong.noun, "")


def _per_token_too(dims: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    return tuple(d for d in dims if d != ("token", -1))


def _ratio_of(stated: str, state: InterviewState) -> float | None:
    for note in reversed(state.notes):
        parts = arithmetic_parts(note.detail) if note.kind is NoteKind.ARITHMETIC else None
        if parts is not None and parts[1] == stated:
            return parts[2]
    return None


def evidence_text(state: InterviewState) -> str:
    """The candidate's turns without the sentences that state a figure they never corrected."""
    wrong = [n.detail for n in state.notes if n.kind is NoteKind.ARITHMETIC_UNCORRECTED] + list(state.open_figures)
    if not wrong:
        return state.candidate_text
    kept = []
    for turn in state.turns:
        if turn.speaker is not Speaker.CANDIDATE:
            continue
        sentences = [s.text for s in sentences_of(turn.text)]
        clean = [s for s in sentences if not any(_states(s, w) for w in set(wrong))]
        if clean:
            kept.append(" ".join(clean))
    return "\n\n".join(kept)


def _states(sentence: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d,])", sentence) is not None


def _number(figure: str) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?[kKMBT]?", figure)
    return found.group(0) if found else figure
