"""The tradeoff library as the interfaces use it: list it, find a decision, analyse it with weights and constraints."""

from __future__ import annotations

from functools import cache
from typing import Any

from sdcoach.content.loader import load_tradeoff_library
from sdcoach.content.names import closest
from sdcoach.content.tradeoff_schema import LibraryTradeoff
from sdcoach.engine.decision_matrix import MatrixResult, analyse, parse_constraint, parse_weights
from sdcoach.errors import UnknownNameError


@cache
def tradeoff_library() -> tuple[LibraryTradeoff, ...]:
    """Every decision in the library, sorted by id (built-in packs; read once per process)."""
    return load_tradeoff_library()


def find_tradeoff(tradeoff_id: str) -> LibraryTradeoff:
    """The library decision with this id; an unknown id suggests the closest ones."""
    library = {t.id: t for t in tradeoff_library()}
    if tradeoff_id in library:
        return library[tradeoff_id]
    raise UnknownNameError("tradeoff", tradeoff_id, closest(tradeoff_id, library), sorted(library))


def analyse_tradeoff(tradeoff_id: str, weights: list[str], constraints: list[str]) -> MatrixResult:
    """The decision matrix with ``business=3``-style weight overrides and ``freshness<1min`` constraints."""
    tradeoff = find_tradeoff(tradeoff_id)
    parsed = tuple(parse_constraint(c) for c in constraints)
    return analyse(tradeoff, parse_weights(weights, tradeoff.weights), parsed)


def matrix_payload(result: MatrixResult) -> dict[str, Any]:
    """The JSON form of an analysis."""
    t = result.tradeoff
    return {
        "id": t.id,
        "decision": t.decision,
        "weights": {d.value: w for d, w in result.weights.items()},
        "constraints": [c.text for c in result.constraints],
        "options": [
            {
                "id": row.option.id,
                "name": row.option.name,
                "total": row.total,
                "feasible": row.is_feasible,
                "breaks": list(row.broken),
                "scores": {d.value: {"score": s.score, "reason": s.reason} for d, s in row.option.scores.items()},
                "properties": dict(row.option.properties),
            }
            for row in result.rows
        ],
        "winner": result.winner.id if result.winner else None,
        "recommendation": t.recommendation,
        "flips": [{"change": f.change, "winner": f.winner, "kind": f.kind} for f in result.flips],
        "flip_conditions": list(t.flip_conditions),
    }


def library_payload(library: tuple[LibraryTradeoff, ...]) -> dict[str, Any]:
    """The JSON form of the library listing."""
    return {
        "tradeoffs": [
            {
                "id": t.id,
                "title": t.title,
                "options": [o.id for o in t.options],
                "recommendation": t.recommendation,
                "scenarios": list(t.scenarios),
                "tags": list(t.tags),
            }
            for t in library
        ]
    }
