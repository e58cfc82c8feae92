"""The decision matrix for a library tradeoff: weighted scores, constraints, and what would flip the call.

Each option's total is the weighted mean of its 1-5 dimension scores. A constraint ("freshness<1min")
removes the options whose stated property breaks it. The sensitivity line is computed, not written:
for each dimension, the weight at which another option would overtake the winner (the matrix is linear
in the weights, so that point is solved exactly), and for each property of the winner, the constraint
that would rule it out and who would win then.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sdcoach.content.tradeoff_schema import PROPERTY_KINDS, LibraryOption, LibraryTradeoff, TradeoffDimension
from sdcoach.engine.estimate.units import Dimension, parse_count, parse_quantity
from sdcoach.errors import UsageError

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*(<=|>=|<|>|=)\s*(.+?)\s*$")
_UNITS = {"time": Dimension.SECONDS, "usd": Dimension.USD, "bytes": Dimension.BYTES}


@dataclass(frozen=True)
class Constraint:
    """A requirement on a property: ``name op value`` with the value in base units."""

    name: str
    op: str
    value: float
    text: str

    def allows(self, value: float) -> bool:
        """Whether a property value meets this constraint."""
        return _OPERATORS[self.op](value, self.value)


@dataclass(frozen=True)
class OptionResult:
    """One option's row: its weighted total (1-5), and the constraints it breaks."""

    option: LibraryOption
    total: float
    broken: tuple[str, ...]

    @property
    def is_feasible(self) -> bool:
        """Whether the option meets every constraint."""
        return not self.broken


@dataclass(frozen=True)
class Flip:
    """A change that would make another option win, and which."""

    change: str
    winner: str
    kind: str  # "weight" or "constraint"
    dimension: str
    new_value: float


@dataclass(frozen=True)
class MatrixResult:
    """The whole analysis: rows best first, the winner (None when nothing is feasible), the flips."""

    tradeoff: LibraryTradeoff
    weights: dict[TradeoffDimension, float]
    constraints: tuple[Constraint, ...]
    rows: tuple[OptionResult, ...]
    winner: LibraryOption | None
    flips: tuple[Flip, ...]


def parse_constraint(text: str) -> Constraint:
    """Read ``freshness<1min`` or ``monthly_cost<=50000USD`` into a constraint on a known property."""
    match = _CONSTRAINT.match(text)
    if not match:
        raise UsageError(
            f"Cannot read the constraint {text!r}; write NAME<VALUE, e.g. freshness<1min or monthly_cost<=50000USD.",
            field="--constraint",
        )
    name, op, raw = match.groups()
    name = name.lower().replace("-", "_")
    if name not in PROPERTY_KINDS:
        known = ", ".join(PROPERTY_KINDS)
        raise UsageError(f"Unknown property {name!r} in --constraint; known: {known}.", field="--constraint")
    return Constraint(name, op, property_value(name, raw, f"--constraint {name}"), text.strip())


def property_value(name: str, raw: str | int | float, flag: str) -> float:
    """A property's value in base units (seconds, dollars, bytes, or a count)."""
    kind = PROPERTY_KINDS[name].value
    if isinstance(raw, (int, float)):
        return parse_count(raw, flag) if kind == "count" else float(raw)
    if kind == "count":
        return parse_count(raw, flag)
    default = "USD" if kind == "usd" else None
    return parse_quantity(raw.replace("$", "").replace(",", "").strip(), _UNITS[kind], flag, default)


MAX_WEIGHT = 1000.0  # weights are relative; a thousand to one is already "only this matters"


