"""The interviewer's move policy, in the order it is tried on every candidate turn.

1. Answer the questions the candidate asked, from the scenario's facts (the reader maps each question to
   the reference question it asks and that question's fact).
2. Probe a calculation whose stated result is off by more than 2x (without giving the answer).
3. Move to the next phase when its time is spent or its items are covered, or follow the candidate there
   when their turn is mostly about a later phase.
4. Follow up on something the candidate just said (a probe whose trigger cues appear in the turn, never
   on an option the candidate turned down).
5. Once per phase, from the scale phase on: a curveball; from the tradeoff phase on: org alignment.
6. Push on the highest-weight uncovered item of the phase: a scenario probe, else a generic prompt.
Nothing is asked twice; a turn with nothing usable, a repeated turn, or text aimed at the grader gets a
short, non-repeating redirect instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.schema import Probe, ProbeKind
from sdcoach.engine.interview import Context, InterviewState, Note, NoteKind, Speaker
from sdcoach.engine.reader import Reading
from sdcoach.engine.spoken import WrongFigure, wrong_figures
from sdcoach.engine.tamper import Flag
from sdcoach.engine.text import normalise, words_of

LATE_PHASES = ("scale", "tradeoff", "failure", "influence")
ORG_PHASES = ("tradeoff", "influence")


@dataclass(frozen=True)
class Move:
    """One thing to say, the private note on why, and the probe it opens (for /hint)."""

    text: str
    note: Note
    probe_id: str | None = None
    item: str | None = None


def answers_to_questions(reading: Reading, context: Context) -> list[Move]:
    """Rule 1: one answer per fact asked about (asked three ways still answered once).

    "Not specified" is said only when no question of the turn has an answer in the scenario: a turn that
    was answered is never followed by it."""
    moves: list[Move] = []
    seen: set[str] = set()
    for asked in reading.asked:
        for fact_id in (asked.fact_id, *(fact for _, fact in asked.also)):
            fact = context.scenario.fact(fact_id) if fact_id else None
            if fact is not None and fact.id not in seen:
                seen.add(fact.id)
                moves.append(Move(fact.answer, Note(NoteKind.FACT, fact.id)))
    unanswered = [a for a in reading.asked if a.fact_id is None]
    if unanswered and not moves:
        moves.append(Move(context.pack.no_fact[0], Note(NoteKind.NO_FACT, unanswered[0].text)))
    return moves


def arithmetic_probe(turn: str, state: InterviewState, context: Context) -> tuple[Move | None, list[WrongFigure]]:
    """Rule 2: the first wrong figure in the turn, probed with an unused phrasing."""
    wrong = [w for w in wrong_figures(turn) if w.stated not in state.open_figures]
    if not wrong:
        return None, []
    text = (
        unused([t.format(stated=wrong[0].stated) for t in context.pack.arithmetic], state)
        or f"Check {wrong[0].stated} for me."
    )
    note = Note(NoteKind.ARITHMETIC, f"{wrong[0].expression} = {wrong[0].stated} (off {wrong[0].ratio:.2g}x)")
    return Move(text, note, item="req.scale_slo"), wrong


def follow_up(reading: Reading, state: InterviewState, context: Context) -> Move | None:
    """Rule 4: a probe triggered by words the candidate just used, as something they chose (not turned down)."""
    if state.phase.key == "req":
        return None
    words = " " + " ".join(words_of(reading.candidate_text)) + " "
    for probe in context.scenario.probes:
        if probe.id in state.asked or not probe.trigger_cues:
            continue
        if probe.kind in (ProbeKind.CURVEBALL, ProbeKind.ORG_ALIGNMENT):
            continue
        if any(_said(cue, words) and not reading.is_only_rejected(cue) for cue in probe.trigger_cues):
            return _probe_move(probe, NoteKind.FOLLOW_UP)
    return None


def special_probe(state: InterviewState, context: Context) -> Move | None:
    """Rule 5: a curveball (scale phase on) or an org-alignment push (tradeoff phase on), once per phase."""
    key = state.phase.key
    turns_in_phase = sum(1 for t in state.turns if t.speaker is Speaker.CANDIDATE and t.elapsed >= state.phase_started)
    if turns_in_phase < 2:
        return None
    kinds: list[tuple[ProbeKind, NoteKind]] = []
    if key in ORG_PHASES:
        kinds.append((ProbeKind.ORG_ALIGNMENT, NoteKind.ORG_ALIGNMENT))
    if key in LATE_PHASES:
        kinds.append((ProbeKind.CURVEBALL, NoteKind.CURVEBALL))
    used_here = {n.kind for t in state.turns if t.elapsed >= state.phase_started for n in t.notes}
    for kind, note_kind in kinds:
        if note_kind in used_here:
            continue
        probe = next((p for p in context.scenario.probes if p.kind is kind and p.id not in state.asked), None)
        if probe is not None:
            return _probe_move(probe, note_kind)
    return None


def gap_push(state: InterviewState, context: Context, covered: frozenset[str]) -> Move | None:
    """Rule 6: the highest-weight uncovered item of the phase, by scenario probe or generic prompt.

    A follow-up probe presumes something the candidate said ("You picked Redis"), so it is never a gap push."""
    weights = {i.id: i.weight for i in context.framework.items}
    open_items = sorted((i for i in state.phase.items if i not in covered), key=lambda i: -weights[i])
    for item in open_items:
        probe = next(
            (
                p
                for p in context.scenario.probes
                if p.item == item
                and p.id not in state.asked
                and p.kind not in (ProbeKind.CURVEBALL, ProbeKind.ORG_ALIGNMENT, ProbeKind.FOLLOW_UP)
            ),
            None,
        )
        if probe is not None:
            return _probe_move(probe, NoteKind.GAP)
        prompt = unused(list(context.pack.prompts_for(item)), state)
        if prompt is not None:
            return Move(prompt, Note(NoteKind.GAP, f"generic prompt for {item}", item), probe_id=None, item=item)
    return None


def redirect(kind: NoteKind, state: InterviewState, context: Context) -> Move | None:
    """A short redirect for an empty, repeated or grader-directed turn, never the same one twice."""
    options = {
        NoteKind.RESTATE: context.pack.restate,
        NoteKind.REPEATED: context.pack.repeated,
        NoteKind.GRADER_TALK: context.pack.grader_talk,
    }[kind]
    text = unused(list(options), state)
    return Move(text, Note(kind, "redirect")) if text is not None else None


def classify(turn: str, state: InterviewState, flags: dict[int, Flag], known: frozenset[str]) -> NoteKind | None:
    """Whether a turn needs a redirect instead of a normal move: empty, gibberish, repeated, or gaming.

    ``known`` is the vocabulary of the content (framework, scenario, markers); a turn in which fewer
    than a quarter of the words are known, or that has under two words, is treated as unreadable."""
    words = words_of(turn)
    recognised = [w for w in words if w in known or w[0].isdigit()]
    if len(words) < 2 or len(recognised) < max(1, len(words) / 4):
        return NoteKind.RESTATE
    if Flag.INJECTION in flags.values():
        return NoteKind.GRADER_TALK
    earlier = {normalise(t.text) for t in state.turns[:-1] if t.speaker is Speaker.CANDIDATE}
    if normalise(turn) in earlier:
        return NoteKind.REPEATED
    return None


def unused(options: list[str], state: InterviewState) -> str | None:
    """The first option the interviewer has not said in this interview."""
    said = {t.text for t in state.turns if t.speaker is Speaker.INTERVIEWER}
    said_parts = {part for text in said for part in text.split("\n\n")}
    return next((o for o in options if o not in said_parts and o not in state.asked), None)


def _said(cue: str, words: str) -> bool:
    """The cue appears in the turn as whole words."""
    needle = " ".join(words_of(cue))
    return bool(needle) and f" {needle} " in words


def _probe_move(probe: Probe, kind: NoteKind) -> Move:
    return Move(probe.question, Note(kind, f"probe {probe.id}: {probe.trigger}", probe.item), probe.id, probe.item)
