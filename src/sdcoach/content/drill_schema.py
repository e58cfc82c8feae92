"""The drills pack: what the tradeoff drill and the pitch coach look for in an answer's shape."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.schema import LocalId, Model, Text

COMPUTED_PARTS = frozenset({"options", "numbers"})  # found by option names and measurements, not cue words


class ShapePart(Model):
    """One thing a well-shaped answer does, and what it is worth (weights of a shape sum to 1)."""

    id: LocalId
    title: Text
    weight: float = Field(gt=0, le=1)
    advice: Text | None = Field(default=None, description="What to do when the part is missing")


class AnswerShape(Model):
    """The parts of a well-shaped answer and the phrases that show each."""

    parts: tuple[ShapePart, ...] = Field(min_length=2)
    cues: dict[LocalId, tuple[Text, ...]]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        total = sum(p.weight for p in self.parts)
        if abs(total - 1) > 1e-6:
            raise ValueError(f"part weights must sum to 1, not {total:g}")
        missing = [p.id for p in self.parts if p.id not in COMPUTED_PARTS and p.id not in self.cues]
        if missing:
            raise ValueError(f"parts without cues: {', '.join(missing)}")
        return self


class PitchRules(Model):
    """How the pitch coach reads a pitch: speaking pace, the parts it looks for, audience vocabulary."""

    words_per_minute: int = Field(ge=100, le=200)
    target_seconds: int = Field(ge=30, le=120)
    parts: tuple[ShapePart, ...] = Field(min_length=4)
    cues: dict[LocalId, tuple[Text, ...]]
    audiences: dict[LocalId, tuple[Text, ...]] = Field(description="Per audience, the cue ids its pitch needs")
    jargon: tuple[Text, ...] = Field(min_length=10, description="Terms a director should not have to decode")

    @model_validator(mode="after")
    def _complete(self) -> Self:
        total = sum(p.weight for p in self.parts)
        if abs(total - 1) > 1e-6:
            raise ValueError(f"part weights must sum to 1, not {total:g}")
        unknown = sorted({cue for needs in self.audiences.values() for cue in needs} - set(self.cues))
        if unknown:
            raise ValueError(f"audiences name cues that do not exist: {', '.join(unknown)}")
        return self


class DrillPack(Model):
    """The whole drills pack."""

    version: int = 1
    tradeoff: AnswerShape
    pitch: PitchRules
    progress_feeds: dict[LocalId, tuple[Text, ...]]
    practice: dict[LocalId, Text] = Field(description="Checklist section -> the command that drills it")
