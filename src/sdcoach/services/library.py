"""The scenario library as the interfaces see it: load it, pick a scenario, lint the packs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sdcoach.config import Settings
from sdcoach.content.framework_schema import Framework
from sdcoach.content.lint import Finding, lint_framework, lint_rubric, lint_scenario, lint_tradeoff
from sdcoach.content.loader import (
    PACKS_DIR,
    Library,
    LoadedScenario,
    load_framework,
    load_library,
    load_registry,
    load_rubric,
    load_scenario,
    load_tradeoff_library,
    scenario_files,
)
from sdcoach.content.names import closest
from sdcoach.content.schema import Difficulty, Scenario
from sdcoach.errors import ContentError, UnknownNameError


def open_library(settings: Settings) -> Library:
    """Built-in scenarios plus those in the user's folder (re-read only when a pack file changes)."""
    folder = settings.user_scenarios_dir
    return _cached_library(folder, settings.cache_dir, _signature(folder))


@lru_cache(maxsize=4)
def _cached_library(folder: Path, cache_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Library:
    return load_library(folder, cache_dir / "packs")


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of every pack file, built-in and the user's."""
    files = scenario_files(PACKS_DIR / "scenarios") + scenario_files(folder)
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def filter_library(library: Library, tags: list[str], difficulty: str | None) -> Library:
    """Only the scenarios carrying every given tag and, if given, of that difficulty."""
    if difficulty is not None and difficulty.lower() not in {d.value for d in Difficulty}:
        known = [d.value for d in Difficulty]
        raise UnknownNameError("difficulty", difficulty, closest(difficulty.lower(), known), known)
    wanted = {t.strip().lower() for t in tags}
    entries = tuple(
        e
        for e in library.entries
        if wanted <= set(e.scenario.tags) and (difficulty is None or e.scenario.difficulty.value == difficulty.lower())
    )
    return Library(entries)


def find_scenario(settings: Settings, slug: str) -> LoadedScenario:
    """One scenario by slug; an unknown slug raises with the closest suggestions."""
    return open_library(settings).entry(slug)


@dataclass
class LintReport:
    """What was checked and what was found."""

    checked: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        """True when nothing fell short."""
        return not self.findings


def lint_packs(settings: Settings, path: Path | None = None) -> LintReport:
    """Validate and lint the built-in packs and the user's (or only the file or folder at ``path``)."""
    framework = load_framework()
    report = LintReport()
    if path is None:
        report.checked += ["framework", "rubric", "registry"]
        report.findings += lint_framework(framework)
        report.findings += lint_rubric(load_rubric(), framework)
        load_registry()  # the estimator's registry validates (units, MoE and attention consistency) or raises
        library = open_library(settings)
        for entry in library.entries:
            _lint_one(report, entry.scenario, framework, str(entry.path))
        slugs = frozenset(e.scenario.slug for e in library.entries)
        for tradeoff in load_tradeoff_library():
            report.checked.append(f"tradeoff {tradeoff.id}")
            report.findings += lint_tradeoff(tradeoff, slugs)
        return report
    files = scenario_files(path) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise ContentError("This folder holds no .yaml scenario packs.", path=path)
    for file in files:
        _lint_one(report, load_scenario(file), framework, str(file))
    return report


def _lint_one(report: LintReport, scenario: Scenario, framework: Framework, where: str) -> None:
    report.checked.append(where)
    report.findings += lint_scenario(scenario, framework)
