"""``advance``: one candidate turn (or slash command) in, the interviewer's reply and private notes out.

Pure: the clock (``now``, seconds since the interview started) and the similarity model come in as
arguments. The move policy is in ``engine/moves.py``; state and types in ``engine/interview.py``.
"""

from __future__ import annotations

from dataclasses import replace

from sdcoach.engine import arithmetic, follow, moves, pushes, stakeholders
from sdcoach.engine.coverage import coverage_from
from sdcoach.engine.design import Design, design_of
from sdcoach.engine.interview import (
    Command,
    Context,
    InterviewState,
    Note,
    NoteKind,
    Speaker,
    Step,
    Turn,
    near_time,
    parse_command,
    time_left,
)
from sdcoach.engine.reader import Lens, Reading, read


def advance(state: InterviewState, text: str, now: float, context: Context) -> Step:
    """The interviewer's response to what the candidate just typed."""
    if state.is_finished:
        return Step(state, "", ())
    context = stakeholders.in_persona(context, state.persona)  # a director or PM asks its own probes
    command = parse_command(text)
    if command is not None:
        return _command(state, command, now, context)
    state = replace(state, turns=(*state.turns, Turn(Speaker.CANDIDATE, text, now)))
    if state.open_figures:
        state = replace(state, open_figures=arithmetic.still_open(state, text))  # redone right, or still open
    if state.awaiting_pitch:
        return _finish(state, now, context, Note(NoteKind.PITCH, "pitch given"))
    turn = read(text, context.lens, context.similarity, context.meaning)
    covered_by_turn = coverage_from(turn, context.grading.model).covered_ids()
    everything = read(state.candidate_text, Lens(context.lens.items, context.grading), context.similarity)
    covered = coverage_from(everything, context.grading.model)
    state = replace(state, covered=tuple(sorted(set(state.covered) | covered.covered_ids() | covered_by_turn)))
    chosen = _choose(state, turn, now, context, covered_by_turn, design_of(everything, context.scenario.prompt))
    return _say(state, chosen, now)


def _choose(
    state: InterviewState, turn: Reading, now: float, context: Context, covered_by_turn: frozenset[str], design: Design
) -> list[moves.Move]:
    text = turn.candidate_text
    chosen = stakeholders.answers(turn, state, context)  # a persona's own facts, then the scenario's
    redirect_kind = moves.classify(text, state, turn.tamper.flags, context.known_words)
    if redirect_kind is NoteKind.RESTATE and chosen:
        redirect_kind = None  # "and?" is short, but it was understood
    if redirect_kind is not None:
        redirect = moves.redirect(redirect_kind, state, context)
        if redirect is not None:  # and a concrete question to get back to, so the redirect is not a dead end
            push = follow.gap_push(state, context, frozenset(state.covered), design)
            if pushes.is_spent(state, covered_by_turn) and state.phase.key != "req":
                return [redirect, *_next_phase(state, context, now, design=design, moving_on=True)]
            if push is None or state.phase.key == "req":
                return [redirect]
            pressed = pushes.is_pressed(state, context, now)
            more = pushes.more_pushes(state, context, push, design, now=now) if pressed else []
            return [redirect, push, *more]
    checks = arithmetic.probes(text, state, context)
    if checks:
        return [*chosen, *checks]
    push = moves.commit_push(state, now, context)
    if push is not None:
        return [*chosen, push]
    phase_left, total_left = time_left(state, now)
    ahead = _ahead_of_plan(state, covered_by_turn)
    if chosen and state.phase.key == "req" and phase_left > 0 and ahead is None:
        return chosen  # early questions get answers; the candidate drives
    if total_left <= 0 or (state.phase.key == state.phases[-1].key and near_time(state, now)):
        return [*chosen, *_close(state, context, now, design)]
    if ahead is not None:
        return [*chosen, *_next_phase(state, context, now, ahead, design)]
    if pushes.may_overrun(state, now, context):  # each item of the phase pushed once before it ends
        overrun = pushes.more_pushes(state, context, None, design, only=pushes.unpushed_here(state), now=now)
        if overrun:
            return [*chosen, *overrun]
    if (
        phase_left <= 0
        or all(i in state.covered for i in state.phase.items)
        or pushes.is_last_turn_before_close(state, now)
    ):
        return [*chosen, *_next_phase(state, context, now, design=design)]
    if pushes.is_weak(state, context) and pushes.is_spent(state, covered_by_turn):
        return [*chosen, *_next_phase(state, context, now, design=design, moving_on=True)]
    asked = pushes.probe_or_push(turn, state, context, now, design)
    if asked:
        return [*chosen, *asked]
    return [*chosen, *_next_phase(state, context, now, design=design)]


