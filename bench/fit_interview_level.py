"""Fit how a whole interview's level is decided, on planted candidates with known levels, and report it.

    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py              # fit on dev, report dev
    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py dev --report a b  # and that fit on a, b

The scorecard's level cuts (content/packs/grading.yaml) were fitted on single written answers. An interview
adds evidence a written answer has not: which items the candidate covered only after the interviewer pushed
on them (the rubric's IC5 "answers probes well, but waits to be led"), which pushes they left unanswered, and
figures left wrong. For each discount on pushed-then-covered items, interview cut points are fitted the way
the grader's were (midpoints between the mean scores of adjacent levels) on the fitting folders, and scored
by leave-one-out accuracy there. Other folders are only reported on, never fitted on. Nothing is written:
a fit is adopted into content YAML by hand, when its leave-one-out accuracy beats the grader's cuts.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from planted_profiles import LEVELS, candidates, graded, load, play

from sdcoach.content.loader import load_framework, load_grading
from sdcoach.engine.interview import NoteKind
from sdcoach.engine.scoring import LEVELS as ORDER
from sdcoach.engine.scoring import band

DISCOUNTS = (1.0, 0.75, 0.5, 0.25)


@dataclass(frozen=True)
class Interview:
    """One played candidate: its planted level and the whole-interview evidence."""

    name: str
    planted: int
    strengths: dict[str, float]  # item -> strength, for the items assessed
    pushed: frozenset[str]  # items the interviewer pushed as gaps (so not covered when pushed)
    penalty: float

    def score(self, discount: float, weights: dict[str, int]) -> float:
        """Weighted mean strength with items covered only after a push discounted."""
        if not self.strengths:
            return 0.0
        s = {i: v * (discount if i in self.pushed else 1.0) for i, v in self.strengths.items()}
        return sum(s[i] * weights[i] for i in s) / sum(weights[i] for i in s) * (1 - self.penalty)


def interview(path: Path) -> Interview:
    profile = load(path)
    state, _ = play(profile)
    card = graded(state).scorecard
    pushed = frozenset(n.item for n in state.notes if n.kind is NoteKind.GAP and n.item)
    planted = ORDER.index(LEVELS[str(profile["level"]).lower()])
    strengths = {i: c.strength for i, c in card.checklist.items()}
    return Interview(f"{path.parent.name}/{path.stem}", planted, strengths, pushed, card.penalty)


def cuts(scores: list[tuple[float, int]]) -> tuple[float, float, float] | None:
    """Midpoints between the mean scores of adjacent levels; None when a level has no example."""
    means = []
    for level in range(len(ORDER)):
        values = [s for s, planted in scores if planted == level]
        if not values:
            return None
        means.append(sum(values) / len(values))
    midpoints = tuple((a + b) / 2 for a, b in itertools.pairwise(means))
    return (midpoints[0], midpoints[1], midpoints[2]) if list(midpoints) == sorted(midpoints) else None


def leave_one_out(interviews: list[Interview], discount: float, weights: dict[str, int]) -> int:
    """How many levels the fit recovers when each interview is left out of its own fit."""
    right = 0
    for held in interviews:
        rest = [(i.score(discount, weights), i.planted) for i in interviews if i is not held]
        fitted = cuts(rest)
        if fitted is not None and band(held.score(discount, weights), fitted) == held.planted:
            right += 1
    return right


def main(argv: list[str]) -> None:
    fit_on = argv[: argv.index("--report")] if "--report" in argv else argv or ["dev"]
    report_on = argv[argv.index("--report") + 1 :] if "--report" in argv else []
    weights = {i.id: i.weight for i in load_framework().items}
    grader = load_grading().bands.level
    fitting = [interview(p) for p in candidates(fit_on)]
    held = [interview(p) for p in candidates(report_on)] if report_on else []
    print(f"fit on {', '.join(fit_on)}: {len(fitting)} interviews; grader's cuts {grader}")
    print(f"  grader's cuts recover {sum(band(i.score(1.0, weights), grader) == i.planted for i in fitting)}")
    for discount in DISCOUNTS:
        fitted = cuts([(i.score(discount, weights), i.planted) for i in fitting])
        loo = leave_one_out(fitting, discount, weights)
        shown = "no fit (a level has no example)" if fitted is None else ", ".join(f"{c:.3f}" for c in fitted)
        line = f"  discount {discount:.2f}: cuts {shown}; leave-one-out {loo}/{len(fitting)}"
        if fitted is not None and held:
            recovered = sum(band(i.score(discount, weights), fitted) == i.planted for i in held)
            as_graded = sum(band(i.score(1.0, weights), grader) == i.planted for i in held)
            line += f"; on {', '.join(report_on)} {recovered}/{len(held)} (grader's cuts {as_graded})"
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
