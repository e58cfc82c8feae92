"""The labelled diagram set (tests/data/diagrams/set, issue 20) stays sound: every label file's entry names a
diagram that exists and parses, components that the scenario has, and edges that agree with its data flow, so a
precision and recall measured against it measures the checker, not typos in the labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sdcoach.content.loader import load_library
from sdcoach.services.diagrams import read_diagram

SET = Path(__file__).parents[2] / "data" / "diagrams" / "set"
LIBRARY = load_library(None)
KINDS = {
    "component_missing",
    "components_merged",
    "edge_missing",
    "edge_reversed",
    "edge_extra",
    "stage_disconnected",
    "loop_open",
    "single_point_of_failure",
    "off_topic",
}
ONE_COMPONENT = {"component_missing", "stage_disconnected", "loop_open", "single_point_of_failure"}
ENTRIES = [entry for path in sorted(SET.glob("labels-*.yaml")) for entry in yaml.safe_load(path.read_text("utf-8"))]


def _edge(text: str) -> tuple[str, str]:
    source, target = (end.strip() for end in text.split("->"))
    return source, target


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_a_labelled_diagram_parses_and_names_only_what_its_scenario_has(entry: dict[str, Any]) -> None:
    scenario = LIBRARY.get(entry["scenario"])
    ids = {c.id for c in scenario.components}
    flows = {(f.source, f.target) for f in scenario.data_flow}
    path = SET / entry["file"]
    diagram = read_diagram(path.read_text("utf-8"), str(path))
    assert 6 <= len(diagram.nodes) <= 25, len(diagram.nodes)  # what a candidate draws in a round (the briefs: 6-25)
    assert set(entry["present"]) <= ids, set(entry["present"]) - ids
    if "notes" in entry:
        assert (SET / entry["notes"]).is_file()
    for finding in entry["findings"]:
        kind = finding["kind"]
        assert kind in KINDS, finding
        if kind in ONE_COMPONENT:
            assert finding["component"] in ids, finding
        if kind == "component_missing":
            assert finding["component"] not in entry["present"], finding
        if kind == "components_merged":
            assert len(finding["components"]) > 1 and set(finding["components"]) <= set(entry["present"]), finding
        if kind in ("edge_missing", "edge_reversed"):
            assert _edge(finding["edge"]) in flows, finding
        if kind == "edge_extra":
            source, target = _edge(finding["edge"])
            assert {source, target} <= ids and (source, target) not in flows, finding
        if kind == "single_point_of_failure":
            assert "notes" in entry, finding
        if kind == "off_topic":
            assert entry["findings"] == [finding], "an off-topic diagram lists nothing else"


def test_the_set_has_labelled_diagrams_in_both_formats() -> None:
    suffixes = {Path(e["file"]).suffix for e in ENTRIES}
    assert suffixes == {".mmd", ".excalidraw"}, suffixes