def _ahead_of_plan(state: InterviewState, covered_by_turn: frozenset[str]) -> int | None:
    """The later phase the candidate's turn is mostly about, when it is mostly about a later phase.

    The interviewer follows a candidate who moves on early (the clock still bounds each phase)."""
    if not covered_by_turn:
        return None
    where = {
        index: sum(1 for item in phase.items if item in covered_by_turn) for index, phase in enumerate(state.phases)
    }
    later = {index: count for index, count in where.items() if index > state.phase_index and count}
    if not later or sum(later.values()) <= where[state.phase_index]:
        return None
    return max(later, key=lambda index: (later[index], -index))


def _next_phase(
    state: InterviewState,
    context: Context,
    now: float,
    to: int | None = None,
    design: Design | None = None,
    moving_on: bool = False,
) -> list[moves.Move]:
    """Announce the next phase (or ``to``) and open it with its first push; after the last phase, ask for the
    pitch when time is near, and until then go deeper on what is still open."""
    if state.phase_index + 1 >= len(state.phases):
        if near_time(state, now):
            return [_pitch_request(state, context)]
        deeper = moves.deep_dive(state, context)
        deeper = follow.neutral_probe(deeper, design) if design is not None else deeper
        return [deeper] if deeper is not None else [_pitch_request(state, context)]
    target = max(state.phase_index + 1, _scheduled_phase(state, now), to or 0)
    following = state.phases[target]
    voice = context.pack.voice(state.persona)
    if moving_on:  # the last answer added nothing here: no "Good." on the way out
        ways = context.pack.moving_on_transitions  # a different one for each phase left this way
        line = ways[target % len(ways)].format(phase=following.title)
    elif any(item in state.covered for item in following.items):
        # the candidate is already there: never "I want to make sure we get to" a phase they covered
        options = [t.format(phase=following.title) for t in context.pack.revisit_transitions]
        line = moves.unused(options, state) or options[target % len(options)]
    else:
        line = voice.transitions[target % len(voice.transitions)].format(phase=following.title)
    moved = replace(state, phase_index=target, phase_started=now)
    covered = frozenset(state.covered)
    opener = (
        follow.gap_push(moved, context, covered, design)
        if design is not None
        else moves.gap_push(moved, context, covered)
    )
    note = Note(NoteKind.PHASE, f"to {following.key}")
    first = moves.Move(line, note)
    if opener is None:
        return [first]
    pressed = design is not None and pushes.is_pressed(moved, context, now)
    more = pushes.more_pushes(moved, context, opener, design, now=now) if pressed and design else []
    return [first, opener, *more]


def _scheduled_phase(state: InterviewState, now: float) -> int:
    """The phase the time plan has us in at ``now`` (an interviewer running late skips ahead)."""
    elapsed_minutes = now / 60
    start = 0.0
    for index, phase in enumerate(state.phases):
        start += phase.minutes
        if elapsed_minutes < start:
            return index
    return len(state.phases) - 1


def _close(state: InterviewState, context: Context, now: float, design: Design) -> list[moves.Move]:
    """The close: when the design time ran out before the last phase, move there; then, with time for a round
    of pushes before the pitch, first push on what the last phase has never asked about, else ask for the pitch.

    The pitch is the last phase's work, so its items are assessed however late the candidate ran."""
    last = len(state.phases) - 1
    pitch = _pitch_request(state, context)
    if state.phase_index >= last:
        return pushes.before_the_pitch(state, context, now, design) or [
            *pushes.with_the_pitch(state, context, design),
            pitch,
        ]
    final = state.phases[last]
    transitions = context.pack.voice(state.persona).transitions
    move = moves.Move(
        transitions[last % len(transitions)].format(phase=final.title), Note(NoteKind.PHASE, f"to {final.key}")
    )
    moved = replace(state, phase_index=last, phase_started=now)
    # a round of pushes needs its three minutes and the pitch its own; later than that, the pitch at once
    pushed = (
        pushes.before_the_pitch(moved, context, now, design)
        if state.minutes * 60 - now > 2 * pushes.LAST_PUSH_SECONDS
        else []
    )
    return [move, *(pushed or [*pushes.with_the_pitch(moved, context, design), pitch])]


def _pitch_request(state: InterviewState, context: Context) -> moves.Move:
    voice = context.pack.voice(state.persona)
    first, *more = context.pack.pitch_items  # every voice's request names the listener and what they need
    also = tuple(Note(NoteKind.PITCH, "the pitch asks for this too", item) for item in more)
    return moves.Move(voice.pitch_request, Note(NoteKind.PITCH, "asked for the 60-second pitch", first), also=also)


