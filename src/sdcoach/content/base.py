"""The content model's base: immutable, strict pydantic models and the text and id types every pack uses."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
LocalId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]
ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9_]+$")]


class Model(BaseModel):
    """Base for every content model: immutable, strict about keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")
