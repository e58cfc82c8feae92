"""The interview loop: phases from the time plan, state after every turn, and ``advance`` (pure, clock passed in).

``start`` opens a session; ``advance(state, event, now, context)`` takes one candidate turn or slash
command and returns the next state, what the interviewer says, and private notes on why (which
item, which trigger). The notes feed the scorecard and are never shown as part of the reply. The
choice of move lives in ``engine/moves.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sdcoach.content.framework_schema import Framework
from sdcoach.content.grading_schema import Grading
from sdcoach.content.interviewer_schema import InterviewerPack, Persona
from sdcoach.content.schema import Scenario
from sdcoach.engine.reader import Lens, Similarity
from sdcoach.engine.text import words_of
from sdcoach.errors import UsageError


class Speaker(StrEnum):
    """Who said a turn; stored."""

    CANDIDATE = "candidate"
    INTERVIEWER = "interviewer"


class NoteKind(StrEnum):
    """Why the interviewer said what it said; stored and fed to the scorecard."""

    FACT = "fact"
    INTENT = "intent"
    NO_FACT = "no_fact"
    FOLLOW_UP = "follow_up"
    GAP = "gap"
    CURVEBALL = "curveball"
    ORG_ALIGNMENT = "org_alignment"
    ARITHMETIC = "arithmetic"
    ARITHMETIC_UNCORRECTED = "arithmetic_uncorrected"
    HINT = "hint"
    COMMIT = "commit"  # a questions-only candidate asked to commit to a design
    PHASE = "phase"
    PITCH = "pitch"
    RESTATE = "restate"
    REPEATED = "repeated"
    GRADER_TALK = "grader_talk"
    SKIP = "skip"
    END = "end"
    DIAGRAM = "diagram"  # a question about the diagram the candidate attached (services.interview_diagrams)


class Command(StrEnum):
    """Slash commands a candidate can type."""

    TIME = "/time"
    CHECKLIST = "/checklist"
    HINT = "/hint"
    SKIP = "/skip"
    END = "/end"


@dataclass(frozen=True)
class Note:
    """A private note: what kind of move, on which checklist item, and the trigger."""

    kind: NoteKind
    detail: str
    item: str | None = None


# An arithmetic note's detail: the working, the figure the candidate stated, and how far off it is.
_ARITHMETIC = re.compile(r"^(?P<working>.+) = (?P<stated>.+?) \(off (?P<ratio>[\d.e+-]+)x\)$")


def arithmetic_detail(working: str, stated: str, ratio: float) -> str:
    """The detail of an arithmetic note (read back by ``arithmetic_parts``)."""
    return f"{working} = {stated} (off {ratio:.3g}x)"


def arithmetic_parts(detail: str) -> tuple[str, str, float] | None:
    """(working, stated figure, ratio) of an arithmetic note's detail, or None for any other detail."""
    match = _ARITHMETIC.match(detail)
    return (match["working"], match["stated"], float(match["ratio"])) if match else None


@dataclass(frozen=True)
class Turn:
    """One turn of the transcript, with the seconds since the start at which it was said."""

    speaker: Speaker
    text: str
    elapsed: float
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Phase:
    """A stretch of the interview given to one checklist section."""

    key: str
    title: str
    minutes: float
    items: tuple[str, ...]


@dataclass(frozen=True)
class InterviewState:
    """Everything needed to continue an interview; stored after every turn."""

    scenario: str
    persona: Persona
    minutes: int
    phases: tuple[Phase, ...]
    phase_index: int = 0
    phase_started: float = 0.0
    turns: tuple[Turn, ...] = ()
    asked: tuple[str, ...] = ()
    open_probe: str | None = None
    open_item: str | None = None
    open_figures: tuple[str, ...] = ()
    hints: int = 0
    awaiting_pitch: bool = False
    is_finished: bool = False
    covered: tuple[str, ...] = field(default=())
    told: tuple[tuple[str, int], ...] = ()  # (fact id, sentences of it said so far), most recent last

    def sentences_told(self, fact_id: str) -> int:
        """How many sentences of a fact the interviewer has said."""
        return max((n for f, n in self.told if f == fact_id), default=0)

    @property
    def phase(self) -> Phase:
        """The phase in progress."""
        return self.phases[min(self.phase_index, len(self.phases) - 1)]

    @property
    def candidate_text(self) -> str:
        """Everything the candidate has said, one turn per paragraph."""
        return "\n\n".join(t.text for t in self.turns if t.speaker is Speaker.CANDIDATE)

    @property
    def notes(self) -> tuple[Note, ...]:
        """Every private note so far."""
        return tuple(n for t in self.turns for n in t.notes)

    def items_reached(self) -> frozenset[str]:
        """Checklist items of the phases reached so far, and any item the candidate covered early.

        Later phases were never assessed, but what the candidate said ahead of the plan counts where it belongs."""
        return frozenset(i for p in self.phases[: self.phase_index + 1] for i in p.items) | frozenset(self.covered)


