"""Mock interviews as the interfaces run them: store the candidate's turn, then compute and store the reply.

Store before show: ``respond`` commits the candidate's words before the engine runs, and the
interviewer's reply and the new state before returning. A crash at any point loses at most the turn
being typed; ``resume`` replays a stored candidate turn that never got its reply.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_interviewer
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.interview import Command, Context, InterviewState, NoteKind, Speaker, Turn, parse_command, start
from sdcoach.engine.interviewer import advance
from sdcoach.present.scorecard import scorecard_payload
from sdcoach.services.coach import Coach, coach_from
from sdcoach.services.grading import GradeResult, grade_text, method
from sdcoach.services.interview_wording import word_turn
from sdcoach.services.library import find_scenario
from sdcoach.services.similarity import default_similarity, meaning_similarity
from sdcoach.store.database import open_database
from sdcoach.store.repository import SessionRepository
from sdcoach.store.repository import SessionSummary as SessionSummary  # the interfaces take these from here
from sdcoach.store.repository import StoredSession as StoredSession

Clock = Callable[[], float]


@dataclass(frozen=True)
class Reply:
    """What the interviewer says back, and the scorecard once the interview is over."""

    text: str
    is_finished: bool
    result: GradeResult | None = None
    notice: str | None = None


class Interviews:
    """Start, resume, list and report interview sessions."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock = time.monotonic,
        similarity: Similarity | None = None,
        coach: Coach | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.similarity = similarity
        self.coach = coach or coach_from(settings)
        self.repository = SessionRepository(open_database(settings.database), settings.owner)

    def start(self, slug: str, persona: Persona, minutes: int) -> LiveInterview:
        """A new interview, its opening already stored."""
        context = self._context(slug)
        step = start(context, persona, minutes)
        session_id = self.repository.create(step.state)
        return LiveInterview(self, session_id, step.state, context, 0.0, step.reply)

    def resume(
        self, session_id: str | None = None, credit: Callable[[StoredSession], float] | None = None
    ) -> LiveInterview:
        """The named session, or the latest unfinished one, ready to continue.

        ``credit`` gives the time that passed while nothing ran (the web counts the minutes between requests)."""
        chosen = session_id or self.repository.latest()
        if chosen is None:
            from sdcoach.errors import UsageError

            raise UsageError("There is no unfinished interview to resume.", hint="Start one: sdcoach interview SLUG")
        stored = self.repository.load(chosen)
        context = self._context(stored.summary.scenario)
        elapsed = stored.elapsed + (max(0.0, credit(stored)) if credit else 0.0)
        live = LiveInterview(self, chosen, stored.state, context, elapsed, _last_interviewer_line(stored))
        live.replay_pending(stored)
        return live

    def close(self) -> None:
        """Release the database connections."""
        self.repository.close()

    def sessions(self) -> list[SessionSummary]:
        """Every stored session, newest first."""
        return self.repository.list()

    def save_narrative(self, session_id: str, narrative: str) -> None:
        """Keep the coach's narrative with a stored scorecard (its scores are unchanged)."""
        stored = self.repository.load(session_id)
        if stored.scorecard is not None:
            self.repository.save_scorecard(session_id, {**stored.scorecard, "narrative": narrative})

    def report(self, session_id: str) -> StoredSession:
        """A stored session with its transcript, notes and scorecard."""
        return self.repository.load(session_id)

    def grade(self, state: InterviewState) -> GradeResult:
        """The scorecard for a finished interview: only the phases reached are assessed."""
        result = grade_text(
            state.candidate_text or "(no answer)",
            state.scenario,
            self.settings,
            similarity=self._similarity(),
            assessed=state.items_reached(),
        )
        extra = _interview_notes(state)
        return replace(result, notes=(*result.notes, *extra))

    def _context(self, slug: str) -> Context:
        scenario = find_scenario(self.settings, slug).scenario
        parts = method()
        meaning = self.similarity or meaning_similarity(self.settings)
        return Context(scenario, parts.framework, parts.grading, load_interviewer(), self._similarity(), meaning)

    def _similarity(self) -> Similarity:
        return self.similarity or default_similarity(self.settings)


class LiveInterview:
    """One interview in progress: its state and a clock that continues from the stored elapsed time."""

    def __init__(
        self,
        interviews: Interviews,
        session_id: str,
        state: InterviewState,
        context: Context,
        elapsed: float,
        last: str,
    ) -> None:
        self.interviews = interviews
        self.session_id = session_id
        self.state = state
        self.context = context
        self.last_reply = last
        self.result: GradeResult | None = None
        self._base = elapsed
        self._resumed_at = interviews.clock()

    def now(self) -> float:
        """Seconds of interview time so far (time while the program was not running does not count)."""
        return self._base + (self.interviews.clock() - self._resumed_at)

    def respond(self, text: str) -> Reply:
        """Store the candidate's turn, then compute, store and return the interviewer's reply."""
        now = self.now()
        command = parse_command(text)
        if command is None:
            self.interviews.repository.add_turn(self.session_id, Turn(Speaker.CANDIDATE, text, now))
        step = advance(self.state, text, now, self.context)
        if command is not None:
            return self._record(step.state, step.reply, now, command)
        state, worded = word_turn(self.interviews.coach, step.state, self.context, text)
        reply = self._record(state, worded.text if worded.by_backend else step.reply, now, command)
        return replace(reply, notice=worded.notice)

    def replay_pending(self, stored: StoredSession) -> None:
        """Answer a candidate turn that was stored but never got a reply (the program died in between)."""
        pending = stored.turns[len(self.state.turns) :]
        for turn in pending:
            if turn.speaker is Speaker.CANDIDATE:
                step = advance(self.state, turn.text, turn.elapsed, self.context)
                self._record(step.state, step.reply, turn.elapsed, None)

    def _record(self, state: InterviewState, reply: str, now: float, command: Command | None) -> Reply:
        repository = self.interviews.repository
        if len(state.turns) > len(self.state.turns) and state.turns[-1].speaker is Speaker.INTERVIEWER:
            repository.add_turn(self.session_id, state.turns[-1])
        self.state = state
        repository.save_state(self.session_id, state, now)
        self.last_reply = reply or self.last_reply
        if not state.is_finished:
            return Reply(reply, False)
        result = self.interviews.grade(state)
        repository.save_scorecard(self.session_id, scorecard_payload(result))
        self.result = result
        return Reply(reply, True, result)


def persona_named(name: str) -> Persona:
    """A persona from its name, with the valid ones on error."""
    from sdcoach.errors import UsageError

    try:
        return Persona(name.lower())
    except ValueError as err:
        raise UsageError(f"--persona must be peer, director or pm; got {name!r}.", field="--persona") from err


def _interview_notes(state: InterviewState) -> tuple[str, ...]:
    notes = []
    if state.hints:
        notes.append(f"Asked for {state.hints} hint{'s' if state.hints != 1 else ''} during the interview.")
    uncorrected = [n.detail for n in state.notes if n.kind is NoteKind.ARITHMETIC_UNCORRECTED]
    if uncorrected:
        notes.append("Arithmetic never corrected: " + "; ".join(uncorrected) + ".")
    if state.phase_index + 1 < len(state.phases):
        reached = state.phases[state.phase_index].title
        notes.append(f"The interview ended during {reached}; later sections were not assessed.")
    return tuple(notes)


def _last_interviewer_line(stored: StoredSession) -> str:
    return next((t.text for t in reversed(stored.state.turns) if t.speaker is Speaker.INTERVIEWER), "")
