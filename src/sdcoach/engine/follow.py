"""Follow-ups and gap pushes that follow the candidate's own design (``engine/design.py``).

A follow-up is asked only on an option the candidate put forward in this turn (its trigger cue found
in their words, not only as an alternative they weighed or turned down), in their words, and built on
a figure they stated beside it ("With your 1.2M reads/s in mind: ..."). A gap push goes to the
checklist item still open that has not been pushed, highest weight first, from the current phase or
one the candidate skipped past (the current phase's first among equals), so what was never raised
gets asked about. It is phrased
neutrally. Private notes say what the candidate said, never what they did not.
"""

from __future__ import annotations

import re

from sdcoach.content.schema import Probe, ProbeKind
from sdcoach.engine import moves
from sdcoach.engine.design import Design, in_their_words, neutral, unsupported
from sdcoach.engine.figures import figures_in
from sdcoach.engine.interview import Context, InterviewState, Note, NoteKind
from sdcoach.engine.reader import Reading
from sdcoach.engine.text import sentences_of, words_of

_WEIGHED = re.compile(r"\b(?:versus|vs\.?|compared (?:to|with)|instead of|rather than|over|than|not|or)\b", re.I)
_BUILD_ON = "With your {figure} in mind: {question}"
_NOT_PUSHED = (ProbeKind.CURVEBALL, ProbeKind.ORG_ALIGNMENT, ProbeKind.FOLLOW_UP)


def follow_up(reading: Reading, state: InterviewState, context: Context, design: Design) -> moves.Move | None:
    """A probe on something the candidate just put forward, in their words."""
    if state.phase.key == "req":
        return None
    for probe in context.scenario.probes:
        if probe.id in state.asked or not probe.trigger_cues or probe.kind in _NOT_PUSHED[:2]:
            continue
        for cue in probe.trigger_cues:
            sentence = _put_forward(cue, reading, state)
            if sentence is None:
                continue
            question = in_their_words(probe.question, probe.trigger_cues, cue)
            if unsupported(question, design):
                continue
            question = _built_on(question, sentence, state)
            note = Note(NoteKind.FOLLOW_UP, f"probe {probe.id} on '{cue}', said: \"{sentence}\"", probe.item)
            return moves.Move(question, note, probe.id, probe.item)
    return None


def _put_forward(cue: str, reading: Reading, state: InterviewState) -> str | None:
    """The sentence of this turn where the candidate names ``cue`` as something they use (not weighed or
    turned down), if any."""
    needle = f" {' '.join(words_of(cue))} "
    if needle.strip() == "" or reading.is_only_rejected(cue):
        return None
    for sentence in sentences_of(reading.candidate_text):
        if needle in f" {' '.join(words_of(sentence.text))} " and not _WEIGHED.search(sentence.text):
            return sentence.text
    return None


def _built_on(question: str, sentence: str, state: InterviewState) -> str:
    """Lead with a figure the candidate stated beside the cue, unless it is one probed as wrong."""
    figures = [f for f in figures_in(sentence) if not f.is_count and f.said not in state.open_figures]
    if not figures or "your" in question.lower()[:40]:
        return question
    lead = question[0].lower() + question[1:] if question[:2] not in ("I ", "A ") else question
    return _BUILD_ON.format(figure=figures[0].said, question=lead)


def gap_push(state: InterviewState, context: Context, covered: frozenset[str], design: Design) -> moves.Move | None:
    """The open item pushed least, highest weight first, by a scenario probe (neutrally put) or a generic prompt."""
    for item in _open_items(state, context, covered):
        for probe in context.scenario.probes:
            if probe.item != item or probe.id in state.asked or probe.kind in _NOT_PUSHED:
                continue
            question = neutral(probe.question, design)
            if question is not None:
                return _push(probe, question, design)
        prompt = moves.unused(list(context.pack.prompts_for(item)), state)
        prompt = neutral(prompt, design) if prompt is not None else None  # "your latency budget" to someone
        if prompt is not None:  # who never spoke of latency is "the latency budget"
            detail = f"gap push on {item}, not yet covered; so far the candidate {design.summary()}"
            return moves.Move(prompt, Note(NoteKind.GAP, detail, item), item=item)
    return None


def neutral_probe(move: moves.Move | None, design: Design) -> moves.Move | None:
    """A curveball, org push or deep dive put neutrally; None when it would credit the candidate falsely."""
    if move is None:
        return None
    question = neutral(move.text, design)
    return None if question is None else moves.Move(question, move.note, move.probe_id, move.item, move.told)


def _push(probe: Probe, question: str, design: Design) -> moves.Move:
    detail = f"probe {probe.id} on {probe.item}, not yet covered; so far the candidate {design.summary()}"
    return moves.Move(question, Note(NoteKind.GAP, detail, probe.item), probe.id, probe.item)


def _open_items(state: InterviewState, context: Context, covered: frozenset[str]) -> list[str]:
    """Items still open: the current phase's, then the earlier phases' (skipped past or left early)."""
    weights = {i.id: i.weight for i in context.framework.items}
    pushed: dict[str, int] = {}
    for note in state.notes:
        if note.item and note.kind in (NoteKind.GAP, NoteKind.FOLLOW_UP, NoteKind.CURVEBALL, NoteKind.ORG_ALIGNMENT):
            pushed[note.item] = pushed.get(note.item, 0) + 1
    current = [i for i in state.phase.items if i not in covered]
    earlier = [i for p in state.phases[: state.phase_index] for i in p.items if i not in covered and i not in current]
    return sorted([*current, *earlier], key=lambda i: (pushed.get(i, 0) > 0, -weights[i], i not in current))
