"""Red flags the engine can see, the hire rating per signal, and what would have moved it up (issue 19, item 3e)."""

from __future__ import annotations

from dataclasses import replace as copy

import pytest

from sdcoach.content.framework_schema import FlagDetector
from sdcoach.content.grading_schema import Grading
from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework, load_rubric
from sdcoach.engine.coverage import coverage_of
from sdcoach.engine.grade import Substance
from sdcoach.engine.interview import InterviewState, Note, NoteKind, Speaker, Turn, phases_for, time_left
from sdcoach.engine.red_flags import RATINGS, HireRating, SessionFacts, hire_rating, session_facts
from sdcoach.engine.scoring import Scorecard, SignalScore, next_level_behaviours, score
from tests.fakes import hand_set_grading, overlap

FRAMEWORK = load_framework()
RUBRIC = load_rubric()
GRADING: Grading = hand_set_grading()
ANSWER = (
    "Peak is 200k QPS with p99 10 ms for 20 feature reads, because the ranker's budget is 50 ms. "
    "Kafka lag alerts page the platform on-call above 5 minutes; readers fall back to defaults."
)


@pytest.mark.parametrize(
    ("value", "evidence", "flags", "rating"),
    [
        (1, 0, 0, HireRating.STRONG_NO_HIRE),
        (2, 3, 0, HireRating.NO_HIRE),
        (3, 2, 0, HireRating.HIRE),
        (3, 1, 0, HireRating.LEAN_HIRE),  # at the bar on one quote: thin evidence
        (4, 3, 0, HireRating.STRONG_HIRE),
        (4, 0, 0, HireRating.HIRE),
        (4, 3, 1, HireRating.HIRE),  # a red flag costs a step
        (3, 2, 1, HireRating.LEAN_HIRE),
        (2, 3, 1, HireRating.STRONG_NO_HIRE),
        (1, 0, 2, HireRating.STRONG_NO_HIRE),  # never below the floor
    ],
)
def test_hire_rating_follows_score_evidence_and_flags(
    value: int, evidence: int, flags: int, rating: HireRating
) -> None:
    assert hire_rating(value, evidence, flags) is rating


def _state(turns: tuple[Turn, ...]) -> InterviewState:
    return InterviewState("feature-store", Persona.PEER, 45, phases_for(FRAMEWORK, 45), turns=turns)


def _interviewer(elapsed: float, *notes: Note) -> Turn:
    return Turn(Speaker.INTERVIEWER, "...", elapsed, notes)


def test_time_in_requirements_is_read_from_the_phase_change() -> None:
    state = _state(
        (
            _interviewer(0, Note(NoteKind.PHASE, "opening")),
            Turn(Speaker.CANDIDATE, "What is peak QPS?", 120),
            _interviewer(600, Note(NoteKind.PHASE, "to hld")),
            _interviewer(1800, Note(NoteKind.END, "candidate ended the interview")),
        )
    )
    facts = session_facts(state)
    assert facts.requirements_seconds == 600
    assert facts.design_seconds == 38 * 60
    assert facts.checked == frozenset(FlagDetector)


def test_an_interview_that_never_left_requirements_counts_to_its_end() -> None:
    state = _state((_interviewer(0, Note(NoteKind.PHASE, "opening")), Turn(Speaker.CANDIDATE, "Scope?", 200)))
    assert session_facts(state).requirements_seconds == 200


def _card(facts: SessionFacts | None = None) -> Scorecard:
    return score(coverage_of(ANSWER, FRAMEWORK.items, overlap, GRADING), FRAMEWORK, RUBRIC, GRADING, "x", (), facts)


def _signal(facts: SessionFacts, signal_id: str) -> SignalScore:
    return next(s for s in _card(facts).signals if s.signal_id == signal_id)


def test_a_quarter_of_the_time_in_requirements_is_a_problem_navigation_flag() -> None:
    checked = frozenset(FlagDetector)
    over = _signal(SessionFacts(checked, (), 10 * 60, 38 * 60), "problem_navigation")
    within = _signal(SessionFacts(checked, (), 9 * 60, 38 * 60), "problem_navigation")
    assert [f.flag_id for f in over.red_flags] == ["requirements_overrun"]
    assert "10 of 38 design minutes" in over.red_flags[0].seen
    assert within.red_flags == ()
    assert within.red_flags_checked == ("requirements_overrun",)
    assert RATINGS.index(over.hire) == max(0, RATINGS.index(within.hire) - 1)


def test_an_uncorrected_figure_is_a_scalability_flag_and_nowhere_else() -> None:
    facts = SessionFacts(frozenset(FlagDetector), ("600 * 4 = 240",))
    flagged = {s.signal_id: [f.flag_id for f in s.red_flags] for s in _card(facts).signals if s.red_flags}
    assert flagged == {"scalability_awareness": ["estimate_not_revised"]}
    assert "600 * 4 = 240" in _signal(facts, "scalability_awareness").red_flags[0].seen


def test_a_written_answer_checks_no_flag_and_claims_none() -> None:
    for signal in _card().signals:
        assert signal.red_flags == () and signal.red_flags_checked == ()


def test_to_move_up_is_the_next_levels_behaviours() -> None:
    levels = {s.id: s.levels for s in RUBRIC.signals}
    for signal in _card().signals:
        expected = {1: levels[signal.signal_id].ic5, 2: levels[signal.signal_id].ic6, 3: levels[signal.signal_id].ic7}
        assert signal.to_move_up == expected.get(signal.score, ())
        assert signal.level == ("below_ic5", "ic5", "ic6", "ic7")[signal.score - 1]
    assert next_level_behaviours(RUBRIC.signals[0], 4) == ()  # nothing above IC7


def test_the_45_minute_plan_is_38_usable_minutes_won_in_the_deep_dives() -> None:
    plan = FRAMEWORK.plan_for(45)
    assert plan is not None and plan.usable_minutes == 38
    by_section = {slot.section: slot.minutes for slot in plan.slots}
    assert 15 <= by_section["scale"] + by_section["tradeoff"] + by_section["failure"] <= 20
    assert by_section["influence"] == 1
    assert by_section["req"] + by_section["lead"] < 38 / 4  # the plan itself never trips the overrun flag
    phases = phases_for(FRAMEWORK, 45)
    assert sum(p.minutes for p in phases) == 38
    state = InterviewState("feature-store", Persona.PEER, 45, phases)
    assert time_left(state, 0)[1] == 38 * 60


def test_a_figure_left_wrong_keeps_an_otherwise_ic7_interview_at_ic6() -> None:
    coverage = coverage_of(ANSWER, FRAMEWORK.items, overlap, GRADING)
    full = {i: copy(c, covered=True, strength=1.0) for i, c in coverage.items.items()}
    # every item covered, and the substance of an IC7 answer (figures, owners, business framing throughout)
    strong = copy(coverage, items=full, substance=Substance(sentences=40, numbers=80, ownership=12, business=14))
    assert score(strong, FRAMEWORK, RUBRIC, GRADING, "feature-store").level == "ic7"
    capped = score(
        strong, FRAMEWORK, RUBRIC, GRADING, "feature-store", facts=SessionFacts(uncorrected_figures=("40 GB/s",))
    )
    assert (capped.level, capped.grade) == ("ic6", 4)
