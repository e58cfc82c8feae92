"""An interview state holding one arithmetic probe still open: what the tests of ``still_open`` start from."""

from __future__ import annotations

from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import InterviewState, Note, NoteKind, Speaker, Turn, arithmetic_detail


def one_open_probe(
    scenario: str,
    working: str,
    said: str,
    ratio: float,
    question: str = "Walk me through how you got {}.",
    at: float = 900,
) -> InterviewState:
    """The state after the interviewer probed ``said`` (worked as ``working``, off by ``ratio``) ``at`` seconds in."""
    probed = Note(NoteKind.ARITHMETIC, arithmetic_detail(working, said, ratio))
    return InterviewState(
        scenario,
        Persona.PEER,
        45,
        (),
        turns=(Turn(Speaker.INTERVIEWER, question.format(said), at, (probed,)),),
        open_figures=(said,),
    )
