"""The candidate's diagram inside an interview: attach a version (read, checked, stored), and read them back.

Attaching follows the turn path's rules (``services.interview_turns``): it waits at the interview's turn gate,
so a diagram and a turn, or two diagrams from two tabs, never interleave and version numbers never repeat; it
stores only while its caller holds the session (the terminal passes its lease's token; without one, it holds
the session for the moment of the write as the web app does, and is refused while another window has it open);
and a finished interview takes no more diagrams. A diagram that cannot be read, or is too long, is a user error
(with the line or element at fault) and nothing is stored.

The check uses the candidate's own words up to the diagram as its notes (a failure story said aloud counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sdcoach.config import Settings
from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.graph import Diagram
from sdcoach.engine.diagram.scorecard_evidence import DiagramEvidence, diagram_evidence
from sdcoach.engine.interview import Speaker, Turn
from sdcoach.engine.reader import Similarity
from sdcoach.errors import SessionLockedError, UsageError
from sdcoach.services.diagrams import check_read, read_diagram
from sdcoach.services.input_size import MAX_INPUT_CHARS, require_input_size
from sdcoach.services.interview_lock import WEB, hold, lost_error
from sdcoach.services.library import find_scenario
from sdcoach.store.database import open_database
from sdcoach.store.diagram_versions import DiagramVersions, StoredDiagram
from sdcoach.store.locks import LockLostError, SessionLocks
from sdcoach.store.repository import FINISHED, SessionRepository, StoredSession
from sdcoach.store.turn_gate import TurnBusyError, TurnGate

# an Excalidraw export carries coordinates, styles and sometimes images: more characters for the same drawing;
# the history export holds a stored document up to this size (store.history_rows.Document)
MAX_EXCALIDRAW_CHARS = 10 * MAX_INPUT_CHARS


@dataclass(frozen=True)
class AttachedDiagram:
    """One version of the candidate's diagram: its number, format, text as given, when, and its check."""

    version: int
    fmt: str
    text: str
    created_at: datetime
    check: DiagramCheck
    after_turn: int = 0


def attach_diagram(
    settings: Settings,
    session_id: str,
    text: str,
    *,
    source: str | None = None,
    holder: str | None = None,
    similarity: Similarity | None = None,
) -> AttachedDiagram:
    """Read, check and store ``text`` as the interview's next diagram version (stored before this returns).

    ``holder`` is the lease token of the window that has the interview open (the terminal's); without it the
    session is held for the write alone. DiagramError (with the line or element) or UsageError: nothing stored."""
    diagram = read_diagram(_within_size(text), source)  # a diagram that cannot be read waits for nothing
    engine = open_database(settings.database)
    sessions = SessionRepository(engine, settings.owner)
    try:
        with TurnGate(engine).hold(session_id):
            stored = sessions.load(session_id)  # another owner's or an unknown id fails here, with suggestions
            if stored.summary.status == FINISHED:
                raise UsageError(
                    f"Interview {session_id} is finished; a diagram can no longer be attached to it.",
                    hint=f"Check it on its own: sdcoach diagram check FILE --scenario {stored.summary.scenario}",
                )
            after_turn = len(stored.turns) - 1
            check = _check(settings, diagram, stored, after_turn, similarity)
            versions = DiagramVersions(engine, settings.owner)
            locks = None if holder is not None else SessionLocks(engine)
            version = _store(versions, locks, session_id, (diagram.source_format, text, after_turn), holder)
    except TurnBusyError as busy:
        raise SessionLockedError(
            f"Interview {session_id} is still answering an earlier message; the diagram was not saved.",
            hint="Wait for that reply, then attach it again.",
        ) from busy
    return _attached(version, check)


def diagrams_of(settings: Settings, session_id: str, *, similarity: Similarity | None = None) -> list[AttachedDiagram]:
    """Every diagram version of the interview, oldest first, each checked again with the candidate's words up to
    it (so it reads as it did when attached, with today's library and similarity model)."""
    engine = open_database(settings.database)
    stored = SessionRepository(engine, settings.owner).load(session_id)
    versions = DiagramVersions(engine, settings.owner).versions(session_id)
    return [_rechecked(settings, stored, version, similarity) for version in versions]