def parse_weights(pairs: list[str], defaults: Mapping[TradeoffDimension, float]) -> dict[TradeoffDimension, float]:
    """The default weights with ``business=3``-style overrides applied; each finite, 0 to MAX_WEIGHT."""
    weights = dict(defaults)
    known = ", ".join(d.value for d in TradeoffDimension)
    for pair in pairs:
        name, _, value = pair.partition("=")
        try:
            dimension = TradeoffDimension(name.strip().lower().replace("-", "_"))
            weight = float(value)
        except ValueError as err:
            raise UsageError(
                f"Cannot read --weight {pair!r}; write NAME=NUMBER with NAME one of {known}.", field="--weight"
            ) from err
        if not 0 <= weight <= MAX_WEIGHT:  # False for nan as well
            raise UsageError(
                f"--weight {dimension.value} must be a number from 0 to {MAX_WEIGHT:g}; got {value.strip()!r}.",
                field="--weight",
            )
        weights[dimension] = weight
    if not any(w > 0 for w in weights.values()):
        raise UsageError(
            "every weight is zero, so no option can score; give at least one --weight above zero.", field="--weight"
        )
    return weights


def require_properties(tradeoff: LibraryTradeoff, constraints: tuple[Constraint, ...]) -> None:
    """Refuse a constraint on a property no option of this decision states (it would rule out every option)."""
    stated = sorted({name for option in tradeoff.options for name in option.properties})
    for constraint in constraints:
        if constraint.name in stated:
            continue
        has = f"it has {', '.join(stated)}" if stated else "it states no properties to constrain"
        raise UsageError(
            f"--constraint {constraint.text!r}: the decision {tradeoff.id!r} says nothing about "
            f"{constraint.name}; {has}.",
            field="--constraint",
        )


def total(option: LibraryOption, weights: Mapping[TradeoffDimension, float]) -> float:
    """The weighted mean of an option's dimension scores (1-5)."""
    mass = sum(weights.get(d, 0.0) for d in TradeoffDimension)
    return sum(weights.get(d, 0.0) * option.scores[d].score for d in TradeoffDimension) / mass


def analyse(
    tradeoff: LibraryTradeoff,
    weights: Mapping[TradeoffDimension, float] | None = None,
    constraints: tuple[Constraint, ...] = (),
) -> MatrixResult:
    """Score every option, apply the constraints, pick the winner and find what would flip it."""
    require_properties(tradeoff, constraints)
    chosen = dict(weights if weights is not None else tradeoff.weights)
    rows = _ranked(tradeoff, chosen, constraints)
    winner = rows[0].option if rows[0].is_feasible else None
    flips = _flips(tradeoff, chosen, constraints, winner) if winner else ()
    return MatrixResult(tradeoff, chosen, constraints, rows, winner, flips)


def winner_of(
    tradeoff: LibraryTradeoff, weights: Mapping[TradeoffDimension, float], constraints: tuple[Constraint, ...] = ()
) -> str | None:
    """The id of the winning option (None when no option meets the constraints); no flips are computed."""
    best = _ranked(tradeoff, weights, constraints)[0]
    return best.option.id if best.is_feasible else None


def _ranked(
    tradeoff: LibraryTradeoff, weights: Mapping[TradeoffDimension, float], constraints: tuple[Constraint, ...]
) -> tuple[OptionResult, ...]:
    """Every option's row, feasible options first, best total first."""
    rows = (OptionResult(o, round(total(o, weights), 3), _broken(o, constraints)) for o in tradeoff.options)
    return tuple(sorted(rows, key=lambda r: (r.is_feasible, r.total), reverse=True))


def _broken(option: LibraryOption, constraints: tuple[Constraint, ...]) -> tuple[str, ...]:
    broken = []
    for constraint in constraints:
        raw = option.properties.get(constraint.name)
        if raw is None or not constraint.allows(property_value(constraint.name, raw, constraint.name)):
            broken.append(constraint.text)
    return tuple(broken)


def _flips(
    tradeoff: LibraryTradeoff,
    weights: dict[TradeoffDimension, float],
    constraints: tuple[Constraint, ...],
    winner: LibraryOption,
) -> tuple[Flip, ...]:
    feasible = [o for o in tradeoff.options if o is not winner and not _broken(o, constraints)]
    flips = [f for d in TradeoffDimension if (f := _weight_flip(d, weights, winner, feasible)) is not None]
    flips.sort(key=lambda f: abs(f.new_value - weights.get(TradeoffDimension(f.dimension), 0.0)))
    return tuple(flips) + _constraint_flips(tradeoff, weights, constraints, winner)


