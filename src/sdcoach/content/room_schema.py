"""What a candidate meets in the room, per scenario: the answer sized to a 35-minute round, the same answer
at IC5, IC6 and IC7, the common mistakes and the bad/good/great ladders of the top deep dives."""

from __future__ import annotations

from pydantic import Field

from sdcoach.content.base import ItemId, LocalId, Model, Text


class ShortAnswer(Model):
    """The answer sized to a 35-minute round: what to draw, the numbers that matter, where to go deep,
    and the questions to ask before any of it."""

    boxes: tuple[Text, ...] = Field(min_length=5, max_length=7)
    numbers: tuple[Text, ...] = Field(min_length=4, max_length=4)
    deep_dives: tuple[Text, ...] = Field(min_length=2, max_length=2)
    ask_first: tuple[LocalId, ...] = Field(min_length=3, max_length=3, description="clarifying question ids")


class LevelSketches(Model):
    """The same problem answered at three levels, 3-5 lines each, as an interviewer would hear them."""

    ic5: Text
    ic6: Text
    ic7: Text


class CommonMistake(Model):
    """A mistake candidates make on this scenario, why it costs them, and the probe that exposes it."""

    mistake: Text
    why_it_hurts: Text
    probe: LocalId | None = None


class DeepDiveLadder(Model):
    """One deep dive answered badly, well and very well: what moves a candidate up a rung."""

    topic: Text
    item: ItemId
    bad: Text
    good: Text
    great: Text
