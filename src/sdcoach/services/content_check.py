"""Checking packs (``sdcoach content lint``): every problem that keeps a pack from loading, the minimums a
scenario must meet, the references that must resolve across packs, and the arithmetic the packs state.

A use case, not part of the content model: it recomputes stated numbers and decision matrices with the engine.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sdcoach.config import Settings
from sdcoach.content.framework_schema import Framework, Rubric
from sdcoach.content.loader import (
    load_framework,
    load_library,
    load_registry,
    load_rubric,
    load_scenario,
    load_tradeoff_library,
    scenario_files,
    scenario_problems,
)
from sdcoach.content.schema import Audience, ProbeKind, Scenario
from sdcoach.content.tradeoff_schema import LibraryTradeoff
from sdcoach.errors import ContentError
from sdcoach.services.stakeholder_check import lint_stakeholders

# The stable checklist ids every later feature (scoring, drills, the live checklist) refers to.
REQUIRED_ITEM_IDS: tuple[str, ...] = (
    "req.functional_nonfunctional",
    "req.scale_slo",
    "req.ownership",
    "req.growth",
    "hld.components",
    "hld.data_flow",
    "hld.apis",
    "hld.cross_team",
    "scale.horizontal_vertical",
    "scale.cache_shard_partition",
    "scale.fault_tolerance",
    "scale.observability",
    "tradeoff.pros_cons",
    "tradeoff.cost_perf_complexity",
    "tradeoff.business_impact",
    "failure.points_mitigation",
    "failure.backpressure_stale_network",
    "failure.recovery_fallback",
    "influence.stakeholder_summary",
    "influence.explicit_tradeoffs",
    "influence.strategic_impact",
    "influence.elevator_pitch",
    "lead.drive_discussion",
    "lead.invite_input",
    "lead.high_leverage",
)


@dataclass(frozen=True)
class Minimums:
    """How much a scenario must hold to be worth practising on."""

    clarifying_questions: int = 12
    non_functional_questions: int = 4
    facts: int = 8
    components: int = 6
    tradeoffs: int = 4
    failure_modes: int = 8
    influence_tips: int = 4
    probes: int = 10
    curveballs: int = 2
    org_alignment_probes: int = 2
    references: int = 3
    common_mistakes: int = 5
    ladders: int = 2


@dataclass(frozen=True)
class Finding:
    """One lint problem: which pack, which field, what is wrong."""

    pack: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.pack}: {self.field}: {self.message}" if self.field else f"{self.pack}: {self.message}"


@dataclass
class LintReport:
    """What was checked and what was found."""

    checked: list[str] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        """True when nothing fell short."""
        return not self.findings


def lint_packs(settings: Settings, path: Path | None = None) -> LintReport:
    """Validate and lint the built-in packs and the user's (or only the file or folder at ``path``); a pack that
    does not load is reported with every problem it has, and the others are still checked."""
    framework = load_framework()
    report = LintReport()
    if path is None:
        report.checked += ["framework", "rubric", "registry"]
        report.findings += lint_framework(framework)
        report.findings += lint_rubric(load_rubric(), framework)
        load_registry()  # the estimator's registry validates (units, MoE and attention consistency) or raises
        library = load_library(settings.user_scenarios_dir, settings.cache_dir / "packs")
        for entry in library.entries:
            _lint_one(report, entry.path, framework)
        for skipped in library.skipped:
            _lint_one(report, skipped.path, framework, skipped_because=skipped.problem)
        slugs = frozenset(e.scenario.slug for e in library.entries)
        for tradeoff in load_tradeoff_library():
            report.checked.append(f"tradeoff {tradeoff.id}")
            report.findings += lint_tradeoff(tradeoff, slugs)
        return report
    if not path.exists():
        raise ContentError("No such file or folder.", path=path, hint="Check the path.")
    files = scenario_files(path) if path.is_dir() else [path]
    if not files:
        raise ContentError("This folder holds no .yaml scenario packs.", path=path)
    for file in files:
        _lint_one(report, file, framework)
    return report


def _lint_one(report: LintReport, path: Path, framework: Framework, skipped_because: str | None = None) -> None:
    """Every problem of one scenario file: why it does not load, else why the library skipped it (a repeated
    slug), else how it falls short."""
    report.checked.append(str(path))
    problems = scenario_problems(path)
    if problems:
        report.findings += [_finding(problem) for problem in problems]
    elif skipped_because is not None:
        report.findings.append(Finding(str(path), "", skipped_because))
    else:
        report.findings += lint_scenario(load_scenario(path), framework)


def _finding(problem: ContentError) -> Finding:
    message = problem.message if problem.hint is None else f"{problem.message} {problem.hint}"
    return Finding(problem.location or "?", problem.field or "", message)


def lint_scenario(scenario: Scenario, framework: Framework, minimums: Minimums = Minimums()) -> list[Finding]:
    """Every way a scenario falls short of the minimums or names what does not exist."""
    found: list[Finding] = []

    def short(field: str, have: int, need: int, what: str) -> None:
        if have < need:
            found.append(Finding(scenario.slug, field, f"has {have} {what}; at least {need} needed"))

    short("clarifying_questions", len(scenario.clarifying_questions), minimums.clarifying_questions, "questions")
    answered = [
        q for q in scenario.clarifying_questions if q.category.is_non_functional and _has_numeric_fact(scenario, q.fact)
    ]
    short(
        "clarifying_questions",
        len(answered),
        minimums.non_functional_questions,
        "non-functional questions answered by a fact with numbers",
    )
    short("facts", len(scenario.facts), minimums.facts, "facts")
    short("components", len(scenario.components), minimums.components, "components")
    short("tradeoffs", len(scenario.tradeoffs), minimums.tradeoffs, "tradeoffs")
    short("failure_modes", len(scenario.failure_modes), minimums.failure_modes, "failure modes")
    short("influence.tips", len(scenario.influence.tips), minimums.influence_tips, "influence tips")
    short("probes", len(scenario.probes), minimums.probes, "deep-dive probes")
    kinds = [p.kind for p in scenario.probes]
    short("probes", kinds.count(ProbeKind.CURVEBALL), minimums.curveballs, "curveball probes")
    short("probes", kinds.count(ProbeKind.ORG_ALIGNMENT), minimums.org_alignment_probes, "org-alignment probes")
    short("references", len(scenario.references), minimums.references, "references")
    found += _unknown_items(scenario, framework.item_ids())
    found += _unconnected_components(scenario)
    if not any(t.audience is Audience.DIRECTOR for t in scenario.influence.tips):
        found.append(Finding(scenario.slug, "influence.tips", "no tip for a director"))
    for probe in scenario.probes:
        if probe.kind is ProbeKind.FOLLOW_UP and not probe.trigger_cues:
            found.append(Finding(scenario.slug, f"probes.{probe.id}", "a follow-up probe needs trigger_cues"))
    found += _wrong_arithmetic(scenario)
    found += _unanswered_questions(scenario)
    found += _in_the_room(scenario, framework.item_ids(), minimums)
    found += [Finding(scenario.slug, field, message) for field, message in lint_stakeholders(scenario)]
    return found


def _in_the_room(scenario: Scenario, items: frozenset[str], minimums: Minimums) -> list[Finding]:
    """The answers a candidate meets in the room: the 35-minute answer, the three level sketches, common
    mistakes and the ladders of the top deep dives."""
    found = []
    if scenario.short_answer is None:
        found.append(
            Finding(scenario.slug, "short_answer", "missing: the 35-minute answer (boxes, numbers, deep dives)")
        )
    if scenario.level_sketches is None:
        found.append(Finding(scenario.slug, "level_sketches", "missing: the same answer at IC5, IC6 and IC7"))
    if len(scenario.common_mistakes) < minimums.common_mistakes:
        have = len(scenario.common_mistakes)
        found.append(
            Finding(scenario.slug, "common_mistakes", f"has {have}; at least {minimums.common_mistakes} needed")
        )
    if len(scenario.ladders) < minimums.ladders:
        found.append(Finding(scenario.slug, "ladders", f"has {len(scenario.ladders)}; {minimums.ladders} needed"))
    for ladder in scenario.ladders:
        if ladder.item not in items:
            found.append(Finding(scenario.slug, "ladders", f"{ladder.topic!r} names unknown item {ladder.item!r}"))
    return found


# Words that carry no subject in a clarifying question or a fact ("what", "does", "today", ...).
_STOPWORDS = frozenset(
    """a an the and or but if of for to in on at by with from into over under as is are was were be been
    being do does did doing have has had can could will would should may might must need needs what which
    who whom whose when where why how whether any each every all some many much more most other such this
    that these those there here it its they them their we our us you your not no nor only own same so than
    too very just about after before between during per via vs versus also else get make one two today now
    """.split()
)
_TERM = re.compile(r"[a-z0-9]+")
_STEM = 5  # two words of at least this many letters are one term when they share this prefix


def _unanswered_questions(scenario: Scenario) -> list[Finding]:
    """Every clarifying question has its own fact, and that fact is about what the question asks.

    A question's key terms are its content words minus the words most of the scenario's facts use (in
    a feature-store scenario "feature" says nothing about which fact answers); the question's fact
    must share at least one of them, by its answer or its keywords.
    """
    found: list[Finding] = []
    fact_terms = {f.id: _terms(f"{f.answer} {' '.join(f.keywords)}") for f in scenario.facts}
    uses = Counter(term for terms in fact_terms.values() for term in terms)
    common = {term for term, count in uses.items() if count > len(scenario.facts) / 2}
    askers: dict[str, list[str]] = {}
    for question in scenario.clarifying_questions:
        field = f"clarifying_questions.{question.id}"
        if question.fact is None and question.assume is None:
            found.append(Finding(scenario.slug, field, "has no fact, so the interviewer cannot answer it"))
            continue
        if question.fact is None:
            continue  # answered with the assumption to make
        askers.setdefault(question.fact, []).append(question.id)
        key = _terms(question.question) - common
        if key and not _share_a_term(key, fact_terms.get(question.fact, frozenset())):
            message = f"its fact {question.fact!r} shares none of its key terms ({', '.join(sorted(key))})"
            found.append(Finding(scenario.slug, field, message))
    for fact_id, questions in askers.items():
        if len(questions) > 1:
            message = f"{' and '.join(questions)} share one answer; each question needs its own fact"
            found.append(Finding(scenario.slug, f"facts.{fact_id}", message))
    return found


def _terms(text: str) -> frozenset[str]:
    """Content words: lowercase, three letters or more, not a stopword or a bare number."""
    words = _TERM.findall(text.lower())
    return frozenset(w for w in words if len(w) >= 3 and w not in _STOPWORDS and not w.isdigit())


def _share_a_term(key: frozenset[str], terms: frozenset[str]) -> bool:
    """True when a key term appears in ``terms`` exactly or as a word with the same stem ("retrain", "retrained")."""
    if key & terms:
        return True
    stems = {t[:_STEM] for t in terms if len(t) >= _STEM}
    return any(len(k) >= _STEM and k[:_STEM] in stems for k in key)


def _wrong_arithmetic(pack: Scenario | LibraryTradeoff) -> list[Finding]:
    """Every "a x b = c" the pack states must hold (the estimator's claim checker recomputes it)."""
    from sdcoach.engine.estimate.claims import claims_in

    name = pack.slug if isinstance(pack, Scenario) else pack.id
    found = []
    for field, text in _texts(pack.model_dump(), ""):
        for claim in claims_in(text):
            if not claim.holds:
                message = (
                    f"{claim.expression} = {claim.stated} does not hold (closest reading off by {claim.error:.1%})"
                )
                found.append(Finding(name, field, message))
    return found


def _texts(value: object, where: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _texts(item, f"{where}.{key}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [pair for index, item in enumerate(value) for pair in _texts(item, f"{where}[{index}]")]
    return []


def lint_framework(framework: Framework) -> list[Finding]:
    """The framework must hold exactly the stable item ids, and a 45- and a 60-minute plan."""
    found: list[Finding] = []
    ids = framework.item_ids()
    missing = [i for i in REQUIRED_ITEM_IDS if i not in ids]
    extra = sorted(ids - set(REQUIRED_ITEM_IDS))
    if missing:
        found.append(Finding("framework", "sections", f"missing item ids: {', '.join(missing)}"))
    if extra:
        found.append(Finding("framework", "sections", f"item ids outside the stable set: {', '.join(extra)}"))
    for minutes in (45, 60):
        if framework.plan_for(minutes) is None:
            found.append(Finding("framework", "time_plans", f"no {minutes}-minute plan"))
    return found


def lint_rubric(rubric: Rubric, framework: Framework) -> list[Finding]:
    """Every rubric signal feeds from real items, and every item feeds some signal."""
    found: list[Finding] = []
    ids = framework.item_ids()
    fed: set[str] = set()
    for signal in rubric.signals:
        unknown = [i for i in signal.feeds if i not in ids]
        if unknown:
            found.append(Finding("rubric", f"signals.{signal.id}.feeds", f"unknown item ids: {', '.join(unknown)}"))
        fed.update(signal.feeds)
    orphans = sorted(ids - fed)
    if orphans:
        found.append(Finding("rubric", "signals", f"items that feed no signal: {', '.join(orphans)}"))
    scores = sorted(a.score for a in rubric.score_anchors)
    if scores != [1, 2, 3, 4]:
        found.append(Finding("rubric", "score_anchors", f"scores must be 1, 2, 3, 4; found {scores}"))
    return found


def _has_numeric_fact(scenario: Scenario, fact_id: str | None) -> bool:
    fact = scenario.fact(fact_id) if fact_id else None
    return fact is not None and fact.has_number


def _unknown_items(scenario: Scenario, ids: frozenset[str]) -> list[Finding]:
    found = []
    for probe in scenario.probes:
        if probe.item not in ids:
            found.append(Finding(scenario.slug, f"probes.{probe.id}.item", f"unknown framework item {probe.item!r}"))
    for index, point in enumerate(scenario.scaling):
        if point.item not in ids:
            found.append(Finding(scenario.slug, f"scaling[{index}].item", f"unknown framework item {point.item!r}"))
    return found


def _unconnected_components(scenario: Scenario) -> list[Finding]:
    connected = {e.source for e in scenario.data_flow} | {e.target for e in scenario.data_flow}
    return [
        Finding(scenario.slug, f"components.{c.id}", "appears in no data-flow edge")
        for c in scenario.components
        if c.id not in connected
    ]


STAFF_ANSWER_WORDS = (120, 320)  # about one to two minutes said out loud


def lint_tradeoff(tradeoff: LibraryTradeoff, scenario_slugs: frozenset[str] | None = None) -> list[Finding]:
    """A library tradeoff must recommend what its own matrix picks, state readable properties, and link to
    scenarios that exist; its model answer must fit two minutes."""
    from sdcoach.engine.decision_matrix import property_value, winner_of
    from sdcoach.errors import UsageError

    found: list[Finding] = []
    for option in tradeoff.options:
        for name, raw in option.properties.items():
            try:
                property_value(name, raw, name)
            except UsageError as err:
                found.append(Finding(tradeoff.id, f"options.{option.id}.properties.{name}", str(err)))
    if found:
        return found
    picked = winner_of(tradeoff, tradeoff.weights)
    if picked != tradeoff.recommendation:
        found.append(
            Finding(
                tradeoff.id,
                "recommendation",
                f"the matrix picks {picked!r} at the default weights, not {tradeoff.recommendation!r}; "
                "fix the scores, the weights or the recommendation",
            )
        )
    for slug in tradeoff.scenarios:
        if scenario_slugs is not None and slug not in scenario_slugs:
            found.append(Finding(tradeoff.id, "scenarios", f"no scenario {slug!r} in the library"))
    found += _wrong_arithmetic(tradeoff)
    words = len(tradeoff.staff_answer.split())
    low, high = STAFF_ANSWER_WORDS
    if not low <= words <= high:
        found.append(Finding(tradeoff.id, "staff_answer", f"has {words} words; {low}-{high} fit one to two minutes"))
    return found
