"""A diagram as scorecard evidence: every problem quoted with the version under the item it is about, what is drawn
counted, and a clean flow said so; a finding kind without an item would be lost, so every problem kind has one."""

from __future__ import annotations

from sdcoach.content.loader import load_library
from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.evidence import ITEM_OF, diagram_evidence
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.walkthrough import mermaid
from tests.fakes import overlap

FEATURE_STORE = load_library(None).get("feature-store")


def test_every_problem_kind_lands_under_an_item() -> None:
    assert {k for k in FindingKind if k.is_problem} == set(ITEM_OF)


def test_problems_are_quoted_with_the_version_under_their_items() -> None:
    text = "flowchart LR\n  kafka[Event bus] --> flink[Streaming feature engine] --> online[(Online store)]\n"
    check = check_diagram(read_mermaid(text), FEATURE_STORE, overlap, "We stream events.")
    evidence = diagram_evidence(check, 3)
    assert evidence.for_item("hld.components")[0] == "Diagram v3: draws 3 of 16 components."
    assert any("No box stands for Feature registry" in line for line in evidence.for_item("hld.components"))
    assert any("Streaming Infra team" in line for line in evidence.for_item("hld.cross_team"))
    assert all(line.startswith("Diagram v3: ") for _, line in evidence.lines)
    assert evidence.items[0] == "hld.components"


def test_a_clean_reference_flow_is_said_to_run_end_to_end() -> None:
    evidence = diagram_evidence(check_diagram(read_mermaid(mermaid(FEATURE_STORE)), FEATURE_STORE, overlap), 1)
    clean = "Diagram v1: the flows it draws run as the scenario's do, end to end."
    assert evidence.for_item("hld.data_flow") == (clean,)
    assert evidence.for_item("hld.components") == ("Diagram v1: draws 16 of 16 components.",)
