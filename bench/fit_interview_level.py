"""Fit the bars of a whole interview's must-haves per level on planted candidates with known levels, and report.

    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py              # fit on dev, report dev
    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py dev --report a b  # and the shipped rules on a, b

The scorecard's level cuts (content/packs/grading.yaml) were fitted on single written answers; an interview
holds far more text, and many items touched once lift its overall score. The interview's level is that band
held to the must-haves each level needs shown (content/packs/interviewer.yaml ``interview_level``, groups from
the grade definitions in tests/data/corpus/LABELLING.md; engine/interview_level.py). This fits the IC6 bar:
each candidate's weakest staff must-have group (the best item in each group, the weakest group), and the bar
halfway between the strongest such value below IC6 and the weakest at IC6 or above (the widest margin);
leave-one-out says how often a bar fitted without a candidate places that candidate on the right side.
Other folders are only reported on, as totals, never fitted on or shown one by one. Nothing is written: a
bar is adopted into content YAML by hand.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from planted_profiles import LEVELS, candidates, graded, load, play

from sdcoach.content.loader import load_grading, load_interviewer
from sdcoach.engine.interview_level import group_strength
from sdcoach.engine.scoring import LEVELS as ORDER
from sdcoach.engine.scoring import band

IC6 = ORDER.index("ic6")


@dataclass(frozen=True)
class Interview:
    """One played candidate: its planted level, its band on the grader's cuts, its level as shipped, and its
    weakest staff must-have."""

    name: str
    planted: int
    banded: int
    shipped: int
    staff: float


def interview(path: Path) -> Interview:
    profile = load(path)
    state, _ = play(profile)
    card = graded(state).scorecard
    strengths = {i: c.strength for i, c in card.checklist.items()}
    rules = load_interviewer().interview_level
    assert rules is not None
    groups = next(m.groups for m in rules.must_show if m.level == "ic6")
    staff = min(group_strength(strengths, g) for g in groups)
    return Interview(
        f"{path.parent.name}/{path.stem}",
        ORDER.index(LEVELS[str(profile["level"]).lower()]),
        band(card.overall, load_grading().bands.level),
        ORDER.index(card.level),
        staff,
    )


def fit_bar(interviews: list[Interview]) -> float | None:
    """Halfway between the strongest staff must-have below IC6 and the weakest at IC6+; None if they overlap."""
    below = [i.staff for i in interviews if i.planted < IC6]
    above = [i.staff for i in interviews if i.planted >= IC6]
    if not below or not above or max(below) >= min(above):
        return None
    return (max(below) + min(above)) / 2


def leave_one_out(interviews: list[Interview]) -> int:
    """How many candidates a bar fitted without them puts on their own side of IC6."""
    right = 0
    for held in interviews:
        bar = fit_bar([i for i in interviews if i is not held])
        if bar is not None and (held.staff >= bar) == (held.planted >= IC6):
            right += 1
    return right


def main(argv: list[str]) -> None:
    fit_on = argv[: argv.index("--report")] if "--report" in argv else argv or ["dev"]
    report_on = argv[argv.index("--report") + 1 :] if "--report" in argv else []
    fitting = [interview(p) for p in candidates(fit_on)]
    for i in fitting:
        print(
            f"  {i.name:44} planted {ORDER[i.planted]:9} band {ORDER[i.banded]:9} "
            f"shipped {ORDER[i.shipped]:9} weakest staff must-have {i.staff:.2f}"
        )
    bar = fit_bar(fitting)
    shown = "none (the two sides overlap)" if bar is None else f"{bar:.2f}"
    print(f"fit on {', '.join(fit_on)}: {len(fitting)} interviews; IC6 bar {shown}")
    print(f"  leave-one-out: {leave_one_out(fitting)}/{len(fitting)} on the right side of IC6")
    held = [interview(p) for p in candidates(report_on)] if report_on else []
    for name, group in ((", ".join(fit_on), fitting), (", ".join(report_on), held)):
        if group:
            print(
                f"  {name}: level recovered {sum(i.shipped == i.planted for i in group)}/{len(group)} as shipped, "
                f"{sum(i.banded == i.planted for i in group)}/{len(group)} on the grader's band alone"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
