"""A guide for a design question that is not in the library: the brief's six sections, assembled from the
framework and the nearest scenarios, each piece pointing at where it came from. A scaffold to adapt, not
a worked answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.config import Settings
from sdcoach.content.loader import load_framework
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.search import Hit, Index, documents_of, search
from sdcoach.engine.walkthrough import Section
from sdcoach.errors import UsageError
from sdcoach.services.input_size import require_input_size
from sdcoach.services.library import open_library
from sdcoach.services.similarity import search_similarity

PER_SECTION = {
    Section.REQUIREMENTS: 8,
    Section.HIGH_LEVEL_DESIGN: 8,
    Section.SCALING: 4,
    Section.TRADEOFFS: 4,
    Section.FAILURE_MODES: 5,
    Section.INFLUENCE: 3,
}
FRAMEWORK_SECTIONS = {
    Section.REQUIREMENTS: "req",
    Section.HIGH_LEVEL_DESIGN: "hld",
    Section.SCALING: "scale",
    Section.TRADEOFFS: "tradeoff",
    Section.FAILURE_MODES: "failure",
    Section.INFLUENCE: "influence",
}


@dataclass(frozen=True)
class ScaffoldSection:
    """One of the six sections: the framework's guidance and the borrowed pieces."""

    section: Section
    guidance: tuple[str, ...]
    pieces: tuple[Hit, ...]


@dataclass(frozen=True)
class Scaffold:
    """The whole guide for a prompt."""

    prompt: str
    nearest: tuple[str, ...]
    sections: tuple[ScaffoldSection, ...]


def scaffold_for(prompt: str, settings: Settings, similarity: Similarity | None = None) -> Scaffold:
    """Compose the six sections for ``prompt`` from the framework and the nearest scenarios."""
    require_input_size(prompt, "The --prompt")
    if len(prompt.split()) < 3:
        raise UsageError(
            'Describe the system to design in a few words, e.g. --prompt "design a fraud detection platform".'
        )
    model = similarity or search_similarity(settings)
    documents = [d for e in open_library(settings).entries for d in documents_of(e.scenario)]
    overall = search(prompt, Index(documents), model, limit=40)
    nearest = _nearest_scenarios(overall)
    framework = load_framework()
    sections = []
    for section, count in PER_SECTION.items():
        pool = [d for d in documents if d.section == section.value and d.scenario in nearest]
        hits = search(prompt, Index(pool), model, limit=count) if pool else []
        key = FRAMEWORK_SECTIONS[section]
        guidance = tuple(f"{i.title}: {i.guidance}" for s in framework.sections if s.id == key for i in s.items)
        sections.append(ScaffoldSection(section, guidance, tuple(hits)))
    return Scaffold(prompt, tuple(nearest), tuple(sections))


def _nearest_scenarios(hits: list[Hit], count: int = 3) -> list[str]:
    """Scenarios ranked by the summed scores of their best-matching pieces."""
    totals: dict[str, float] = {}
    for hit in hits:
        totals[hit.document.scenario] = totals.get(hit.document.scenario, 0.0) + hit.score
    return sorted(totals, key=lambda s: totals[s], reverse=True)[:count]
