"""Drills as the interfaces run them: grade the answer, store it whole (answer, grade, schedule), return it."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from sdcoach.config import Settings
from sdcoach.content.drill_schema import DrillPack
from sdcoach.content.loader import load_drills
from sdcoach.content.schema import Scenario
from sdcoach.engine.drill import QuestionDrillResult, grade_questions
from sdcoach.engine.numbers_drill import NumbersGrade, NumbersQuestion, Topic, grade_answer, make_question
from sdcoach.engine.reader import Similarity, read
from sdcoach.errors import UsageError
from sdcoach.services.grading import method
from sdcoach.services.input_size import require_input_size
from sdcoach.services.library import find_scenario
from sdcoach.services.similarity import meaning_similarity
from sdcoach.store.attempts import AttemptRepository, GradedAnswer
from sdcoach.store.database import open_database

QUESTIONS = "questions"


@cache
def drills_pack() -> DrillPack:
    """The drills pack (built in; read once per process)."""
    return load_drills()


T = TypeVar("T")


def graded_then_stored(
    settings: Settings,
    kind: str,
    subject: str,
    text: str,
    grade: Callable[[], tuple[float, dict[str, Any], T]],
    showing: str | None = None,
) -> tuple[int, tuple[float, dict[str, Any], T]]:
    """Run ``grade`` (score, payload, result), then store the answer, its grade, the card's new schedule and the
    review in one transaction, and return: the caller shows a grade that is already saved whole.

    Grading comes first because it is local and pure (no backend call), so nothing needs storing before it:
    a crash while grading stores nothing (no grade was shown), a crash after the commit loses nothing, and
    there is no moment in between where an answer sits ungraded or a grade without its card's new schedule.
    ``showing`` (a review card's page) is reviewed at most once: a second answer to it stores nothing.
    """
    from sdcoach.engine.review import card_id
    from sdcoach.services.scheduling import schedule

    require_input_size(text)
    graded = grade()
    now = datetime.now(UTC)
    item_id = card_id(kind, subject)
    attempts = AttemptRepository(open_database(settings.database), settings.owner)  # shared engine: kept open
    stored = attempts.add_graded(
        GradedAnswer(kind, subject, text, graded[0], graded[1], now),
        lambda previous: schedule(previous, item_id, graded[0], now),
        showing,
    )
    return stored.attempt_id, graded


@dataclass(frozen=True)
class QuestionDrillOutcome:
    """The stored attempt's id, the grade, and the JSON payload that was stored."""

    attempt_id: int
    result: QuestionDrillResult
    payload: dict[str, Any]


def question_drill(
    slug: str, answer: str, settings: Settings, similarity: Similarity | None = None, showing: str | None = None
) -> QuestionDrillOutcome:
    """Grade the candidate's first questions for a scenario, then store answer, grade and schedule together."""
    scenario = find_scenario(settings, slug).scenario
    if not answer.strip():
        raise UsageError("There are no questions to grade.", hint="Write one question per line, then an empty line.")

    def grade() -> tuple[float, dict[str, Any], QuestionDrillResult]:
        result = grade_questions(answer, method().lens(scenario), similarity or meaning_similarity(settings))
        return result.score, question_payload(result, scenario), result

    attempt_id, (_, payload, result) = graded_then_stored(settings, QUESTIONS, scenario.slug, answer, grade, showing)
    return QuestionDrillOutcome(attempt_id, result, payload)


def question_payload(result: QuestionDrillResult, scenario: Scenario) -> dict[str, Any]:
    """The JSON form: score 0..1, matched (with the interviewer's answer), missed (with why), and the rest."""

    def answer(fact_id: str | None) -> str | None:
        fact = scenario.fact(fact_id) if fact_id else None
        return fact.answer if fact else None

    return {
        "scenario": scenario.slug,
        "score": result.score,
        "matched": [
            {
                "asked": m.line,
                "question": m.question.question,
                "category": m.question.category.value,
                "interviewer_answer": answer(m.question.fact),
            }
            for m in result.matched
        ],
        "missed": [
            {
                "question": q.question,
                "category": q.category.value,
                "priority": q.priority,
                "why": q.why,
                "design_impact": q.design_impact,
            }
            for q in result.missed
        ],
        "repeated": list(result.repeated),
        "off_topic": list(result.off_topic),
        "categories_asked": [c.value for c in result.categories_asked],
    }


NUMBERS = "numbers"


@dataclass(frozen=True)
class NumbersOutcome:
    """A graded numbers answer and the stored attempt."""

    attempt_id: int
    question: NumbersQuestion
    grade: NumbersGrade
    payload: dict[str, Any]


def numbers_question(topic: str | None, seed: int | None) -> NumbersQuestion:
    """A fresh numbers question (a seed replays the same one)."""
    from sdcoach.services.estimates import registry

    rng = random.Random(seed)
    try:
        chosen = Topic(topic) if topic else rng.choice(list(Topic))
    except ValueError as err:
        known = ", ".join(t.value for t in Topic)
        raise UsageError(f"--topic must be one of {known}; got {topic!r}.", field="--topic") from err
    return make_question(chosen, rng, registry())


def numbers_drill(
    question: NumbersQuestion, answer: str, settings: Settings, showing: str | None = None
) -> NumbersOutcome:
    """Grade the answer on a log scale against the computed figure, then store it whole."""
    if not answer.strip():
        raise UsageError("Give a number, e.g. 3.6e25 or 40 GB.", field="answer")

    def graded() -> tuple[float, dict[str, Any], NumbersGrade]:
        grade = grade_answer(question, answer)
        payload = {
            "question": question.text,
            "topic": question.topic.value,
            "answer": answer,
            "given": grade.given,
            "expected": grade.expected,
            "unit": question.unit,
            "off_by": round(grade.ratio, 3),
            "score": grade.score,
            "steps": [{"name": s.name, "exact": s.exact, "rough": s.rough} for s in question.estimate.steps],
        }
        return grade.score, payload, grade

    text = f"{question.text}\n{answer}"
    attempt_id, (_, payload, grade) = graded_then_stored(settings, NUMBERS, question.topic.value, text, graded, showing)
    return NumbersOutcome(attempt_id, question, grade, payload)


FRAMEWORK = "framework"


@dataclass(frozen=True)
class FrameworkOutcome:
    """Which checklist items the candidate's recall covered, and the stored attempt."""

    attempt_id: int
    covered: tuple[str, ...]
    missed: tuple[str, ...]
    score: float
    payload: dict[str, Any]


def framework_drill(
    slug: str, answer: str, settings: Settings, similarity: Similarity | None = None, showing: str | None = None
) -> FrameworkOutcome:
    """Grade a recalled IC6 checklist for a scenario, line by line against the items, then store it whole."""
    from sdcoach.engine.drill import recalled_items

    scenario = find_scenario(settings, slug).scenario
    if not answer.strip():
        raise UsageError("Write the checklist you would follow, one step per line.")

    def graded() -> tuple[float, dict[str, Any], tuple[tuple[str, ...], tuple[str, ...]]]:
        parts = method()
        lines = "\n\n".join(line for line in answer.splitlines() if line.strip())
        recalled = recalled_items(read(lines, parts.lens(), similarity or meaning_similarity(settings)))
        weights = {i.id: i.weight for i in parts.framework.items}
        covered = tuple(i.id for i in parts.framework.items if i.id in recalled)
        missed = tuple(i.id for i in parts.framework.items if i.id not in covered)
        score = round(sum(weights[i] for i in covered) / sum(weights.values()), 3)
        titles = {i.id: i.title for i in parts.framework.items}
        payload = {
            "scenario": scenario.slug,
            "score": score,
            "matched": [{"item": i, "title": titles[i]} for i in covered],
            "missed": [{"item": i, "title": titles[i], "weight": weights[i]} for i in missed],
        }
        return score, payload, (covered, missed)

    attempt_id, (score, payload, (covered, missed)) = graded_then_stored(
        settings, FRAMEWORK, scenario.slug, answer, graded, showing
    )
    return FrameworkOutcome(attempt_id, covered, missed, score, payload)
