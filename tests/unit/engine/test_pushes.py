"""The interviewer pushes more of what a weak candidate leaves out, and each phase's items once before it ends."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_library
from sdcoach.engine.design import Design
from sdcoach.engine.follow import gap_push
from sdcoach.engine.interview import Context, InterviewState, NoteKind, start
from sdcoach.engine.interviewer import advance
from sdcoach.engine.pushes import is_short_of_turns, is_weak, pushed_items
from tests.fakes import overlap


@cache
def context() -> Context:
    scenario = load_library(None).get("ml-observability")
    return Context(scenario, load_framework(), load_grading(), load_interviewer(), overlap)


def play(turns: list[tuple[float, str]]) -> list[InterviewState]:
    state = start(context(), Persona.PEER, 45).state
    states = []
    for minute, text in turns:
        state = advance(state, text, minute * 60, context()).state
        states.append(state)
    return states


VAGUE = [
    (2, "We want to know when a model is bad."),
    (6, "I would log all the predictions into a big table."),
    (10, "There is a logger, then a database, then dashboards."),
    (14, "The dashboards show accuracy for each model."),
    (18, "We alert the team if accuracy goes down."),
]


def _gap_pushes(state: InterviewState) -> list[int]:
    """Gap pushes per interviewer turn."""
    return [sum(1 for n in t.notes if n.kind is NoteKind.GAP) for t in state.turns if t.notes]


def test_a_weak_candidate_gets_three_neutral_pushes_a_turn_on_different_items() -> None:
    states = play(VAGUE)
    assert is_weak(states[-1], context())
    last = states[-1].turns[-1]
    items = [n.item for n in last.notes if n.kind is NoteKind.GAP]
    assert len(items) == context().pack.pacing.weak_pushes_per_turn == 3 and len(set(items)) == 3, last.text
    assert "you said" not in last.text.lower()


STRONG = (2, "Peak is 200k QPS with p99 10 ms for 20 feature reads; Kafka lag alerts page above 5 minutes.")


def test_a_candidate_who_is_not_weak_gets_two_pushes_with_turns_to_spare_and_more_only_when_short_of_turns() -> None:
    pacing = context().pack.pacing
    early = play([STRONG, (5, "The registry owns definitions; the platform team is on call for the online store.")])
    assert not is_weak(early[-1], context()) and not is_short_of_turns(early[-1], 5 * 60)
    assert max(_gap_pushes(early[-1])) <= pacing.pushes_per_turn == 2
    # two long answers in 30 minutes: the items never raised outnumber the turns left, so a turn asks more
    late = play([STRONG, (30, "The registry owns definitions; the platform team is on call for the online store.")])
    assert not is_weak(late[-1], context()) and is_short_of_turns(late[-1], 30 * 60)
    assert max(_gap_pushes(late[-1])) == pacing.weak_pushes_per_turn == 3


def test_a_phase_pushes_its_items_never_asked_about_before_it_ends() -> None:
    states = play(VAGUE)
    first = states[-1].phases[0]
    left = [i for i in first.items if i not in states[-1].covered and i not in pushed_items(states[-1])]
    asked = [i for i in first.items if i in pushed_items(states[-1])]
    assert len(asked) >= 3 and len(left) <= len(first.items) - 3, (asked, left)


def test_a_single_push_a_turn_while_the_candidate_is_not_weak_and_the_clock_is_not_short() -> None:
    states = play(VAGUE[:2])
    assert not is_weak(states[-1], context())
    assert max(_gap_pushes(states[-1])) <= 1


def test_a_generic_push_never_credits_the_candidate_with_what_they_never_said() -> None:
    ctx = context()
    state = start(ctx, Persona.PEER, 45).state
    prompts = ctx.pack.prompts_for("req.scale_slo")
    yours = [p for p in prompts if "your latency" in p]
    assert yours, prompts  # the pack's own wording presumes a latency budget
    earlier = [p for p in prompts[: prompts.index(yours[0])]]
    state = replace(state, asked=(*(p.id for p in ctx.scenario.probes), *earlier))
    others = frozenset(i.id for i in ctx.framework.items if i.id != "req.scale_slo")
    push = gap_push(state, ctx, others, Design(frozenset({"model", "bad"}), (), (), ()))
    assert push is not None and push.item == "req.scale_slo"
    assert "the latency budget" in push.text.lower() and "your latency" not in push.text.lower()


def test_a_weak_candidate_reaching_the_close_late_is_asked_the_close_items_with_the_pitch_last() -> None:
    states = play([*VAGUE, (23, "Maybe more dashboards."), (30, "And alerts."), (40, "That is the design.")])
    last = states[-1].turns[-1]
    kinds = [n.kind for n in last.notes]
    assert is_weak(states[-1], context()) and kinds[-1] is NoteKind.PITCH, last.text
    close = [n.item for n in last.notes if n.kind is NoteKind.GAP]
    assert close and all(i in states[-1].phases[-1].items and i != "influence.elevator_pitch" for i in close)
    assert len(close) < context().pack.pacing.weak_pushes_per_turn  # the pitch takes the last place


def test_a_weak_candidate_who_was_asked_everything_here_once_and_adds_nothing_is_moved_on_not_asked_again() -> None:
    states = play([*VAGUE, (19.5, "We would follow best practices there."), (20.5, "It is very robust.")])
    before, moved = states[-3], states[-2]
    assert all(i in pushed_items(before) or i in before.covered for i in before.phases[1].items)
    assert (before.phase.key, moved.phase.key) == ("hld", "scale")
    line = moved.turns[-1].text
    assert any(line.startswith(t.format(phase=moved.phase.title)) for t in context().pack.moving_on_transitions)
    assert not line.startswith("Good.")  # nothing in "We would follow best practices" earned it
    pushes = [n.item for t in states[-1].turns for n in t.notes if n.kind is NoteKind.GAP]
    assert len(pushes) == len(set(pushes)), pushes  # no item asked twice while new ones were left
