"""The tradeoff library as data: one decision per file, its options scored on each dimension with a reason.

A library tradeoff is a decision that recurs across designs (batch or streaming features, shadow or
canary rollout). Each option carries a 1-5 score per dimension with the reason for it, and measurable
properties (freshness, p99 latency, monthly cost ...) that ``--constraint`` filters on. The pack states
which option its default weights recommend; ``content lint`` recomputes the matrix and checks it agrees.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.schema import LocalId, Model, Slug, Text, _require_unique


class TradeoffDimension(StrEnum):
    """What an option is scored on; values are stable (they appear in ``--weight`` and stored results)."""

    BUSINESS = "business"
    COST = "cost"
    RELIABILITY = "reliability"
    CROSS_TEAM = "cross_team"
    DELIVERY = "delivery"


class PropertyKind(StrEnum):
    """How a property's value is read: a duration, dollars, bytes or a plain count."""

    TIME = "time"
    USD = "usd"
    BYTES = "bytes"
    COUNT = "count"


PROPERTY_KINDS: dict[str, PropertyKind] = {
    "freshness": PropertyKind.TIME,
    "p99_latency": PropertyKind.TIME,
    "time_to_ship": PropertyKind.TIME,
    "recovery_time": PropertyKind.TIME,
    "data_loss_window": PropertyKind.TIME,
    "monthly_cost": PropertyKind.USD,
    "gpus": PropertyKind.COUNT,
    "engineers": PropertyKind.COUNT,
    "teams_involved": PropertyKind.COUNT,
    "storage": PropertyKind.BYTES,
}


class DimensionScore(Model):
    """An option's score on one dimension (1 poor .. 5 strong) and why."""

    score: int = Field(ge=1, le=5)
    reason: Text


class LibraryOption(Model):
    """One way to make the decision: what it is, its pros and cons, its scores and measurable properties."""

    id: LocalId
    name: Text
    aliases: tuple[Text, ...] = Field(min_length=1, description="Words a candidate uses to name this option")
    summary: Text
    pros: tuple[Text, ...] = Field(min_length=2)
    cons: tuple[Text, ...] = Field(min_length=2)
    scores: dict[TradeoffDimension, DimensionScore]
    properties: dict[str, Text | int | float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = [d.value for d in TradeoffDimension if d not in self.scores]
        if missing:
            raise ValueError(f"option {self.id!r} has no score for {', '.join(missing)}")
        unknown = sorted(set(self.properties) - set(PROPERTY_KINDS))
        if unknown:
            known = ", ".join(PROPERTY_KINDS)
            raise ValueError(f"option {self.id!r} has unknown properties {unknown}; known: {known}")
        return self


class LibraryTradeoff(Model):
    """A recurring design decision with a scored decision matrix."""

    id: Slug
    title: Text
    decision: Text
    context: Text = Field(description="The situation the scores assume, with its numbers")
    scenarios: tuple[Slug, ...] = Field(min_length=1)
    tags: tuple[LocalId, ...] = Field(min_length=1)
    weights: dict[TradeoffDimension, float]
    options: tuple[LibraryOption, ...] = Field(min_length=2)
    recommendation: LocalId = Field(description="The option the default weights recommend")
    rationale: Text
    flip_conditions: tuple[Text, ...] = Field(min_length=1)
    staff_answer: Text = Field(description="A model answer said out loud in about two minutes")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _require_unique("options", [o.id for o in self.options])
        if self.recommendation not in {o.id for o in self.options}:
            raise ValueError(f"recommendation {self.recommendation!r} is not one of the options")
        if any(w < 0 for w in self.weights.values()) or not any(w > 0 for w in self.weights.values()):
            raise ValueError("weights must be non-negative with at least one above zero")
        names = [sorted(o.properties) for o in self.options]
        if any(n != names[0] for n in names):
            raise ValueError("every option must state the same properties, so constraints compare like with like")
        return self

    def option(self, option_id: str) -> LibraryOption | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)
