"""Fit the share of sentences each interview level needs (figures, framing), and report it writer by writer.

    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py                # fit on dev, a, b
    PYTHONPATH=src:bench .venv/bin/python bench/fit_interview_level.py dev a b -v     # and each candidate

An interview's level is the band its grade gives (engine/grade.py, fitted on single written answers), held to
the must-haves each level needs shown (content/packs/interviewer.yaml ``interview_level``, engine/
interview_level.py) and to a share of the candidate's sentences: for IC5, that state a figure (below IC5 is
"no numbers"); for IC6 and IC7, that say who owns what or what it means for the business. The grade counts
figures, owners and business sentences; a 45-minute interview states far more of them than a written answer,
so the counts saturate and a number-dense senior interview bands as staff. A share does not grow with length.
Fitted here: each gated level's least share, the middle of the widest run of values placing the most planted
candidates at their level (given the band, the must-haves as shipped, the other levels' shares and the cap on
an uncorrected figure). Leave-one-writer-out refits without each writer's folder
and counts how many of that writer's candidates land on their planted level. Nothing is written: the figures
are copied into the YAML by hand.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from planted_profiles import LEVELS, candidates, context, load, play

from sdcoach.content.interview_level_schema import InterviewLevelRules
from sdcoach.content.loader import load_interviewer
from sdcoach.engine.arithmetic import evidence_text
from sdcoach.engine.concepts import concepts_of, relevance_of
from sdcoach.engine.coverage import coverage_from
from sdcoach.engine.interview_level import Shares, decide_level, own_evidence, shares_of
from sdcoach.engine.reader import read
from sdcoach.engine.red_flags import session_facts
from sdcoach.engine.scoring import LEVELS as ORDER
from sdcoach.engine.scoring import grade_of_coverage
from sdcoach.services.grading import method


@dataclass(frozen=True)
class Interview:
    """One played candidate: its writer, planted level, the grade's band, item strengths on their own evidence,
    its framing share and whether a wrong figure stood."""

    name: str
    writer: str
    planted: int
    banded: int
    shown: dict[str, float]
    shares: Shares
    uncorrected: bool


def interview(path: Path, rules: InterviewLevelRules) -> Interview:
    profile = load(path)
    state, _ = play(profile)
    parts, ctx = method(), context(profile["scenario"])
    reading = read(evidence_text(state) or "(no answer)", parts.lens(ctx.scenario), ctx.similarity)
    coverage = coverage_from(reading, parts.grading.model, state.items_reached())
    weights = {item.id: item.weight for item in parts.framework.items}
    grade = grade_of_coverage(coverage, weights, parts.grading, relevance_of(concepts_of(coverage, ctx.scenario)))
    return Interview(
        f"{path.parent.name}/{path.stem}",
        path.parent.name,
        ORDER.index(LEVELS[str(profile["level"]).lower()]),
        max(0, grade - 2),
        own_evidence(coverage.items, parts.grading.model, rules.single_answer),
        shares_of(reading),
        bool(session_facts(state).uncorrected_figures),
    )


# each gated level's share: IC5 needs figures (below IC5 states none), IC6 and IC7 the staff framing
SHARE_OF = {
    "ic5": ("figure_share", "figures"),
    "ic6": ("framing_share", "framing"),
    "ic7": ("framing_share", "framing"),
}


def with_shares(rules: InterviewLevelRules, shares: dict[str, float]) -> InterviewLevelRules:
    """The rules with each gated level's share replaced."""
    must = tuple(m.model_copy(update={SHARE_OF[m.level][0]: shares[m.level]}) for m in rules.must_show)
    return rules.model_copy(update={"must_show": must})


def placed(i: Interview, rules: InterviewLevelRules) -> int:
    """The level as engine/scoring.py places it: band, must-haves and shares, then the uncorrected-figure cap."""
    level = decide_level(i.banded, i.shown, rules, ORDER, i.shares).level
    return level - 1 if i.uncorrected and level == len(ORDER) - 1 else level


def fit(interviews: list[Interview], rules: InterviewLevelRules) -> dict[str, float]:
    """Each gated level's share: the middle of the widest run of values placing the most, given the other levels'
    shares, lowest level first and then once more (a level's cut only counts once the levels above it hold too)."""
    shares = {m.level: 0.0 for m in rules.must_show}
    for must in [*rules.must_show, *rules.must_show]:
        values = sorted({round(getattr(i.shares, SHARE_OF[must.level][1]), 4) for i in interviews})
        bounds = [0.0, *values, 1.0]
        gaps = list(itertools.pairwise(bounds))  # a cut anywhere inside a gap places everyone the same
        placed_right = [
            sum(placed(i, with_shares(rules, {**shares, must.level: (lo + hi) / 2})) == i.planted for i in interviews)
            for lo, hi in gaps
        ]
        best = max(placed_right)
        runs = [list(g) for k, g in itertools.groupby(range(len(gaps)), key=lambda j: placed_right[j] == best) if k]
        widest = max(runs, key=lambda run: gaps[run[-1]][1] - gaps[run[0]][0])
        # the widest margin: the middle between the values either side of the best run of gaps
        lo, hi = gaps[widest[0]][0], gaps[widest[-1]][1]
        shares[must.level] = round(min((lo + hi) / 2, 0.999), 3)
    return shares


def right(interviews: list[Interview], rules: InterviewLevelRules) -> int:
    return sum(placed(i, rules) == i.planted for i in interviews)


def main(argv: list[str]) -> None:
    writers = [a for a in argv if not a.startswith("-")] or ["dev", "a", "b"]
    rules = load_interviewer().interview_level
    assert rules is not None
    interviews = [interview(p, rules) for p in candidates(writers)]
    shares = fit(interviews, rules)
    fitted = with_shares(rules, shares)
    print(f"fit on {', '.join(writers)} ({len(interviews)} candidates): shares {shares}")
    for writer in writers:
        mine = [i for i in interviews if i.writer == writer]
        without = with_shares(rules, fit([i for i in interviews if i.writer != writer], rules))
        print(
            f"  {writer}: {right(mine, fitted)}/{len(mine)} placed at their level with the fit on all; "
            f"{right(mine, without)}/{len(mine)} with it refitted without {writer} "
            f"(shares {fit([i for i in interviews if i.writer != writer], rules)}); "
            f"{right(mine, with_shares(rules, {m.level: 0.0 for m in rules.must_show}))}/{len(mine)} with no share"
        )
    if "-v" in argv:
        for i in interviews:
            print(
                f"    {i.name:44} planted {ORDER[i.planted]:9} band {ORDER[i.banded]:9} framing {i.shares.framing:.2f} "
                f"figures {i.shares.figures:.2f} "
                f"placed {ORDER[placed(i, fitted)]}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
