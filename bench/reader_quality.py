"""How far to trust the reader: held-out agreement with human labels on text written by other people.

    .venv/bin/python bench/reader_quality.py                   # the shipped encoder, every measure
    .venv/bin/python bench/reader_quality.py --encoder static  # another encoder (minilm, static, wordllama, items)
    .venv/bin/python bench/reader_quality.py --compare         # every encoder side by side
    .venv/bin/python bench/reader_quality.py --write           # refit and write the shipped grader

Grading: every answer in tests/data/corpus/answers (and the first version's tests/data/answers) is scored
by a coverage model and grade bands fitted without its scenario group and without its writing style.
Questions: every clarifying question in tests/data/corpus/questions is matched with a threshold chosen
on the other scenarios. Search: the questions in tests/data/corpus/search, written by people who never
saw the packs (outside.yaml held out; dev.yaml, a second writer, for trying changes). The second labeller's
agreement with the first (labels_second.yaml) is printed beside.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import yaml

from sdcoach.config import Settings
from sdcoach.content.loader import PACKS_DIR, load_library
from sdcoach.engine import calibration as stats
from sdcoach.engine.reader import Lens, match_questions
from sdcoach.services.calibration import (
    Featurised,
    featurise,
    fit,
    fit_bands,
    fit_grade_model,
    load_corpus,
    quality,
    scenarios_of,
)
from sdcoach.services.grading import method
from sdcoach.services.similarity import default_similarity, meaning_similarity, search_similarity

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
FOLDERS = (CORPUS / "answers", ROOT / "tests" / "data" / "answers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--encoder", default=None, help="the model for checklist items (minilm, static, wordllama, items, blend)"
    )
    parser.add_argument("--meaning", default=None, help="the model for questions and search (default: the shipped one)")
    parser.add_argument("--compare", action="store_true", help="measure every encoder on every job")
    parser.add_argument("--write", action="store_true", help="refit on everything and write grading.yaml")
    args = parser.parse_args()
    every = ("minilm", "static", "wordllama", "items", "blend")
    pairs = [(e, e) for e in every] if args.compare else [(args.encoder, args.meaning)]
    for encoder, meaning in pairs:
        print(f"== checklist items: {encoder or 'shipped'}; questions and search: {meaning or 'shipped'}")
        data = grading_quality(encoder)
        threshold = question_quality(meaning)
        search_quality(meaning)
        if args.write:
            write(data, threshold)
    human_agreement()


def grading_quality(encoder: str | None) -> list[Featurised]:
    parts = method()
    answers = load_corpus(*FOLDERS)
    similarity = default_similarity(Settings(), encoder)
    start = time.perf_counter()
    data = featurise(answers, parts.framework, parts.grading, similarity, scenarios_of(answers))
    seconds = time.perf_counter() - start
    report = quality(data, parts.framework)
    styles = sorted({a.style for a in answers})
    print(
        f"grading: {len(answers)} answers, {len({a.scenario for a in answers})} scenarios, {len(styles)} styles "
        f"({seconds / len(answers) * 1e3:.0f} ms an answer)"
    )
    print(f"  checklist micro F1 {report.micro_f1:.3f} (precision {report.precision:.3f}, recall {report.recall:.3f})")
    print(
        f"  grade MAE {report.mae:.2f}, leniency {report.leniency:+.2f}, within one {report.within_one:.0%}, "
        f"QWK {report.kappa:.3f}, Spearman {report.spearman:.3f}"
    )
    for style in styles:
        names = [a.name for a in answers if a.style == style]
        _print_subset(f"style {style}", names, data, report)
    for item_id, value in sorted(report.per_item_f1.items(), key=lambda kv: kv[1]):
        print(f"  item F1 {value:.2f}  {item_id}")
    return data


def _print_subset(label: str, names: list[str], data: list[Featurised], report: object) -> None:
    chosen = [d for d in data if d.answer.name in names]
    predicted = [p for d in chosen for p in (i in report.covered[d.answer.name] for i in d.rows)]  # type: ignore[attr-defined]
    actual = [i in d.answer.covers for d in chosen for i in d.rows]
    guessed = [report.grades[d.answer.name] for d in chosen]  # type: ignore[attr-defined]
    truth = [d.answer.grade for d in chosen]
    leniency = sum(g - t for g, t in zip(guessed, truth, strict=True)) / len(truth)
    print(
        f"  {label:<28} n={len(chosen):<3} F1 {stats.f1(predicted, actual):.2f}  "
        f"MAE {stats.mean_absolute_error(guessed, truth):.2f}  leniency {leniency:+.2f}"
    )


def load_questions() -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = []
    for path in sorted((CORPUS / "questions").glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            rows.append({"scenario": row["scenario"], "question": row["question"], "asks": row.get("asks")})
    return rows


def question_quality(encoder: str | None) -> float:
    """Threshold chosen on the other scenarios' questions; returns the threshold fitted on all."""
    rows = load_questions()
    if not rows:
        print("questions: none yet")
        return method().grading.questions.threshold
    library = load_library(None)
    parts = method()
    similarity = meaning_similarity(Settings(), encoder)
    scored: list[tuple[str, str | None, str | None, float]] = []
    for slug in sorted({str(r["scenario"]) for r in rows}):
        lens = Lens(
            tuple(parts.framework.items),
            parts.grading.model_copy(
                update={"questions": parts.grading.questions.model_copy(update={"threshold": 0.0})}
            ),
            library.get(slug),
        )
        mine = [r for r in rows if r["scenario"] == slug]
        for row, asked in zip(mine, match_questions([str(r["question"]) for r in mine], lens, similarity), strict=True):
            scored.append((slug, row["asks"], asked.question_id, asked.score))
    slugs = sorted({s for s, *_ in scored})
    groups = [set(slugs[i::4]) for i in range(4)]
    hits = off_matched = on = off = 0
    for group in groups:
        threshold = _best_threshold([s for s in scored if s[0] not in group])
        for _, label, best, score in (s for s in scored if s[0] in group):
            if label is None:
                off += 1
                off_matched += score >= threshold
            else:
                on += 1
                hits += best == label and score >= threshold
    fitted = _best_threshold(scored)
    print(
        f"questions: {on} on-topic, {off} off-topic; matched to the right reference {hits / max(1, on):.1%}, "
        f"off-topic matched {off_matched / max(1, off):.1%} (threshold held out by scenario; on all: {fitted:.3f})"
    )
    return fitted


