"""The data flow drawn in plain text, for terminals that cannot show Mermaid."""

from __future__ import annotations

from sdcoach.content.schema import FlowMode
from sdcoach.engine.walkthrough import FlowDiagram

ARROWS = {FlowMode.SYNC: "──▶", FlowMode.STREAM: "══▶", FlowMode.ASYNC: "┄┄▶", FlowMode.BATCH: "┄┄▶"}
ARROW_LEGEND = "──▶ sync   ══▶ stream   ┄┄▶ async or batch"


def stage_layout(diagram: FlowDiagram) -> str:
    """Stages top to bottom, each a row of boxes, joined by downward arrows."""
    lines: list[str] = []
    for index, layer in enumerate(diagram.layers, start=1):
        boxes = "  ".join(f"[{diagram.names[node]}]" for node in layer)
        lines.append(f"{index:>2}  {boxes}")
        if index < len(diagram.layers):
            lines.append("     ▼")
    return "\n".join(lines)


def arrow_lines(diagram: FlowDiagram) -> list[tuple[str, str, str, str]]:
    """Each edge as (source name, arrow, target name, what it carries)."""
    return [(diagram.names[e.source], ARROWS[e.mode], diagram.names[e.target], e.carries) for e in diagram.edges]
