"""The shape of every estimate: results in base units, the worked steps said out loud, and the assumptions.

A step is built from terms, so its exact and its rounded mental-math form come from the same numbers:
``6 × 405e9 × 15.6e12 = 3.79e25 FLOP`` and ``6 × 4e11 × 2e13 ≈ 5e25``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sdcoach.engine.estimate.numbers import format_value, mental, rough_number
from sdcoach.errors import UsageError


@dataclass(frozen=True)
class Term:
    """One operand of a step: a value, what it is, and its unit for display."""

    value: float
    label: str
    unit: str = ""

    def exact(self) -> str:
        """The operand with its unit, at three significant figures."""
        return format_value(self.value, self.unit)

    def rough(self) -> float:
        """The operand as rounded for mental math (small whole numbers stay exact)."""
        if float(self.value).is_integer() and abs(self.value) < 1000:
            return self.value
        return mental(self.value)


@dataclass(frozen=True)
class Step:
    """One line of working: what is computed, the exact arithmetic, and the mental-math version."""

    name: str
    exact: str
    rough: str
    value: float
    unit: str


@dataclass(frozen=True)
class Estimate:
    """A calculator's answer: named values in base units, with the steps and assumptions behind them."""

    title: str
    values: dict[str, float]
    units: dict[str, str]
    steps: tuple[Step, ...]
    assumptions: tuple[str, ...]
    headline: tuple[str, ...] = field(default=())
    labels: dict[str, str] = field(default_factory=dict)

    def value(self, key: str) -> float:
        """One result by key."""
        return self.values[key]

    def headline_rows(self) -> tuple[tuple[str, str], ...]:
        """The results to lead with, as (label, value with its unit), then the text results."""
        from sdcoach.engine.estimate.numbers import format_value

        rows = [(key.replace("_", " "), format_value(self.values[key], self.units[key])) for key in self.headline]
        return (*rows, *((key.replace("_", " "), text) for key, text in self.labels.items()))


class Working:
    """Collects the steps and assumptions of one estimate as it is computed."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.steps: list[Step] = []
        self.assumptions: list[str] = []
        self.values: dict[str, float] = {}
        self.units: dict[str, str] = {}
        self.labels: dict[str, str] = {}

    def assume(self, text: str) -> None:
        """Record an assumption, once."""
        if text not in self.assumptions:
            self.assumptions.append(text)

    def product(self, name: str, terms: list[Term], unit: str, *, key: str | None = None) -> float:
        """Multiply terms, record the step, and (with a key) the result."""
        value = math.prod(t.value for t in terms)
        rough = math.prod(t.rough() for t in terms)
        return self._record(name, (_exact(terms, " × "), _rough(terms, " × ")), (value, rough), unit, key)

    def quotient(self, name: str, top: list[Term], bottom: list[Term], unit: str, *, key: str | None = None) -> float:
        """Divide the product of ``top`` by the product of ``bottom``, recording the step."""
        value = math.prod(t.value for t in top) / math.prod(t.value for t in bottom)
        rough = math.prod(t.rough() for t in top) / math.prod(t.rough() for t in bottom)
        exact = f"{_grouped(_exact(top, ' × '), top)} / {_grouped(_exact(bottom, ' × '), bottom)}"
        said = f"{_grouped(_rough(top, ' × '), top)} / {_grouped(_rough(bottom, ' × '), bottom)}"
        return self._record(name, (exact, said), (value, rough), unit, key)

    def total(self, name: str, terms: list[Term], unit: str, *, key: str | None = None) -> float:
        """Add terms, recording the step."""
        value = math.fsum(t.value for t in terms)
        rough = math.fsum(t.rough() for t in terms)
        return self._record(name, (_exact(terms, " + "), _rough(terms, " + ")), (value, rough), unit, key)

    def result(self, key: str, value: float, unit: str) -> float:
        """Record a result that needs no step of its own."""
        _require_finite(value, key)
        self.values[key] = value
        self.units[key] = unit
        return value

    def label(self, key: str, text: str) -> None:
        """Record a result that is a word, not a number (such as the bottleneck)."""
        self.labels[key] = text

    def finish(self, *headline_keys: str) -> Estimate:
        """The estimate, with the keys to show first."""
        return Estimate(
            title=self.title,
            values=dict(self.values),
            units=dict(self.units),
            steps=tuple(self.steps),
            assumptions=tuple(self.assumptions),
            headline=headline_keys or tuple(self.values),
            labels=dict(self.labels),
        )

    def _record(
        self, name: str, texts: tuple[str, str], values: tuple[float, float], unit: str, key: str | None
    ) -> float:
        (exact, said), (value, rough) = texts, values
        _require_finite(value, name)
        step = Step(name, f"{exact} = {format_value(value, unit)}", f"{said} ≈ {rough_number(rough)}", value, unit)
        self.steps.append(step)
        if key is not None:
            self.result(key, value, unit)
        return value


def _require_finite(value: float, name: str) -> None:
    """The invariant every step keeps: a real number (inputs are range-checked; this catches their products)."""
    if not math.isfinite(value):
        raise UsageError(
            f"The {name} comes to {value}: the inputs together are too large to compute.",
            hint="Check the orders of magnitude of the values given.",
        )


def _exact(terms: list[Term], joiner: str) -> str:
    return joiner.join(t.exact() for t in terms)


def _rough(terms: list[Term], joiner: str) -> str:
    return joiner.join(rough_number(t.rough()) for t in terms)


def _grouped(text: str, terms: list[Term]) -> str:
    return text if len(terms) == 1 else f"({text})"