def _say(state: InterviewState, chosen: list[moves.Move], now: float) -> Step:
    """Record the interviewer's turn: the joined reply, its notes, and what it opened."""
    notes = tuple(n for m in chosen for n in (m.note, *m.also))
    reply = "\n\n".join(m.text for m in chosen)
    spoken = (NoteKind.FACT, NoteKind.NO_FACT, NoteKind.INTENT)
    asked = tuple(m.probe_id or m.text for m in chosen if m.note.kind not in spoken)
    probe = next((m for m in reversed(chosen) if m.probe_id or m.item), None)
    phase_index, phase_started = state.phase_index, state.phase_started
    keys = [p.key for p in state.phases]
    for m in chosen:
        if m.note.kind is NoteKind.PHASE and m.note.detail.startswith("to "):
            phase_index, phase_started = keys.index(m.note.detail.removeprefix("to ")), now
    figures = tuple(
        m.note.detail.rsplit(" = ", 1)[-1].split(" (off")[0] for m in chosen if m.note.kind is NoteKind.ARITHMETIC
    )
    told = [m.told for m in chosen if m.told]
    new_state = replace(
        state,
        turns=(*state.turns, Turn(Speaker.INTERVIEWER, reply, now, notes)),
        asked=(*state.asked, *asked),
        open_probe=probe.probe_id if probe else state.open_probe,
        open_item=probe.item if probe else state.open_item,
        open_figures=(*state.open_figures, *figures),
        phase_index=phase_index,
        phase_started=phase_started,
        awaiting_pitch=state.awaiting_pitch or any(m.note.kind is NoteKind.PITCH for m in chosen),
        told=(*(t for t in state.told if t[0] not in {m.told[0] for m in chosen if m.told}), *told),
    )
    return Step(new_state, reply, notes)


def _command(state: InterviewState, command: Command, now: float, context: Context) -> Step:
    if command is Command.END:
        return _finish(state, now, context, Note(NoteKind.END, "candidate ended the interview"))
    if command is Command.SKIP:
        chosen = _next_phase(state, context, now)
        step = _say(state, chosen, now)
        return replace(step, notes=(Note(NoteKind.SKIP, f"skipped {state.phase.key}"), *step.notes))
    if command is Command.HINT:
        return _hint(state, now, context)
    if command is Command.TIME:
        phase_left, total_left = time_left(state, now)
        text = f"{state.phase.title}: {_clock(phase_left)} left in this phase, {_clock(total_left)} in total."
        return Step(state, text, ())
    covered = [i.title for i in context.framework.items if i.id in state.covered]
    text = "Covered so far: " + ("; ".join(covered) if covered else "nothing yet") + "."
    return Step(state, text, ())


def _hint(state: InterviewState, now: float, context: Context) -> Step:
    """A graduated hint on the open probe (or item): a nudge to the area, then a pointer to the scenario's
    component that decides it, then no more. Never the probe's worked answer or another scenario's example."""
    probe = next((p for p in context.scenario.probes if p.id == state.open_probe), None)
    item_id = probe.item if probe is not None else state.open_item
    item = next((i for i in context.framework.items if i.id == item_id), None)
    if item is None:
        return Step(state, context.pack.no_hint, ())
    target = probe.id if probe is not None else item.id
    level = 1 + sum(1 for n in state.notes if n.kind is NoteKind.HINT and n.detail.endswith(f" on {target}"))
    component = _component_for(probe.question if probe is not None else item.title, context) if level == 2 else None
    if level == 1:
        text, how = context.pack.hint_nudge.format(area=item.title.lower()), "nudge"
    elif component is not None:
        text, how = context.pack.hint_pointer.format(component=component), "pointer"
    else:
        text, how = context.pack.hint_limit, "no more"
    note = Note(NoteKind.HINT, f"hint {level} ({how}) on {target}", item.id)
    turn = Turn(Speaker.INTERVIEWER, text, now, (note,))
    return Step(replace(state, turns=(*state.turns, turn), hints=state.hints + 1), text, (note,))


def _component_for(question: str, context: Context) -> str | None:
    """The scenario's component a question turns on, by meaning, named without any figure."""
    components = [c for c in context.scenario.components if not any(ch.isdigit() for ch in c.name)]
    if not components:
        return None
    row = context.similarity([question], [f"{c.name}: {c.role}" for c in components])[0]
    best = max(range(len(components)), key=lambda i: row[i])
    name = components[best].name
    return name[0].lower() + name[1:] if not name[:2].isupper() else name


def _finish(state: InterviewState, now: float, context: Context, why: Note) -> Step:
    unresolved = [Note(NoteKind.ARITHMETIC_UNCORRECTED, figure, "req.scale_slo") for figure in state.open_figures]
    closing = context.pack.voice(state.persona).closing
    if why.kind is NoteKind.END and not near_time(state, now):
        # stopping at 0:12 is not "that's time"
        closing = context.pack.early_end.format(elapsed=int(now // 60), minutes=state.minutes)
        why = Note(NoteKind.END, f"candidate ended the interview early, at {_clock(now)} of {state.minutes}:00")
    notes = (why, *unresolved)
    turn = Turn(Speaker.INTERVIEWER, closing, now, notes)
    return Step(replace(state, turns=(*state.turns, turn), is_finished=True), closing, notes)


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
