"""`sdcoach diagram check` end to end with the shipped similarity model: every scenario's own reference diagram
(Mermaid from the walkthrough's code, and an Excalidraw export) checks clean; another scenario's is off-topic;
the hand-made diagrams get the findings a reviewer would make; malformed files exit 2 naming the place."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from sdcoach.config import Settings
from sdcoach.content.loader import load_library
from sdcoach.engine.diagram.check import DiagramCheck, FindingKind
from sdcoach.engine.walkthrough import mermaid
from sdcoach.services.diagrams import check_diagram_text
from tests.diagram_files import reference_excalidraw
from tests.integration.cli_in_process import run_in_process

DIAGRAMS = Path(__file__).parents[1] / "data" / "diagrams"
EXPECTED: list[dict[str, Any]] = yaml.safe_load((DIAGRAMS / "expected.yaml").read_text(encoding="utf-8"))
LIBRARY = load_library(None)
SLUGS = LIBRARY.slugs


@cache
def check(text: str, slug: str, notes: str | None = None) -> DiagramCheck:
    return check_diagram_text(text, slug, Settings(), notes=notes)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_reference_diagram_checks_clean_against_its_own_scenario(slug: str) -> None:
    scenario = LIBRARY.get(slug)
    for text in (mermaid(scenario), reference_excalidraw(scenario)):
        result = check(text, slug)
        assert result.problems == (), [f.message for f in result.problems]
        present = [f for f in result.findings if f.kind is FindingKind.COMPONENT_PRESENT]
        assert len(present) == len(scenario.components)


def test_a_diagram_of_one_scenario_is_off_topic_for_the_next() -> None:
    pairs = list(zip(SLUGS, [*SLUGS[1:], SLUGS[0]], strict=True))
    off = [
        a for a, b in pairs if check(mermaid(load_library(None).get(a)), b).findings[0].kind is FindingKind.OFF_TOPIC
    ]
    assert len(off) == len(pairs), sorted(set(SLUGS) - set(off))


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_hand_made_diagrams_get_the_reviewers_findings(case: dict[str, Any]) -> None:
    notes = (DIAGRAMS / case["notes"]).read_text(encoding="utf-8") if "notes" in case else None
    result = check((DIAGRAMS / case["file"]).read_text(encoding="utf-8"), case["scenario"], notes)
    drawn = {c for comps in result.matching.components_of.values() for c in comps}
    assert set(case["present"]) <= drawn, set(case["present"]) - drawn
    found = [(f.kind.value, f.where) for f in result.findings]
    for expected in case["findings"]:
        assert any(k == expected["kind"] and expected["where"] in w for k, w in found), (expected, found)
    assert not {k for k, _ in found} & set(case["absent"])
    for wrong in case.get("not_at", []):
        assert (wrong["kind"], wrong["where"]) not in found


def test_the_hand_made_set_mixes_formats_and_voices() -> None:
    formats = {Path(c["file"]).suffix for c in EXPECTED}
    assert formats == {".mmd", ".excalidraw"} and 6 <= len(EXPECTED) <= 10
    assert len({c["voice"] for c in EXPECTED}) == len(EXPECTED)


def test_the_cli_prints_findings_and_the_graph_as_json(tmp_path: Path) -> None:
    result = run_in_process(
        "diagram",
        "check",
        str(DIAGRAMS / "feature-store-vendors.excalidraw"),
        "--scenario",
        "feature-store",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    reversed_ = [f for f in payload["findings"] if f["kind"] == "edge_reversed"]
    assert reversed_ and set(reversed_[0]) == {"kind", "where", "expected", "message", "components", "is_problem"}
    assert payload["graph"]["format"] == "excalidraw"
    assert {"r", "f"} <= {n["id"] for n in payload["graph"]["nodes"]}
    assert payload["matches"]["r"] == ["online_store"]


def test_the_cli_draws_the_candidates_arrows_in_the_terminal_and_markdown() -> None:
    path = str(DIAGRAMS / "rag-platform-extra-boxes.mmd")
    rich = run_in_process("diagram", "check", path, "--scenario", "rag-platform")
    assert rich.code == 0 and "CDN" in rich.out and "──▶" in rich.out and "┄┄▶" in rich.out
    md = run_in_process("diagram", "check", path, "-s", "rag-platform", "-f", "md")
    assert "## Problems" in md.out and "component_missing" in md.out


def test_a_markdown_file_is_read_from_its_mermaid_block_with_its_own_line_numbers(tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text("# My design\n\nSome words.\n\n```mermaid\nflowchart LR\n  A[Kafka] --> B[oops\n```\n")
    result = run_in_process("diagram", "check", str(answer), "--scenario", "feature-store")
    assert result.code == 2 and f"{answer}:7" in result.err and "Traceback" not in result.err


def test_an_unknown_scenario_or_missing_file_exits_2() -> None:
    assert run_in_process("diagram", "check", "nope.mmd", "--scenario", "feature-store").code == 2
    path = str(DIAGRAMS / "vector-search-merged.mmd")
    assert run_in_process("diagram", "check", path, "--scenario", "feture-store").code == 2
