"""Every reading command, end to end: output shape in each format, and clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.integration.cli_runner import run_sdcoach

SEEDS = ["feature-store", "training-pipeline", "inference-serving", "ml-observability"]
HEADINGS = [
    "Requirements Clarification",
    "High-Level Design",
    "Scaling & Reliability Considerations",
    "Tradeoffs & Options",
    "Edge Cases / Failure Modes",
    "Influence / Communication Tips",
]


def test_no_arguments_prints_the_welcome() -> None:
    result = run_sdcoach()
    assert result.code == 0
    for command in ("sdcoach framework", "sdcoach scenarios", "sdcoach walkthrough feature-store"):
        assert command in result.out


@pytest.mark.parametrize("slug", SEEDS)
def test_walkthrough_markdown_has_the_six_headings_in_order(slug: str) -> None:
    result = run_sdcoach("walkthrough", slug, "--format", "md")
    assert result.code == 0, result.err
    found = re.findall(r"^## (.+)$", result.out, flags=re.M)
    assert found[:6] == HEADINGS
    assert found[6:9] == ["The same answer at IC5, IC6 and IC7", "Common mistakes", found[8]]
    assert all(h.startswith("Bad, good, great: ") for h in found[8:])
    assert "```mermaid\nflowchart LR" in result.out


def test_walkthrough_json_lists_sections_with_content() -> None:
    result = run_sdcoach("walkthrough", "feature-store", "--format", "json")
    payload = json.loads(result.out)
    assert payload["slug"] == "feature-store"
    assert [s["heading"] for s in payload["sections"]] == HEADINGS
    design = payload["sections"][1]["content"]
    assert {"components", "data_flow", "apis", "layers", "mermaid"} <= set(design)
    assert len(payload["sections"][0]["content"]["clarifying_questions"]) >= 12


def test_walkthrough_in_the_terminal_draws_the_flow_with_arrows() -> None:
    result = run_sdcoach("walkthrough", "inference-serving")
    assert result.code == 0, result.err
    for heading in HEADINGS:
        assert heading in result.out
    assert " 1  [" in result.out and "▶" in result.out
    assert "```mermaid" not in result.out


def test_one_section_only() -> None:
    result = run_sdcoach("walkthrough", "ml-observability", "--section", "tradeoffs", "--format", "md")
    assert re.findall(r"^## (.+)$", result.out, flags=re.M) == ["Tradeoffs & Options"]
    assert "**What would flip it:**" in result.out


def test_an_unknown_section_is_a_clear_error() -> None:
    result = run_sdcoach("walkthrough", "feature-store", "--section", "scalling")
    assert result.code == 2
    assert "There is no section called 'scalling'" in result.err
    assert "scaling" in result.err
    assert "Traceback" not in result.err


def test_an_unknown_slug_suggests_the_closest() -> None:
    result = run_sdcoach("walkthrough", "featur-store")
    assert result.code == 2
    assert "'feature-store'" in result.err
    assert "Traceback" not in result.err


def test_scenarios_lists_the_library_as_json() -> None:
    payload = json.loads(run_sdcoach("scenarios", "--format", "json").out)
    assert set(SEEDS) <= {row["slug"] for row in payload["scenarios"]}
    assert all(row["source"] == "built-in" for row in payload["scenarios"])


def test_scenarios_table_shows_each_seed() -> None:
    result = run_sdcoach("scenarios")
    assert result.code == 0
    for slug in SEEDS:
        assert slug in result.out


def test_framework_shows_the_time_plan_and_items() -> None:
    result = run_sdcoach("framework", "--minutes", "60", "--format", "md")
    assert result.code == 0
    assert "## Time plan: 60 minutes" in result.out
    assert "`req.scale_slo`" in result.out and "`lead.high_leverage`" in result.out


def test_framework_rich_output_lists_every_section() -> None:
    result = run_sdcoach("framework")
    for title in ("Requirements", "High-Level Design", "Scaling", "Tradeoffs", "Failure", "Influence", "Leadership"):
        assert title in result.out


def test_framework_with_an_unplanned_length_is_a_usage_error() -> None:
    result = run_sdcoach("framework", "--minutes", "50")
    assert result.code == 2
    assert "no time plan for 50 minutes" in result.err and "45" in result.err


def test_questions_group_by_category_and_can_hide_answers() -> None:
    shown = run_sdcoach("questions", "feature-store", "--format", "md")
    hidden = run_sdcoach("questions", "feature-store", "--format", "md", "--no-answers")
    assert "### Functional" in shown.out and "Non-functional" in shown.out
    assert "Interviewer's answer:" in shown.out
    assert "Interviewer's answer:" not in hidden.out
    payload = json.loads(run_sdcoach("questions", "feature-store", "--format", "json").out)
    assert len(payload["clarifying_questions"]) >= 12


def test_tradeoffs_show_options_impact_and_flip() -> None:
    result = run_sdcoach("tradeoffs", "training-pipeline", "--format", "md")
    assert result.code == 0
    assert result.out.count("**What would flip it:**") >= 4
    assert "| Cross-team |" in result.out
    payload = json.loads(run_sdcoach("tradeoffs", "training-pipeline", "--format", "json").out)
    assert all(len(t["options"]) >= 2 for t in payload["tradeoffs"])


def test_content_lint_passes_on_the_built_in_packs() -> None:
    result = run_sdcoach("content", "lint")
    assert result.code == 0, result.out
    assert "all packs pass" in result.out
    assert "registry" in result.out  # the estimator's registry is validated with the packs


def test_content_lint_flags_a_thin_user_pack(tmp_path: Path, minimal_scenario_text: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(minimal_scenario_text)
    result = run_sdcoach("content", "lint", str(path))
    assert result.code == 1
    assert "tiny-cache: facts: has 2 facts; at least 8 needed" in result.out


def test_content_lint_reports_a_bad_value_with_file_and_line(tmp_path: Path, minimal_scenario_text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(minimal_scenario_text.replace("    mode: sync\n", "    mode: sideways\n", 1))
    result = run_sdcoach("content", "lint", str(path))
    assert result.code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "sideways" in text)
    assert f"{path}:{line}: data_flow[0].mode:" in result.out
    assert "Traceback" not in result.err


def test_content_lint_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_sdcoach("content", "lint", str(tmp_path / "nope.yaml"))
    assert result.code == 2 and "nope.yaml" in result.err and "No such file" in result.err


def test_a_user_pack_shows_in_the_library(user_scenarios: Path, minimal_scenario_text: str) -> None:
    (user_scenarios / "tiny.yaml").write_text(minimal_scenario_text)
    result = run_sdcoach("walkthrough", "tiny-cache", "--format", "md")
    assert result.code == 0
    assert "# Design a tiny embedding cache" in result.out


def test_debug_shows_the_traceback() -> None:
    result = run_sdcoach("--debug", "walkthrough", "nope")
    assert result.code != 0
    assert "Traceback" in result.err


def test_version() -> None:
    result = run_sdcoach("--version")
    assert re.fullmatch(r"sdcoach \d+\.\d+\.\d+\n", result.out)


def test_a_bad_setting_names_the_setting_and_where_to_fix_it(sdcoach_home: Path) -> None:
    (sdcoach_home / "config.toml").write_text('backend = "openai"\nreply_timeout = "soon"\n')
    result = run_sdcoach("backends", "check")
    assert result.code == 2 and "reply_timeout" in result.err and "config.toml" in result.err
    assert "bug in sdcoach" not in result.err and "Traceback" not in result.err
    (sdcoach_home / "config.toml").unlink()
    env_result = run_sdcoach("scenarios", env={"SDCOACH_MULTI_USER": "perhaps"})
    assert env_result.code == 2 and "SDCOACH_MULTI_USER" in env_result.err


def test_the_short_walkthrough_is_the_35_minute_answer() -> None:
    from sdcoach.content.loader import load_library

    scenario = load_library(None).get("rag-platform")
    assert scenario.short_answer is not None
    result = run_sdcoach("walkthrough", "rag-platform", "--short", "--format", "md")
    assert result.code == 0, result.err
    for heading in ("## Ask first", "## Draw these boxes", "## The numbers that matter", "## Go deep on"):
        assert heading in result.out
    for question_id in scenario.short_answer.ask_first:
        question = scenario.question(question_id)
        assert question is not None and question.question in result.out
    assert all(number in result.out for number in scenario.short_answer.numbers)
    assert "Requirements Clarification" not in result.out  # only the short answer
    as_json = json.loads(run_sdcoach("walkthrough", "rag-platform", "--short", "--format", "json").out)
    assert len(as_json["short_answer"]["boxes"]) == len(scenario.short_answer.boxes)
    mixed = run_sdcoach("walkthrough", "rag-platform", "--short", "--section", "scaling")
    assert mixed.code == 2 and "--short" in mixed.err


def test_the_full_walkthrough_ends_with_the_levels_the_mistakes_and_the_ladders() -> None:
    result = run_sdcoach("walkthrough", "vector-search", "--format", "md")
    assert result.code == 0, result.err
    order = [
        result.out.index(h)
        for h in ("## Influence", "## The same answer at IC5, IC6 and IC7", "## Common mistakes", "## Bad, good, great")
    ]
    assert order == sorted(order)
    one_section = run_sdcoach("walkthrough", "vector-search", "--section", "tradeoffs", "--format", "md").out
    assert "## Common mistakes" not in one_section
    payload = json.loads(run_sdcoach("walkthrough", "vector-search", "--format", "json").out)
    assert len(payload["ladders"]) == 2 and payload["level_sketches"]["ic7"]
