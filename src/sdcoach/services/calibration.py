"""The grader's development set: labelled answers, their features, cross-validated quality, and refitting.

Answers live in ``tests/data/answers/<scenario>/<kind>.md`` with YAML front matter (scenario, kind,
grade 1-5, the checklist items the answer really covers). Quality is always measured with answers held
out: the coverage model is refitted on the other folds before an answer is scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from sdcoach.content.framework_schema import Framework
from sdcoach.content.grading_schema import Bands, CoverageModel, Grading
from sdcoach.engine import calibration as stats
from sdcoach.engine.coverage import Similarity, analyse, features_of, probability
from sdcoach.engine.scoring import band, penalised_mean
from sdcoach.engine.tamper import TamperReport
from sdcoach.errors import ContentError

FEATURES = (
    "cue_max",
    "cue_sentences",
    "sim_max",
    "sim_top3",
    "sim_z",
    "specific_evidence",
    "answer_specificity",
    "answer_length",
    "z_sim",
    "z_cue",
)


@dataclass(frozen=True)
class LabelledAnswer:
    """One development answer and its human labels."""

    name: str
    scenario: str
    kind: str
    grade: int
    covers: frozenset[str]
    text: str


@dataclass(frozen=True)
class Featurised:
    """An answer's feature rows (one per checklist item) and its tamper report."""

    answer: LabelledAnswer
    rows: dict[str, dict[str, float]]
    tamper: TamperReport


@dataclass(frozen=True)
class QualityReport:
    """Agreement of the grader with the labels, every answer scored with a model fitted without it."""

    micro_f1: float
    per_item_f1: dict[str, float]
    spearman: float
    mae: float
    within_one: float
    kappa: float
    overall: dict[str, float]
    grades: dict[str, int]


def load_devset(folder: Path) -> list[LabelledAnswer]:
    """Every labelled answer under ``folder``."""
    answers = []
    for path in sorted(folder.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            raise ContentError("A labelled answer starts with YAML front matter between --- lines.", path=path, line=1)
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front)
        answers.append(
            LabelledAnswer(
                name=f"{meta['scenario']}/{path.stem}",
                scenario=meta["scenario"],
                kind=meta["kind"],
                grade=int(meta["grade"]),
                covers=frozenset(meta.get("covers") or ()),
                text=body.strip(),
            )
        )
    return answers


def featurise(
    answers: Sequence[LabelledAnswer], framework: Framework, grading: Grading, similarity: Similarity
) -> list[Featurised]:
    """Feature rows for every answer and item."""
    result = []
    for answer in answers:
        analysis = analyse(answer.text, framework.items, similarity, grading)
        rows = features_of(analysis)
        result.append(Featurised(answer, rows, analysis.tamper))
    return result


def fit(data: Sequence[Featurised], features: Sequence[str] = FEATURES, note: str = "") -> CoverageModel:
    """A coverage model fitted on every row of ``data``."""
    rows, labels = _matrix(data, features)
    fitted = stats.fit_logistic(rows, labels)
    return CoverageModel(
        features=tuple(features),
        weights=tuple(round(w, 4) for w in fitted.weights),
        bias=round(fitted.bias, 4),
        threshold=0.5,
        fitted_on=note or f"{len(data)} labelled answers",
    )


def quality(data: Sequence[Featurised], framework: Framework, fold_count: int = 7) -> QualityReport:
    """Cross-validated agreement: folds are split by answer, never scoring an answer with weights fitted on it.

    Both the coverage model and the grade bands are refitted on the training folds."""
    weights = {item.id: item.weight for item in framework.items}
    names = [d.answer.name for d in data]
    predicted: dict[str, dict[str, float]] = {}
    cuts: dict[str, Bands] = {}
    for held_out in stats.folds(names, fold_count):
        training = [d for d in data if d.answer.name not in held_out]
        model = fit(training)
        bands = fit_bands(training, model, weights)
        for d in data:
            if d.answer.name in held_out:
                predicted[d.answer.name] = {i: probability(r, model) for i, r in d.rows.items()}
                cuts[d.answer.name] = bands
    return _report(data, predicted, weights, cuts)


def fit_bands(data: Sequence[Featurised], model: CoverageModel, weights: dict[str, int]) -> Bands:
    """Grade cut points: midpoints between the mean overall scores of adjacent human grades (1..5)."""
    by_grade: dict[int, list[float]] = {}
    for d in data:
        probs = {i: probability(r, model) for i, r in d.rows.items()}
        by_grade.setdefault(d.answer.grade, []).append(penalised_mean(probs, weights, d.tamper.penalty))
    means = {g: sum(v) / len(v) for g, v in by_grade.items()}
    cuts: list[float] = []
    for grade in (2, 3, 4, 5):
        low = max((m for g, m in means.items() if g < grade), default=0.0)
        high = min((m for g, m in means.items() if g >= grade), default=1.0)
        cuts.append(round(max((low + high) / 2, cuts[-1] if cuts else 0.0), 4))
    return Bands(grade=(cuts[0], cuts[1], cuts[2], cuts[3]))


def _report(
    data: Sequence[Featurised], predicted: dict[str, dict[str, float]], weights: dict[str, int], cuts: dict[str, Bands]
) -> QualityReport:
    flat_p: list[bool] = []
    flat_a: list[bool] = []
    per_item: dict[str, tuple[list[bool], list[bool]]] = {i: ([], []) for i in weights}
    overall: dict[str, float] = {}
    grades: dict[str, int] = {}
    for d in data:
        probs = predicted[d.answer.name]
        for item_id, p in probs.items():
            covered, actual = p >= 0.5, item_id in d.answer.covers
            flat_p.append(covered)
            flat_a.append(actual)
            per_item[item_id][0].append(covered)
            per_item[item_id][1].append(actual)
        overall[d.answer.name] = penalised_mean(probs, weights, d.tamper.penalty)
        grades[d.answer.name] = 1 + band(overall[d.answer.name], cuts[d.answer.name].grade)
    actual_grades = [d.answer.grade for d in data]
    predicted_grades = [grades[d.answer.name] for d in data]
    return QualityReport(
        micro_f1=stats.f1(flat_p, flat_a),
        per_item_f1={i: stats.f1(p, a) for i, (p, a) in per_item.items()},
        spearman=stats.spearman([overall[d.answer.name] for d in data], [float(g) for g in actual_grades]),
        mae=stats.mean_absolute_error(predicted_grades, actual_grades),
        within_one=stats.within_one(predicted_grades, actual_grades),
        kappa=stats.quadratic_weighted_kappa(predicted_grades, actual_grades),
        overall=overall,
        grades=grades,
    )


def _matrix(data: Sequence[Featurised], features: Sequence[str]) -> tuple[list[list[float]], list[bool]]:
    rows: list[list[float]] = []
    labels: list[bool] = []
    for d in data:
        for item_id, row in d.rows.items():
            rows.append([row[f] for f in features])
            labels.append(item_id in d.answer.covers)
    return rows, labels
