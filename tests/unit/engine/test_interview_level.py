"""A whole interview's level: the overall score's band, held to the must-haves each level needs shown."""

from __future__ import annotations

from dataclasses import replace as copy

from sdcoach.content.framework_schema import FlagDetector
from sdcoach.content.loader import load_framework, load_interviewer, load_rubric
from sdcoach.engine.coverage import Coverage, coverage_of
from sdcoach.engine.debrief import DebriefInputs, rationale_of
from sdcoach.engine.interview_level import decide_level
from sdcoach.engine.red_flags import SessionFacts
from sdcoach.engine.scoring import LEVELS, score
from tests.fakes import hand_set_grading, overlap

FRAMEWORK = load_framework()
RUBRIC = load_rubric()
GRADING = hand_set_grading()
PACK = load_interviewer()
RULES = PACK.interview_level
INTERVIEW = SessionFacts(frozenset(FlagDetector))
OWNERS = ("req.ownership", "hld.cross_team")


def strong(**weak: float) -> Coverage:
    """Every item covered at full strength, except the named ones (dots as double underscores)."""
    coverage = coverage_of("Peak is 200k QPS with p99 10 ms.", FRAMEWORK.items, overlap, GRADING)
    items = {i: copy(c, covered=True, strength=1.0) for i, c in coverage.items.items()}
    for name, strength in weak.items():
        item = name.replace("__", ".")
        items[item] = copy(items[item], covered=False, strength=strength)
    return copy(coverage, items=items)


def test_the_shipped_rules_name_real_checklist_items_and_gate_ic6_then_ic7() -> None:
    assert RULES is not None
    ids = {i.id for i in FRAMEWORK.items}
    assert [m.level for m in RULES.must_show] == ["ic6", "ic7"]
    assert all(i in ids for m in RULES.must_show for g in m.groups for i in g)


def test_a_band_is_held_at_the_highest_level_whose_must_haves_were_all_shown() -> None:
    assert RULES is not None
    everything = {i.id: 1.0 for i in FRAMEWORK.items}
    no_owners = {**everything, "req.ownership": 0.1, "hld.cross_team": 0.2}
    held = decide_level(LEVELS.index("ic7"), no_owners, RULES, LEVELS)
    assert (LEVELS[held.level], held.held_by) == ("ic5", (OWNERS,))
    # one item of a group is enough: owners named, other teams' systems never
    assert decide_level(LEVELS.index("ic6"), {**no_owners, "req.ownership": 0.9}, RULES, LEVELS).level == 2
    no_strategy = {**everything, "influence.strategic_impact": 0.2}
    assert LEVELS[decide_level(LEVELS.index("ic7"), no_strategy, RULES, LEVELS).level] == "ic6"


def test_the_must_haves_never_raise_a_band_and_an_unassessed_item_was_never_shown() -> None:
    assert RULES is not None
    everything = {i.id: 1.0 for i in FRAMEWORK.items}
    assert decide_level(LEVELS.index("ic5"), everything, RULES, LEVELS).level == LEVELS.index("ic5")
    unreached = {i: s for i, s in everything.items() if not i.startswith("failure.")}
    assert LEVELS[decide_level(LEVELS.index("ic6"), unreached, RULES, LEVELS).level] == "ic5"


def test_an_interview_is_held_to_its_must_haves_and_a_written_answer_is_not() -> None:
    coverage = strong(req__ownership=0.1, hld__cross_team=0.1)
    written = score(coverage, FRAMEWORK, RUBRIC, GRADING, "feature-store", level_rules=RULES)
    assert written.level == "ic7" and written.held_by == ()
    interview = score(coverage, FRAMEWORK, RUBRIC, GRADING, "feature-store", facts=INTERVIEW, level_rules=RULES)
    assert (interview.level, interview.grade, interview.held_by) == ("ic5", 3, (OWNERS,))


def test_the_rationale_says_which_must_haves_held_the_level_down() -> None:
    assert PACK.debrief is not None
    card = score(
        strong(req__ownership=0.1, hld__cross_team=0.1),
        FRAMEWORK,
        RUBRIC,
        GRADING,
        "x",
        facts=INTERVIEW,
        level_rules=RULES,
    )
    text = rationale_of(card, (), DebriefInputs(FRAMEWORK, PACK.debrief, {}))
    titles = {i.id: i.title for i in FRAMEWORK.items}
    assert "Placed at IC5 (senior) rather than IC6 (staff)" in text
    assert f"{titles['req.ownership'].lower()} or {titles['hld.cross_team'].lower()}" in text.lower()
