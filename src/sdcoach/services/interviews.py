"""Mock interviews as the interfaces run them: store the candidate's turn, then compute and store the reply.

Store before show: ``respond`` commits the candidate's words before the engine runs (the wording may
wait on an LLM backend), then the interviewer's reply, the new state and, at the end, the scorecard in
one transaction before returning. A crash at any point loses at most the turn being typed; ``resume``
replays a stored candidate turn that never got its reply, so it gets exactly one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.arithmetic import evidence_text
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.debrief import mistakes_from_notes, uncorrected_in
from sdcoach.engine.interview import (
    Command,
    Context,
    InterviewState,
    Note,
    NoteKind,
    Speaker,
    Turn,
    parse_command,
    start,
)
from sdcoach.engine.interviewer import advance
from sdcoach.engine.red_flags import session_facts
from sdcoach.present.scorecard import scorecard_payload
from sdcoach.services.coach import Coach, coach_from
from sdcoach.services.grading import GradeResult, grade_transcript, interviewer_pack
from sdcoach.services.input_size import require_input_size
from sdcoach.services.interview_context import interview_context
from sdcoach.services.interview_diagrams import last_diagram_evidence
from sdcoach.services.interview_lock import TERMINAL, hold, lost_error, taken_over_notice
from sdcoach.services.interview_wording import word_turn
from sdcoach.services.similarity import default_similarity, meaning_similarity
from sdcoach.store.database import open_database
from sdcoach.store.locks import KeepAlive, Lease, LockLostError, SessionLocks
from sdcoach.store.repository import FINISHED, SessionRepository
from sdcoach.store.repository import SessionSummary as SessionSummary  # the interfaces take these from here
from sdcoach.store.repository import StoredSession as StoredSession
from sdcoach.store.turn_gate import TurnGate

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
        client: str = TERMINAL,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.similarity = similarity
        self.coach = coach or coach_from(settings)
        self.client = client  # who holds the sessions this service opens: a terminal or the web app
        engine = open_database(settings.database)
        self.repository = SessionRepository(engine, settings.owner)
        self.locks = SessionLocks(engine)
        self.gate = TurnGate(engine)  # one turn at a time per interview (services.interview_turns)

    def start(self, slug: str, persona: Persona, minutes: int) -> LiveInterview:
        """A new interview, its opening already stored."""
        context = self._context(slug)
        step = start(context, persona, minutes)
        session_id = self.repository.create(step.state)
        lease = hold(self.locks, session_id, self.client, take_over=False)
        return LiveInterview(self, lease, step.state, context, 0.0, step.reply)

    def resume(
        self,
        session_id: str | None = None,
        credit: Callable[[StoredSession], float] | None = None,
        take_over: bool = False,
    ) -> LiveInterview:
        """The named session, or the latest unfinished one, held and ready to continue.

        Another live holder refuses it unless ``take_over``; a holder that was killed is taken over without
        asking. ``credit`` gives the time that passed while nothing ran (the web counts the minutes between
        requests)."""
        chosen = session_id or self.repository.latest()
        if chosen is None:
            from sdcoach.errors import UsageError

            raise UsageError("There is no unfinished interview to resume.", hint="Start one: sdcoach interview SLUG")
        if self.repository.status(chosen) == FINISHED:  # an unknown id fails here, with suggestions
            from sdcoach.errors import UsageError

            raise UsageError(
                f"Interview {chosen} is finished; there is nothing to resume.",
                hint=f"Read it with `sdcoach report {chosen}`, or start another with `sdcoach interview SLUG`.",
            )
        lease = hold(self.locks, chosen, self.client, take_over)
        try:
            stored = self.repository.load(chosen)  # read again: the last holder may have written meanwhile
            context = self._context(stored.summary.scenario)
            elapsed = stored.elapsed + (max(0.0, credit(stored)) if credit else 0.0)
            live = LiveInterview(self, lease, stored.state, context, elapsed, _last_interviewer_line(stored))
            live.replay_pending(stored)
        except BaseException:
            self.locks.release(chosen, lease.token)
            raise
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
        result = grade_transcript(
            evidence_text(state) or "(no answer)",  # a figure never corrected is never evidence
            state.scenario,
            self.settings,
            similarity=self._similarity(),
            assessed=state.items_reached(),
            facts=session_facts(state),
            mistakes=mistakes_from_notes(uncorrected_in(state.notes), state.candidate_text),
        )
        extra = _interview_notes(state)
        return replace(result, notes=(*result.notes, *extra))

    def _context(self, slug: str) -> Context:
        meaning = self.similarity or meaning_similarity(self.settings)
        return interview_context(self.settings, slug, self._similarity(), meaning)

    def _similarity(self) -> Similarity:
        return self.similarity or default_similarity(self.settings)


class LiveInterview:
    """One interview in progress: its state and a clock that continues from the stored elapsed time."""

    def __init__(
        self,
        interviews: Interviews,
        lease: Lease,
        state: InterviewState,
        context: Context,
        elapsed: float,
        last: str,
    ) -> None:
        self.interviews = interviews
        self.session_id = lease.session_id
        self.state = state
        self.context = context
        self.last_reply = last
        self.result: GradeResult | None = None
        self.notice = taken_over_notice(lease)
        self._lease = lease
        self._keep_alive: KeepAlive | None = None
        self._base = elapsed
        self._resumed_at = interviews.clock()

    def __enter__(self) -> LiveInterview:
        """Keep the session held while it is open: a heartbeat tells other windows this one is alive."""
        self._keep_alive = self.interviews.locks.keep_alive(self.session_id, self._lease.token)
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the session (another window may open it without taking it over)."""
        if self._keep_alive is not None:
            self._keep_alive.stop()
            self._keep_alive = None
        self.interviews.locks.release(self.session_id, self._lease.token)

    def now(self) -> float:
        """Seconds of interview time so far (time while the program was not running does not count)."""
        return self._base + (self.interviews.clock() - self._resumed_at)

    def respond(self, text: str, submit_id: str | None = None) -> Reply:
        """Store the candidate's turn, then compute, store and return the interviewer's reply.

        Only while this window holds the session: one that was taken over stores nothing and says so.
        ``submit_id`` marks the first turn stored (the answer, or a command's reply) with the post that sent it."""
        resume = f"The interview is saved up to your last answer: sdcoach interview --resume {self.session_id}"
        require_input_size(text, "That answer", hint=resume)
        try:
            return self._respond(text, submit_id)
        except LockLostError as lost:
            raise lost_error(self.session_id, lost.holder) from lost

    def _respond(self, text: str, submit_id: str | None) -> Reply:
        now = self.now()
        command = parse_command(text)
        if command is None:
            turn = Turn(Speaker.CANDIDATE, text, now)
            self.interviews.repository.add_turn(self.session_id, turn, self._lease.token, submit_id)
        step = advance(self.state, text, now, self.context)
        if command is not None:
            return self._record(step.state, step.reply, now, command, submit_id)
        state, worded = word_turn(self.interviews.coach, step.state, self.context, text)
        reply = self._record(state, worded.text if worded.by_backend else step.reply, now, command)
        return replace(reply, notice=worded.notice)

    @property
    def holder(self) -> str:
        """The token this window holds the session with (writes made for it are fenced with it)."""
        return self._lease.token

    def interject(self, text: str, note: Note) -> None:
        """Store an interviewer turn the engine did not choose (a question about the candidate's diagram), with
        its note, and make it the last reply; only while this window holds the session."""
        turn = Turn(Speaker.INTERVIEWER, text, self.now(), (note,))
        state = replace(self.state, turns=(*self.state.turns, turn))
        try:
            self.interviews.repository.save_reply(self.session_id, turn, state, turn.elapsed, None, self.holder)
        except LockLostError as lost:
            raise lost_error(self.session_id, lost.holder) from lost
        self.state, self.last_reply = state, text

    def replay_pending(self, stored: StoredSession) -> None:
        """Answer a candidate turn that was stored but never got a reply (the program died in between)."""
        pending = stored.turns[len(self.state.turns) :]
        try:
            for turn in pending:
                if turn.speaker is Speaker.CANDIDATE:
                    step = advance(self.state, turn.text, turn.elapsed, self.context)
                    self._record(step.state, step.reply, turn.elapsed, None)
        except LockLostError as lost:
            raise lost_error(self.session_id, lost.holder) from lost

    def _record(
        self, state: InterviewState, reply: str, now: float, command: Command | None, submit_id: str | None = None
    ) -> Reply:
        """Store the reply whole (turn, state, status, and the scorecard once finished), then hand it back."""
        grew = len(state.turns) > len(self.state.turns) and state.turns[-1].speaker is Speaker.INTERVIEWER
        result = self.interviews.grade(state) if state.is_finished else None
        if result is not None:  # the last diagram, quoted beside the score (it never changes one)
            diagram = last_diagram_evidence(self.interviews.settings, self.session_id, self.interviews.similarity)
            result = replace(result, diagram=diagram)
        scorecard = scorecard_payload(result) if result is not None else None
        reply_turn = state.turns[-1] if grew else None
        token = self._lease.token
        self.interviews.repository.save_reply(self.session_id, reply_turn, state, now, scorecard, token, submit_id)
        self.state = state
        self.last_reply = reply or self.last_reply
        if result is None:
            return Reply(reply, False)
        self.result = result
        return Reply(reply, True, result)


def persona_named(name: str) -> Persona:
    """A persona from its name, with the valid ones on error."""
    from sdcoach.errors import UsageError

    try:
        return Persona(name.lower())
    except ValueError as err:
        raise UsageError(f"--persona must be peer, director or pm; got {name!r}.", field="--persona") from err


def round_label(persona: Persona) -> str | None:
    """What a persona's round practises (a director or PM round is a cross-functional one); none for the peer."""
    return interviewer_pack().voice(persona).label


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
