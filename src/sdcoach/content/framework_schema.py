"""The method as data: the IC6 framework (checklist and time plans) and the rubric that scores against it."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.schema import ItemId, LocalId, Model, Text

# ----------------------------------------------------------------------------- framework


class FrameworkItem(Model):
    """One checklist item of the IC6 method, with how to recognise it in an answer."""

    id: ItemId
    title: Text
    guidance: Text
    why_staff: Text
    strong_ic6: Text
    ic5_miss: Text
    cues: tuple[Text, ...] = Field(min_length=3)
    weight: int = Field(default=2, ge=1, le=3)
    # Short sentences that show the item, in many voices and across systems: what the reader matches against.
    phrasings: tuple[Text, ...] = ()


class FrameworkSection(Model):
    """A section of the checklist (requirements, high-level design, ...)."""

    id: LocalId
    title: Text
    goal: Text
    is_throughout: bool = False
    items: tuple[FrameworkItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_belong_to_section(self) -> Self:
        for item in self.items:
            if item.id.split(".")[0] != self.id:
                raise ValueError(f"item {item.id!r} must start with its section id {self.id!r}")
        return self


class TimeSlot(Model):
    """Minutes given to one section in a time plan."""

    section: LocalId
    minutes: int = Field(ge=1)
    focus: Text


class TimePlan(Model):
    """How an interview of a given length is spent, section by section."""

    minutes: int = Field(ge=15, le=120)
    outside_minutes: int = Field(
        default=0,
        ge=0,
        description=(
            "Minutes of the round that are not design time: introductions at the start and the "
            "candidate's own questions at the end. The slots fill the rest, the usable minutes."
        ),
    )
    slots: tuple[TimeSlot, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _slots_fill_the_interview(self) -> Self:
        total = sum(slot.minutes for slot in self.slots)
        if total != self.usable_minutes:
            raise ValueError(
                f"slots add up to {total} minutes, not the plan's {self.usable_minutes} usable minutes "
                f"({self.minutes} minus {self.outside_minutes} outside the design)"
            )
        return self

    @property
    def usable_minutes(self) -> int:
        """Minutes of design discussion: the round's length less introductions and the candidate's questions."""
        return self.minutes - self.outside_minutes


class Framework(Model):
    """The IC6 system-design checklist as data."""

    version: int = Field(ge=1)
    title: Text
    sections: tuple[FrameworkSection, ...] = Field(min_length=1)
    time_plans: tuple[TimePlan, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _plans_name_known_sections(self) -> Self:
        ids = {s.id for s in self.sections}
        timed = {s.id for s in self.sections if not s.is_throughout}
        for plan in self.time_plans:
            named = [slot.section for slot in plan.slots]
            unknown = sorted(set(named) - ids)
            if unknown:
                raise ValueError(f"{plan.minutes}-minute plan names unknown sections {unknown}")
            missing = sorted(timed - set(named))
            if missing:
                raise ValueError(f"{plan.minutes}-minute plan gives no time to {missing}")
        return self

    @property
    def items(self) -> tuple[FrameworkItem, ...]:
        """Every item, in checklist order."""
        return tuple(item for section in self.sections for item in section.items)

    def item_ids(self) -> frozenset[str]:
        """The stable ids of every checklist item."""
        return frozenset(item.id for item in self.items)

    def plan_for(self, minutes: int) -> TimePlan | None:
        """The time plan for an interview of this length, if there is one."""
        return next((p for p in self.time_plans if p.minutes == minutes), None)


# ----------------------------------------------------------------------------- rubric


class Level(StrEnum):
    """Engineering levels the rubric distinguishes."""

    IC5 = "ic5"
    IC6 = "ic6"
    IC7 = "ic7"


class LevelBehaviours(Model):
    """Observable behaviours at each level for one signal."""

    ic5: tuple[Text, ...] = Field(min_length=2)
    ic6: tuple[Text, ...] = Field(min_length=2)
    ic7: tuple[Text, ...] = Field(min_length=2)


class FlagDetector(StrEnum):
    """How the engine sees a red flag in a session on its own; values are stored, keep them stable."""

    # The interviewer questioned a stated calculation (off by more than 2x) and it was never redone.
    ARITHMETIC_UNCORRECTED = "arithmetic_uncorrected"
    # The interview stayed in the requirements phase for a quarter or more of the design time.
    REQUIREMENTS_OVERRUN = "requirements_overrun"


class RedFlag(Model):
    """A no-hire signal, written as what the candidate says or does in the room."""

    id: LocalId = Field(description="Stable id of the flag, unique within the rubric.")
    behaviour: Text = Field(
        description="The observable behaviour, as an interviewer would write it in the notes, with an example."
    )
    detected_by: FlagDetector | None = Field(
        default=None,
        description=(
            "The check the engine runs to see this flag in an interview or an answer; absent when only a "
            "human interviewer can judge it (the scorecard then never claims to have seen it)."
        ),
    )


class Signal(Model):
    """A rubric signal an interviewer scores (strategic thinking, technical depth, ...)."""

    id: LocalId
    title: Text
    question: Text
    feeds: tuple[ItemId, ...] = Field(min_length=1)
    levels: LevelBehaviours
    red_flags: tuple[RedFlag, ...] = Field(
        min_length=1,
        description=(
            "No-hire signals for this signal, which committees act on before strengths: observable "
            "behaviours, each with the detector that sees it when the engine can."
        ),
    )


class ScoreAnchor(Model):
    """What a score on the 1-4 scale means."""

    score: int = Field(ge=1, le=4)
    label: Text
    meaning: Text


class Rubric(Model):
    """The signals that decide a staff-level system-design outcome."""

    version: int = Field(ge=1)
    title: Text
    score_anchors: tuple[ScoreAnchor, ...] = Field(min_length=4, max_length=4)
    signals: tuple[Signal, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _red_flag_ids_are_unique(self) -> Self:
        ids = [flag.id for signal in self.signals for flag in signal.red_flags]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"red flag ids must be unique across signals; repeated: {repeated}")
        return self
