"""Drills as the interfaces run them: store the answer, grade it, store the grade, return it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sdcoach.config import Settings
from sdcoach.content.schema import Scenario
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.drill import QuestionDrillResult, grade_questions
from sdcoach.errors import UsageError
from sdcoach.services.library import find_scenario
from sdcoach.services.similarity import default_similarity
from sdcoach.store.attempts import AttemptRepository
from sdcoach.store.database import open_database

QUESTIONS = "questions"


@dataclass(frozen=True)
class QuestionDrillOutcome:
    """The stored attempt's id, the grade, and the JSON payload that was stored."""

    attempt_id: int
    result: QuestionDrillResult
    payload: dict[str, Any]


def question_drill(
    slug: str, answer: str, settings: Settings, similarity: Similarity | None = None
) -> QuestionDrillOutcome:
    """Grade the candidate's first questions for a scenario; the answer is stored before it is graded."""
    scenario = find_scenario(settings, slug).scenario
    if not answer.strip():
        raise UsageError("There are no questions to grade.", hint="Write one question per line, then an empty line.")
    attempts = AttemptRepository(open_database(settings.database))
    try:
        attempt_id = attempts.save_answer(QUESTIONS, scenario.slug, answer)
        result = grade_questions(answer, scenario, similarity or default_similarity(settings))
        payload = question_payload(result, scenario)
        attempts.save_result(attempt_id, result.score, payload)
    finally:
        attempts.close()
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
