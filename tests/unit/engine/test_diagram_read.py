"""Reading diagrams: the Mermaid subset and Excalidraw's export become the same graph; what cannot be read
names the line and column or the element."""

from __future__ import annotations

import json

import pytest

from sdcoach.engine.diagram.excalidraw import read_excalidraw
from sdcoach.engine.diagram.graph import Direction
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.errors import DiagramError
from tests.diagram_files import excalidraw

MERMAID = """%% the candidate's sketch
flowchart LR
    A["Kafka #quot;bus#quot;"] -->|"events (stream)"| B(Flink jobs)
    B -- upserts --> C[(Redis online cache)]
    C <--> D{{Serving}} & E((Ranker))
    subgraph train [Training side]
      direction TB
      F([Trainer]) -.-> G[[Registry]]
    end
    subgraph Offline stuff
      H[/Lake/] ==> F;
      H --- A
    end
    D -. logs .-> A
    classDef hot fill:#f00
    style A fill:#f00
"""


def test_mermaid_reads_shapes_labels_links_chains_groups_and_comments() -> None:
    diagram = read_mermaid(MERMAID)
    labels = {n.id: (n.label, n.shape, n.group) for n in diagram.nodes}
    assert labels["A"] == ('Kafka "bus"', "box", None)
    assert labels["C"] == ("Redis online cache", "cylinder", None)
    assert labels["F"] == ("Trainer", "stadium", "train")
    assert labels["H"] == ("Lake", "parallelogram", "Offline stuff")
    edges = {(e.source, e.target): e for e in diagram.edges}
    assert edges[("A", "B")].label == "events (stream)"
    assert edges[("B", "C")].label == "upserts"
    assert edges[("C", "D")].direction is Direction.BOTH and ("C", "E") in edges
    assert edges[("F", "G")].style == "dotted" and edges[("H", "F")].style == "thick"
    assert edges[("H", "A")].direction is Direction.NONE
    assert edges[("D", "A")].label == "logs" and edges[("D", "A")].style == "dotted"
    assert diagram.groups == {"train": "Training side", "Offline stuff": "Offline stuff"}


def test_a_chain_links_each_step_and_a_bare_node_takes_a_later_label() -> None:
    diagram = read_mermaid("graph TD\n  a --> b --> c\n  b[Broker]\n")
    assert [(e.source, e.target) for e in diagram.edges] == [("a", "b"), ("b", "c")]
    assert diagram.node("b").label == "Broker"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("flowchart LR\n  A[oops --> B\n", 2, 5),
        ("flowchart LR\nA -->\n", 2, 3),
        ("A --> B\n", 1, 1),
        ("flowchart LR\n  end\n", 2, 1),
        ("flowchart LR\nA --> B -->|x C\n", 2, 13),
    ],
)
def test_mermaid_errors_name_the_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(DiagramError) as caught:
        read_mermaid(text, "sketch.mmd")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert str(caught.value).startswith(f"sketch.mmd:{line}")


def test_an_unclosed_subgraph_is_named() -> None:
    with pytest.raises(DiagramError, match="'serving' is never closed"):
        read_mermaid("flowchart LR\nsubgraph serving\n  A --> B\n")


def test_excalidraw_reads_bound_text_arrows_and_skips_deleted_elements_and_notes() -> None:
    document = json.loads(excalidraw([("k", "Kafka"), ("f", "Flink jobs")], [("k", "f", "events")]))
    document["elements"].append({"id": "gone", "type": "rectangle", "isDeleted": True})
    document["elements"].append({"id": "title", "type": "text", "text": "Feature store v2", "containerId": None})
    document["elements"].append({"id": "user", "type": "text", "text": "Ranker", "containerId": None})
    document["elements"].append(
        {
            "id": "a2",
            "type": "arrow",
            "endArrowhead": "arrow",
            "startBinding": {"elementId": "user"},
            "endBinding": {"elementId": "k"},
        }
    )
    diagram = read_excalidraw(json.dumps(document))
    assert [(n.id, n.label, n.shape) for n in diagram.nodes] == [
        ("k", "Kafka", "box"),
        ("f", "Flink jobs", "box"),
        ("user", "Ranker", "text"),
    ]
    assert [(e.source, e.target, e.label, e.direction) for e in diagram.edges] == [
        ("k", "f", "events", Direction.FORWARD),
        ("user", "k", "", Direction.FORWARD),
    ]


def test_an_arrow_drawn_backwards_points_the_way_its_head_does() -> None:
    document = json.loads(excalidraw([("a", "A"), ("b", "B")], [("a", "b", "")]))
    arrow = document["elements"][-1]
    arrow["startArrowhead"], arrow["endArrowhead"] = "arrow", None
    assert [(e.source, e.target) for e in read_excalidraw(json.dumps(document)).edges] == [("b", "a")]


@pytest.mark.parametrize(
    ("change", "element"),
    [
        (lambda els: els[-1].update(endBinding=None), "arrow-0"),
        (lambda els: els[-1].update(startBinding={"elementId": "ghost"}), "arrow-0"),
        (lambda els: els[1].update(containerId="ghost"), "a-text"),
        (lambda els: els.append({"id": "pic", "type": "sticker"}), "pic"),
        (lambda els: els.append({"type": "rectangle"}), "#5"),
    ],
)
def test_excalidraw_errors_name_the_element(change: object, element: str) -> None:
    document = json.loads(excalidraw([("a", "A"), ("b", "B")], [("a", "b", "")]))
    change(document["elements"])  # type: ignore[operator]
    with pytest.raises(DiagramError) as caught:
        read_excalidraw(json.dumps(document), "board.excalidraw")
    assert caught.value.element == element


def test_json_that_is_not_an_export_is_refused_with_its_line() -> None:
    with pytest.raises(DiagramError) as caught:
        read_excalidraw('{\n "elements": [1,\n}', "board.excalidraw")
    assert caught.value.line == 3
    with pytest.raises(DiagramError, match="'elements' list"):
        read_excalidraw('{"type": "excalidraw"}')
