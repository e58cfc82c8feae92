"""Mermaid flowchart text read as a graph, statement by statement, with a Lark grammar (lark is imported lazily).

The subset read: a ``flowchart`` or ``graph`` header with an optional direction; nodes as a bare id or with a
label in any of the shapes ``[ ]``, ``( )``, ``{ }``, ``(( ))``, ``[( )]``, ``([ ])``, ``[[ ]]``, ``{{ }}``,
``> ]``, ``[/ /]``, ``[\\ \\]`` (a label may be quoted, ``<br>`` reads as a space and entity codes such as
``#quot;`` or ``#35;`` as their characters);
links ``-->``, ``---``, ``-.->``, ``-.-``, ``==>``, ``===``, ``--o``, ``--x``, ``<-->`` (any length), each with
an optional label as ``-->|text|`` or ``-- text -->``; chains (``A --> B --> C``) and ``&`` groups;
``subgraph id [title]`` / ``subgraph title`` ... ``end`` (nested); ``direction`` inside a subgraph; ``%%``
comments (read only as a legend, ``engine/diagram/legend.py``, as is a box no arrow touches);
a trailing ``;``. Lines starting ``classDef``, ``class``, ``style``, ``linkStyle`` or ``click`` are
skipped. Anything else is an error naming the line and column.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from sdcoach.engine.diagram.graph import Diagram, Direction, Edge, Node
from sdcoach.engine.diagram.legend import with_legend
from sdcoach.engine.diagram.mermaid_grammar import GRAMMAR
from sdcoach.errors import DiagramError

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

ENTITY = re.compile(r"#([0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
SKIPPED = re.compile(r"^\s*(classDef|class|style|linkStyle|click)\b")
SHAPES = {
    "subgraph_titled",
    "box",
    "round",
    "diamond",
    "circle",
    "cylinder",
    "stadium",
    "subroutine",
    "hexagon",
    "flag",
    "parallelogram",
    "parallelogram_alt",
}


@cache
def _parser() -> Lark:
    from lark import Lark

    return Lark(GRAMMAR, parser="lalr", lexer="contextual", propagate_positions=False)


class _Builder:
    """Collects nodes, edges and subgraphs as the statements are read."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.groups: dict[str, str] = {}
        self.open_groups: list[str] = []
        self.opened_at: list[int] = []

    def node(self, node_id: str, label: str | None, shape: str) -> str:
        group = self.open_groups[-1] if self.open_groups else None
        known = self.nodes.get(node_id)
        if known is None:
            self.nodes[node_id] = Node(node_id, label if label is not None else node_id, shape, group)
        elif label is not None:  # a later statement may give a node first seen bare its label
            self.nodes[node_id] = Node(node_id, label, shape, known.group)
        return node_id


def read_mermaid(text: str, source: str | None = None) -> Diagram:
    """The diagram a Mermaid flowchart draws; DiagramError names the line and column of what cannot be read."""
    from lark.exceptions import UnexpectedInput

    builder = _Builder()
    seen_header = False
    comments: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "%%" in raw:
            comments.append(raw.split("%%", 1)[1])
        line = _statement_text(raw)
        if not line or SKIPPED.match(line):
            continue
        try:
            tree = _parser().parse(line)
        except UnexpectedInput as err:
            raise _syntax_error(line, raw, number, err, source) from err
        kind = tree.data if not isinstance(tree, str) else "end"
        if not seen_header:
            if kind != "header":
                raise DiagramError(
                    "A Mermaid flowchart starts with 'flowchart LR' (or TD, or 'graph ...').",
                    path=source,
                    line=number,
                    column=1,
                    hint="Add the header as the first line.",
                )
            seen_header = True
            continue
        _apply(builder, tree, number, source)
    return with_legend(_finish(builder, seen_header, source), ["\n".join(comments)])


def _statement_text(raw: str) -> str:
    line = raw.split("%%", 1)[0].strip()
    return line[:-1].rstrip() if line.endswith(";") else line


