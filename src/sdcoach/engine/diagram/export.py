"""A read diagram (Mermaid or Excalidraw) written back as Mermaid flowchart text, with a check's findings marked.

Boxes and arrows keep their order; each gets a fresh id (``n0``, ``n1``, ...; groups ``g0``, ...) because an
Excalidraw id, or anything a person typed, is not safe Mermaid. Every label is quoted with the characters that
could end the quote, start a Markdown string, open a comment or an entity, or make HTML written as Mermaid
entity codes (``#quot;``, ``#lt;``, ``#35;``...), so no label can break out of its box or inject markup: the
browser's Mermaid draws them as text, and sdcoach's own reader reads the same label back.

Marked: boxes standing for nothing, boxes holding several components and single points of failure get a class;
arrows drawn the wrong way or with no flow in the scenario get a line style. What is missing (components, flows,
stages, loops) is never invented as a box: it is listed beside the drawing (``MarkedDiagram.beside``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.engine.diagram.graph import Diagram, Direction, Edge, Node

# Mermaid's shape brackets for each shape the readers give (Excalidraw's ellipse reads as "circle").
BRACKETS = {
    "box": ("[", "]"),
    "round": ("(", ")"),
    "diamond": ("{", "}"),
    "circle": ("((", "))"),
    "cylinder": ("[(", ")]"),
    "stadium": ("([", "])"),
    "subroutine": ("[[", "]]"),
    "hexagon": ("{{", "}}"),
    "flag": (">", "]"),
    "parallelogram": ("[/", "/]"),
    "parallelogram_alt": ("[\\", "\\]"),
}
LINES = {"solid": ("---", "-->"), "thick": ("===", "==>"), "dotted": ("-.-", "-.->")}  # (no head, head)
# Written as entity codes: these end a quoted label, open an entity or a comment, start a Markdown string,
# split an edge label, or read as HTML.
ENTITIES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;", "%": "#37;"}
UNSAFE = re.compile("[" + re.escape("".join(ENTITIES)) + "]")
NODE_CLASSES = {
    FindingKind.NODE_UNMATCHED: "unmatched",
    FindingKind.COMPONENTS_MERGED: "merged",
    FindingKind.SINGLE_POINT_OF_FAILURE: "spof",
}
# Colours that read on the light and the dark theme; the dash patterns carry the meaning without colour.
CLASS_STYLES = {
    "unmatched": "stroke:#6b7280,stroke-width:2px,stroke-dasharray:6 4",
    "merged": "stroke:#7c3aed,stroke-width:4px,stroke-dasharray:2 3",
    "spof": "stroke:#dc2626,stroke-width:4px",
}
EDGE_STYLES = {
    FindingKind.EDGE_REVERSED: "stroke:#dc2626,stroke-width:4px",
    FindingKind.EDGE_EXTRA: "stroke:#d97706,stroke-width:3px,stroke-dasharray:8 4",
}


@dataclass(frozen=True)
class MarkedDiagram:
    """Mermaid text with the findings marked, the marks it uses, and the problems that have no box or arrow."""

    mermaid: str
    marks: tuple[str, ...]  # class names and finding kinds (edge_reversed, edge_extra) drawn
    beside: tuple[Finding, ...]


def mermaid_label(text: str) -> str:
    """A label as quoted Mermaid text that can neither end its quote nor carry markup."""
    flat = " ".join(text.split())
    return '"' + UNSAFE.sub(lambda m: ENTITIES[m.group(0)], flat) + '"'


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid flowchart (left to right), nothing marked."""
    return "\n".join(_body(diagram, _ids(diagram))) + "\n"


def marked_mermaid(check: DiagramCheck) -> MarkedDiagram:
    """The checked diagram as Mermaid with its findings marked, and the problems to list beside it."""
    diagram = check.diagram
    ids = _ids(diagram)
    lines = _body(diagram, ids)
    by_class: dict[str, list[str]] = {}
    by_kind: dict[FindingKind, list[int]] = {}
    beside: list[Finding] = []
    for finding in check.findings:
        if finding.kind in NODE_CLASSES and finding.where in ids:
            by_class.setdefault(NODE_CLASSES[finding.kind], []).append(ids[finding.where])
        elif finding.kind in EDGE_STYLES and (indices := _edges_at(diagram.edges, finding.where)):
            by_kind.setdefault(finding.kind, []).extend(indices)
        elif finding.kind.is_problem:
            beside.append(finding)
    for name, members in by_class.items():
        lines += [f"    classDef {name} {CLASS_STYLES[name]}", f"    class {','.join(dict.fromkeys(members))} {name}"]
    for kind, indices in by_kind.items():
        lines.append(f"    linkStyle {','.join(str(i) for i in sorted(set(indices)))} {EDGE_STYLES[kind]}")
    marks = (*by_class, *(k.value for k in by_kind))
    return MarkedDiagram("\n".join(lines) + "\n", marks, tuple(beside))


def _ids(diagram: Diagram) -> dict[str, str]:
    return {node.id: f"n{index}" for index, node in enumerate(diagram.nodes)}


def _body(diagram: Diagram, ids: dict[str, str]) -> list[str]:
    """The header, the boxes in their order (a group's boxes together, where its first box was) and the arrows."""
    lines = ["flowchart LR"]
    group_ids = {group: f"g{index}" for index, group in enumerate(diagram.groups)}
    drawn: set[str] = set()
    for node in diagram.nodes:
        if node.group not in group_ids:
            lines.append(_node(node, ids))
        elif node.group not in drawn:
            drawn.add(node.group)
            lines.append(f"    subgraph {group_ids[node.group]}[{mermaid_label(diagram.groups[node.group])}]")
            lines += ["    " + _node(n, ids) for n in diagram.nodes if n.group == node.group]
            lines.append("    end")
    return lines + [_edge(e, ids) for e in diagram.edges]


def _node(node: Node, ids: dict[str, str]) -> str:
    opening, closing = BRACKETS.get(node.shape, BRACKETS["box"])
    return f"    {ids[node.id]}{opening}{mermaid_label(node.label or node.id)}{closing}"


def _edge(edge: Edge, ids: dict[str, str]) -> str:
    plain, headed = LINES.get(edge.style, LINES["solid"])
    link = {Direction.FORWARD: headed, Direction.BOTH: "<" + headed}.get(edge.direction, plain)
    label = f"|{mermaid_label(edge.label)}|" if edge.label else ""
    return f"    {ids[edge.source]} {link}{label} {ids[edge.target]}"


def _edges_at(edges: tuple[Edge, ...], where: str) -> list[int]:
    """The indices of the arrows a finding's ``where`` ('source -> target', node ids) names."""
    source, arrow, target = where.partition(" -> ")
    if not arrow:
        return []
    return [i for i, e in enumerate(edges) if (e.source, e.target) == (source, target)]
