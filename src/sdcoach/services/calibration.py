"""The grader's development corpus: labelled answers in many styles, their features, held-out quality, refitting.

Answers live in ``tests/data/corpus/answers/<style>/<scenario>--<nn>.md`` (and the first version's set in
``tests/data/answers/<scenario>/<kind>.md``) with YAML front matter: scenario, style, writer, grade 1-5
and the checklist items the answer really covers. Quality is measured so that no answer is scored by a
model that saw its scenario or its writing style: every (scenario group, style) cell is scored by a model
fitted on the answers outside both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from sdcoach.content.framework_schema import Framework
from sdcoach.content.grading_schema import Bands, CoverageModel, GradeModel, Grading
from sdcoach.content.schema import Scenario
from sdcoach.engine import calibration as stats
from sdcoach.engine import scoring
from sdcoach.engine.concepts import concepts_of, relevance_of
from sdcoach.engine.coverage import coverage_from, features_of, probability
from sdcoach.engine.grade import FEATURES as GRADE_FEATURES
from sdcoach.engine.grade import Substance, grade_of, substance_of
from sdcoach.engine.reader import Lens, Similarity, read
from sdcoach.engine.scoring import band, penalised_mean
from sdcoach.errors import ContentError

FEATURES = (
    "sim_max",
    "sim_top3",
    "votes",
    "margin",
    "cue_max",
    "cue_sentences",
    "specific_evidence",
    "concrete_sentences",
    "answer_length",
)
SCENARIO_GROUPS = 4


@dataclass(frozen=True)
class LabelledAnswer:
    """One development answer and its human labels."""

    name: str
    scenario: str
    style: str
    writer: str
    grade: int
    covers: frozenset[str]
    text: str


@dataclass(frozen=True)
class Featurised:
    """An answer's feature rows (one per checklist item), its tamper penalty, its substance and the share of
    its scenario's concepts it touches (None when the scenario is not in the library)."""

    answer: LabelledAnswer
    rows: dict[str, dict[str, float]]
    penalty: float
    substance: Substance
    relevance: float | None


@dataclass(frozen=True)
class QualityReport:
    """Agreement of the grader with the labels, every answer scored by a model that never saw its scenario or style."""

    micro_f1: float
    precision: float
    recall: float
    per_item_f1: dict[str, float]
    spearman: float
    mae: float
    leniency: float
    within_one: float
    kappa: float
    overall: dict[str, float]
    grades: dict[str, int]
    covered: dict[str, frozenset[str]]


def load_corpus(*folders: Path) -> list[LabelledAnswer]:
    """Every labelled answer under the folders (``<group>/<name>.md``)."""
    return [_labelled(path) for folder in folders for path in sorted(folder.glob("*/*.md"))]


def _labelled(path: Path) -> LabelledAnswer:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ContentError("A labelled answer starts with YAML front matter between --- lines.", path=path, line=1)
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front)
    style = str(meta.get("style") or "team")
    return LabelledAnswer(
        name=f"{path.parent.name}/{path.stem}",
        scenario=str(meta["scenario"]),
        style=style,
        writer=str(meta.get("writer") or "team"),
        grade=int(meta["grade"]),
        covers=frozenset(meta.get("covers") or ()),
        text=body.strip(),
    )


def scenarios_of(answers: Sequence[LabelledAnswer]) -> dict[str, Scenario]:
    """The built-in scenarios the answers are written for (those the library holds)."""
    from sdcoach.content.loader import load_library

    library = load_library(None)
    return {slug: library.get(slug) for slug in sorted({a.scenario for a in answers}) if slug in library.slugs}


def featurise(
    answers: Sequence[LabelledAnswer],
    framework: Framework,
    grading: Grading,
    similarity: Similarity,
    scenarios: Mapping[str, Scenario] | None = None,
) -> list[Featurised]:
    """Feature rows for every answer and item; with ``scenarios``, how much of each answer is about its own."""
    lens = Lens(tuple(framework.items), grading)
    result = []
    for answer in answers:
        reading = read(answer.text, lens, similarity)
        scenario = (scenarios or {}).get(answer.scenario)
        relevance = relevance_of(concepts_of(coverage_from(reading, grading.model), scenario)) if scenario else None
        result.append(
            Featurised(answer, features_of(reading), reading.tamper.penalty, substance_of(reading), relevance)
        )
    return result


