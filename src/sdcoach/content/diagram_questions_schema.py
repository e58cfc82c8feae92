"""The interviewer's questions about the candidate's diagram: one template per kind of finding, most important
first, and one for a diagram with nothing to fix.

A template names the candidate's own boxes through slots: ``{box}`` (the box the finding is about, or the
scenario's name for a component with no box), ``{other}`` (the far end of an arrow or path) and ``{expected}``
(what the scenario expects there, as the check words it)."""

from __future__ import annotations

import string
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.base import LocalId, Model, Text

SLOTS = frozenset({"box", "other", "expected"})


def _slots_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class DiagramAsk(Model):
    """The question for one kind of finding (a ``FindingKind`` value)."""

    kind: LocalId
    question: Text

    @model_validator(mode="after")
    def _known_slots(self) -> Self:
        unknown = _slots_of(self.question) - SLOTS
        if unknown:
            raise ValueError(f"question for {self.kind!r} uses unknown slot(s) {sorted(unknown)}; use {sorted(SLOTS)}")
        return self


class DiagramQuestions(Model):
    """Questions in order of importance (the first kind the check found is asked about), and the one for a clean
    diagram (``{box}``: the first box on the request path the candidate drew)."""

    version: int = Field(ge=1)
    asks: tuple[DiagramAsk, ...] = Field(min_length=1)
    clean: Text

    @model_validator(mode="after")
    def _one_per_kind(self) -> Self:
        kinds = [a.kind for a in self.asks]
        repeated = sorted({k for k in kinds if kinds.count(k) > 1})
        if repeated:
            raise ValueError(f"kind(s) {repeated} have more than one question; keep one each")
        if _slots_of(self.clean) - {"box"}:
            raise ValueError("the clean question can only use {box}")
        return self
