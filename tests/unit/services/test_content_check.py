"""Lint enforces the per-scenario minimums and cross-pack references."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sdcoach.content.framework_schema import Framework
from sdcoach.content.loader import load_framework, load_library, load_rubric
from sdcoach.content.schema import Scenario
from sdcoach.services.content_check import REQUIRED_ITEM_IDS, lint_framework, lint_rubric, lint_scenario

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


def tiny() -> Scenario:
    return Scenario.model_validate(yaml.safe_load((DATA / "minimal_scenario.yaml").read_text()))


def test_a_thin_scenario_is_short_on_every_minimum(framework: Framework) -> None:
    fields = {f.field for f in lint_scenario(tiny(), framework)}
    for needed in (
        "clarifying_questions",
        "facts",
        "components",
        "tradeoffs",
        "failure_modes",
        "influence.tips",
        "probes",
        "references",
        "short_answer",
        "level_sketches",
        "common_mistakes",
        "ladders",
    ):
        assert needed in fields


def test_a_ladder_must_name_a_checklist_item(framework: Framework) -> None:
    scenario = load_library(None).get("feature-store")
    ladder = scenario.ladders[0].model_copy(update={"item": "hld.flux_capacitor"})
    broken = scenario.model_copy(update={"ladders": (ladder, scenario.ladders[1])})
    assert any("hld.flux_capacitor" in f.message for f in lint_scenario(broken, framework))
    assert not [f for f in lint_scenario(scenario, framework) if f.field == "ladders"]


def test_a_probe_on_an_unknown_item_is_flagged(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    data["probes"][0]["item"] = "req.made_up"
    findings = lint_scenario(Scenario.model_validate(data), framework)
    assert any("unknown framework item 'req.made_up'" in f.message for f in findings)


def test_a_non_functional_question_needs_a_fact_with_numbers(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    data["facts"][0]["answer"] = "Quite a lot of traffic."
    findings = lint_scenario(Scenario.model_validate(data), framework)
    assert any("has 0 non-functional questions answered by a fact with numbers" in f.message for f in findings)


def test_the_framework_holds_exactly_the_stable_ids(framework: Framework) -> None:
    assert sorted(framework.item_ids()) == sorted(REQUIRED_ITEM_IDS)
    assert lint_framework(framework) == []
    assert [s.id for s in framework.sections] == ["req", "hld", "scale", "tradeoff", "failure", "influence", "lead"]


def test_every_item_has_its_teaching_and_cues(framework: Framework) -> None:
    for item in framework.items:
        assert item.guidance and item.why_staff and item.strong_ic6 and item.ic5_miss
        assert len(item.cues) >= 3


@pytest.mark.parametrize("minutes", [45, 60])
def test_time_plans_fill_the_interview(framework: Framework, minutes: int) -> None:
    plan = framework.plan_for(minutes)
    assert plan is not None
    assert sum(slot.minutes for slot in plan.slots) == plan.usable_minutes <= minutes


def test_the_rubric_covers_the_brief_signals(framework: Framework) -> None:
    rubric = load_rubric()
    assert lint_rubric(rubric, framework) == []
    ids = {s.id for s in rubric.signals}
    assert {"strategic_thinking", "end_to_end_ownership", "scalability_awareness", "cross_functional_influence"} <= ids
    assert {"problem_navigation", "technical_depth", "communication"} <= ids


def test_a_rubric_feeding_from_an_unknown_item_is_flagged(framework: Framework) -> None:
    rubric = load_rubric()
    data = rubric.model_dump()
    data["signals"][0]["feeds"] = ["req.nope", *data["signals"][0]["feeds"]]
    findings = lint_rubric(type(rubric).model_validate(data), framework)
    assert any("req.nope" in f.message for f in findings)


@pytest.mark.parametrize("slug", ["feature-store", "training-pipeline", "inference-serving", "ml-observability"])
def test_the_seed_scenarios_pass_lint(framework: Framework, slug: str) -> None:
    scenario = load_library(None).get(slug)
    assert lint_scenario(scenario, framework) == []


def test_wrong_arithmetic_in_a_pack_is_flagged(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    data["scaling"][0]["detail"] = "10M hot items x 512 B = 51 GB, one node with headroom."
    findings = lint_scenario(Scenario.model_validate(data), framework)
    assert any(f.field == "scaling[0].detail" and "does not hold" in f.message for f in findings)
    assert not any("does not hold" in f.message for f in lint_scenario(tiny(), framework))


def answer_findings(data: dict[str, object], framework: Framework) -> list[str]:
    findings = lint_scenario(Scenario.model_validate(data), framework)
    # The answer checks name one question or one fact; the minimums name the whole list.
    return [f"{f.field}: {f.message}" for f in findings if f.field.startswith(("clarifying_questions.", "facts."))]


def test_a_clarifying_question_with_no_fact_is_flagged(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    del data["clarifying_questions"][0]["fact"]
    assert answer_findings(data, framework) == [
        "clarifying_questions.peak-qps: has no fact, so the interviewer cannot answer it"
    ]


def test_two_questions_sharing_one_fact_are_flagged(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    second = dict(data["clarifying_questions"][0], id="avg-qps", question="What is the average lookup rate?")
    data["clarifying_questions"].append(second)
    assert answer_findings(data, framework) == [
        "facts.qps: peak-qps and avg-qps share one answer; each question needs its own fact"
    ]


def test_a_fact_that_shares_none_of_the_questions_key_terms_is_flagged(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    data["clarifying_questions"][0]["fact"] = "owners"
    assert answer_findings(data, framework) == [
        "clarifying_questions.peak-qps: its fact 'owners' shares none of its key terms (lookup, peak, rate)"
    ]


def test_a_shared_stem_counts_as_a_key_term(framework: Framework) -> None:
    data = yaml.safe_load((DATA / "minimal_scenario.yaml").read_text())
    data["clarifying_questions"][0]["question"] = "How many lookups at peak?"
    data["facts"][0]["answer"] = "50k lookup calls per second at the busiest hour."
    data["facts"][0]["keywords"] = ["traffic"]
    assert answer_findings(data, framework) == []


def test_every_built_in_question_has_its_own_fact_that_answers_it(framework: Framework) -> None:
    library = load_library(None)
    for slug in library.slugs:
        data = library.get(slug).model_dump()
        assert answer_findings(data, framework) == [], slug
