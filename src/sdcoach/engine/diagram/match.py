"""Which reference components each box of a candidate's diagram stands for, by meaning and by technology.

A box's closeness to a component is the best of three readings: the similarity model's (the label against
the component's name and its id read as words), the share of the name's words the label uses, and a
technology the component is built on named in the label ("Kafka" for an event bus) when few components
share it. Each box takes its closest component; a component no box took goes to the box closest to it when
that is close enough, which is how one box holding two components (merged) is found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.content.schema import Component, Scenario
from sdcoach.engine.diagram.graph import Diagram
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import words_of

MATCH = 0.4  # a box stands for its closest component at least this close
MERGE = 0.5  # ... and also for a component no other box took, when at least this close
TECHNOLOGY = 0.75  # a distinctive technology named on the box
OVERLAP = 0.8  # the weight of the share of the component's name words on the box
TIE_BREAK = 0.05  # between two components a box names equally, the closer in meaning
SHARED_BY = 2  # a technology in more components than this names none of them
FILLER = frozenset({"and", "the", "of", "for", "with", "a", "an", "to", "on", "in", "per", "via", "by", "or"})
GENERIC = frozenset(
    {
        "apache",
        "custom",
        "service",
        "services",
        "store",
        "job",
        "jobs",
        "based",
        "style",
        "local",
        "server",
        "cluster",
        "engine",
        "pipeline",
        "data",
        "system",
        "api",
        "grpc",
        "kubernetes",
    }
)


@dataclass(frozen=True)
class Matching:
    """Each node id and the component ids it stands for (empty: none), with each pair's closeness."""

    components_of: dict[str, tuple[str, ...]]
    score: dict[tuple[str, str], float]

    def nodes_of(self, component_id: str) -> tuple[str, ...]:
        """The nodes standing for a component."""
        return tuple(n for n, comps in self.components_of.items() if component_id in comps)


def match_nodes(diagram: Diagram, scenario: Scenario, similarity: Similarity) -> Matching:
    """Match every box to the scenario's components (see the module docstring for how)."""
    components = scenario.components
    labels = [n.label or n.id for n in diagram.nodes]
    references = [text for c in components for text in (c.name, c.id.replace("_", " "))]
    rows = similarity(labels, references) if labels else []
    technologies = _technology_words(components)
    score: dict[tuple[str, str], float] = {}
    for node, label, row in zip(diagram.nodes, labels, rows, strict=True):
        words = set(words_of(label))
        for index, component in enumerate(components):
            meaning = max(row[2 * index], row[2 * index + 1])
            named = TECHNOLOGY if words & technologies[component.id] else 0.0
            score[(node.id, component.id)] = max(meaning, named, _overlap(words, component)) + TIE_BREAK * meaning
    return Matching(_assign(diagram, components, score), score)


def _assign(
    diagram: Diagram, components: Sequence[Component], score: dict[tuple[str, str], float]
) -> dict[str, tuple[str, ...]]:
    chosen: dict[str, list[str]] = {n.id: [] for n in diagram.nodes}
    if not components:
        return {n: () for n in chosen}
    for node in diagram.nodes:
        best = max(components, key=lambda c: score[(node.id, c.id)])
        if score[(node.id, best.id)] >= MATCH:
            chosen[node.id].append(best.id)
    taken = {c for comps in chosen.values() for c in comps}
    for component in components:
        if component.id in taken or not diagram.nodes:
            continue
        node = max(diagram.nodes, key=lambda n: score[(n.id, component.id)])
        if score[(node.id, component.id)] >= MERGE and chosen[node.id]:
            chosen[node.id].append(component.id)
    return {n: tuple(comps) for n, comps in chosen.items()}


def _overlap(words: set[str], component: Component) -> float:
    name = set(words_of(component.name)) - FILLER
    return OVERLAP * len(words & name) / len(name) if name else 0.0


def _technology_words(components: Sequence[Component]) -> dict[str, set[str]]:
    """Each component's distinctive technology words ('kafka', 'scylladb'), those few components share."""
    own = {c.id: {w for t in c.technologies for w in words_of(t) if len(w) > 2} - FILLER - GENERIC for c in components}
    counts = Counter(w for words in own.values() for w in words)
    return {cid: {w for w in words if counts[w] <= SHARED_BY} for cid, words in own.items()}
