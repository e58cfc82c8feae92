"""Fitting and measuring the grader: logistic regression, grouped cross-validation, and agreement statistics.

Agreement is reported the way graded-grader studies do: per-item F1 for coverage, and for the 1-5
grade the mean absolute error, the share within one point, quadratic weighted kappa, and Spearman's
rank correlation of the overall score with the human grade.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.engine.grade import grade_of


@dataclass(frozen=True)
class Fit:
    """Logistic weights in feature order, and the bias."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, row: Sequence[float]) -> float:
        """P(positive) for one feature row."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[bool], l2: float = 1.0, iterations: int = 25) -> Fit:
    """Newton's method on the L2-regularised, class-balanced log loss (the bias is not penalised)."""
    width = len(rows[0]) + 1
    data = [[1.0, *row] for row in rows]
    positives = sum(labels) or 1
    negatives = (len(labels) - sum(labels)) or 1
    balance = {True: len(labels) / (2 * positives), False: len(labels) / (2 * negatives)}
    beta = [0.0] * width
    for _ in range(iterations):
        gradient = [0.0] * width
        hessian = [[0.0] * width for _ in range(width)]
        for x, label in zip(data, labels, strict=True):
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(b * v for b, v in zip(beta, x, strict=True))))))
            weight = balance[label]
            error = (p - float(label)) * weight
            curvature = p * (1 - p) * weight
            for i in range(width):
                gradient[i] += error * x[i]
                for j in range(i, width):
                    hessian[i][j] += curvature * x[i] * x[j]
        for i in range(width):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
            if i:
                gradient[i] += l2 * beta[i]
                hessian[i][i] += l2
        step = _solve(hessian, gradient)
        beta = [b - d for b, d in zip(beta, step, strict=True)]
        if max(abs(d) for d in step) < 1e-8:
            break
    return Fit(tuple(beta[1:]), beta[0])


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (small, dense, symmetric positive definite systems)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            a[col][col] = 1e-12
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        solution[r] = (a[r][n] - sum(a[r][c] * solution[c] for c in range(r + 1, n))) / a[r][r]
    return solution


def folds(groups: Sequence[str], count: int) -> list[set[str]]:
    """Split group names into ``count`` folds deterministically (sorted, dealt round-robin)."""
    names = sorted(set(groups))
    return [set(names[i::count]) for i in range(count)]


def f1(predicted: Sequence[bool], actual: Sequence[bool]) -> float:
    """F1 of the positive class (1.0 when there are no positives to find and none were claimed)."""
    tp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    fp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and not a)
    fn = sum(1 for p, a in zip(predicted, actual, strict=True) if a and not p)
    if tp == 0:
        return 1.0 if fp == 0 and fn == 0 else 0.0
    return 2 * tp / (2 * tp + fp + fn)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation, ties given their average rank."""
    return _pearson(_ranks(xs), _ranks(ys))


def quadratic_weighted_kappa(predicted: Sequence[int], actual: Sequence[int], low: int = 1, high: int = 5) -> float:
    """Cohen's kappa with quadratic weights on an ordinal scale ``low..high``."""
    size = high - low + 1
    observed = [[0.0] * size for _ in range(size)]
    for p, a in zip(predicted, actual, strict=True):
        observed[a - low][p - low] += 1
    n = len(predicted)
    row_totals = [sum(r) for r in observed]
    col_totals = [sum(observed[i][j] for i in range(size)) for j in range(size)]
    numerator = denominator = 0.0
    for i in range(size):
        for j in range(size):
            weight = (i - j) ** 2 / (size - 1) ** 2
            expected = row_totals[i] * col_totals[j] / n
            numerator += weight * observed[i][j]
            denominator += weight * expected
    return 1.0 - numerator / denominator if denominator else 1.0


def mean_absolute_error(predicted: Sequence[int], actual: Sequence[int]) -> float:
    """Mean absolute difference."""
    return sum(abs(p - a) for p, a in zip(predicted, actual, strict=True)) / len(actual)


def within_one(predicted: Sequence[int], actual: Sequence[int]) -> float:
    """Share of predictions within one point."""
    return sum(1 for p, a in zip(predicted, actual, strict=True) if abs(p - a) <= 1) / len(actual)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (sx * sy) if sx and sy else 0.0


@dataclass(frozen=True)
class GradeFit:
    """A grade model's non-negative weights in feature order, its bias, and the relevance that opens its gate."""

    weights: tuple[float, ...]
    bias: float
    relevance_full: float


def fit_grade(
    rows: Sequence[Sequence[float]],
    relevance: Sequence[float | None],
    penalty: Sequence[float],
    grades: Sequence[int],
    gate_candidates: Sequence[float] = (0.2, 0.3, 0.4, 0.5, 0.6),
    l2: float = 1.0,
) -> GradeFit:
    """Least squares of the grade on gated features, weights kept non-negative (more substance never lowers a
    grade); the gate's full-open relevance is the candidate whose fit rounds to the smallest absolute error."""
    best: tuple[float, float, GradeFit] | None = None
    for full in gate_candidates:
        gated = [
            [(1 - p) * (1.0 if r is None else min(1.0, max(0.0, r) / full)) * x for x in row]
            for row, r, p in zip(rows, relevance, penalty, strict=True)
        ]
        weights, bias = _non_negative_ridge(gated, [float(g) for g in grades], l2)
        scores = [bias + sum(w * x for w, x in zip(weights, row, strict=True)) for row in gated]
        rounded = [grade_of(s) for s in scores]
        error = (mean_absolute_error(rounded, grades), sum((s - g) ** 2 for s, g in zip(scores, grades, strict=True)))
        if best is None or error < best[:2]:
            best = (*error, GradeFit(tuple(weights), bias, full))
    assert best is not None
    return best[2]


def _non_negative_ridge(
    rows: Sequence[Sequence[float]], target: Sequence[float], l2: float
) -> tuple[list[float], float]:
    """min |Xw + b - y|^2 + l2 |w|^2 with w >= 0 and b free, by cyclic coordinate descent (a convex problem, so
    the sweeps converge to its one minimum; a few features and a few hundred rows take milliseconds)."""
    width = len(rows[0])
    n = len(rows)
    weights = [0.0] * width
    bias = sum(target) / n
    residual = [y - bias for y in target]
    squares = [sum(row[j] ** 2 for row in rows) for j in range(width)]
    for _ in range(2000):
        largest = 0.0
        for j in range(width):
            correlation = sum(row[j] * r for row, r in zip(rows, residual, strict=True)) + squares[j] * weights[j]
            new = max(0.0, correlation / (squares[j] + l2)) if squares[j] + l2 > 0 else 0.0
            change = new - weights[j]
            if change:
                residual = [r - change * row[j] for row, r in zip(rows, residual, strict=True)]
                weights[j] = new
                largest = max(largest, abs(change))
        shift = sum(residual) / n
        bias += shift
        residual = [r - shift for r in residual]
        if largest < 1e-9 and abs(shift) < 1e-9:
            break
    return weights, bias
