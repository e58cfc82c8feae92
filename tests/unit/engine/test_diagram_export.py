"""A read diagram written back as Mermaid: the same graph reads back, no label can leave its quotes, and a
check's findings are marked on the boxes and arrows they cite, with what is missing listed beside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.excalidraw import read_excalidraw
from sdcoach.engine.diagram.export import marked_mermaid, mermaid_label, to_mermaid
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.engine.diagram.graph import Diagram, Direction, Edge, Node
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.walkthrough import mermaid
from sdcoach.services.diagrams import read_diagram
from tests.diagram_files import excalidraw
from tests.fakes import overlap
from tests.unit.engine.test_diagram_check import feature_store, reference_with

SHAPED = """flowchart TD
    A[Box] --> B(Round)
    B -.->|async| C{Choice}
    C ==> D((Circle))
    D <--> E[(Store)]
    E --- F([Stadium])
    F -.- G[[Sub]]
    G === H{{Hex}}
    subgraph grp [The group]
      I>Flag] --> J[/Lean/]
    end
    J --> K[\\Back\\]
"""


def shape_of(diagram: Diagram) -> tuple[object, ...]:
    """The graph with node ids replaced by their labels (the export renumbers them, and writes a subgraph's boxes
    together, so a drawing whose frames interleave comes back in another order: the graph is the same)."""
    label = {n.id: n.label for n in diagram.nodes}
    nodes = tuple(sorted((n.label, n.shape, n.group is not None) for n in diagram.nodes))
    edges = tuple(
        sorted((label[e.source], label[e.target], e.label, e.direction.value, e.style) for e in diagram.edges)
    )
    return nodes, edges, tuple(diagram.groups.values())


def test_every_shape_link_and_group_reads_back_the_same() -> None:
    diagram = read_mermaid(SHAPED)
    again = read_mermaid(to_mermaid(diagram))
    assert shape_of(again) == shape_of(diagram)
    assert [e.direction for e in again.edges][3] is Direction.BOTH
    assert {e.style for e in again.edges} == {"solid", "dotted", "thick"}


def test_an_excalidraw_export_with_unsafe_ids_becomes_mermaid_with_fresh_ids() -> None:
    text = excalidraw([("box one!", "Kafka"), ("x:y", "Online store")], [("box one!", "x:y", "events")])
    exported = to_mermaid(read_excalidraw(text))
    assert exported.splitlines()[1:] == ['    n0["Kafka"]', '    n1["Online store"]', '    n0 -->|"events"| n1']


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_no_label_breaks_out_of_its_quotes_and_each_reads_back(label: str) -> None:
    flat = " ".join(label.split())
    diagram = Diagram((Node("a", flat or "x"), Node("b", "B")), (Edge("a", "b", flat),), "mermaid")
    text = to_mermaid(diagram)
    quoted = mermaid_label(flat)
    assert not re.search(r'[<>"`|%&]', quoted[1:-1])  # no quote, tag, Markdown string, comment or raw entity
    again = read_mermaid(text)
    assert [n.label for n in again.nodes] == [flat or "x", "B"]
    assert again.edges[0].label == flat


def test_an_injection_attempt_stays_one_label() -> None:
    attack = '"] --> evil["<img src=x onerror=alert(1)>"]\n%%{init: {"securityLevel": "loose"}}%%'
    text = to_mermaid(Diagram((Node("a", attack),), (), "mermaid"))
    assert len(text.splitlines()) == 2 and "<img" not in text and "%%" not in text
    assert read_mermaid(text).nodes[0].label == " ".join(attack.split())


def test_findings_are_marked_where_they_point_and_missing_things_listed_beside() -> None:
    text = reference_with(
        replace={"serving -.->|": "feature_logger -.->|", "| feature_logger": "| serving"},
        drop=("deletion_service",),
        add=("    serving --> offline_store", '    wiki["Team wiki"]'),
    )
    check = check_diagram(read_mermaid(text), feature_store(), overlap)
    marked = marked_mermaid(check)
    lines = marked.mermaid.splitlines()
    ids = {n.id: f"n{i}" for i, n in enumerate(check.diagram.nodes)}
    assert f"    class {ids['wiki']} unmatched" in lines
    reversed_at = [
        i for i, e in enumerate(check.diagram.edges) if (e.source, e.target) == ("feature_logger", "serving")
    ]
    extra_at = [i for i, e in enumerate(check.diagram.edges) if (e.source, e.target) == ("serving", "offline_store")]
    assert any(line.startswith(f"    linkStyle {reversed_at[0]} stroke:#dc2626") for line in lines)
    assert any(line.startswith(f"    linkStyle {extra_at[0]} stroke:#d97706") for line in lines)
    assert set(marked.marks) == {"unmatched", "edge_reversed", "edge_extra"}
    beside = {f.kind for f in marked.beside}
    assert FindingKind.COMPONENT_MISSING in beside and FindingKind.EDGE_REVERSED not in beside
    assert len(read_mermaid(marked.mermaid).nodes) == len(check.diagram.nodes)  # nothing invented


def test_merged_boxes_are_marked_and_a_clean_reference_has_no_marks() -> None:
    clean = marked_mermaid(check_diagram(read_mermaid(mermaid(feature_store())), feature_store(), overlap))
    assert clean.marks == () and clean.beside == () and "classDef" not in clean.mermaid
    merged = reference_with(
        replace={"offline_store": "online_store", '"Online store"': '"Online store + offline store"'}
    )
    check = check_diagram(read_mermaid(merged), feature_store(), overlap)
    assert [f.where for f in check.findings if f.kind is FindingKind.COMPONENTS_MERGED] == ["online_store"]
    marked = marked_mermaid(check)
    assert "merged" in marked.marks and f"    class n{_index(check.diagram, 'online_store')} merged" in marked.mermaid


def _index(diagram: Diagram, node_id: str) -> int:
    return next(i for i, n in enumerate(diagram.nodes) if n.id == node_id)


DIAGRAMS = Path(__file__).parents[2] / "data" / "diagrams"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DIAGRAMS.rglob("*") if p.suffix in (".mmd", ".excalidraw")),
    ids=lambda p: str(p.relative_to(DIAGRAMS)),
)
def test_every_diagram_of_the_test_set_exports_to_mermaid_that_reads_back_as_the_same_graph(path: Path) -> None:
    diagram = read_diagram(path.read_text(encoding="utf-8"))
    nodes, edges, groups = shape_of(read_mermaid(to_mermaid(diagram)))
    expected_nodes, expected_edges, expected_groups = shape_of(diagram)
    assert (nodes, edges) == (expected_nodes, expected_edges)
    assert sorted(groups) == sorted(expected_groups)  # subgraphs come in the order of their first box
