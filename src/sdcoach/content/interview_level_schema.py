"""How a whole interview's level is decided beyond the overall score: the must-haves each level needs shown.

The overall score's cuts (grading.yaml) were fitted on single written answers. A whole interview holds more
text and more turns, and many items touched once lift the mean; a committee still places a candidate at a
level only when that level's must-haves were shown. These rules name them (from the framework's grade
definitions) and how strong an item's evidence must be to count; ``bench/fit_interview_level.py`` fits the
bars on the development candidates and reports them on the held-out writers.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.base import ItemId, Model, Text

LEVEL_KEYS = ("ic5", "ic6", "ic7")


class MustShow(Model):
    """One level's must-haves: each group is met when any of its items reaches the level's bar."""

    level: str = Field(description="ic5, ic6 or ic7: the level these must-haves gate")
    bar: float = Field(
        default=0.5, gt=0, lt=1, description="Item strength at which an item counts as shown for this level"
    )
    groups: tuple[tuple[ItemId, ...], ...] = ()
    figure_share: float = Field(
        default=0.0,
        ge=0,
        lt=1,
        description="The least share of the candidate's sentences that state a figure (below IC5: no numbers)",
    )
    framing_share: float = Field(
        default=0.0,
        ge=0,
        lt=1,
        description="The least share of the candidate's sentences that say who owns what or what it means for the "
        "business (a rate, so a long interview is read like a short one)",
    )
    why: Text = Field(description="The grade definition the groups come from")


class SingleAnswer(Model):
    """The coverage model's whole-answer features for a typical written answer (the median of the labelled corpus
    the model was fitted on): an interview's must-haves are judged on each item's own evidence as if it had been
    said in such an answer, so neither a long interview nor one full of numbers lifts an item nobody spoke to."""

    concrete_sentences: float = Field(ge=0, le=1)
    answer_length: float = Field(ge=0, le=1)
    fitted_on: Text


class InterviewLevelRules(Model):
    """The must-haves per level, lowest level first, the reference answer they are read in, and what they were
    fitted on."""

    single_answer: SingleAnswer
    must_show: tuple[MustShow, ...] = Field(min_length=1)
    framing_words: Text = Field(
        default="say who owns what or what it means for the business",
        description="What the framing share counts, as the debrief says it ('too few of the sentences ...')",
    )
    figures_words: Text = Field(default="state a figure", description="What the figure share counts, likewise")
    fitted_on: Text
    framing_fitted_on: Text = ""

    @model_validator(mode="after")
    def _levels_in_order(self) -> Self:
        levels = [m.level for m in self.must_show]
        if any(level not in LEVEL_KEYS for level in levels) or levels != sorted(set(levels), key=LEVEL_KEYS.index):
            raise ValueError(f"must_show: give each of {', '.join(LEVEL_KEYS)} at most once, lowest first")
        if any(not group for m in self.must_show for group in m.groups):
            raise ValueError("must_show: every group names at least one checklist item")
        return self
