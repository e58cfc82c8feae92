"""One user action, one transaction: a drill answer is stored with its grade, its card's schedule and its review,
or not at all; an interviewer's reply with the state and scorecard it produced."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import InterviewState
from sdcoach.engine.review import CardState, Scheduled
from sdcoach.services.drills import numbers_drill, numbers_question
from sdcoach.services.grading import GradeResult
from sdcoach.services.interviews import Interviews
from sdcoach.services.scheduling import schedule
from sdcoach.store.attempts import AttemptRepository, GradedAnswer
from sdcoach.store.cards import CardRepository
from sdcoach.store.database import open_database
from tests.fakes import overlap
from tests.integration.cli_runner import run_sdcoach


def test_a_failure_inside_the_transaction_leaves_no_attempt_no_card_and_no_review() -> None:
    _check_whole_or_nothing(Settings().database)


def test_whole_or_nothing_on_postgresql(postgres_url: str) -> None:
    _check_whole_or_nothing(postgres_url)


def _check_whole_or_nothing(url: str) -> None:
    engine = open_database(url)
    attempts = AttemptRepository(engine)
    answer = GradedAnswer("numbers", "traffic", "4e5/s", 0.7, {"score": 0.7}, datetime.now(UTC))

    def dies_after_the_attempt_was_written(previous: CardState | None) -> Scheduled:
        raise OSError("killed between the attempt and its card")

    with pytest.raises(OSError):
        attempts.add_graded(answer, dies_after_the_attempt_was_written)
    assert attempts.list() == [] and CardRepository(engine).all() == [] and CardRepository(engine).reviews() == []

    stored = attempts.add_graded(
        answer, lambda previous: schedule(previous, "numbers:traffic", 0.7, answer.answered_at)
    )
    (attempt,) = attempts.list()
    (review,) = CardRepository(engine).reviews()
    assert attempt.id == stored.attempt_id == review.attempt_id and attempt.score == review.score == 0.7
    assert CardRepository(engine).get("numbers:traffic") == stored.scheduled.card
    engine.dispose()


def test_each_answer_reschedules_the_card_from_the_state_the_last_one_left() -> None:
    settings = Settings()
    question = numbers_question("traffic", 5)
    for answer in ("1e4/s", "2e4/s", "3e4/s"):
        numbers_drill(question, answer, settings)
    cards = CardRepository(open_database(settings.database))
    reviews = cards.reviews()
    card = cards.get("numbers:traffic")
    attempts = AttemptRepository(open_database(settings.database)).list()
    cards.close()
    assert card is not None and card.reps == 3 and card.due == reviews[-1].due_after
    assert sorted(r.attempt_id for r in reviews) == sorted(a.id for a in attempts)


def test_an_answer_in_the_wrong_unit_is_refused_and_nothing_is_stored() -> None:
    result = run_sdcoach("drill", "numbers", "--topic", "traffic", "--seed", "5", "--answer", "40 GB")
    assert result.code == 2 and "40 GB" in result.err and "Traceback" not in result.err
    engine = open_database(Settings().database)
    assert AttemptRepository(engine).list() == [] and CardRepository(engine).all() == []
    engine.dispose()


class GraderDown(Interviews):
    """The interview service with a scorecard that fails, as a crash between reply and scorecard would."""

    def grade(self, state: InterviewState) -> GradeResult:
        raise OSError("killed while the scorecard was computed")


def test_the_last_reply_its_finished_status_and_the_scorecard_are_stored_together() -> None:
    broken = GraderDown(Settings(), similarity=overlap)
    live = broken.start("feature-store", Persona.PEER, 45)
    live.respond("What peak QPS do the online callers need?")
    with pytest.raises(OSError):
        live.respond("/end")
    stored = broken.report(live.session_id)
    assert stored.summary.status == "active" and stored.scorecard is None
    assert stored.turns == stored.state.turns  # the reply to /end was not stored without its scorecard

    resumed = Interviews(Settings(), similarity=overlap).resume(live.session_id)
    assert resumed.respond("/end").is_finished
    done = resumed.interviews.report(live.session_id)
    assert done.summary.status == "finished" and done.scorecard is not None
    assert done.turns == done.state.turns


def test_a_review_answer_in_the_wrong_unit_asks_again_instead_of_ending_the_session() -> None:
    queue = json.loads(run_sdcoach("review", "--list", "--format", "json").out)["queue"]
    numbers = next(i for i, card in enumerate(queue) if card["kind"] == "numbers")
    answers = ["What peak QPS do the callers need?"] * numbers + ["40 GB", "1e24", "Who owns the data?"]
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "review", "--limit", str(numbers + 2), "--format", "json"],
        input="\n\n".join(answers) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "asks for" in done.stderr and "'40 GB' is not one" in done.stderr and "Answer again" in done.stderr
    graded = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(graded) == numbers + 2 and graded[numbers]["answer"] == "1e24"
    stored = AttemptRepository(open_database(Settings().database)).list()
    assert len(stored) == numbers + 2 and all(a.score is not None and "40 GB" not in a.answer for a in stored)