def _weight_flip(
    dimension: TradeoffDimension,
    weights: dict[TradeoffDimension, float],
    winner: LibraryOption,
    others: list[LibraryOption],
) -> Flip | None:
    """The nearest weight for ``dimension`` at which some other option scores strictly higher.

    With the other weights fixed, total_o(w) - total_win(w) is (a + b*w) / mass, so the crossing is at
    w = -a / b; a little past it the other option wins."""
    current = weights.get(dimension, 0.0)
    best: tuple[float, LibraryOption] | None = None
    for other in others:
        a = sum(w * (other.scores[d].score - winner.scores[d].score) for d, w in weights.items() if d != dimension)
        b = other.scores[dimension].score - winner.scores[dimension].score
        if b == 0:
            continue
        crossing = -a / b
        # step just past the crossing, in the direction that favours ``other``
        target = crossing * 1.05 + 0.05 if b > 0 else crossing * 0.95 - 0.05
        if not 0 <= target <= MAX_WEIGHT:
            continue
        if best is None or abs(target - current) < abs(best[0] - current):
            best = (target, other)
    if best is None:
        return None
    target, other = best
    for candidate in (_round_away(target, current), target):
        trial = dict(weights) | {dimension: candidate}
        if max(others, key=lambda o: total(o, trial)) is other and total(other, trial) > total(winner, trial):
            word = "raise" if candidate > current else "lower"
            change = f"{word} the {dimension.value} weight from {current:g} to {candidate:g}"
            return Flip(change, other.id, "weight", dimension.value, candidate)
    return None


def _constraint_flips(
    tradeoff: LibraryTradeoff,
    weights: dict[TradeoffDimension, float],
    constraints: tuple[Constraint, ...],
    winner: LibraryOption,
) -> tuple[Flip, ...]:
    """For each property of the winner, the tighter requirement it cannot meet, and who wins then.

    Every known property is smaller-is-better (latency, cost, time, people), so the flips are upper
    bounds set halfway between the winner's value and the best value another option offers."""
    flips = []
    for name, raw in sorted(winner.properties.items()):
        mine = property_value(name, raw, name)
        better = [
            value
            for o in tradeoff.options
            if o is not winner and (value := property_value(name, o.properties[name], name)) < mine
        ]
        if not better:
            continue
        threshold = (max(better) + mine) / 2
        text = f"{name}<{_plain(threshold, name)}"
        threshold = property_value(name, text.split("<", 1)[1], name)  # the rounded figure we show is the one tested
        if not max(better) < threshold <= mine:
            threshold, text = mine, f"{name}<{raw}"
        extra = Constraint(name, "<", threshold, text)
        new_winner = winner_of(tradeoff, weights, (*constraints, extra))
        if new_winner and new_winner != winner.id:
            flips.append(Flip(f"require {extra.text}", new_winner, "constraint", name, threshold))
    return tuple(flips)


def _plain(value: float, name: str) -> str:
    """A threshold written so ``--constraint`` reads it back (``2.5h``, ``$90,000``, ``40TB``, ``2``)."""
    kind = PROPERTY_KINDS[name].value
    if kind == "time":
        units = (("weeks", 604800), ("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
        unit, size = next(((u, z) for u, z in units if value >= 2 * z or u == "s"), ("s", 1))
        return f"{value / size:.2g} {unit}" if value >= 0.1 else f"{value * 1000:.2g} ms"
    if kind == "usd":
        return f"${float(f'{value:.2g}'):,.0f}"
    if kind == "bytes":
        return f"{value / 1e12:.2g}TB" if value >= 1e12 else f"{value / 1e9:.2g}GB"
    return f"{math.floor(value) + 1:g}"  # counts are whole: "< 3" between 2 and 3


def _round_away(value: float, current: float) -> float:
    """Two significant figures, rounded away from the current weight so the flip still holds."""
    rounded = float(f"{value:.2g}")
    if (value > current and rounded < value) or (value < current and rounded > value):
        return float(f"{value:.3g}")
    return rounded
