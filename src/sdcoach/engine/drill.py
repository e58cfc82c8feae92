"""The question drill: grade the clarifying questions a candidate would ask first against the scenario's own.

Each line the candidate writes is read by the reader (``engine/reader.py``), which maps it to the
scenario's reference question it asks (or to none), the same way the interviewer decides which fact to
answer with. A question asked three different ways counts once; lines that ask none are off-topic.
The score weights each scenario question by its priority (ask first = 3, early = 2, if time = 1), over
the questions a strong candidate asks in the first five minutes (priorities 1 and 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.schema import ClarifyingQuestion, QuestionCategory
from sdcoach.engine.reader import Lens, Reading, Similarity, match_questions
from sdcoach.engine.spoken import questions_in
from sdcoach.engine.text import plain, words_of

PRIORITY_WEIGHT = {1: 3.0, 2: 2.0, 3: 1.0}
RECALL_FLOOR = 0.3  # a recalled step this close to an item's examples names that item
RECALL_TIE = 0.03  # ... and so does any item within this of its closest


@dataclass(frozen=True)
class Match:
    """A line the candidate asked and the scenario question it covers."""

    line: str
    question: ClarifyingQuestion
    score: float


@dataclass(frozen=True)
class QuestionDrillResult:
    """What was asked and matched, what was missed, what was asked twice or off-topic, and the score."""

    matched: tuple[Match, ...]
    missed: tuple[ClarifyingQuestion, ...]
    repeated: tuple[str, ...]
    off_topic: tuple[str, ...]
    score: float
    categories_asked: tuple[QuestionCategory, ...]


def candidate_lines(text: str) -> list[str]:
    """The questions in the candidate's text: one per line or sentence, bullets and numbering removed."""
    lines = []
    for raw in text.splitlines():
        line = plain(raw)
        if len(words_of(line)) >= 2:
            lines.extend(questions_in(line) or [line])
    return lines


def grade_questions(text: str, lens: Lens, similarity: Similarity) -> QuestionDrillResult:
    """Grade a list of clarifying questions against the scenario's (the lens must hold a scenario)."""
    scenario = lens.scenario
    if scenario is None:
        raise ValueError("the question drill needs a scenario")
    best_for: dict[str, Match] = {}
    repeated: list[str] = []
    off_topic: list[str] = []
    for asked in match_questions(candidate_lines(text), lens, similarity):
        question = scenario.question(asked.question_id) if asked.question_id else None
        if question is None:
            off_topic.append(asked.text)
            continue
        for also_id, _ in asked.also:
            also = scenario.question(also_id)
            if also is not None and also.id not in best_for:
                best_for[also.id] = Match(asked.text, also, round(asked.score, 3))
        match = Match(asked.text, question, round(asked.score, 3))
        if question.id in best_for and best_for[question.id].line != asked.text:
            repeated.append(asked.text)
            if match.score > best_for[question.id].score:
                best_for[question.id] = match
            continue
        best_for[question.id] = match
    questions = scenario.clarifying_questions
    matched = tuple(sorted(best_for.values(), key=lambda m: (m.question.priority, m.question.id)))
    missed = tuple(sorted((q for q in questions if q.id not in best_for), key=lambda q: (q.priority, q.id)))
    return QuestionDrillResult(
        matched=matched,
        missed=missed,
        repeated=tuple(repeated),
        off_topic=tuple(off_topic),
        score=_score(matched, questions),
        categories_asked=tuple(dict.fromkeys(m.question.category for m in matched)),
    )


def _score(matched: tuple[Match, ...], questions: tuple[ClarifyingQuestion, ...]) -> float:
    target = sum(PRIORITY_WEIGHT[q.priority] for q in questions if q.priority <= 2) or 1.0
    earned = sum(PRIORITY_WEIGHT[m.question.priority] for m in matched)
    return round(min(1.0, earned / target), 3)


def recalled_items(reading: Reading) -> tuple[str, ...]:
    """Checklist items a recalled plan names: each line counts for the item the reader finds it closest to,
    and for any other item it is nearly as close to ("peak QPS and who owns Kafka" names two)."""
    named: set[str] = set()
    for i in reading.evidence:
        scores = {item: values[i] for item, values in reading.item_scores.items()}
        best = max(scores.values(), default=0.0)
        if best >= RECALL_FLOOR:
            named |= {item for item, value in scores.items() if value >= best - RECALL_TIE}
    return tuple(item for item in reading.item_scores if item in named)
