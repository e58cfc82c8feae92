"""The walkthrough: the brief's six sections of a scenario, and its data flow laid out as a diagram."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from sdcoach.content.names import closest
from sdcoach.content.schema import DataFlow, FlowMode, Scenario
from sdcoach.errors import UnknownNameError


class Section(StrEnum):
    """The six sections of the brief's output format, in order; values are stable ids."""

    REQUIREMENTS = "requirements"
    HIGH_LEVEL_DESIGN = "high-level-design"
    SCALING = "scaling"
    TRADEOFFS = "tradeoffs"
    FAILURE_MODES = "failure-modes"
    INFLUENCE = "influence"

    @property
    def heading(self) -> str:
        """The heading exactly as the brief writes it."""
        return _HEADINGS[self]


_HEADINGS = {
    Section.REQUIREMENTS: "Requirements Clarification",
    Section.HIGH_LEVEL_DESIGN: "High-Level Design",
    Section.SCALING: "Scaling & Reliability Considerations",
    Section.TRADEOFFS: "Tradeoffs & Options",
    Section.FAILURE_MODES: "Edge Cases / Failure Modes",
    Section.INFLUENCE: "Influence / Communication Tips",
}

_ALIASES = {
    "req": Section.REQUIREMENTS,
    "requirements-clarification": Section.REQUIREMENTS,
    "questions": Section.REQUIREMENTS,
    "hld": Section.HIGH_LEVEL_DESIGN,
    "design": Section.HIGH_LEVEL_DESIGN,
    "scale": Section.SCALING,
    "scaling-reliability": Section.SCALING,
    "scaling-reliability-considerations": Section.SCALING,
    "reliability": Section.SCALING,
    "tradeoffs-options": Section.TRADEOFFS,
    "tradeoff": Section.TRADEOFFS,
    "failure": Section.FAILURE_MODES,
    "failures": Section.FAILURE_MODES,
    "edge-cases": Section.FAILURE_MODES,
    "edge-cases-failure-modes": Section.FAILURE_MODES,
    "communication": Section.INFLUENCE,
    "influence-communication-tips": Section.INFLUENCE,
    "pitch": Section.INFLUENCE,
}


def section_named(name: str) -> Section:
    """A section from a forgiving name: its id, its heading, or a short alias, any case."""
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for section in Section:
        if key in (section.value, re.sub(r"[^a-z0-9]+", "-", section.heading.lower()).strip("-")):
            return section
    if key in _ALIASES:
        return _ALIASES[key]
    known = [s.value for s in Section]
    raise UnknownNameError("section", name, closest(key, known + list(_ALIASES)), known)


@dataclass(frozen=True)
class FlowDiagram:
    """The data flow as layers (left to right) and the edges between named boxes."""

    layers: tuple[tuple[str, ...], ...]
    edges: tuple[DataFlow, ...]
    names: dict[str, str]


def flow_diagram(scenario: Scenario) -> FlowDiagram:
    """Lay the components out in layers by longest path from the sources; feedback edges are ignored for depth."""
    order = [c.id for c in scenario.components]
    forward = _forward_edges(order, scenario.data_flow)
    depth = dict.fromkeys(order, 0)
    for node in _topological(order, forward):
        for target in forward[node]:
            depth[target] = max(depth[target], depth[node] + 1)
    layers: dict[int, list[str]] = defaultdict(list)
    for node in order:
        layers[depth[node]].append(node)
    return FlowDiagram(
        layers=tuple(tuple(layers[d]) for d in sorted(layers)),
        edges=scenario.data_flow,
        names={c.id: c.name for c in scenario.components},
    )


def mermaid(scenario: Scenario) -> str:
    """The data flow as a Mermaid flowchart (left to right), one labelled arrow per edge."""
    lines = ["flowchart LR"]
    for component in scenario.components:
        lines.append(f'    {_node_id(component.id)}["{_mermaid_text(component.name)}"]')
    for edge in scenario.data_flow:
        arrow = "-.->" if edge.mode in (FlowMode.ASYNC, FlowMode.BATCH) else "-->"
        label = _mermaid_text(f"{edge.carries} ({edge.mode.value})")
        lines.append(f'    {_node_id(edge.source)} {arrow}|"{label}"| {_node_id(edge.target)}')
    return "\n".join(lines)


def _forward_edges(order: list[str], edges: tuple[DataFlow, ...]) -> dict[str, list[str]]:
    """Edges with those that close a cycle (found by depth-first search) dropped."""
    graph: dict[str, list[str]] = {node: [] for node in order}
    for edge in edges:
        graph[edge.source].append(edge.target)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    forward: dict[str, list[str]] = {node: [] for node in order}

    def visit(node: str) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                continue  # a back edge: feedback, not depth
            forward[node].append(target)
            if target not in state:
                visit(target)
        state[node] = 2

    sources = [n for n in order if not any(n in targets for targets in graph.values())]
    for node in sources + order:
        if node not in state:
            visit(node)
    return forward


def _topological(order: list[str], forward: dict[str, list[str]]) -> list[str]:
    indegree = dict.fromkeys(order, 0)
    for targets in forward.values():
        for target in targets:
            indegree[target] += 1
    ready = [n for n in order if indegree[n] == 0]
    result: list[str] = []
    while ready:
        node = ready.pop(0)
        result.append(node)
        for target in forward[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return result


def _node_id(component_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", component_id)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")
