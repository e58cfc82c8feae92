"""The question drill: grade the clarifying questions a candidate would ask first against the scenario's own.

Each line the candidate writes is matched to the scenario question it is closest to (meaning from the
injected similarity, plus shared words with the question and the keywords of the fact that answers it).
A question asked three different ways counts once; lines that match nothing are listed as off-topic.
The score weights each scenario question by its priority (ask first = 3, early = 2, if time = 1), over
the questions a strong candidate asks in the first five minutes (priorities 1 and 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.framework_schema import FrameworkItem
from sdcoach.content.schema import ClarifyingQuestion, QuestionCategory, Scenario
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.spoken import questions_in
from sdcoach.engine.text import words_of

PRIORITY_WEIGHT = {1: 3.0, 2: 2.0, 3: 1.0}
MATCH_THRESHOLD = 0.35  # off-topic lines score under 0.3 here, paraphrases of a real question about 0.4
SEMANTIC_WEIGHT = 0.6
_STOP = frozenset(
    "a an the and or of for to in on with by from is are be how what which when where why do does should "
    "would could can we you it this that at as our your if there any much many will who".split()
)


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
        line = raw.strip().lstrip("-*•").strip()
        line = line.split(". ", 1)[1] if line[:3].rstrip(".").isdigit() and ". " in line else line
        if len(words_of(line)) >= 2:
            lines.extend(questions_in(line) or [line])
    return lines


def grade_questions(text: str, scenario: Scenario, similarity: Similarity) -> QuestionDrillResult:
    """Grade a list of clarifying questions against the scenario's."""
    lines = candidate_lines(text)
    questions = scenario.clarifying_questions
    references = [_reference(q, scenario) for q in questions]
    best_for: dict[str, Match] = {}
    repeated: list[str] = []
    off_topic: list[str] = []
    for line, (index, score) in zip(lines, _closest(lines, references, similarity), strict=True):
        if score < MATCH_THRESHOLD:
            off_topic.append(line)
            continue
        question = questions[index]
        if question.id in best_for:
            repeated.append(line)
            if score > best_for[question.id].score:
                best_for[question.id] = Match(line, question, round(score, 3))
            continue
        best_for[question.id] = Match(line, question, round(score, 3))
    matched = tuple(sorted(best_for.values(), key=lambda m: (m.question.priority, m.question.id)))
    asked = {m.question.id for m in matched}
    missed = tuple(sorted((q for q in questions if q.id not in asked), key=lambda q: (q.priority, q.id)))
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


def _reference(question: ClarifyingQuestion, scenario: Scenario) -> str:
    fact = scenario.fact(question.fact) if question.fact else None
    keywords = " ".join(fact.keywords) if fact else ""
    return f"{question.question} {keywords}"


def _closest(lines: list[str], references: list[str], similarity: Similarity) -> list[tuple[int, float]]:
    """For each line, the index of the reference it is closest to and the blended score (meaning and shared words)."""
    if not lines:
        return []
    closest = []
    for line, row in zip(lines, similarity(lines, references), strict=True):
        scores = [
            SEMANTIC_WEIGHT * max(0.0, s) + (1 - SEMANTIC_WEIGHT) * _overlap(line, reference)
            for s, reference in zip(row, references, strict=True)
        ]
        best = max(range(len(scores)), key=lambda k: scores[k])
        closest.append((best, scores[best]))
    return closest


def _overlap(line: str, reference: str) -> float:
    """Share of the line's content words found in the reference (question text and fact keywords)."""
    words = {w for w in words_of(line) if w not in _STOP}
    if not words:
        return 0.0
    ref = {w for w in words_of(reference) if w not in _STOP}
    return len(words & ref) / len(words)


RECALL_THRESHOLD = 0.32  # provisional: set from a handful of lines, not a labelled set


def recalled_items(text: str, items: tuple[FrameworkItem, ...], similarity: Similarity) -> tuple[str, ...]:
    """Checklist items a recalled plan names: each line counts for the one item it is closest to."""
    lines = [line.strip().lstrip("-*•").strip() for line in text.splitlines() if len(words_of(line)) >= 2]
    if not lines:
        return ()
    references = [f"{item.title}. {' '.join(item.cues)}" for item in items]
    covered = {items[best].id for best, score in _closest(lines, references, similarity) if score >= RECALL_THRESHOLD}
    return tuple(item.id for item in items if item.id in covered)
