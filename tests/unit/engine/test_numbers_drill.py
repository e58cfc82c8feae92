"""The numbers drill: answers in any unit of the right kind, scored on a log scale against computed figures."""

from __future__ import annotations

import random

import pytest

from sdcoach.content.hardware import read_registry
from sdcoach.engine.numbers_drill import Topic, grade_answer, make_question
from sdcoach.errors import AnswerError, UsageError

REGISTRY = read_registry()  # what the drill is given in the app


def question(topic: Topic, seed: int = 1):  # type: ignore[no-untyped-def]
    return make_question(topic, random.Random(seed), REGISTRY)


def test_a_seed_replays_the_same_question() -> None:
    assert question(Topic.SERVING, 7).text == question(Topic.SERVING, 7).text
    texts = {question(Topic.TRAINING, s).text for s in range(20)}
    assert len(texts) > 5


@pytest.mark.parametrize("topic", list(Topic))
def test_the_exact_answer_scores_full_marks(topic: Topic) -> None:
    q = question(topic)
    grade = grade_answer(q, f"{q.answer:.6g}{'B' if q.unit == 'B' else ''}")
    assert grade.score == 1.0 and grade.is_good


def test_bytes_answers_parse_in_decimal_and_binary_units() -> None:
    q = question(Topic.SERVING, 3)
    gib = q.answer / 2**30
    assert grade_answer(q, f"{gib:.4f} GiB").ratio == pytest.approx(1.0, rel=1e-3)
    assert grade_answer(q, f"{q.answer / 1e9:.4f}GB").ratio == pytest.approx(1.0, rel=1e-3)


def test_rates_parse_with_a_per_second_suffix() -> None:
    q = question(Topic.TRAFFIC, 2)
    written = f"{q.answer:.3e}/s"
    assert grade_answer(q, written).ratio == pytest.approx(1.0, rel=1e-3)
    assert grade_answer(q, f"{q.answer / 1e3:.3f}k qps").ratio == pytest.approx(1.0, rel=1e-3)


def test_the_score_is_symmetric_on_a_log_scale() -> None:
    q = question(Topic.TRAINING, 4)
    over = grade_answer(q, f"{q.answer * 3:.6g}")
    under = grade_answer(q, f"{q.answer / 3:.6g}")
    assert over.score == pytest.approx(under.score, abs=1e-3)
    assert not over.is_good
    assert grade_answer(q, f"{q.answer * 1.8:.6g}").is_good
    assert grade_answer(q, f"{q.answer * 20:.6g}").score == 0


def test_a_word_is_not_an_answer() -> None:
    with pytest.raises(UsageError):
        grade_answer(question(Topic.STORAGE), "a lot")


@pytest.mark.parametrize(
    ("topic", "wrong", "asked"),
    [
        (Topic.TRAFFIC, "40 GB", "a rate per second"),
        (Topic.TRAFFIC, "2.5M GPU-h", "a rate per second"),
        (Topic.STORAGE, "4e5/s", "a size in bytes"),
        (Topic.SERVING, "400k QPS", "a size in bytes"),
    ],
)
def test_an_answer_in_the_wrong_unit_names_the_unit_asked_for(topic: Topic, wrong: str, asked: str) -> None:
    with pytest.raises(AnswerError, match=asked) as refused:
        grade_answer(question(topic), wrong)
    assert repr(wrong) in refused.value.message


def test_gpu_hours_take_gpu_hour_words_and_refuse_a_rate() -> None:
    q = next(q for q in (question(Topic.TRAINING, s) for s in range(20)) if q.unit == "GPU-h")
    assert grade_answer(q, f"{q.answer:.6g} GPU hours").score == 1.0
    with pytest.raises(AnswerError, match="GPU-hours"):
        grade_answer(q, f"{q.answer:.6g} QPS")
