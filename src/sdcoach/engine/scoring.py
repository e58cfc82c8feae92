"""The scorecard: rubric signals scored 1-4 with quoted evidence, the checklist, a level, and next steps.

Each signal also carries the committee's reading: its level, a hire rating (strong no hire ... strong
hire) from the score, the evidence and the red flags the engine saw (``engine/red_flags.py`` says which
it can see), and what would have moved it up: the next level's behaviours from the rubric.

Signal scores come from coverage strengths and the bands in content/packs/grading.yaml; the grade and
level from the answer's substance and relevance (``engine/grade.py``). The same text
always gets the same scorecard, and nothing in the text can change the rules: sentences the tamper
check flags are never evidence, and stuffing or repetition costs a penalty.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.framework_schema import Framework, FrameworkItem, Level, Rubric, Signal
from sdcoach.content.grading_schema import GradeModel, Grading
from sdcoach.content.interview_level_schema import InterviewLevelRules
from sdcoach.content.schema import DeepDiveLadder
from sdcoach.engine.coverage import Coverage, Evidence, ItemCoverage
from sdcoach.engine.grade import Substance, grade_features, grade_of, grade_score, relevance_gate
from sdcoach.engine.interview_level import LevelDecision, Shares, ShortOf, decide_level, own_evidence
from sdcoach.engine.red_flags import HireRating, RedFlagSeen, SessionFacts, flags_checked, flags_seen, hire_rating
from sdcoach.engine.tamper import Flag

LEVELS = ("below_ic5", "ic5", "ic6", "ic7")


@dataclass(frozen=True)
class SignalScore:
    """One rubric signal: a 1-4 score, what the candidate said that earned it, and what was missing."""

    signal_id: str
    title: str
    score: int
    strength: float
    behaviours: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    missing: tuple[str, ...]
    level: str
    hire: HireRating
    red_flags: tuple[RedFlagSeen, ...]  # seen by a detector in this session
    red_flags_checked: tuple[str, ...]  # the flags a detector looked for (none for a written answer)
    to_move_up: tuple[str, ...]  # the next level's behaviours; empty at IC7


@dataclass(frozen=True)
class NextStepAdvice:
    """A concrete thing to practise next and where."""

    item_id: str
    title: str
    advice: str
    command: str
    strong_answer: str = ""  # what a great answer says on this scenario, from its bad/good/great ladder


@dataclass(frozen=True)
class Scorecard:
    """The whole verdict on one answer."""

    scenario: str
    checklist: dict[str, ItemCoverage]
    not_assessed: tuple[str, ...]
    signals: tuple[SignalScore, ...]
    overall: float
    grade: int
    level: str
    rationale: str
    next_steps: tuple[NextStepAdvice, ...]
    set_aside: dict[str, int]
    penalty: float
    held_by: tuple[tuple[str, ...], ...] = ()  # an interview's must-have groups that held it below its band
    short_of: tuple[ShortOf, ...] = ()  # and the shares of its sentences that did


def score(
    coverage: Coverage,
    framework: Framework,
    rubric: Rubric,
    grading: Grading,
    scenario: str,
    ladders: tuple[DeepDiveLadder, ...] = (),
    facts: SessionFacts | None = None,
    relevance: float | None = None,
    level_rules: InterviewLevelRules | None = None,
    shares: Shares | None = None,
) -> Scorecard:
    """Turn coverage into a scorecard; a next step on an item the scenario has a ladder for shows its great rung.

    ``facts`` come from an interview (figures never redone, time in requirements); without them no red
    flag is checked. ``relevance`` is the share of the scenario's concepts the answer touches (None: no
    scenario is known); it gates the grade (engine/grade.py). ``level_rules`` hold an interview's level to the
    must-haves each level needs shown and to the shares of sentences that frame the design and state figures
    (``shares``, ``engine/interview_level.py``); a written answer is placed by its grade."""
    facts = facts or SessionFacts()
    weights = {item.id: item.weight for item in framework.items}
    titles = {item.id: item.title for item in framework.items}
    overall = overall_score(coverage, weights)
    grade = grade_of_coverage(coverage, weights, grading, relevance)
    decision = LevelDecision(max(0, grade - 2))  # grades 1-2 are below IC5, 3 IC5, 4 IC6, 5 IC7
    if level_rules is not None and facts.checked:
        shown = own_evidence(coverage.items, grading.model, level_rules.single_answer)
        decision = decide_level(decision.level, shown, level_rules, LEVELS, shares)
        grade = min(grade, decision.level + 2)  # grades 3, 4, 5 mark IC5, IC6, IC7
    level = decision.level
    if facts.uncorrected_figures and level == len(LEVELS) - 1:
        # IC7 is everything at IC6 and more; a 2x-or-worse figure the candidate never corrected is not
        # IC6 numbers, so the interview that left one standing is placed at IC6 at most (issue 16)
        level, grade = level - 1, min(grade, 4)
    signals = tuple(_signal(s, coverage, weights, titles, grading, facts) for s in rubric.signals)
    return Scorecard(
        scenario=scenario,
        checklist=dict(coverage.items),
        not_assessed=tuple(i for i in weights if i not in coverage.items),
        signals=signals,
        overall=round(overall, 4),
        grade=grade,
        level=LEVELS[level],
        rationale=grading.level_rationale[LEVELS[level]],
        next_steps=_next_steps(coverage, framework, grading, scenario, ladders),
        set_aside={flag.value: coverage.tamper.count(flag) for flag in Flag if coverage.tamper.count(flag)},
        penalty=coverage.tamper.penalty,
        held_by=decision.held_by,
        short_of=decision.short_of,
    )


def grade_of_coverage(
    coverage: Coverage, weights: dict[str, int], grading: Grading, relevance: float | None = None
) -> int:
    """The 1-5 grade: the answer's substance, gated by how much of it is about the scenario."""
    strengths = {i: coverage.items[i].strength for i in coverage.items if i in weights}
    return grade_of(
        grade_value(coverage.substance, strengths, weights, grading.grade_model, relevance, coverage.tamper.penalty)
    )


