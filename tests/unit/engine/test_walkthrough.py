"""The walkthrough's sections resolve from forgiving names and the data flow lays out left to right."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sdcoach.content.schema import Scenario
from sdcoach.engine.walkthrough import Section, flow_diagram, mermaid, section_named
from sdcoach.errors import UnknownNameError

DATA = Path(__file__).parents[2] / "data"


def scenario_with_edges(edges: list[tuple[str, str]]) -> Scenario:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    ids = sorted({end for edge in edges for end in edge})
    data["components"] = [{"id": i, "name": i.upper(), "role": "a box"} for i in ids]
    data["data_flow"] = [{"source": s, "target": t, "carries": f"{s}->{t}", "mode": "sync"} for s, t in edges]
    data["apis"] = []
    return Scenario.model_validate(data)


def test_the_six_headings_are_the_brief_s() -> None:
    assert [s.heading for s in Section] == [
        "Requirements Clarification",
        "High-Level Design",
        "Scaling & Reliability Considerations",
        "Tradeoffs & Options",
        "Edge Cases / Failure Modes",
        "Influence / Communication Tips",
    ]


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("scaling", Section.SCALING),
        ("Scaling & Reliability Considerations", Section.SCALING),
        ("HLD", Section.HIGH_LEVEL_DESIGN),
        ("high level design", Section.HIGH_LEVEL_DESIGN),
        ("Edge Cases / Failure Modes", Section.FAILURE_MODES),
        ("failure", Section.FAILURE_MODES),
        ("requirements", Section.REQUIREMENTS),
        ("influence", Section.INFLUENCE),
        ("TRADEOFFS", Section.TRADEOFFS),
    ],
)
def test_sections_resolve_from_forgiving_names(name: str, section: Section) -> None:
    assert section_named(name) is section


def test_an_unknown_section_suggests_close_ones() -> None:
    with pytest.raises(UnknownNameError) as caught:
        section_named("scalling")
    assert "scaling" in caught.value.suggestions


def test_layers_follow_the_longest_path() -> None:
    diagram = flow_diagram(scenario_with_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]))
    assert diagram.layers == (("a",), ("b",), ("c",), ("d",))


def test_a_feedback_edge_does_not_break_the_layout() -> None:
    diagram = flow_diagram(scenario_with_edges([("a", "b"), ("b", "c"), ("c", "a")]))
    assert diagram.layers == (("a",), ("b",), ("c",))
    assert len(diagram.edges) == 3


def test_mermaid_draws_every_component_and_edge() -> None:
    scenario = scenario_with_edges([("a", "b"), ("b", "c")])
    text = mermaid(scenario)
    assert text.startswith("flowchart LR")
    assert 'a["A"]' in text and 'c["C"]' in text
    assert text.count("-->") == 2
    assert '|"a->b (sync)"|' in text
