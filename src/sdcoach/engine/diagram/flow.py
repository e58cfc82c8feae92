"""Reachability over component graphs: what reaches what, the loops, and where the flow starts and ends."""

from __future__ import annotations

from collections.abc import Iterable

Arcs = dict[str, set[str]]


def arcs_of(nodes: Iterable[str], pairs: Iterable[tuple[str, str]]) -> Arcs:
    """Adjacency sets from (source, target) pairs."""
    arcs: Arcs = {n: set() for n in nodes}
    for source, target in pairs:
        arcs.setdefault(source, set()).add(target)
        arcs.setdefault(target, set())
    return arcs


def reach(arcs: Arcs) -> Arcs:
    """For each node, every node a path of one or more arcs leads to."""
    result: Arcs = {}
    for start in arcs:
        seen: set[str] = set()
        stack = list(arcs[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(arcs.get(node, ()))
        result[start] = seen
    return result


def loops(reached: Arcs) -> list[frozenset[str]]:
    """The strongly connected groups of more than one node (the data flow's feedback loops)."""
    groups: list[frozenset[str]] = []
    for node, ahead in reached.items():
        group = frozenset({node} | {m for m in ahead if node in reached[m]})
        if len(group) > 1 and group not in groups:
            groups.append(group)
    return groups


def same_loop(reached: Arcs, a: str, b: str) -> bool:
    """Whether two nodes reach each other."""
    return b in reached.get(a, set()) and a in reached.get(b, set())


def entries_and_exits(reached: Arcs, present: list[str]) -> tuple[list[str], list[str]]:
    """Among ``present``: those nothing else present leads into (outside their own loop), and those that lead
    to nothing else present."""
    entries = [n for n in present if not any(n in reached[p] and not same_loop(reached, n, p) for p in present)]
    exits = [n for n in present if not any(p in reached[n] and not same_loop(reached, n, p) for p in present)]
    return entries, exits