def fit(
    data: Sequence[Featurised], features: Sequence[str] = FEATURES, note: str = "", l2: float = 1.0
) -> CoverageModel:
    """A coverage model (shared weights plus a per-item offset) fitted on every row of ``data``."""
    items = sorted({i for d in data for i in d.rows})
    x, y = _matrix(data, features, items)
    beta = _newton(x, y, l2, shared=len(features))
    return CoverageModel(
        features=tuple(features),
        weights=tuple(round(float(w), 4) for w in beta[1 : 1 + len(features)]),
        bias=round(float(beta[0]), 4),
        threshold=0.5,
        fitted_on=note or f"{len(data)} labelled answers",
        item_bias={item: round(float(b), 4) for item, b in zip(items, beta[1 + len(features) :], strict=True)},
    )


def held_out_cells(data: Sequence[Featurised]) -> list[tuple[set[str], set[str]]]:
    """(answer names to score, answer names to fit on) for every scenario-group x style cell."""
    scenarios = sorted({d.answer.scenario for d in data})
    groups = [set(scenarios[i::SCENARIO_GROUPS]) for i in range(SCENARIO_GROUPS)]
    styles = sorted({d.answer.style for d in data})
    cells = []
    for group in groups:
        for style in styles:
            test = {d.answer.name for d in data if d.answer.scenario in group and d.answer.style == style}
            train = {d.answer.name for d in data if d.answer.scenario not in group and d.answer.style != style}
            if test:
                cells.append((test, train))
    return cells


def quality(data: Sequence[Featurised], framework: Framework) -> QualityReport:
    """Held-out agreement: each answer scored by a model and grade bands fitted without its scenario or its style."""
    weights = {item.id: item.weight for item in framework.items}
    predicted: dict[str, dict[str, float]] = {}
    grades: dict[str, int] = {}
    by_name = {d.answer.name: d for d in data}
    for test, train in held_out_cells(data):
        training = [by_name[n] for n in sorted(train)]
        model = fit(training)
        grader = fit_grade_model(training, model, weights)
        for name in test:
            d = by_name[name]
            predicted[name] = {i: probability(r, model, i) for i, r in d.rows.items()}
            grades[name] = grade_of(grade_value(d, predicted[name], weights, grader))
    return report(data, predicted, weights, grades)


def fit_grade_model(
    data: Sequence[Featurised], model: CoverageModel, weights: dict[str, int], note: str = ""
) -> GradeModel:
    """The grade model fitted on ``data`` (their coverage read through ``model``)."""
    rows = [
        scoring.grade_row(d.substance, {i: probability(r, model, i) for i, r in d.rows.items()}, weights) for d in data
    ]
    fitted = stats.fit_grade(
        [[row[f] for f in GRADE_FEATURES] for row in rows],
        [d.relevance for d in data],
        [d.penalty for d in data],
        [d.answer.grade for d in data],
    )
    return GradeModel(
        features=GRADE_FEATURES,
        weights=tuple(round(w, 4) for w in fitted.weights),
        bias=round(fitted.bias, 4),
        relevance_full=fitted.relevance_full,
        fitted_on=note or f"{len(data)} labelled answers",
    )


def grade_value(d: Featurised, probabilities: dict[str, float], weights: dict[str, int], grader: GradeModel) -> float:
    """The answer's grade score before rounding, as the scorecard computes it."""
    return scoring.grade_value(d.substance, probabilities, weights, grader, d.relevance, d.penalty)


def fit_bands(data: Sequence[Featurised], model: CoverageModel, weights: dict[str, int]) -> Bands:
    """Grade cut points that minimise the absolute grade error on ``data``, ties broken toward no leniency."""
    scored = sorted((overall_of(d, model, weights), d.answer.grade) for d in data)
    values = sorted({round(s, 4) for s, _ in scored})
    candidates = [0.0, *[(a + b) / 2 for a, b in pairwise(values)], 1.0]
    cuts = [0.1, 0.3, 0.5, 0.7]
    for _ in range(4):
        for k in range(4):
            low = cuts[k - 1] if k else 0.0
            high = cuts[k + 1] if k < 3 else 1.0
            options = [c for c in candidates if low <= c <= high] or [cuts[k]]
            cuts[k] = min(options, key=lambda c: _band_error(scored, [*cuts[:k], c, *cuts[k + 1 :]]))
    return Bands(grade=(round(cuts[0], 4), round(cuts[1], 4), round(cuts[2], 4), round(cuts[3], 4)))


