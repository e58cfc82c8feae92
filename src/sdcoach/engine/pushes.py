"""How many of the items the candidate has not covered the interviewer pushes, and when.

A real interviewer facing a weak candidate, or running out of clock with much still unraised, asks about
more of what is missing and goes deep less: up to ``pushes_per_turn`` neutral gap pushes in one turn, gap
pushes before follow-ups. Before a phase ends, each of its items never covered and never pushed gets one
push (the phase may run ``phase_grace_seconds`` over for it, never past the interview's last 20%). The
thresholds are content (``pacing`` in the interviewer pack).
"""

from __future__ import annotations

import math
from dataclasses import replace

from sdcoach.engine import follow, moves
from sdcoach.engine.design import Design
from sdcoach.engine.interview import Context, InterviewState, NoteKind, Speaker
from sdcoach.engine.reader import Reading

PUSHING = (NoteKind.GAP, NoteKind.FOLLOW_UP, NoteKind.CURVEBALL, NoteKind.ORG_ALIGNMENT, NoteKind.PITCH)
CLOSE_SHARE = 0.8  # "near time" territory: no overrun there


def pushed_items(state: InterviewState) -> frozenset[str]:
    """Items the interviewer has already asked about (a push, follow-up, curveball, org push or pitch)."""
    return frozenset(n.item for n in state.notes if n.kind in PUSHING and n.item)


def is_weak(state: InterviewState, context: Context) -> bool:
    """Past the requirements and a few turns, the candidate covers under ``weak_coverage`` of the items reached."""
    pacing = context.pack.pacing
    turns = sum(1 for t in state.turns if t.speaker is Speaker.CANDIDATE)
    reached = state.items_reached()
    if turns < pacing.weak_after_turns or state.phase_index == 0 or not reached:  # questions first are normal
        return False
    return len(set(state.covered) & reached) / len(reached) < pacing.weak_coverage


def is_pressed(state: InterviewState, context: Context, now: float) -> bool:
    """A weak candidate or a short clock: more than one push a turn, gaps before follow-ups."""
    return is_weak(state, context) or is_short_of_turns(state, now)


def is_short_of_turns(state: InterviewState, now: float) -> bool:
    """More items never covered nor pushed (this phase and earlier ones) than turns left at the candidate's pace."""
    left = _turns_left(state, now)
    return left is not None and len(_never_pushed(state, through=state.phase_index)) > left


def _turns_left(state: InterviewState, now: float) -> float | None:
    """Candidate turns left at the candidate's pace so far; None before the first."""
    turns = sum(1 for t in state.turns if t.speaker is Speaker.CANDIDATE)
    if not turns or now <= 0:
        return None
    return max(0.0, state.minutes * 60 - now) / (now / turns)


def unpushed_here(state: InterviewState) -> list[str]:
    """The current phase's items never covered and never pushed."""
    return [i for i in state.phase.items if i in _never_pushed(state, through=state.phase_index)]


def is_spent(state: InterviewState, covered_by_turn: frozenset[str]) -> bool:
    """Everything open here and earlier was asked once, the turn added nothing to this phase, and a later phase
    is left: asking again would repeat a question, so an interviewer moves on to what was never raised."""
    last = state.phase_index >= len(state.phases) - 1
    return (
        not last
        and not _never_pushed(state, through=state.phase_index)
        and not covered_by_turn & set(state.phase.items)
    )


def may_overrun(state: InterviewState, now: float, context: Context) -> bool:
    """The phase's time is spent but within its grace, outside the close, with an item never pushed."""
    over = now - state.phase_started - state.phase.minutes * 60
    before_close = now < CLOSE_SHARE * state.minutes * 60 and state.phase_index < len(state.phases) - 1
    return 0 <= over < context.pack.pacing.phase_grace_seconds and before_close and bool(unpushed_here(state))


def is_last_turn_before_close(state: InterviewState, now: float) -> bool:
    """In the phase before the close, the candidate's next turn would land past the design time: the close
    (a one-minute phase in a 45-minute round) gets this turn, so its items are asked about before the pitch."""
    turns = sum(1 for t in state.turns if t.speaker is Speaker.CANDIDATE)
    if state.phase_index != len(state.phases) - 2 or not turns:
        return False
    design_left = sum(p.minutes for p in state.phases) * 60 - now
    last = state.phases[-1]
    never = [i for i in last.items if i not in state.covered and i not in pushed_items(state)]
    return 0 < design_left < now / turns and bool(never)