def _best_threshold(scored: list[tuple[str, str | None, str | None, float]]) -> float:
    """The threshold with most right decisions, where matching an off-topic question costs four times as much."""
    candidates = sorted({round(s[3], 3) for s in scored})

    def cost(t: float) -> float:
        wrong = sum(1 for _, label, best, score in scored if label is not None and not (best == label and score >= t))
        false = sum(1 for _, label, _, score in scored if label is None and score >= t)
        return wrong + 4 * false

    return min(candidates, key=cost) if candidates else 0.5


def search_quality(encoder: str | None) -> None:
    """Search on the held-out outside questions and on the development set (dev.yaml, another writer, used to try
    changes): the first result counts when it is the writer's scenario or one a blind second labeller added."""
    from sdcoach.services.search import search_content

    settings = Settings()
    similarity = search_similarity(settings, encoder)
    for name, label in (("outside", "held out"), ("dev", "development set")):
        path = CORPUS / "search" / f"{name}.yaml"
        if not path.is_file():
            print(f"search ({label}): none yet")
            continue
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
        tops = [search_content(r["question"], settings, 1, similarity)[0].scenario for r in rows]
        strict = sum(1 for r, top in zip(rows, tops, strict=True) if top == r["scenario"])
        either = sum(1 for r, top in zip(rows, tops, strict=True) if top in (r["scenario"], *(r.get("also") or ())))
        print(
            f"search ({label}, {path.name}): right scenario first for {either} of {len(rows)} "
            f"({either / len(rows):.0%})"
            f" counting the blind second labeller's alternatives; {strict} of {len(rows)} by the writer's label alone"
        )


def human_agreement() -> None:
    path = CORPUS / "labels_second.yaml"
    if not path.is_file():
        print("labellers: no second labels yet")
        return
    second = yaml.safe_load(path.read_text(encoding="utf-8"))["labels"]
    answers = {a.name: a for a in load_corpus(*FOLDERS)}
    items = [i.id for i in method().framework.items]
    shared = [n for n in answers if n in second]
    first_c = [i in answers[n].covers for n in shared for i in items]
    second_c = [i in set(second[n]["covers"]) for n in shared for i in items]
    first_g = [answers[n].grade for n in shared]
    second_g = [int(second[n]["grade"]) for n in shared]
    kappa = stats.quadratic_weighted_kappa(second_g, first_g)
    print(
        f"labellers ({len(shared)} answers): checklist F1 {stats.f1(second_c, first_c):.3f}, grade MAE "
        f"{stats.mean_absolute_error(second_g, first_g):.2f}, QWK {kappa:.3f}"
    )
    for item in items:
        a = [item in answers[n].covers for n in shared]
        b = [item in set(second[n]["covers"]) for n in shared]
        print(f"  labellers item F1 {stats.f1(b, a):.2f}  {item}")


def write(data: list[Featurised], threshold: float) -> None:
    parts = method()
    model = fit(data, note=f"{len(data)} labelled answers in tests/data/corpus and tests/data/answers")
    bands = fit_bands(data, model, {item.id: item.weight for item in parts.framework.items})
    path = PACKS_DIR / "grading.yaml"
    text = path.read_text(encoding="utf-8")
    biases = "".join(f"    {item}: {value:g}\n" for item, value in model.item_bias.items())
    block = (
        "model:\n"
        f"  features: [{', '.join(model.features)}]\n"
        f"  weights: [{', '.join(f'{w:g}' for w in model.weights)}]\n"
        f"  bias: {model.bias:g}\n"
        f"  threshold: {model.threshold:g}\n"
        f"  fitted_on: {model.fitted_on}\n"
        f"  item_bias:\n{biases}"
    )
    text = re.sub(r"^model:\n(?:  .*\n)+", block, text, count=1, flags=re.M)
    grader = fit_grade_model(data, model, {item.id: item.weight for item in parts.framework.items}, model.fitted_on)
    grade_block = (
        "grade_model:\n"
        f"  features: [{', '.join(grader.features)}]\n"
        f"  weights: [{', '.join(f'{w:g}' for w in grader.weights)}]\n"
        f"  bias: {grader.bias:g}\n"
        f"  relevance_full: {grader.relevance_full:g}\n"
        f"  fitted_on: {grader.fitted_on}\n"
    )
    text = re.sub(r"^grade_model:\n(?:  .*\n)+", grade_block, text, count=1, flags=re.M)
    blocks = {
        r"^bands:\n  grade: \[.*\]\n": f"bands:\n  grade: [{', '.join(f'{c:g}' for c in bands.grade)}]\n",
        r"^questions:\n  threshold: .*\n  fitted_on: .*\n": (
            f"questions:\n  threshold: {threshold:g}\n  fitted_on: {len(load_questions())} development questions\n"
        ),
    }
    for pattern, replacement in blocks.items():
        text = re.sub(pattern, replacement, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
