"""Red flags the engine can see for itself, and the hire rating a committee would read off a signal.

Only two of the rubric's red flags are detected, both from the interview state rather than from the
candidate's words: a figure the interviewer questioned and the candidate never redid
(``arithmetic_uncorrected``), and a quarter or more of the design time spent before the interview left
the requirements phase (``requirements_overrun``). Every other flag (wrong fundamentals, an
over-engineered v1, hand-waving under a probe, ...) needs a human's judgement, so the scorecard never
claims to have seen it. A written answer has no interview state: no flag is checked for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sdcoach.content.framework_schema import FlagDetector, Signal
from sdcoach.engine.interview import InterviewState, NoteKind, Speaker

# A quarter of the design time (about 10 of 38 minutes) in requirements is a committee's red flag.
REQUIREMENTS_SHARE = 0.25
# A signal at the bar needs at least this many quoted sentences before it is a full hire.
SOLID_EVIDENCE = 2


class HireRating(StrEnum):
    """A committee's reading of one signal; values are stored, keep them stable."""

    STRONG_NO_HIRE = "strong_no_hire"
    NO_HIRE = "no_hire"
    LEAN_HIRE = "lean_hire"
    HIRE = "hire"
    STRONG_HIRE = "strong_hire"

    @property
    def label(self) -> str:
        """The words a committee uses: "strong no hire" ... "strong hire"."""
        return self.value.replace("_", " ")


RATINGS = tuple(HireRating)
_BY_SCORE = {1: HireRating.STRONG_NO_HIRE, 2: HireRating.NO_HIRE, 3: HireRating.HIRE, 4: HireRating.STRONG_HIRE}


@dataclass(frozen=True)
class SessionFacts:
    """What an interview shows beyond the words, and which detectors could run on it."""

    checked: frozenset[FlagDetector] = frozenset()
    uncorrected_figures: tuple[str, ...] = ()
    requirements_seconds: float = 0.0
    design_seconds: float = 0.0


@dataclass(frozen=True)
class RedFlagSeen:
    """A red flag the engine detected, with what it saw."""

    flag_id: str
    behaviour: str
    seen: str


def session_facts(state: InterviewState) -> SessionFacts:
    """The facts of a finished interview: figures never redone, and time spent in the requirements phase."""
    uncorrected = tuple(n.detail for n in state.notes if n.kind is NoteKind.ARITHMETIC_UNCORRECTED)
    design_seconds = sum(phase.minutes for phase in state.phases) * 60
    return SessionFacts(frozenset(FlagDetector), uncorrected, _requirements_seconds(state), design_seconds)


def _requirements_seconds(state: InterviewState) -> float:
    """Seconds from the start until the interview moved past its first (requirements) phase, or to its end."""
    first = state.phases[0].key
    for turn in state.turns:
        if turn.speaker is Speaker.INTERVIEWER and any(
            n.kind is NoteKind.PHASE and n.detail.startswith("to ") and n.detail != f"to {first}" for n in turn.notes
        ):
            return turn.elapsed
    return state.turns[-1].elapsed if state.turns else 0.0


def flags_checked(signal: Signal, facts: SessionFacts) -> tuple[str, ...]:
    """Ids of this signal's flags the engine looked for in this session."""
    return tuple(f.id for f in signal.red_flags if f.detected_by is not None and f.detected_by in facts.checked)


def flags_seen(signal: Signal, facts: SessionFacts) -> tuple[RedFlagSeen, ...]:
    """This signal's red flags that a detector saw in the session."""
    seen: list[RedFlagSeen] = []
    for flag in signal.red_flags:
        if flag.detected_by is None or flag.detected_by not in facts.checked:
            continue
        what = _detect(flag.detected_by, facts)
        if what:
            seen.append(RedFlagSeen(flag.id, flag.behaviour, what))
    return tuple(seen)


def _detect(detector: FlagDetector, facts: SessionFacts) -> str:
    if detector is FlagDetector.ARITHMETIC_UNCORRECTED and facts.uncorrected_figures:
        return "questioned and never redone: " + "; ".join(facts.uncorrected_figures)
    if detector is FlagDetector.REQUIREMENTS_OVERRUN and facts.design_seconds > 0:
        share = facts.requirements_seconds / facts.design_seconds
        if share >= REQUIREMENTS_SHARE:
            return (
                f"{facts.requirements_seconds / 60:.0f} of {facts.design_seconds / 60:.0f} design minutes "
                f"({share:.0%}) before leaving requirements"
            )
    return ""


def hire_rating(score: int, evidence_count: int, flags: int) -> HireRating:
    """From the 1-4 score: 1 strong no hire, 2 no hire, 3 hire, 4 strong hire; one step down when a score
    at the bar rests on fewer than two quoted sentences, and one step down for each red flag seen."""
    steps = (1 if score >= 3 and evidence_count < SOLID_EVIDENCE else 0) + flags
    return RATINGS[max(0, RATINGS.index(_BY_SCORE[score]) - steps)]
