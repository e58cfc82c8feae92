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


def entries_and_exits(arcs: Arcs, present: list[str]) -> tuple[list[str], list[str]]:
    """Among ``present``: where the reference flow starts (nothing flows into them) and where it ends (they
    flow into nothing). A member of a feedback loop is neither: a loop has no start or end of its own, and
    whether it closes is the loop check's to say, so stages are judged across loops, never inside one."""
    fed = {t for s, targets in arcs.items() for t in targets if t != s}
    entries = [n for n in present if n not in fed]
    exits = [n for n in present if not arcs.get(n, set()) - {n}]
    return entries, exits
