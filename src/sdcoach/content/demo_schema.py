"""A scripted demo candidate: the turns `sdcoach interview --demo` plays, with the minute each is typed."""

from __future__ import annotations

from pydantic import Field

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.schema import Model, Slug, Text


class DemoTurn(Model):
    """One scripted candidate turn."""

    minute: float = Field(ge=0)
    text: Text


class DemoScript(Model):
    """The whole scripted candidate."""

    scenario: Slug
    persona: Persona
    turns: tuple[DemoTurn, ...] = Field(min_length=1)