def overall_of(d: Featurised, model: CoverageModel, weights: dict[str, int]) -> float:
    """The overall score the scorecard gives this answer."""
    probs = {i: probability(r, model, i) for i, r in d.rows.items()}
    return penalised_mean(probs, weights, d.penalty)


def report(
    data: Sequence[Featurised], predicted: dict[str, dict[str, float]], weights: dict[str, int], grades: dict[str, int]
) -> QualityReport:
    """Agreement statistics for predicted item probabilities and grades."""
    flat_p: list[bool] = []
    flat_a: list[bool] = []
    per_item: dict[str, tuple[list[bool], list[bool]]] = {i: ([], []) for i in weights}
    overall: dict[str, float] = {}
    covered: dict[str, frozenset[str]] = {}
    for d in data:
        probs = predicted[d.answer.name]
        covered[d.answer.name] = frozenset(i for i, p in probs.items() if p >= 0.5)
        for item_id, p in probs.items():
            flat_p.append(p >= 0.5)
            flat_a.append(item_id in d.answer.covers)
            per_item[item_id][0].append(p >= 0.5)
            per_item[item_id][1].append(item_id in d.answer.covers)
        overall[d.answer.name] = penalised_mean(probs, weights, d.penalty)
    actual = [d.answer.grade for d in data]
    guessed = [grades[d.answer.name] for d in data]
    tp = sum(1 for p, a in zip(flat_p, flat_a, strict=True) if p and a)
    return QualityReport(
        micro_f1=stats.f1(flat_p, flat_a),
        precision=tp / (sum(flat_p) or 1),
        recall=tp / (sum(flat_a) or 1),
        per_item_f1={i: stats.f1(p, a) for i, (p, a) in per_item.items()},
        spearman=stats.spearman([overall[d.answer.name] for d in data], [float(g) for g in actual]),
        mae=stats.mean_absolute_error(guessed, actual),
        leniency=sum(g - a for g, a in zip(guessed, actual, strict=True)) / len(actual),
        within_one=stats.within_one(guessed, actual),
        kappa=stats.quadratic_weighted_kappa(guessed, actual),
        overall=overall,
        grades=grades,
        covered=covered,
    )


def _band_error(scored: list[tuple[float, int]], cuts: list[float]) -> float:
    errors = [1 + band(s, tuple(cuts)) - g for s, g in scored]
    return float(sum(abs(e) for e in errors) + 0.5 * abs(sum(errors)) / max(1, len(errors)) ** 0.5)


def _matrix(data: Sequence[Featurised], features: Sequence[str], items: list[str]):  # type: ignore[no-untyped-def]
    import numpy as np

    rows, labels = [], []
    position = {item: k for k, item in enumerate(items)}
    for d in data:
        for item_id, row in d.rows.items():
            one_hot = [0.0] * len(items)
            one_hot[position[item_id]] = 1.0
            rows.append([1.0, *(row[f] for f in features), *one_hot])
            labels.append(1.0 if item_id in d.answer.covers else 0.0)
    return np.array(rows), np.array(labels)


def _newton(x, y, l2: float, shared: int):  # type: ignore[no-untyped-def]
    """L2-regularised, class-balanced logistic regression by Newton's method (the intercept is not penalised)."""
    import numpy as np

    positives = max(1.0, float(y.sum()))
    negatives = max(1.0, float(len(y) - y.sum()))
    sample = np.where(y > 0, len(y) / (2 * positives), len(y) / (2 * negatives))
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    penalty[1 + shared :] = l2 * 4  # per-item offsets are kept small
    beta = np.zeros(x.shape[1])
    free = np.ones(x.shape[1], dtype=bool)
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ ((p - y) * sample) + penalty * beta
        hessian = (x * (p * (1 - p) * sample)[:, None]).T @ x + np.diag(penalty)
        # Shared weights stay non-negative (more evidence never lowers an item): a weight pinned at zero
        # stays out of the Newton step while its gradient still pushes it below zero.
        pinned = np.zeros_like(free)
        pinned[1 : 1 + shared] = (beta[1 : 1 + shared] <= 0) & (gradient[1 : 1 + shared] > 0)
        free = ~pinned
        step = np.zeros_like(beta)
        step[free] = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        beta -= step
        beta[1 : 1 + shared] = np.maximum(beta[1 : 1 + shared], 0.0)
        if np.abs(step).max() < 1e-8:
            break
    return beta