def probe_or_push(
    turn: Reading, state: InterviewState, context: Context, now: float, design: Design
) -> list[moves.Move]:
    """The turn's probing: a follow-up on what the candidate just said, the phase's curveball or org push, or a
    gap push (two for a weak candidate or a short clock); empty when there is nothing left to ask here.

    A weak candidate gets gaps before deep follow-ups; a short clock keeps the phase's one curveball or org
    push, then gaps; after a follow-up, what was never raised comes first."""
    pressed = is_pressed(state, context, now)
    follow_up, special, gap = (
        follow.follow_up(turn, state, context, design),
        follow.neutral_probe(moves.special_probe(state, context), design),
        follow.gap_push(state, context, frozenset(state.covered), design),
    )
    if is_weak(state, context):
        order = (gap, follow_up, special)
    elif pressed:
        order = (special, gap, follow_up)
    else:
        order = (gap, follow_up, special) if _last_was_follow_up(state) else (follow_up, special, gap)
    move = next((m for m in order if m is not None), None)
    if move is None:
        return []
    doubled = pressed and move.note.kind is NoteKind.GAP
    return [move, *(more_pushes(state, context, move, design, now=now) if doubled else [])]


def _last_was_follow_up(state: InterviewState) -> bool:
    last = next((t for t in reversed(state.turns) if t.speaker is Speaker.INTERVIEWER), None)
    return last is not None and any(n.kind is NoteKind.FOLLOW_UP for n in last.notes)


def more_pushes(
    state: InterviewState,
    context: Context,
    first: moves.Move | None,
    design: Design,
    only: list[str] | None = None,
    now: float | None = None,
) -> list[moves.Move]:
    """Gap pushes after ``first`` (up to ``pushes_per_turn`` in all, ``weak_pushes_per_turn`` to a weak candidate),
    each on another open item (of ``only``)."""
    chosen = [first] if first is not None else []
    covered = set(state.covered) | pushed_items(state)  # a second push in one turn goes to something new
    if only is not None:
        covered |= {i for p in state.phases for i in p.items if i not in only}
    while len(chosen) < _most(state, context, now):
        taken = {m.item for m in chosen if m.item}
        asked = (*state.asked, *(m.probe_id or m.text for m in chosen))
        push = follow.gap_push(replace(state, asked=asked), context, frozenset(covered | taken), design)
        if push is None:
            break
        chosen.append(push)
    return chosen[1:] if first is not None else chosen


def before_the_pitch(state: InterviewState, context: Context, now: float, design: Design) -> list[moves.Move]:
    """With three minutes or more left in the last phase (three more for each round already asked), pushes on
    what it has never asked about (what this unlocks for the org, the summary for a director) before the
    pitch: one, or two when the candidate is weak or the clock is short."""
    last = state.phases[-1]
    pushed_turns = sum(
        1 for t in state.turns if t.elapsed >= state.phase_started and any(n.kind is NoteKind.GAP for n in t.notes)
    )  # each round of pushes needs its three minutes, so the pitch still has its own
    if state.phase.key != last.key or state.minutes * 60 - now < LAST_PUSH_SECONDS * (1 + pushed_turns):
        return []
    only = [i for i in unpushed_here(state) if i != "influence.elevator_pitch"]
    found = more_pushes(state, context, None, design, only=only, now=now)
    return found if is_pressed(state, context, now) else found[:1]


LAST_PUSH_SECONDS = 180


def with_the_pitch(state: InterviewState, context: Context, design: Design) -> list[moves.Move]:
    """No time left for a round of pushes before the pitch, and the candidate is weak: the last phase's items
    never asked about go in the same turn as the pitch request (which stays last), so a weak candidate who
    reached the close late is still asked what the design unlocks and what it gives up. A strong candidate
    who ran late gets the pitch alone."""
    if state.phase.key != state.phases[-1].key or not is_weak(state, context):
        return []
    only = [i for i in unpushed_here(state) if i != "influence.elevator_pitch"]
    return more_pushes(state, context, None, design, only=only)[: _most(state, context) - 1]


def _most(state: InterviewState, context: Context, now: float | None = None) -> int:
    """Gap pushes one turn may hold: the most to a weak candidate; to one short of turns (few, long answers),
    as many as reach the items never pushed in the turns left, up to that most."""
    pacing = context.pack.pacing
    if is_weak(state, context):
        return pacing.weak_pushes_per_turn
    left = _turns_left(state, now) if now is not None else None
    if left is None or not is_short_of_turns(state, now or 0.0):
        return pacing.pushes_per_turn
    needed = math.ceil(len(_never_pushed(state, through=state.phase_index)) / max(left, 1.0))
    return min(pacing.weak_pushes_per_turn, max(pacing.pushes_per_turn, needed))


def _never_pushed(state: InterviewState, through: int) -> list[str]:
    pushed = pushed_items(state)
    items = [i for p in state.phases[: through + 1] for i in p.items]
    return [i for i in items if i not in state.covered and i not in pushed]
