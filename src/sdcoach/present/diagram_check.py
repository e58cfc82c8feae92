"""A diagram check as plain data (JSON), Markdown, and the candidate's arrows as the walkthrough draws them."""

from __future__ import annotations

from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.graph import Diagram, Direction, Edge

ARROWS = {"solid": "──▶", "thick": "══▶", "dotted": "┄┄▶"}
LINKS = {"solid": "───", "thick": "═══", "dotted": "┄┄┄"}


def arrow(edge: Edge) -> str:
    """The edge's arrow in text: its line style, its head (or heads)."""
    if edge.direction is Direction.FORWARD:
        return ARROWS[edge.style]
    line = LINKS[edge.style]
    return f"◀{line[1:-1]}▶" if edge.direction is Direction.BOTH else line


def candidate_arrows(diagram: Diagram) -> list[tuple[str, str, str, str]]:
    """Each edge as (source label, arrow, target label, its label)."""
    return [(diagram.node(e.source).label, arrow(e), diagram.node(e.target).label, e.label) for e in diagram.edges]


def check_payload(check: DiagramCheck) -> dict[str, object]:
    """The JSON form: the scenario, the findings, each box's components and the parsed graph."""
    return {
        "scenario": check.scenario,
        "problems": len(check.problems),
        "findings": [
            {
                "kind": f.kind.value,
                "where": f.where,
                "expected": f.expected,
                "message": f.message,
                "components": list(f.components),
                "is_problem": f.kind.is_problem,
            }
            for f in check.findings
        ],
        "matches": {node: list(comps) for node, comps in check.matching.components_of.items()},
        "graph": check.diagram.as_dict(),
    }


def check_markdown(check: DiagramCheck) -> str:
    """The check in Markdown: the problems, what is drawn well, and the candidate's graph as arrows."""
    lines = [f"# Diagram check against `{check.scenario}`", ""]
    lines += [f"{len(check.problems)} problem(s) found.", "", "## Problems", ""]
    lines += [f"- **{f.kind.value}** at `{f.where}`: {f.message} Expected: {f.expected}." for f in check.problems]
    lines += ["", "## Drawn", ""]
    lines += [f"- {f.message}" for f in check.findings if not f.kind.is_problem]
    lines += ["", "## Your diagram", ""]
    lines += [f"- {s} {a} {t}" + (f" ({label})" if label else "") for s, a, t, label in candidate_arrows(check.diagram)]
    return "\n".join(lines) + "\n"