def latest_diagram(
    settings: Settings, session_id: str, *, similarity: Similarity | None = None
) -> tuple[list[StoredDiagram], AttachedDiagram | None]:
    """Every version stored, unchecked, and the latest checked as ``diagrams_of`` checks it: what a page shows,
    at the cost of one check however many versions the candidate attached."""
    engine = open_database(settings.database)
    versions = DiagramVersions(engine, settings.owner).versions(session_id)
    stored = SessionRepository(engine, settings.owner).load(session_id)  # another owner's id fails here
    if not versions:
        return [], None
    return versions, _rechecked(settings, stored, versions[-1], similarity)


def last_diagram_evidence(
    settings: Settings, session_id: str, similarity: Similarity | None = None
) -> DiagramEvidence | None:
    """The scorecard evidence of the interview's last diagram, checked with everything the candidate said (None
    when no diagram was attached)."""
    engine = open_database(settings.database)
    versions = DiagramVersions(engine, settings.owner).versions(session_id)
    if not versions:
        return None
    stored = SessionRepository(engine, settings.owner).load(session_id)
    last = versions[-1]
    check = _check(settings, read_diagram(last.text), stored, len(stored.turns) - 1, similarity)
    return diagram_evidence(check, last.version)


def candidate_words(turns: tuple[Turn, ...], upto: int) -> str:
    """What the candidate said in turns 0..``upto``, one turn per paragraph (the notes a diagram is checked with)."""
    return "\n\n".join(t.text for t in turns[: upto + 1] if t.speaker is Speaker.CANDIDATE)


def _within_size(text: str) -> str:
    if text.lstrip().startswith("{"):
        if len(text) > MAX_EXCALIDRAW_CHARS:
            raise UsageError(
                f"The diagram is {len(text):,} characters; sdcoach takes Excalidraw exports of at most "
                f"{MAX_EXCALIDRAW_CHARS:,}, and nothing of it was saved.",
                hint="Export without embedded images (they are not read), or draw fewer boxes.",
            )
        return text
    return require_input_size(text, "The diagram", hint="Give the Mermaid flowchart itself, not a whole document.")


def _check(
    settings: Settings, diagram: Diagram, stored: StoredSession, upto: int, similarity: Similarity | None
) -> DiagramCheck:
    scenario = find_scenario(settings, stored.summary.scenario).scenario
    notes = candidate_words(stored.turns, upto)
    return check_read(diagram, scenario, settings, notes, similarity)


def _store(
    versions: DiagramVersions,
    locks: SessionLocks | None,
    session_id: str,
    what: tuple[str, str, int],
    holder: str | None,
) -> StoredDiagram:
    """Store the version while ``holder`` holds the session, or (no holder) while a short web hold of it lasts."""
    fmt, text, after_turn = what
    if holder is not None or locks is None:
        try:
            return versions.add(session_id, fmt, text, after_turn, holder)
        except LockLostError as lost:
            raise lost_error(session_id, lost.holder) from lost
    lease = hold(locks, session_id, WEB, take_over=False)  # refused while a terminal has the interview open
    try:
        return versions.add(session_id, fmt, text, after_turn, lease.token)
    finally:
        locks.release(session_id, lease.token)


def _rechecked(
    settings: Settings, stored: StoredSession, version: StoredDiagram, similarity: Similarity | None
) -> AttachedDiagram:
    """A stored version checked again with the candidate's words up to when it was attached."""
    return _attached(version, _check(settings, read_diagram(version.text), stored, version.after_turn, similarity))


def _attached(version: StoredDiagram, check: DiagramCheck) -> AttachedDiagram:
    return AttachedDiagram(version.version, version.fmt, version.text, version.created_at, check, version.after_turn)
