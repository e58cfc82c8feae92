"""The level of a whole interview: the level its grade gives, held to the must-haves each level needs shown.

An interview is more text and more turns than a written answer, and its figures and owners pile up past
anything the grade model saw in the written answers it was fitted on (engine/grade.py); a committee still
places a candidate at IC6 only when the staff must-haves came up with substance (numbers, end-to-end flow,
what a choice costs, failure handling, who owns what), and at IC7 only when the IC7 ones did too. Counts
saturate in a 45-minute interview, so each level also needs a share of the candidate's sentences to frame the
design as staff do (who owns what, what it means for the business): a rate, which reads a long, number-dense
but unframed interview as the senior one it is; and IC5 needs a share of sentences stating figures (below IC5
is "no numbers", however many questions were asked). The level can only be lowered here, never raised: the rules in
content (interviewer.yaml ``interview_level``) say which items, how strong and what share.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.grading_schema import CoverageModel
from sdcoach.content.interview_level_schema import InterviewLevelRules, SingleAnswer
from sdcoach.engine.coverage import ItemCoverage, probability
from sdcoach.engine.grade import SHARE_FLOOR
from sdcoach.engine.reader import Reading


@dataclass(frozen=True)
class ShortOf:
    """A share that held the level down: what it counts (in the debrief's words), the share and the least needed."""

    what: str
    share: float
    needed: float


@dataclass(frozen=True)
class LevelDecision:
    """The level after the must-haves: the must-have groups (item ids) and the shares that held it below the band."""

    level: int
    held_by: tuple[tuple[str, ...], ...] = ()
    short_of: tuple[ShortOf, ...] = ()


@dataclass(frozen=True)
class Shares:
    """How much of what the candidate said frames the design (says who owns what or what it means for the
    business) and states a figure: shares of their clean sentences, so a long interview reads like a short one."""

    framing: float = 1.0
    figures: float = 1.0


def decide_level(
    banded: int,
    strengths: dict[str, float],
    rules: InterviewLevelRules,
    order: tuple[str, ...],
    shares: Shares | None = None,
) -> LevelDecision:
    """The highest level up to ``banded`` whose must-haves, and every lower level's, were all shown.

    ``strengths`` are the assessed items' coverage strengths; an item never assessed (its phase was never
    reached) was never shown. ``shares`` are held to each level's least framing and figure shares. ``order`` is
    the level names, lowest first."""
    shares = shares or Shares()
    for must in rules.must_show:
        at = order.index(must.level)
        if banded < at:
            break
        unmet = tuple(group for group in must.groups if group_strength(strengths, group) < must.bar)
        short = (
            ShortOf(rules.framing_words, shares.framing, must.framing_share),
            ShortOf(rules.figures_words, shares.figures, must.figure_share),
        )
        short_of = tuple(s for s in short if s.share < s.needed)
        if unmet or short_of:
            return LevelDecision(at - 1, unmet, short_of)
    return LevelDecision(banded)


def shares_of(reading: Reading) -> Shares:
    """The shares of the candidate's clean sentences that frame the design and that state a figure (over at
    least ``SHARE_FLOOR`` sentences, as the grade takes its shares)."""
    signals = [reading.signals[i] for i in reading.evidence]
    count = max(SHARE_FLOOR, len(signals))
    framed = sum(1 for s in signals if s.ownership or s.business)
    return Shares(framed / count, sum(1 for s in signals if s.measurements) / count)


def own_evidence(items: dict[str, ItemCoverage], model: CoverageModel, reference: SingleAnswer) -> dict[str, float]:
    """Each item's strength on its own evidence: the coverage model with the whole-answer features (how many
    concrete sentences, how long) held to a typical written answer's. A 45-minute interview holds more numbers
    and more sentences than most answers, and those features lift every item, spoken to or not; they are
    only ever lowered here, so a short interview is read as it is."""
    typical = {"concrete_sentences": reference.concrete_sentences, "answer_length": reference.answer_length}
    return {
        i: probability({**c.features, **{k: min(c.features.get(k, v), v) for k, v in typical.items()}}, model, i)
        for i, c in items.items()
    }


def group_strength(strengths: dict[str, float], group: tuple[str, ...]) -> float:
    """How strongly a must-have group was shown: its best item."""
    return max(strengths.get(i, 0.0) for i in group)