def _apply(builder: _Builder, tree: Tree[Token] | Token, number: int, source: str | None) -> None:
    from lark import Token

    if isinstance(tree, Token):  # 'end'
        if not builder.open_groups:
            raise DiagramError("'end' closes no subgraph.", path=source, line=number, column=1)
        builder.open_groups.pop()
        builder.opened_at.pop()
        return
    if tree.data == "header":
        raise DiagramError(
            "A second flowchart header.", path=source, line=number, column=1, hint="A file holds one diagram."
        )
    if tree.data.startswith("subgraph"):
        group_id, title = _subgraph(tree)
        builder.groups[group_id] = title
        builder.open_groups.append(group_id)
        builder.opened_at.append(number)
    elif tree.data == "chain":
        _chain(builder, tree)


def _finish(builder: _Builder, seen_header: bool, source: str | None) -> Diagram:
    if not seen_header:
        raise DiagramError(
            "This file holds no Mermaid flowchart.",
            path=source,
            line=1,
            column=1,
            hint="Start it with 'flowchart LR' and draw boxes and arrows below.",
        )
    if builder.open_groups:
        raise DiagramError(
            f"The subgraph {builder.open_groups[-1]!r} is never closed.",
            path=source,
            line=builder.opened_at[-1],
            column=1,
            hint="Add a line 'end' after its last node.",
        )
    return Diagram(tuple(builder.nodes.values()), tuple(builder.edges), "mermaid", dict(builder.groups))


def _subgraph(tree: Tree[Token]) -> tuple[str, str]:
    parts = tree.children
    if tree.data == "subgraph_quoted":
        title = _clean(str(parts[1]))
        return title, title
    if tree.data == "subgraph_words":
        title = " ".join(str(p) for p in parts[1:])
        return title, title
    group_id = str(parts[1])
    shape = parts[2] if len(parts) > 2 else None
    return group_id, _clean(str(shape.children[0])) if shape is not None else group_id  # type: ignore[union-attr]


def _chain(builder: _Builder, tree: Tree[Token]) -> None:
    previous: list[str] | None = None
    pending: dict[str, Any] | None = None
    for child in tree.children:
        if getattr(child, "data", None) == "group":
            ids = [_node(builder, n) for n in child.children]  # type: ignore[union-attr]
            if previous is not None and pending is not None:
                for source_id in previous:
                    for target_id in ids:
                        builder.edges.append(Edge(source_id, target_id, **pending))
            previous = ids
        else:
            pending = _link(child)  # type: ignore[arg-type]


def _node(builder: _Builder, tree: Any) -> str:
    node_id = str(tree.children[0])
    shape = tree.children[1] if len(tree.children) > 1 else None
    if shape is None:
        return builder.node(node_id, None, "box")
    return builder.node(node_id, _clean(str(shape.children[0])), str(shape.data))


def _link(tree: Tree[Token]) -> dict[str, Any]:
    tokens = [c for c in tree.children if hasattr(c, "type")]
    arrow = str(tokens[-1])
    opener = str(tokens[0])
    label = ""
    if len(tokens) == 3:  # -- text -->
        label = str(tokens[1])
    for child in tree.children:
        if getattr(child, "data", None) == "pipe_text":
            label = str(child.children[0])  # type: ignore[union-attr]
    head = arrow[-1] in ">ox"
    direction = Direction.BOTH if opener.startswith("<") else (Direction.FORWARD if head else Direction.NONE)
    style = "dotted" if "." in arrow else ("thick" if "=" in arrow else "solid")
    return {"label": _clean(label), "direction": direction, "style": style}


def _clean(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    text = ENTITY.sub(_entity, re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE))
    return " ".join(text.split())


def _entity(match: re.Match[str]) -> str:
    """Mermaid's entity codes, as its renderer reads them: ``#quot;``, ``#lt;``, ``#35;`` (unknown names stay)."""
    name = match.group(1)
    if name.isdigit():
        code = int(name)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else match.group(0)
    return html.unescape(f"&{name};") if html.unescape(f"&{name};") != f"&{name};" else match.group(0)


def _syntax_error(line: str, raw: str, number: int, err: Any, source: str | None) -> DiagramError:
    column = (raw.find(line) if line in raw else 0) + int(getattr(err, "column", 1) or 1)
    near = line[max(0, err.column - 1) : err.column + 11] if getattr(err, "column", None) else ""
    return DiagramError(
        f"Mermaid cannot be read here{f' (near {near!r})' if near else ''}: this reader takes nodes like "
        "A[Label], links like A --> B or A -->|text| B, subgraph ... end and %% comments.",
        path=source,
        line=number,
        column=column,
    )
