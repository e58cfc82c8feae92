"""Excalidraw's JSON export (``.excalidraw``) read as a graph.

Read: ``rectangle``, ``ellipse`` and ``diamond`` elements are boxes, labelled by the text bound to them
(``containerId`` on the text, ``boundElements`` on the shape); a ``text`` element with no container is a box
of its own when an arrow is bound to it (otherwise a title, a note or a legend, read only as a legend:
``engine/diagram/legend.py``); an ``arrow`` is an edge
between the elements its ``startBinding`` and ``endBinding`` name, labelled by the text bound to it,
pointing the way its arrowheads do; a ``frame`` is a group. Deleted elements (``isDeleted``) are skipped,
as are drawings that carry no structure (``line``, ``freedraw``, ``image``).
What cannot be read is an error naming the element id.
"""

from __future__ import annotations

import json
from typing import Any

from sdcoach.engine.diagram.graph import Diagram, Direction, Edge, Node
from sdcoach.engine.diagram.legend import with_legend
from sdcoach.errors import DiagramError

SHAPES = {"rectangle": "box", "ellipse": "circle", "diamond": "diamond"}
SKIPPED = {"line", "freedraw", "image", "selection", "embeddable", "iframe", "magicframe"}
KNOWN = {*SHAPES, "text", "arrow", "frame", *SKIPPED}


def read_excalidraw(text: str, source: str | None = None) -> Diagram:
    """The diagram an Excalidraw export draws; DiagramError names the element (or JSON line) at fault."""
    elements = _elements(text, source)
    labels = _bound_labels(elements, source)
    bound = {b.get("elementId") for e in elements if e["type"] == "arrow" for b in _bindings(e)}
    nodes = [_node(e, labels) for e in elements if _is_node(e, bound)]
    node_ids = {n.id for n in nodes}
    frames = {e["id"]: (_text_of(e) or e.get("name") or e["id"]) for e in elements if e["type"] == "frame"}
    edges = [_edge(e, labels, node_ids, source) for e in elements if e["type"] == "arrow"]
    free = [
        _raw_text(e) for e in elements if e["type"] == "text" and not e.get("containerId") and e["id"] not in node_ids
    ]
    diagram = Diagram(tuple(nodes), tuple(edges), "excalidraw", {str(k): str(v) for k, v in frames.items()})
    return with_legend(diagram, free)


def _elements(text: str, source: str | None) -> list[dict[str, Any]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise DiagramError(
            f"This is not JSON: {err.msg}.",
            path=source,
            line=err.lineno,
            column=err.colno,
            hint="Export the drawing from Excalidraw with 'Save to disk' (.excalidraw).",
        ) from err
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise DiagramError(
            "An Excalidraw export is a JSON object with an 'elements' list; this one has none.",
            path=source,
            line=1,
            hint="Export the drawing from Excalidraw with 'Save to disk'.",
        )
    elements: list[dict[str, Any]] = []
    for index, element in enumerate(document["elements"]):
        where = element.get("id") if isinstance(element, dict) and isinstance(element.get("id"), str) else None
        if not isinstance(element, dict) or where is None or not isinstance(element.get("type"), str):
            raise DiagramError(
                f"Element {index} of 'elements' has no string 'id' and 'type'.",
                path=source,
                element=where or f"#{index}",
            )
        if element["type"] not in KNOWN:
            raise DiagramError(
                f"Element type {element['type']!r} is not one sdcoach reads.",
                path=source,
                element=where,
                hint="Boxes are rectangles, ellipses or diamonds; links are arrows.",
            )
        if element.get("isDeleted") is not True:
            elements.append(element)
    return elements


def _raw_text(element: dict[str, Any]) -> str:
    """A text element's words with its line breaks (a legend may put one entry on each line)."""
    value = element.get("originalText") or element.get("text") or ""
    return value if isinstance(value, str) else ""


def _text_of(element: dict[str, Any]) -> str:
    return " ".join(_raw_text(element).split())


def _bound_labels(elements: list[dict[str, Any]], source: str | None) -> dict[str, str]:
    """Container id -> the text bound to it (a shape's label or an arrow's)."""
    ids = {e["id"] for e in elements}
    labels: dict[str, str] = {}
    for element in elements:
        container = element.get("containerId")
        if element["type"] != "text" or container is None:
            continue
        if not isinstance(container, str) or container not in ids:
            raise DiagramError(
                f"The text is bound to {container!r}, which is not in the drawing (or is deleted).",
                path=source,
                element=element["id"],
                hint="Unbind the text or restore its shape.",
            )
        labels[container] = " ".join(filter(None, [labels.get(container, ""), _text_of(element)]))
    return labels


def _bindings(arrow: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in (arrow.get("startBinding"), arrow.get("endBinding")) if isinstance(b, dict)]


def _is_node(element: dict[str, Any], bound: set[Any]) -> bool:
    """A shape, or a free text an arrow is bound to (other free text is a title or a note)."""
    if element["type"] == "text":
        return element.get("containerId") is None and element["id"] in bound
    return element["type"] in SHAPES


def _node(element: dict[str, Any], labels: dict[str, str]) -> Node:
    label = _text_of(element) if element["type"] == "text" else labels.get(element["id"], "")
    frame = element.get("frameId")
    return Node(element["id"], label, SHAPES.get(element["type"], "text"), frame if isinstance(frame, str) else None)


def _edge(element: dict[str, Any], labels: dict[str, str], node_ids: set[str], source: str | None) -> Edge:
    ends = []
    for key, side in (("startBinding", "start"), ("endBinding", "end")):
        binding = element.get(key)
        target = binding.get("elementId") if isinstance(binding, dict) else None
        if not isinstance(target, str):
            raise DiagramError(
                f"The arrow's {side} is not attached to a box.",
                path=source,
                element=element["id"],
                hint=f"Drag the arrow's {side} onto a shape so Excalidraw binds it.",
            )
        if target not in node_ids:
            raise DiagramError(
                f"The arrow's {side} is bound to {target!r}, which is not a box in the drawing.",
                path=source,
                element=element["id"],
                hint="Bind it to a rectangle, ellipse or diamond.",
            )
        ends.append(target)
    start_head, end_head = element.get("startArrowhead"), element.get("endArrowhead")
    if start_head and end_head:
        direction = Direction.BOTH
    elif start_head:  # drawn backwards: the head is at the start
        ends.reverse()
        direction = Direction.FORWARD
    else:
        direction = Direction.FORWARD if end_head else Direction.NONE
    style = {"dotted": "dotted", "dashed": "dotted"}.get(str(element.get("strokeStyle")), "solid")
    return Edge(ends[0], ends[1], labels.get(element["id"], ""), direction, style)
