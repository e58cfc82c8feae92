"""Which reference components each box of a candidate's diagram stands for, by meaning and by technology.

A box's closeness to a component is the best of three readings: the similarity model's (the label against
the component's name, its id read as words, and the first sentence of its role), the share of the name's
words the label uses, and a technology the component is built on named in the label ("Kafka" for an event
bus; proper names only, "Scylla" for "ScyllaDB"). Each box takes its closest component. A component no box
took goes to a box that is nearly as close to it as to its own (one box holding two components: merged).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.content.schema import Component, Scenario
from sdcoach.engine.diagram.graph import Diagram
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import words_of

MATCH = 0.4  # a box stands for its closest component at least this close
MERGE = 0.55  # ... and also for a component no box took, when at least this close to it
MERGE_MARGIN = 0.12  # ... and no further from it than this below its own component
TECHNOLOGY = 0.75  # a technology named on the box that at most SHARED_BY components use
LEAD_TECHNOLOGY = 0.5  # a more common technology, when it leads the component's list
SHARED_BY = 2
OVERLAP = 0.8  # the weight of the share of the component's name words on the box
ROLE = 0.9  # the role's first sentence counts a little below the name
PART = 1.0  # lifts a part's own match above any whole-label closeness
TIE_BREAK = 0.05  # between components a box names equally, the closer in meaning
FILLER = frozenset({"and", "the", "of", "for", "with", "a", "an", "to", "on", "in", "per", "via", "by", "or"})
GENERIC = frozenset({"apache", "custom", "object", "python", "grpc", "kubernetes", "http", "api", "nvidia", "linux"})
PROPER = re.compile(r"[A-Za-z][A-Za-z0-9]*")
SPLIT = re.compile(r"\s+and\s+|\s*[+&/,]\s*")


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
    parts = [(node.id, part) for node, label in zip(diagram.nodes, labels, strict=True) for part in _parts(label)]
    whole, whole_merge = _closeness(labels, components, similarity)
    part_score, _ = _closeness([p for _, p in parts], components, similarity)
    score = {(node.id, c): v for node, row in zip(diagram.nodes, whole, strict=True) for c, v in row.items()}
    merge = {(node.id, c): v for node, row in zip(diagram.nodes, whole_merge, strict=True) for c, v in row.items()}
    for (node_id, _), row in zip(parts, part_score, strict=True):  # "Kafka + Flink": each part names its own
        best = max(row, key=row.__getitem__)
        if row[best] >= MATCH:  # a part that is a component by itself is a merge, however close the whole is
            merge[(node_id, best)] = max(merge[(node_id, best)], PART + row[best])
    return Matching(_assign(diagram, components, score, merge), score)


def _closeness(
    texts: Sequence[str], components: Sequence[Component], similarity: Similarity
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Per text, each component's closeness, and its closeness as evidence of a merge (a technology another
    component also uses is none)."""
    if not texts or not components:
        return [{} for _ in texts], [{} for _ in texts]
    references = [text for c in components for text in (c.name, c.id.replace("_", " "), _first_sentence(c.role))]
    named, only_here = _technology_scores(components)
    all_names = {t for techs in named.values() for t in techs}
    name_words = [set(words_of(c.name)) - FILLER for c in components]
    scores, merges = [], []
    for text, row in zip(texts, similarity(texts, references), strict=True):
        words = set(words_of(text))
        on_label = {t for t in all_names if _names(words, t)}
        score, merge = {}, {}
        for index, component in enumerate(components):
            meaning = max(row[3 * index], row[3 * index + 1], ROLE * row[3 * index + 2])
            techs = [(t, s) for t, s in named[component.id].items() if t in on_label]
            name = name_words[index]
            base = max(meaning, OVERLAP * len(words & name) / len(name) if name else 0.0)
            score[component.id] = max([base] + [s for _, s in techs]) + TIE_BREAK * meaning
            merge[component.id] = max([base] + [s for t, s in techs if t in only_here]) + TIE_BREAK * meaning
        scores.append(score)
        merges.append(merge)
    return scores, merges


def _parts(label: str) -> list[str]:
    """The pieces of a label that joins two things ('Kafka + Flink', 'snapshots and index builds'), two words
    or more each, or a single proper name."""
    pieces = [p.strip() for p in SPLIT.split(label) if p.strip()]
    if len(pieces) < 2:
        return []
    return [p for p in pieces if len(p.split()) >= 2 or any(ch.isupper() for ch in p)]


def _assign(
    diagram: Diagram,
    components: Sequence[Component],
    score: dict[tuple[str, str], float],
    merge: dict[tuple[str, str], float],
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
        holders = [n for n in diagram.nodes if chosen[n.id]]
        if component.id in taken or not holders:
            continue
        node = max(holders, key=lambda n: merge[(n.id, component.id)])
        own = score[(node.id, chosen[node.id][0])]
        if merge[(node.id, component.id)] >= max(MERGE, own - MERGE_MARGIN):
            chosen[node.id].append(component.id)
    return {n: tuple(comps) for n, comps in chosen.items()}


def _names(words: set[str], technology: str) -> bool:
    """Whether a label word names the technology ('scylla' names 'scylladb')."""
    return any(w == technology or (len(w) >= 4 and technology.startswith(w)) for w in words)


def _first_sentence(text: str) -> str:
    return " ".join(text.split(". ")[0].split()[:16])


def _technology_scores(components: Sequence[Component]) -> tuple[dict[str, dict[str, float]], set[str]]:
    """Each component's technology names (proper names: a capital letter in them) and how much naming one says;
    and the names only one component uses."""
    own = {c.id: [_proper_words(t) for t in c.technologies] for c in components}
    counts = Counter(w for lists in own.values() for w in {w for words in lists for w in words})
    scores: dict[str, dict[str, float]] = {}
    for cid, lists in own.items():
        lead = set(lists[0]) if lists else set()
        scores[cid] = {
            w: TECHNOLOGY if counts[w] <= SHARED_BY else LEAD_TECHNOLOGY
            for words in lists
            for w in words
            if counts[w] <= SHARED_BY or w in lead
        }
    return scores, {w for w, n in counts.items() if n == 1}


def _proper_words(technology: str) -> list[str]:
    found = [w for w in PROPER.findall(technology) if any(ch.isupper() for ch in w) and len(w) > 2]
    return [w.lower() for w in found if w.lower() not in GENERIC]
