"""Check a diagram file against a scenario: read it (Mermaid or Excalidraw, chosen by content), match it
with the shared similarity model, and return the engine's findings."""

from __future__ import annotations

import re
from functools import cache

from sdcoach.config import Settings
from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.check import DiagramCheck, check_diagram
from sdcoach.engine.diagram.glossary import Glossary
from sdcoach.engine.diagram.graph import Diagram
from sdcoach.engine.diagram.risks import StoryExamples
from sdcoach.engine.reader import Similarity
from sdcoach.services.library import find_scenario, open_library

FAILURE_ITEMS = ("scale.fault_tolerance", "failure.points_mitigation", "failure.recovery_fallback")
FENCE = re.compile(r"^\s*```\s*mermaid\s*$")


def read_diagram(text: str, source: str | None = None) -> Diagram:
    """The graph in a diagram file: Excalidraw JSON when it opens with '{', else Mermaid (a Markdown file's
    first ```mermaid block is read, its line numbers kept)."""
    from sdcoach.engine.diagram.excalidraw import read_excalidraw
    from sdcoach.engine.diagram.mermaid import read_mermaid

    if text.lstrip().startswith("{"):
        return read_excalidraw(text, source)
    return read_mermaid(_mermaid_block(text), source)


def _mermaid_block(text: str) -> str:
    """Only the first fenced Mermaid block, the other lines left blank so line numbers stay the file's own."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if FENCE.match(line)), None)
    if start is None:
        return text
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("```")), len(lines))
    return "\n".join(line if start < i < end else "" for i, line in enumerate(lines))


def check_diagram_text(
    text: str,
    slug: str,
    settings: Settings,
    *,
    source: str | None = None,
    notes: str | None = None,
    similarity: Similarity | None = None,
) -> DiagramCheck:
    """The findings on a diagram (its text as read from ``source``) against one scenario of the library."""
    from sdcoach.services.input_size import require_input_size

    scenario = find_scenario(settings, slug).scenario
    if notes is not None:
        require_input_size(notes, "The notes")
    if not text.lstrip().startswith("{"):  # an Excalidraw export may carry images; its elements are what is read
        require_input_size(text, "The diagram", hint="Give the Mermaid flowchart itself, not a whole document.")
    return check_read(read_diagram(text, source), scenario, settings, notes, similarity)


def check_read(
    diagram: Diagram, scenario: Scenario, settings: Settings, notes: str | None, similarity: Similarity | None = None
) -> DiagramCheck:
    """The findings on a diagram already read, against ``scenario``: with the framework's story examples when there
    are notes, and the library's other scenarios as the systems an off-topic drawing may be of."""
    from sdcoach.services.similarity import diagram_similarity

    stories = story_examples() if notes is not None else None
    rivals = tuple(e.scenario for e in open_library(settings).entries if e.scenario.slug != scenario.slug)
    similarity = similarity or diagram_similarity(settings)
    return check_diagram(diagram, scenario, similarity, notes, stories, rivals, product_glossary())


@cache
def product_glossary() -> Glossary:
    """The built-in product glossary, read once: the roles a diagram's product names stand for."""
    from sdcoach.content.loader import load_products

    return Glossary.of(load_products())


def story_examples() -> StoryExamples:
    """The framework's phrasings: its fault-tolerance and failure items, and its other design items."""
    from sdcoach.content.loader import load_framework

    items = [i for section in load_framework().sections for i in section.items]
    failure = tuple(p for i in items if i.id in FAILURE_ITEMS for p in i.phrasings)
    other = tuple(
        p for i in items if i.id.startswith(("hld.", "scale.")) and i.id not in FAILURE_ITEMS for p in i.phrasings
    )
    return StoryExamples(failure, other)
