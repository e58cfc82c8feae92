"""Fit what a whole interview's level is held to, and report it on planted candidates with known levels.

    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py              # fit on dev, report dev
    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py dev --report a b  # and the shipped rules on a, b

The scorecard's level cuts (content/packs/grading.yaml) were fitted on single written answers. An interview's
level is that band held to the must-haves each level needs shown (content/packs/interviewer.yaml
``interview_level``, groups from the grade definitions in tests/data/corpus/LABELLING.md, engine/
interview_level.py), each item judged on its own evidence: the coverage model with its whole-answer features
(concrete sentences, length) at a typical written answer's. Two things are fitted here:

- the typical answer: the median of those two features over the labelled written answers in
  tests/data/corpus/answers (the data the coverage model was fitted on; no planted candidate is used);
- each level's bar: a candidate's weakest must-have group (its best item), and the bar halfway between the
  strongest value below the level and the weakest at or above it (the widest margin), or, when the two
  overlap, halfway between their means. Leave-one-out says how often a bar fitted without a candidate puts
  it on its own side.

Other folders are only reported on, as totals, never fitted on or shown one by one. Nothing is written: the
figures are copied into the YAML by hand.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from planted_profiles import LEVELS, ROOT, candidates, graded, load, play

from sdcoach.content.loader import load_grading, load_interviewer
from sdcoach.engine.coverage import features_of
from sdcoach.engine.interview_level import group_strength, own_evidence
from sdcoach.engine.reader import read
from sdcoach.engine.scoring import LEVELS as ORDER
from sdcoach.engine.scoring import band
from sdcoach.services.grading import method, without_front_matter
from sdcoach.services.similarity import default_similarity

CORPUS = ROOT / "tests" / "data" / "corpus" / "answers"


@dataclass(frozen=True)
class Interview:
    """One played candidate: planted level, band on the grader's cuts, level as shipped, weakest must-have per
    gated level."""

    name: str
    planted: int
    banded: int
    shipped: int
    weakest: dict[str, float]


def typical_answer() -> tuple[float, float, int]:
    """The median concrete-sentences and answer-length features of the labelled written answers, and how many."""
    parts, similarity = method(), default_similarity()
    rows = []
    for path in sorted(CORPUS.glob("*/*.md")):
        reading = read(without_front_matter(path.read_text()), parts.lens(None), similarity)
        row = next(iter(features_of(reading).values()))
        rows.append((row["concrete_sentences"], row["answer_length"]))
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), len(rows)


def interview(path: Path) -> Interview:
    profile = load(path)
    state, _ = play(profile)
    card = graded(state).scorecard
    rules = load_interviewer().interview_level
    assert rules is not None
    shown = own_evidence(card.checklist, load_grading().model, rules.single_answer)
    weakest = {m.level: min(group_strength(shown, g) for g in m.groups) for m in rules.must_show}
    return Interview(
        f"{path.parent.name}/{path.stem}",
        ORDER.index(LEVELS[str(profile["level"]).lower()]),
        band(card.overall, load_grading().bands.level),
        ORDER.index(card.level),
        weakest,
    )


def fit_bar(interviews: list[Interview], level: str) -> float | None:
    """Halfway between the two sides of ``level`` (widest margin, or between the means when they overlap)."""
    at = ORDER.index(level)
    below = [i.weakest[level] for i in interviews if i.planted < at]
    above = [i.weakest[level] for i in interviews if i.planted >= at]
    if not below or not above:
        return None
    if max(below) < min(above):
        return (max(below) + min(above)) / 2
    return (statistics.mean(below) + statistics.mean(above)) / 2


def leave_one_out(interviews: list[Interview], level: str) -> int:
    """How many candidates a bar fitted without them puts on their own side of ``level``."""
    at = ORDER.index(level)
    right = 0
    for held in interviews:
        bar = fit_bar([i for i in interviews if i is not held], level)
        if bar is not None and (held.weakest[level] >= bar) == (held.planted >= at):
            right += 1
    return right


def main(argv: list[str]) -> None:
    fit_on = argv[: argv.index("--report")] if "--report" in argv else argv or ["dev"]
    report_on = argv[argv.index("--report") + 1 :] if "--report" in argv else []
    concrete, length, count = typical_answer()
    print(
        f"typical written answer ({count} in tests/data/corpus): concrete_sentences {concrete:.3f}, "
        f"answer_length {length:.3f}"
    )
    fitting = [interview(p) for p in candidates(fit_on)]
    for i in fitting:
        weakest = ", ".join(f"{level} {value:.2f}" for level, value in i.weakest.items())
        print(
            f"  {i.name:44} planted {ORDER[i.planted]:9} band {ORDER[i.banded]:9} shipped {ORDER[i.shipped]:9} "
            f"weakest must-have: {weakest}"
        )
    for level in fitting[0].weakest if fitting else ():
        bar = fit_bar(fitting, level)
        shown = "none" if bar is None else f"{bar:.2f}"
        print(
            f"fit on {', '.join(fit_on)}: {level} bar {shown}; leave-one-out {leave_one_out(fitting, level)}/"
            f"{len(fitting)} on the right side"
        )
    held = [interview(p) for p in candidates(report_on)] if report_on else []
    for name, group in ((", ".join(fit_on), fitting), (", ".join(report_on), held)):
        if group:
            print(
                f"  {name}: level recovered {sum(i.shipped == i.planted for i in group)}/{len(group)} as shipped, "
                f"{sum(i.banded == i.planted for i in group)}/{len(group)} on the grader's band alone"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
