"""Boxes drawn once per region, zone or shard ('Router + replica picker us-east', '... eu-west'): their labels
say the same thing but for a qualifier, and their arrows join the same kinds of boxes. A reviewer reads each as
what the other is; the one-box-per-component pairing split them instead (one the router, the other the picker),
leaving each copy's arrows extra or missing. Twins hold what any of them holds, when their labels join parts
(match.py reads them so): two boxes alike naming one part each ('vLLM V1' for the chat pool and the code pool)
are two parts drawn alike, not copies."""

from __future__ import annotations

from sdcoach.engine.diagram.graph import Diagram

# two labels say the same thing when no component is closer to one than to the other by more than this (the
# region's name moves the model's closeness a little)
SAME = 0.1
Scores = list[dict[str, float]]


def twin_groups(diagram: Diagram, rows: Scores, chosen: dict[str, list[str]], floor: float) -> list[list[str]]:
    """Groups of two or more boxes that are copies of one another: labels alike (SAME), something named (a
    component at least ``floor`` close), and neighbours standing for the same components."""
    around = {n.id: _neighbour_components(n.id, diagram, chosen) for n in diagram.nodes}
    candidates = [(n.id, row) for n, row in zip(diagram.nodes, rows, strict=True) if row and max(row.values()) >= floor]
    groups: list[list[str]] = []
    for index, (node, row) in enumerate(candidates):
        for other, other_row in candidates[index + 1 :]:
            if _alike(row, other_row) and around[node] and around[node] == around[other]:
                group = next((g for g in groups if node in g or other in g), None)
                if group is None:
                    groups.append([node, other])
                else:
                    group.extend(n for n in (node, other) if n not in group)
    return groups


def _alike(row: dict[str, float], other: dict[str, float]) -> bool:
    return all(abs(row.get(c, 0.0) - other.get(c, 0.0)) <= SAME for c in {*row, *other})


def _neighbour_components(node_id: str, diagram: Diagram, chosen: dict[str, list[str]]) -> frozenset[str]:
    ends = {e.target for e in diagram.edges if e.source == node_id} | {
        e.source for e in diagram.edges if e.target == node_id
    }
    return frozenset(c for other in ends - {node_id} for c in chosen[other])
