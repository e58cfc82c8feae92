"""The phrasing pack: what an LLM backend's wording is checked for before it is shown."""

from __future__ import annotations

from pydantic import Field

from sdcoach.content.schema import Model, Text


class PhrasingRules(Model):
    """Leak and persona-break phrases, the sentinel for 'not in the facts', and length limits."""

    version: int = 1
    leak_cues: tuple[Text, ...] = Field(min_length=5)
    persona_breaks: tuple[Text, ...] = Field(min_length=5)
    not_specified: Text
    max_words_floor: int = Field(ge=20)
    max_words_factor: float = Field(ge=1)
    giveaway_shingle: int = Field(ge=3, le=12)
