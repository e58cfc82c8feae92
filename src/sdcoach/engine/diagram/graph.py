"""The diagram as read: boxes with labels and shapes, arrows between them, the subgraph each box sits in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Direction(StrEnum):
    """Which way an edge points; values are stable (they appear in the JSON output)."""

    FORWARD = "forward"  # A --> B
    BOTH = "both"  # A <--> B
    NONE = "none"  # A --- B: a link without a direction


@dataclass(frozen=True)
class Node:
    """A box: its id in the source, the text on it, its shape and the group (subgraph) it was drawn in."""

    id: str
    label: str
    shape: str = "box"
    group: str | None = None


@dataclass(frozen=True)
class Edge:
    """An arrow from ``source`` to ``target`` (node ids), with its label and line style."""

    source: str
    target: str
    label: str = ""
    direction: Direction = Direction.FORWARD
    style: str = "solid"  # solid, dotted, thick


@dataclass(frozen=True)
class Diagram:
    """A whole diagram: nodes in the order first seen, edges in the order drawn, and the format it came from."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    source_format: str
    groups: dict[str, str] = field(default_factory=dict)  # group id -> title

    def node(self, node_id: str) -> Node:
        """The node with this id (every edge end is one)."""
        return next(n for n in self.nodes if n.id == node_id)

    def as_dict(self) -> dict[str, object]:
        """The graph as plain JSON-ready data (the ``graph`` key of ``sdcoach diagram check --format json``)."""
        return {
            "format": self.source_format,
            "nodes": [{"id": n.id, "label": n.label, "shape": n.shape, "group": n.group} for n in self.nodes],
            "edges": [
                {
                    "source": e.source,
                    "target": e.target,
                    "label": e.label,
                    "direction": e.direction.value,
                    "style": e.style,
                }
                for e in self.edges
            ],
            "groups": dict(self.groups),
        }
