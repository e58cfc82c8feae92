"""Refit the grader's coverage model on the labelled development answers and report its quality.

    .venv/bin/python scripts/calibrate_grader.py          # report cross-validated quality only
    .venv/bin/python scripts/calibrate_grader.py --write  # also write the refitted model into grading.yaml

Quality is measured with answers held out (folds split by answer); the written model is fitted on all.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from sdcoach.content.grading_schema import Bands, CoverageModel
from sdcoach.content.loader import PACKS_DIR
from sdcoach.services.calibration import featurise, fit, fit_bands, load_devset, quality
from sdcoach.services.grading import method
from sdcoach.services.similarity import default_similarity

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the refitted model into grading.yaml")
    args = parser.parse_args()
    parts = method()
    answers = load_devset(ROOT / "tests" / "data" / "answers")
    data = featurise(answers, parts.framework, parts.grading, default_similarity())
    report = quality(data, parts.framework)
    print(f"{len(answers)} answers; cross-validated micro F1 {report.micro_f1:.3f}, Spearman {report.spearman:.3f}")
    print(f"grade: MAE {report.mae:.2f}, within one {report.within_one:.0%}, QWK {report.kappa:.3f}")
    for item_id, value in sorted(report.per_item_f1.items(), key=lambda kv: kv[1]):
        print(f"  F1 {value:.2f}  {item_id}")
    for answer in answers:
        name = answer.name
        print(f"  {name:<40} grade {answer.grade} -> {report.grades[name]}  overall {report.overall[name]:.3f}")
    model = fit(data, note=f"{len(answers)} labelled answers in tests/data/answers")
    bands = fit_bands(data, model, {item.id: item.weight for item in parts.framework.items})
    print("fitted on all:", dict(zip(model.features, model.weights, strict=True)), "bias", model.bias)
    print("grade cut points:", bands.grade)
    if args.write:
        _write(model, bands)


def _write(model: CoverageModel, bands: Bands) -> None:
    path = PACKS_DIR / "grading.yaml"
    text = path.read_text(encoding="utf-8")
    block = (
        "model:\n"
        f"  features: [{', '.join(model.features)}]\n"
        f"  weights: [{', '.join(f'{w:g}' for w in model.weights)}]\n"
        f"  bias: {model.bias:g}\n"
        f"  threshold: {model.threshold:g}\n"
        f"  fitted_on: {model.fitted_on}\n"
    )
    updated = re.sub(r"^model:\n(?:  .*\n)+", block, text, count=1, flags=re.M)
    cut_points = ", ".join(f"{c:g}" for c in bands.grade)
    updated = re.sub(r"^bands:\n  grade: \[.*\]\n", f"bands:\n  grade: [{cut_points}]\n", updated, count=1, flags=re.M)
    path.write_text(updated, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
