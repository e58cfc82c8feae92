"""The question drill: ranks thorough lists above narrow ones, counts a question once, stores answer and grade whole."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from sdcoach.config import Settings
from sdcoach.content.loader import load_library
from sdcoach.engine.drill import grade_questions
from sdcoach.engine.reader import Lens
from sdcoach.services.drills import question_drill
from sdcoach.services.grading import method
from sdcoach.services.similarity import meaning_similarity
from sdcoach.store.attempts import AttemptRepository
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database
from tests.integration.cli_runner import run_sdcoach

THOROUGH = """- What peak QPS do online callers need, and what's the p99 latency budget for a feature read?
- How fresh must features be for fraud versus ranking?
- Who owns the warehouse and Kafka, and who gets paged when a feature is wrong?
- How many features and entities are there, and how big is the online data?
- What are the deletion deadlines for user data?
- What budget and headcount do we have?
- Who are the first consumers: online serving, training data or both?"""
FUNCTIONAL_ONLY = """- Who are the first consumers: online serving, training data or both?
- Do teams define features in SQL or Python?
- Do we need a catalog UI?"""
PARAPHRASED = """1. What is the peak read QPS?
2. How many requests per second do we see at peak?
3. What's the maximum traffic we must serve, in queries per second?
4. What latency budget do feature reads get?"""
OFF_TOPIC = """- What is your favourite programming language?
- Should we use tabs or spaces?
- When is lunch?"""


@pytest.fixture(scope="module")
def grade() -> object:
    scenario = load_library(None).get("feature-store")
    parts = method()
    lens = Lens(tuple(parts.framework.items), parts.grading, scenario)
    similarity = meaning_similarity()
    return lambda text: grade_questions(text, lens, similarity)


def test_lists_rank_by_how_much_of_the_first_five_minutes_they_cover(grade: object) -> None:
    scores = [grade(t).score for t in (THOROUGH, PARAPHRASED, FUNCTIONAL_ONLY, OFF_TOPIC)]  # type: ignore[operator]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 0.5 and scores[-1] == 0


def test_a_question_asked_three_ways_counts_once(grade: object) -> None:
    result = grade(PARAPHRASED)  # type: ignore[operator]
    ids = [m.question.id for m in result.matched]
    assert len(ids) == len(set(ids))
    assert len(result.repeated) >= 2


def test_off_topic_lines_match_nothing(grade: object) -> None:
    result = grade(OFF_TOPIC)  # type: ignore[operator]
    assert result.matched == () and len(result.off_topic) == 3


def test_a_grader_that_crashes_stores_nothing_half_done() -> None:
    def broken(sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        raise RuntimeError("grader crashed")

    settings = Settings()
    with pytest.raises(RuntimeError):
        question_drill("feature-store", THOROUGH, settings, similarity=broken)
    engine = open_database(settings.database)
    assert AttemptRepository(engine).list() == [] and CardRepository(engine).all() == []
    question_drill("feature-store", THOROUGH, settings)
    (stored,) = AttemptRepository(engine).list("questions")
    (review,) = CardRepository(engine).reviews()
    assert stored.answer == THOROUGH and stored.score is not None
    assert review.attempt_id == stored.id and review.score == stored.score
    engine.dispose()


def test_the_cli_grades_piped_questions_as_json() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "drill", "questions", "feature-store", "--format", "json"],
        input=THOROUGH,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert 0 <= payload["score"] <= 1
    assert payload["matched"] and payload["missed"]
    assert all(m["interviewer_answer"] for m in payload["matched"] if m["category"] != "functional")
    assert {"question", "why", "design_impact", "priority"} <= set(payload["missed"][0])


def test_empty_input_is_a_clear_error() -> None:
    result = run_sdcoach("drill", "questions", "feature-store", "/dev/null")
    assert result.code == 2 and "no questions to grade" in result.err


def test_the_numbers_drill_stores_and_grades_an_answer() -> None:
    first = json.loads(
        run_sdcoach(
            "drill", "numbers", "--topic", "traffic", "--seed", "5", "--answer", "1e4/s", "--format", "json"
        ).out
    )
    again = json.loads(
        run_sdcoach(
            "drill", "numbers", "--topic", "traffic", "--seed", "5", "--answer", "1e4/s", "--format", "json"
        ).out
    )
    assert first["question"] == again["question"]
    assert 0 <= first["score"] <= 1 and first["steps"]
    exact = f"{first['expected']:.6g}/s"
    perfect = json.loads(
        run_sdcoach("drill", "numbers", "--topic", "traffic", "--seed", "5", "--answer", exact, "--format", "json").out
    )
    assert perfect["score"] == 1.0
    attempts = AttemptRepository(open_database(Settings().database))
    stored = attempts.list("numbers")
    attempts.close()
    assert len(stored) == 3 and stored[0].score == 1.0


FULL_PLAN = """Clarify scope and out of scope, peak QPS and p99 latency SLOs
Who owns the warehouse and who is on call
Draw components: registry, batch and streaming engines, online store, serving API
Capacity math for the read path, cache and shard by entity id
Tradeoffs: Redis vs ScyllaDB with cost and a flip condition
Failure modes with alerts and fallbacks
Pitch to the director with cost and the ask"""


def test_the_framework_drill_credits_a_full_plan_over_a_one_liner() -> None:
    settings = Settings()
    from sdcoach.services.drills import framework_drill

    full = framework_drill("feature-store", FULL_PLAN, settings)
    thin = framework_drill("feature-store", "We use Kafka and a database.", settings)
    noise = framework_drill("feature-store", "I like turtles\nThe weather is nice", settings)
    assert full.score > thin.score >= noise.score == 0
    assert {"req.scale_slo", "hld.components", "influence.elevator_pitch"} <= set(full.covered)
