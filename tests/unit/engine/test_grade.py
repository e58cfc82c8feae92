"""The 1-5 grade: substance in, gated by relevance, fitted with non-negative weights."""

from __future__ import annotations

import pytest

from sdcoach.content.grading_schema import GradeModel
from sdcoach.engine.calibration import fit_grade
from sdcoach.engine.grade import FEATURES, Substance, grade_features, grade_of, grade_score, relevance_gate

MODEL = GradeModel(
    features=FEATURES,
    weights=(0.5, 0.25, 0.0, 0.5, 1.3, 0.0),
    bias=1.7,
    relevance_full=0.4,
    fitted_on="a test",
)


def _score(substance: Substance, relevance: float | None = 0.6, penalty: float = 0.0) -> float:
    return grade_score(grade_features(substance, 0.5), MODEL, relevance_gate(relevance, MODEL.relevance_full), penalty)


def test_more_figures_ownership_and_business_raise_the_grade() -> None:
    thin = Substance(sentences=20, numbers=2, ownership=0, business=0)
    staff = Substance(sentences=20, numbers=30, ownership=5, business=6)
    assert grade_of(_score(thin)) < grade_of(_score(staff))
    assert grade_of(_score(staff)) >= 4


def test_filler_dilutes_rather_than_adds() -> None:
    dense = Substance(sentences=20, numbers=30, ownership=5, business=6)
    padded = Substance(sentences=60, numbers=30, ownership=5, business=6)
    assert _score(padded) < _score(dense)


def test_an_answer_about_another_system_earns_nothing_with_its_figures() -> None:
    staff = Substance(sentences=20, numbers=30, ownership=5, business=6)
    assert _score(staff, relevance=0.0) == pytest.approx(MODEL.bias)
    assert grade_of(_score(staff, relevance=0.0)) == 2
    assert _score(staff, relevance=0.2) < _score(staff, relevance=0.4) == _score(staff, relevance=0.9)
    assert _score(staff, relevance=None) == _score(staff, relevance=0.9)  # no scenario known: no gate


def test_tampering_costs_grade() -> None:
    staff = Substance(sentences=20, numbers=30, ownership=5, business=6)
    assert _score(staff, penalty=0.3) < _score(staff)


def test_grades_stay_between_one_and_five() -> None:
    assert grade_of(-3.0) == 1 and grade_of(1.49) == 1 and grade_of(1.5) == 2 and grade_of(9.0) == 5


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="never negative"):
        GradeModel(features=("numbers",), weights=(-0.1,), bias=1.0, relevance_full=0.4, fitted_on="x")


def test_the_fit_recovers_a_planted_relation_with_non_negative_weights() -> None:
    # grade = 1 + 2 * first feature; the second feature is noise that a free fit would weigh below zero
    rows = [[x / 10, (x * 7 % 5) / 5] for x in range(21)]
    grades = [1 + round(2 * r[0]) for r in rows]
    fitted = fit_grade(rows, [None] * len(rows), [0.0] * len(rows), grades, l2=0.0)
    assert fitted.weights[0] == pytest.approx(2.0, abs=0.3)
    assert min(fitted.weights) >= 0.0
    assert fitted.bias == pytest.approx(1.0, abs=0.3)


def test_the_fit_chooses_the_gate_that_separates_off_topic_answers() -> None:
    # on-topic answers (relevance 0.6) grade with their substance; off-topic ones (0.1) are 1 whatever they hold
    rows = [[s] for s in (1.0, 2.0, 3.0, 1.0, 2.0, 3.0)]
    relevance = [0.6, 0.6, 0.6, 0.1, 0.1, 0.1]
    grades = [2, 3, 4, 1, 1, 1]
    fitted = fit_grade(rows, relevance, [0.0] * 6, grades, gate_candidates=(0.05, 0.5), l2=0.0)
    assert fitted.relevance_full == 0.5