def grade_value(
    substance: Substance,
    strengths: dict[str, float],
    weights: dict[str, int],
    model: GradeModel,
    relevance: float | None,
    penalty: float,
) -> float:
    """The grade before rounding (also what calibration measures the grade model by)."""
    gate = relevance_gate(relevance, model.relevance_full)
    return grade_score(grade_row(substance, strengths, weights), model, gate, penalty)


def grade_row(substance: Substance, strengths: dict[str, float], weights: dict[str, int]) -> dict[str, float]:
    """The grade model's features: the substance counts and the coverage mean before any tamper penalty."""
    return grade_features(substance, penalised_mean(strengths, weights, 0.0))


def overall_score(coverage: Coverage, weights: dict[str, int]) -> float:
    """Weighted mean strength of the assessed items, times the tamper penalty (0..1)."""
    strengths = {i: coverage.items[i].strength for i in coverage.items if i in weights}
    return penalised_mean(strengths, weights, coverage.tamper.penalty)


def penalised_mean(strengths: dict[str, float], weights: dict[str, int], penalty: float) -> float:
    """Weighted mean of item strengths times (1 - tamper penalty); 0 when no item is given.

    One formula for the overall score, each signal's strength and the calibration that sets their bands.
    """
    if not strengths:
        return 0.0
    mean = sum(strengths[i] * weights[i] for i in strengths) / sum(weights[i] for i in strengths)
    return mean * (1 - penalty)


def _signal(
    signal: Signal,
    coverage: Coverage,
    weights: dict[str, int],
    titles: dict[str, str],
    grading: Grading,
    facts: SessionFacts,
) -> SignalScore:
    fed = [i for i in signal.feeds if i in coverage.items]
    strength = penalised_mean({i: coverage.items[i].strength for i in fed}, weights, coverage.tamper.penalty)
    value = 1 + band(strength, grading.bands.signal)
    evidence = _best_evidence([coverage.items[i] for i in fed if coverage.items[i].covered])
    missing = tuple(titles[i] for i in fed if not coverage.items[i].covered)
    seen = flags_seen(signal, facts)
    return SignalScore(
        signal.id,
        signal.title,
        value,
        round(strength, 4),
        _behaviours(signal, value),
        evidence,
        missing,
        level=LEVELS[value - 1],
        hire=hire_rating(value, len(evidence), len(seen)),
        red_flags=seen,
        red_flags_checked=flags_checked(signal, facts),
        to_move_up=next_level_behaviours(signal, value),
    )


_SCORE_LEVEL = {1: Level.IC5, 2: Level.IC5, 3: Level.IC6, 4: Level.IC7}


def _behaviours(signal: Signal, value: int) -> tuple[str, ...]:
    """The rubric's observable behaviours for the level a score maps to (1 and 2 both map to IC5's)."""
    return tuple(getattr(signal.levels, _SCORE_LEVEL[value].value))


def next_level_behaviours(signal: Signal, value: int) -> tuple[str, ...]:
    """What the next score up looks like: IC5's behaviours from 1, IC6's from 2, IC7's from 3; none from 4."""
    if value == 4:
        return ()
    return tuple(getattr(signal.levels, _SCORE_LEVEL[value + 1].value))


def _best_evidence(covered: list[ItemCoverage]) -> tuple[Evidence, ...]:
    seen: set[int] = set()
    chosen: list[Evidence] = []
    for item in sorted(covered, key=lambda c: c.strength, reverse=True):
        for evidence in item.evidence[:1]:
            if evidence.sentence not in seen:
                seen.add(evidence.sentence)
                chosen.append(evidence)
    return tuple(chosen[:3])


def _next_steps(
    coverage: Coverage, framework: Framework, grading: Grading, scenario: str, ladders: tuple[DeepDiveLadder, ...]
) -> tuple[NextStepAdvice, ...]:
    """Three things to practise, each pointing at where to practise its section: the weakest high-weight items
    never covered first, then (so a strong candidate gets next steps too) the weakest of those covered."""
    steps = {step.section: step for step in grading.next_steps}
    assessed = [item for item in framework.items if item.id in coverage.items]

    def need(item: FrameworkItem) -> tuple[bool, float]:
        return coverage.items[item.id].covered, -item.weight * (1 - coverage.items[item.id].strength)

    chosen: list[NextStepAdvice] = []
    for item in sorted(assessed, key=need)[:3]:
        step = steps[item.id.split(".")[0]]
        command = step.command.replace("{slug}", scenario)
        great = next((ladder.great for ladder in ladders if ladder.item == item.id), "")
        chosen.append(NextStepAdvice(item.id, item.title, f"{item.title}: {step.advice}", command, great))
    return tuple(chosen)


def band(value: float, cuts: tuple[float, ...]) -> int:
    """How many cut points ``value`` reaches."""
    return sum(1 for cut in cuts if value >= cut)