@dataclass(frozen=True)
class Context:
    """The content and services an interview runs on (passed in, so the engine stays pure)."""

    scenario: Scenario
    framework: Framework
    grading: Grading
    pack: InterviewerPack
    similarity: Similarity
    meaning: Similarity | None = None  # for the candidate's questions; defaults to ``similarity``
    known_words: frozenset[str] = field(init=False)

    @property
    def lens(self) -> Lens:
        """What the candidate's turns are read against."""
        return Lens(tuple(self.framework.items), self.grading, self.scenario)

    def __post_init__(self) -> None:
        texts = [self.scenario.model_dump_json(), self.framework.model_dump_json()]
        words = {w for text in texts for w in words_of(text)} | set(self.grading.tamper.function_words)
        object.__setattr__(self, "known_words", frozenset(words))


@dataclass(frozen=True)
class Step:
    """The result of one event: the new state, what the interviewer says, and why."""

    state: InterviewState
    reply: str
    notes: tuple[Note, ...]


def phases_for(framework: Framework, minutes: int) -> tuple[Phase, ...]:
    """Phases from the framework's time plan; time given to the throughout section joins the first phase."""
    plan = framework.plan_for(minutes)
    if plan is None:
        known = ", ".join(str(p.minutes) for p in framework.time_plans)
        raise UsageError(f"There is no {minutes}-minute time plan.", hint=f"Use one of: {known}.")
    sections = {s.id: s for s in framework.sections}
    lead_items = tuple(i.id for s in framework.sections if s.is_throughout for i in s.items)
    phases: list[Phase] = []
    carried = 0.0
    for slot in plan.slots:
        section = sections[slot.section]
        if section.is_throughout:
            carried += slot.minutes
            continue
        items = tuple(i.id for i in section.items)
        if phases and phases[-1].key == section.id:
            last = phases[-1]
            phases[-1] = replace(last, minutes=last.minutes + slot.minutes)
            continue
        phases.append(Phase(section.id, section.title, slot.minutes + carried, items))
        carried = 0.0
    first = phases[0]
    phases[0] = replace(first, items=first.items + lead_items)
    return tuple(phases)


def start(context: Context, persona: Persona, minutes: int) -> Step:
    """Open the interview: the persona's opening and the scenario prompt, at time zero."""
    voice = context.pack.voice(persona)
    reply = f"{voice.opening.format(minutes=minutes)}\n\n{context.scenario.prompt}"
    state = InterviewState(
        scenario=context.scenario.slug,
        persona=persona,
        minutes=minutes,
        phases=phases_for(context.framework, minutes),
    )
    opening = Turn(Speaker.INTERVIEWER, reply, 0.0, (Note(NoteKind.PHASE, "opening"),))
    return Step(replace(state, turns=(opening,)), reply, opening.notes)


def time_left(state: InterviewState, now: float) -> tuple[float, float]:
    """Seconds left in the phase and in the design time (the round less introductions and closing questions)."""
    phase_left = state.phase.minutes * 60 - (now - state.phase_started)
    design_seconds = sum(phase.minutes for phase in state.phases) * 60
    return max(0.0, phase_left), max(0.0, design_seconds - now)


def near_time(state: InterviewState, now: float) -> bool:
    """True in the interview's last stretch, when an interviewer would say "we're near time" and ask for
    the pitch: the last 15% of its length, at least 5 and at most 8 minutes (the last 6:45 of 45)."""
    window = min(8.0, max(5.0, state.minutes * 0.15)) * 60
    return state.minutes * 60 - now <= window


def parse_command(text: str) -> Command | None:
    """The slash command a line holds, if any."""
    stripped = text.strip().lower()
    return next((c for c in Command if stripped == c.value), None)
