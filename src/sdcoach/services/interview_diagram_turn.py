"""A diagram attached inside a running terminal interview: stored as the next version under the window's own hold,
then the interviewer's one question about it, stored as the interviewer's turn (so resume shows it)."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.loader import load_diagram_questions
from sdcoach.engine.diagram.ask import DiagramQuestion, diagram_question, ranked_problems
from sdcoach.engine.diagram.findings import Finding
from sdcoach.engine.interview import Note, NoteKind
from sdcoach.services.interview_diagrams import AttachedDiagram, attach_diagram
from sdcoach.services.interviews import LiveInterview


@dataclass(frozen=True)
class DiagramTurn:
    """A diagram attached inside a running interview: the version stored, its most important problems (at most
    ``TOP``), and the interviewer's question about it (already stored as the interviewer's turn)."""

    attached: AttachedDiagram
    top: tuple[Finding, ...]
    question: DiagramQuestion


TOP = 3


def attach_in_interview(live: LiveInterview, text: str, source: str | None = None) -> DiagramTurn:
    """Attach a diagram to the interview ``live`` holds, then store and return the interviewer's one question."""
    interviews = live.interviews
    attached = attach_diagram(
        interviews.settings, live.session_id, text, source=source, holder=live.holder, similarity=interviews.similarity
    )
    questions = load_diagram_questions()
    question = diagram_question(attached.check, live.context.scenario, questions)
    live.interject(question.text, Note(NoteKind.DIAGRAM, f"v{attached.version} {question.kind}: {question.where}"))
    return DiagramTurn(attached, tuple(ranked_problems(attached.check, questions)[:TOP]), question)
