"""Write the README's agreement tables (per checklist item, per writing style, per scenario group) from a
held-out measurement, with the two human labellers' agreement beside the grader's.

    .venv/bin/python bench/reader_tables.py            # print the tables
    .venv/bin/python bench/reader_tables.py --readme   # also replace them in README.md

The tables sit between the README's ``reader-figures`` markers; the numbers come from the same held-out
measurement as ``bench/reader_quality.py`` (no answer scored by a model that saw its scenario or style).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

import yaml
from reader_quality import CORPUS, FOLDERS, ROOT

from sdcoach.config import Settings
from sdcoach.engine import calibration as stats
from sdcoach.services.calibration import Featurised, QualityReport, featurise, load_corpus, quality, scenarios_of
from sdcoach.services.grading import method
from sdcoach.services.similarity import default_similarity

START, END = "<!-- reader-figures:start -->", "<!-- reader-figures:end -->"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="replace the tables in README.md")
    args = parser.parse_args()
    parts = method()
    answers = load_corpus(*FOLDERS)
    data = featurise(answers, parts.framework, parts.grading, default_similarity(Settings()), scenarios_of(answers))
    report = quality(data, parts.framework)
    tables = "\n\n".join([item_table(data, report), style_table(data, report), scenario_table(data, report)])
    print(tables)
    if args.readme:
        path = ROOT / "README.md"
        text = path.read_text(encoding="utf-8")
        block = f"{START}\n{tables}\n{END}"
        path.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), block, text, flags=re.S), encoding="utf-8")


def item_table(data: Sequence[Featurised], report: QualityReport) -> str:
    second = _second_labels()
    shared = [d for d in data if d.answer.name in second]
    rows = ["| Checklist item | Answers that cover it | sdcoach F1 (held out) | Labellers' F1 |", "|---|---|---|---|"]
    for item in method().framework.items:
        predicted = [item.id in report.covered[d.answer.name] for d in data]
        actual = [item.id in d.answer.covers for d in data]
        human = stats.f1(
            [item.id in second[d.answer.name] for d in shared], [item.id in d.answer.covers for d in shared]
        )
        rows.append(f"| {item.title} | {sum(actual)} | {stats.f1(predicted, actual):.2f} | {human:.2f} |")
    return "\n".join(rows)


def style_table(data: Sequence[Featurised], report: QualityReport) -> str:
    rows = ["| Writing style (held out) | Answers | Checklist F1 | Grade MAE | Leniency |", "|---|---|---|---|---|"]
    for style in sorted({d.answer.style for d in data}):
        rows.append(_subset_row(style, [d for d in data if d.answer.style == style], report))
    return "\n".join(rows)


def scenario_table(data: Sequence[Featurised], report: QualityReport) -> str:
    rows = ["| Scenario (held out) | Answers | Checklist F1 | Grade MAE | Leniency |", "|---|---|---|---|---|"]
    for slug in sorted({d.answer.scenario for d in data}):
        rows.append(_subset_row(slug, [d for d in data if d.answer.scenario == slug], report))
    return "\n".join(rows)


def _subset_row(label: str, chosen: list[Featurised], report: QualityReport) -> str:
    predicted = [i in report.covered[d.answer.name] for d in chosen for i in d.rows]
    actual = [i in d.answer.covers for d in chosen for i in d.rows]
    guessed = [report.grades[d.answer.name] for d in chosen]
    truth = [d.answer.grade for d in chosen]
    leniency = sum(g - t for g, t in zip(guessed, truth, strict=True)) / len(truth)
    mae = stats.mean_absolute_error(guessed, truth)
    return f"| {label} | {len(chosen)} | {stats.f1(predicted, actual):.2f} | {mae:.2f} | {leniency:+.2f} |"


def _second_labels() -> dict[str, set[str]]:
    labels = yaml.safe_load((CORPUS / "labels_second.yaml").read_text(encoding="utf-8"))["labels"]
    return {name: set(entry["covers"]) for name, entry in labels.items()}


if __name__ == "__main__":
    main()
