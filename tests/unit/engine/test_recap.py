"""The resume recap: where the interview stands and its last exchanges, each cut to a line."""

from __future__ import annotations

from dataclasses import replace

from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework
from sdcoach.engine.interview import InterviewState, Note, NoteKind, Speaker, Turn, phases_for
from sdcoach.engine.recap import EXCERPT_WORDS, EXCHANGES, excerpt, recap_of

FRAMEWORK = load_framework()
TITLES = {item.id: item.title for item in FRAMEWORK.items}


def state_with(turns: list[Turn], covered: tuple[str, ...] = ()) -> InterviewState:
    state = InterviewState("feature-store", Persona.PEER, 45, phases_for(FRAMEWORK, 45))
    return replace(state, turns=tuple(turns), covered=covered, phase_index=1)


def test_nothing_to_recap_before_the_first_answer() -> None:
    opening = Turn(Speaker.INTERVIEWER, "Thanks for making the time.", 0.0)
    assert recap_of(state_with([opening]), 30.0, TITLES).is_empty


def test_the_recap_holds_the_clock_the_phase_what_is_covered_and_the_last_exchanges() -> None:
    turns = [Turn(Speaker.INTERVIEWER, "Design a feature store.", 0.0)]
    for minute in range(1, 6):
        turns.append(Turn(Speaker.CANDIDATE, f"Answer number {minute}. With more after it.", minute * 60.0))
        notes = (Note(NoteKind.FACT, "f_read_qps"),) if minute == 1 else ()
        turns.append(Turn(Speaker.INTERVIEWER, f"Reply number {minute}.", minute * 60.0, notes))
    recap = recap_of(state_with(turns, ("req.scale_slo",)), 330.0, TITLES)
    assert recap.candidate_turns == 5 and recap.facts_given == 1
    assert recap.phase == FRAMEWORK.sections[1].title
    assert recap.covered == (TITLES["req.scale_slo"],)
    assert len(recap.exchanges) == EXCHANGES
    assert [e.minute for e in recap.exchanges] == [3, 4, 5]
    assert recap.exchanges[-1].candidate == "Answer number 5. …"
    assert recap.exchanges[-1].interviewer == "Reply number 5."


def test_an_excerpt_is_the_opening_of_a_turn() -> None:
    long = " ".join(["word"] * (EXCERPT_WORDS + 10)) + "."
    assert excerpt(long).endswith(" …") and len(excerpt(long).split()) == EXCERPT_WORDS + 1
    assert excerpt("Short one.") == "Short one."
