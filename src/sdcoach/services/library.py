"""The scenario library as the interfaces see it: load it (a bad user pack skipped with a warning), pick a
scenario, filter the list."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from sdcoach.config import Settings
from sdcoach.content.loader import PACKS_DIR, Library, LoadedScenario, load_library, scenario_files
from sdcoach.content.names import closest
from sdcoach.content.schema import Difficulty
from sdcoach.errors import UnknownNameError

log = logging.getLogger(__name__)


def open_library(settings: Settings) -> Library:
    """Built-in scenarios plus those in the user's folder (re-read only when a pack file changes)."""
    folder = settings.user_scenarios_dir
    return _cached_library(folder, settings.cache_dir, _signature(folder))


@lru_cache(maxsize=4)
def _cached_library(folder: Path, cache_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Library:
    library = load_library(folder, cache_dir / "packs")
    for skipped in library.skipped:  # said once per change of the folder, by whichever interface shows logs
        log.warning(
            "Skipped your scenario pack %s: %s See every problem with `sdcoach content lint %s`.",
            skipped.location,
            skipped.problem,
            skipped.path,
        )
    return library


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
    return Library(entries, library.skipped)


def find_scenario(settings: Settings, slug: str) -> LoadedScenario:
    """One scenario by slug; an unknown slug raises with the closest suggestions."""
    return open_library(settings).entry(slug)
