"""A short recap of an interview so far, for a candidate coming back to it (``sdcoach interview --resume``):
where the clock and the phase stand, what has been covered, and the last few exchanges in a line each."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.engine.interview import InterviewState, NoteKind, Speaker
from sdcoach.engine.text import sentences_of

EXCHANGES = 3  # the last exchanges shown
EXCERPT_WORDS = 24  # a line of a recap is the opening of a turn, this many words at most


@dataclass(frozen=True)
class Exchange:
    """One candidate turn and the interviewer's reply to it, each cut to its opening."""

    minute: int
    candidate: str
    interviewer: str


@dataclass(frozen=True)
class Recap:
    """The interview so far, in a few lines."""

    elapsed: float
    minutes: int
    phase: str
    candidate_turns: int
    facts_given: int
    covered: tuple[str, ...]
    exchanges: tuple[Exchange, ...]

    @property
    def is_empty(self) -> bool:
        """True before the candidate has said anything: nothing to recap."""
        return self.candidate_turns == 0


def recap_of(state: InterviewState, elapsed: float, titles: dict[str, str]) -> Recap:
    """The recap of ``state`` at ``elapsed`` seconds; ``titles`` names the checklist items."""
    turns = state.turns
    exchanges: list[Exchange] = []
    for index, turn in enumerate(turns):
        if turn.speaker is not Speaker.CANDIDATE:
            continue
        reply = next((t for t in turns[index + 1 :] if t.speaker is Speaker.INTERVIEWER), None)
        exchanges.append(Exchange(int(turn.elapsed // 60), excerpt(turn.text), excerpt(reply.text) if reply else ""))
    facts = sum(1 for n in state.notes if n.kind is NoteKind.FACT)
    covered = tuple(titles.get(item, item) for item in state.covered)
    candidate_turns = sum(1 for t in turns if t.speaker is Speaker.CANDIDATE)
    return Recap(
        elapsed, state.minutes, state.phase.title, candidate_turns, facts, covered, tuple(exchanges[-EXCHANGES:])
    )


def excerpt(text: str) -> str:
    """The opening of a turn: its first sentence, cut at ``EXCERPT_WORDS`` words, "…" when there was more."""
    sentences = sentences_of(text)
    first = sentences[0].text.strip() if sentences else text.strip()
    words = first.split()
    cut = " ".join(words[:EXCERPT_WORDS])
    return cut + " …" if len(words) > EXCERPT_WORDS or len(sentences) > 1 else cut
