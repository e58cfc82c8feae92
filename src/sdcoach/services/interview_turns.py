"""One turn of an interview as the web app takes it: one at a time per interview, and each post stored once.

Two tabs, or Send then Hint, post to the same interview at once. Each post waits at the interview's gate
(``store.turn_gate``) until the turn before it is stored whole, so every turn starts from the state the last
one left: turn numbers never repeat, no reply is given twice, and every stored answer is in the state the
scorecard grades. A post carries the id its page generated for it; a retried or doubled post finds the
turns the first one stored and gets the same reply back instead of storing the answer again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sdcoach.engine.interview import InterviewState, Turn
from sdcoach.errors import SessionLockedError
from sdcoach.services.interviews import Interviews, StoredSession
from sdcoach.store.turn_gate import TurnBusyError

Credit = Callable[[StoredSession], float]


@dataclass(frozen=True)
class TurnOutcome:
    """What a post stored (the answer and the reply, numbered from ``offset``) and where the interview stands."""

    turns: tuple[Turn, ...]
    offset: int
    state: InterviewState
    now: float
    notice: str | None
    is_repeat: bool = False

    @property
    def is_finished(self) -> bool:
        """Whether the interview is over (its scorecard is stored)."""
        return self.state.is_finished


def take_turn(interviews: Interviews, session_id: str, text: str, submit_id: str | None, credit: Credit) -> TurnOutcome:
    """Store the answer and the reply, after any turn of this interview still running; a post already
    stored (same ``submit_id``) returns what it stored."""
    try:
        with interviews.gate.hold(session_id):
            if submit_id and interviews.repository.submitted(session_id, submit_id) is not None:
                return _repeat(interviews, session_id, submit_id, credit)
            with interviews.resume(session_id, credit=credit) as live:
                before = len(live.state.turns)
                if live.state.is_finished:  # ended from another tab meanwhile: store nothing, show the scorecard
                    return TurnOutcome((), before, live.state, live.now(), None)
                reply = live.respond(text, submit_id)
                return TurnOutcome(live.state.turns[before:], before, live.state, live.now(), reply.notice)
    except TurnBusyError as busy:
        raise SessionLockedError(
            f"Interview {session_id} is still answering an earlier message (another tab, or a button pressed "
            "twice); this one was not saved.",
            hint="Wait for that reply, then send again.",
        ) from busy


def _repeat(interviews: Interviews, session_id: str, submit_id: str, credit: Credit) -> TurnOutcome:
    """The turns an earlier post with this id stored; if it died after storing the answer, the reply first."""
    stored = interviews.repository.load(session_id)
    if len(stored.turns) > len(stored.state.turns):  # its answer is stored, its reply is not: resume gives it one
        with interviews.resume(session_id, credit=credit):
            pass
        stored = interviews.repository.load(session_id)
    span = interviews.repository.submitted(session_id, submit_id) or range(0)
    turns = stored.turns[span.start : span.stop]
    return TurnOutcome(turns, span.start, stored.state, stored.elapsed, None, is_repeat=True)
