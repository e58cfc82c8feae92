"""Which reference components each box of a candidate's diagram stands for, read as a reviewer reads it.

First the label (evidence.py: its meaning, the component's name words on it, a product the component is built
on, the team that owns it). Then the box's arrows: a box whose drawn neighbours are the component's neighbours
in the scenario's data flow is that component even when its label is only a vendor name ("Flink" between the
event bus and the online store is the stream job), an arrow drawn with a flow counting more than one drawn
against it; read twice, so that a box its arrows named vouches for its neighbours in turn. Boxes and components
are paired one to one for the largest total closeness (the Hungarian method), so a box only resembling a
component another box names outright does not take it. A box stands for two components (merged) only when its
label names both, part by part ("Planner & shard ledger", "Quality + publish"), or names the team that owns
just those two; a second box names a component already taken only when its label names it outright (a
component drawn twice). Last, a box still unnamed whose arrows fit exactly one missing component is that
component (roles.py: "XP" between the orchestrator and the serve log), whichever way its arrows point, even when
another box's label merged that component as a part; and a box whose other arrows fit exactly one missing
component holds it as well. Arrows also say what a box is not: two or more, none to a neighbour of a component,
count against it as much as agreeing arrows count for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.assignment import best_pairing
from sdcoach.engine.diagram.evidence import (
    FILLER,
    closeness,
    names_team,
    naming_part,
    team_groups,
)
from sdcoach.engine.diagram.glossary import NO_GLOSSARY, Glossary
from sdcoach.engine.diagram.graph import Diagram, Direction
from sdcoach.engine.diagram.label_frame import as_read
from sdcoach.engine.diagram.products import names, product_names
from sdcoach.engine.diagram.roles import copies_by_arrows, leaves_by_label, merged_by_arrows, pinned_roles
from sdcoach.engine.diagram.twins import twin_groups
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import words_of

__all__ = ["FILLER", "MATCH", "Matching", "match_nodes"]

MATCH = 0.4  # a box stands for a component at least this close (diagset-a precision: 0.35 -> 0.86, 0.45 -> 0.84)
# what agreeing arrows add at most, scaled by how much the label already says; measured on diagset-a when set,
# precision 0.81 at 0.2, 0.866 at 0.3, 0.873 at 0.4, 0.853 at 0.5
CONTEXT = 0.4
# a neighbour whose label is as close (within TIED) to several components vouches for any of them: two boxes
# labelled alike ("Flink", "Flink") that are drawn side by side no longer hold each other in a swap. Measured:
# diagset-a precision 0.894 at 0 and 0.05, 0.902 from 0.1 to 0.3; false findings on the relabelled reference
# diagrams 49 / 38 / 38 / 38 / 49 / 32 at 0 / 0.05 / 0.1 / 0.15 / 0.2 / 0.3
TIED = 0.1
# a second box stands for a taken component only when its label and arrows name it this plainly (a part drawn
# twice: 'Prediction log - Kafka to warehouse' beside 'Metrics + traces' is the telemetry and prediction logging
# too); diagset-a unchanged from 0.7 to never, the relabelled references 38 false findings at 0.7-0.8, 44
# without. Measured again on all 90 (precision): 0.886 at 0.8 and 0.75, 0.892 at 0.7 and 0.65, 0.886 at 0.6 (a
# second gateway-like box took the LLM router, the on-call pager the callers); the relabelled references 12
# false findings from 0.6 to 0.8
DUPLICATE = 0.7
# an arrow drawn against every flow between its two ends still says they are joined, but less than one drawn
# with a flow ('Auth service' called by the API gateway is not the callers, who send to the gateway). Measured on
# all 60: precision 0.944 at 1 (direction ignored), 0.952 at 0.5 and 0; false findings on the relabelled
# references 31 at 1, 12 at 0.5 and 0.25, 14 at 0
AGAINST_FLOW = 0.5
# how close a part of a label that joins parts must be to a missing component one arrow pins down, for the box
# to hold it too. Measured: b 0.969 -> 0.984 (not aimed at), f 0.839 -> 0.862 from 0.3 to 0.35 (d 0.919 -> 0.924
# at 0.2 as well); b's gain is gone at 0.4; a, c, e unchanged throughout; e 0.808 -> 0.796 when a part naming the
# box's own component counted ('API Gateway + Cognito auth' is no LLM router)
ANNOUNCED = 0.3
BRACKETED = re.compile(r"\(([^)]*)\)")
SPLIT = re.compile(r"\s+and\s+|\s*[+&/,]\s*")
DASH = re.compile(r"\s+[-\u2013\u2014]\s+")

Scores = list[dict[str, float]]


@dataclass(frozen=True)
class Matching:
    """Each node id and the component ids it stands for (empty: none), with each pair's closeness."""

    components_of: dict[str, tuple[str, ...]]
    score: dict[tuple[str, str], float]
    # what the labels alone name, before the arrows are weighed: whether the diagram is of this scenario at all
    # is judged on these, since reading boxes by their arrows presumes it is
    by_label: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def nodes_of(self, component_id: str) -> tuple[str, ...]:
        """The nodes standing for a component."""
        return tuple(n for n, comps in self.components_of.items() if component_id in comps)


def match_nodes(
    diagram: Diagram, scenario: Scenario, similarity: Similarity, glossary: Glossary = NO_GLOSSARY
) -> Matching:
    """Match every box to the scenario's components (see the module docstring for how); ``glossary`` gives the
    roles of the products a label names."""
    ids = [n.id for n in diagram.nodes]
    labels = [as_read(n) for n in diagram.nodes]
    whole = closeness(labels, scenario.components, similarity, glossary)
    if not scenario.components:
        return Matching({n: () for n in ids}, {}, {n: () for n in ids})
    anchors = _assign(ids, whole)
    scores = _with_context(diagram, scenario, whole, anchors)
    # read twice: a box its arrows named in the first reading vouches for its neighbours in the second
    # ('LeaderWorkerSet' between the planner and the pools, once read as the unit manager, makes 'S3 checkpoints'
    # feeding it the checkpoint registry). All 90 precision 0.892 -> 0.894; relabelled references 12 -> 2 false
    own = _assign(ids, scores)
    scores = _with_context(diagram, scenario, whole, own)
    own = _assign(ids, scores)
    chosen = {n: [c] if c else [] for n, c in own.items()}
    _add_duplicates(ids, scores, chosen)
    named = {n: list(comps) for n, comps in chosen.items()}
    _add_merges(diagram, scenario, similarity, chosen, glossary)
    _add_team_merges(diagram, scenario, chosen)
    parts = {c: n for n, comps in chosen.items() for c in comps if c not in named[n]}
    for node_id, component in pinned_roles(diagram, scenario, chosen, frozenset(parts), scores, MATCH).items():
        # a box the arrows pin down outweighs a part read in another box's label ('track versions & aliases',
        # joined to CI, the eval gates, the approvals and the policy, is the registry that 'train & register
        # model' seemed to merge with training). Writer d precision 0.826 -> 0.844; a, b, c unchanged
        if component in parts:
            chosen[parts[component]].remove(component)
        chosen[node_id].append(component)
    for node_id, component in leaves_by_label(diagram, scenario, chosen, scores).items():
        chosen[node_id].append(component)
    for node_id, component in merged_by_arrows(diagram, scenario, chosen).items():
        chosen[node_id].append(component)
    _add_announced_merges(diagram, scenario, similarity, chosen, glossary)
    for node_id, component in copies_by_arrows(diagram, scenario, chosen, scores, MATCH).items():
        chosen[node_id].append(component)
    for group in twin_groups(diagram, whole, chosen, MATCH):
        if not all(_parts(diagram.node(n).label or n) for n in group):
            continue  # copies of a box naming one part: boxes alike for two parts alike ('vLLM V1' per lane) stay
        held = list(dict.fromkeys(c for n in group for c in chosen[n]))
        for node_id in group:
            chosen[node_id] = list(held)
    score = {(n, c): v for n, row in zip(ids, scores, strict=True) for c, v in row.items()}
    by_label: dict[str, tuple[str, ...]] = {n: (c,) if c else () for n, c in anchors.items()}
    return Matching({n: tuple(comps) for n, comps in chosen.items()}, score, by_label)


def _assign(ids: Sequence[str], scores: Scores) -> dict[str, str | None]:
    """One component per box and one box per component, of the largest total closeness above MATCH (a box
    takes no component rather than one closer than MATCH). Only boxes and components with some pair at least
    MATCH close take part, which keeps the pairing small on a big diagram."""
    rows = [i for i, row in enumerate(scores) if any(v >= MATCH for v in row.values())]
    columns = sorted({c for i in rows for c, v in scores[i].items() if v >= MATCH})
    gain = [[max(0.0, scores[i].get(c, 0.0) - MATCH) for c in columns] for i in rows]
    chosen: dict[str, str | None] = {n: None for n in ids}
    if len(rows) <= len(columns):
        pairs = [(r, c) for r, c in enumerate(best_pairing(gain))]
    else:
        flipped = [list(column) for column in zip(*gain, strict=True)]
        pairs = [(r, c) for c, r in enumerate(best_pairing(flipped))]
    for r, c in pairs:
        if gain[r][c] > 0 or scores[rows[r]].get(columns[c], 0.0) >= MATCH:
            chosen[ids[rows[r]]] = columns[c]
    return chosen


def _with_context(diagram: Diagram, scenario: Scenario, whole: Scores, anchors: dict[str, str | None]) -> Scores:
    """The label's closeness plus the share of the box's matched neighbours that are the component's neighbours
    in the reference (a neighbour counts for what its label names: the component it took, and any its label is
    as close to), weighted by how much the label already says (arrows alone never name a box); the share
    counts one neighbour more than the box has, so a single agreeing arrow is weak evidence. An arrow drawn
    against every flow between the two counts AGAINST_FLOW of one drawn with it."""
    flows = {(e.source, e.target) for e in scenario.data_flow if e.source != e.target}
    arcs = {(e.source, e.target) for e in diagram.edges if e.source != e.target}
    arcs |= {
        (e.target, e.source) for e in diagram.edges if e.source != e.target and e.direction is not Direction.FORWARD
    }
    candidates = {n.id: _vouches_for(row, anchors[n.id]) for n, row in zip(diagram.nodes, whole, strict=True)}
    scores: Scores = []
    for node, row in zip(diagram.nodes, whole, strict=True):
        around = {b: candidates[b] for a, b in arcs if a == node.id and candidates[b]}
        around |= {a: candidates[a] for a, b in arcs if b == node.id and candidates[a]}
        updated = {}
        for component, value in row.items():
            agreeing = 0.0
            for other, comps in around.items():
                comps = comps - {component}
                with_flow = any(
                    ((node.id, other) in arcs and (component, c) in flows)
                    or ((other, node.id) in arcs and (c, component) in flows)
                    for c in comps
                )
                against = any((component, c) in flows or (c, component) in flows for c in comps)
                agreeing += 1.0 if with_flow else AGAINST_FLOW if against else 0.0
            share = agreeing / (len(around) + 1)
            if not agreeing and len(around) >= 2:
                # two arrows or more, none to a neighbour of the component: the drawing says it is not, as
                # strongly as all agreeing would say it is ('Metrics job' fed by the exposures and the events
                # and feeding the stats is the metrics pipeline, not the catalog its words resemble). Writer d
                # precision 0.864 -> 0.880; a, b, c and the relabelled references unchanged
                share = -len(around) / (len(around) + 1)
            updated[component] = value + CONTEXT * share * min(1.0, value / MATCH)
        scores.append(updated)
    return scores


def _vouches_for(row: dict[str, float], anchor: str | None) -> set[str]:
    """What a box counts as for its neighbours: the component it took and any its label is as close to."""
    tied = {c for c, v in row.items() if v >= MATCH and v >= max(row.values()) - TIED}
    return tied | {anchor} if anchor else tied


def _add_duplicates(ids: Sequence[str], scores: Scores, chosen: dict[str, list[str]]) -> None:
    """A box left without a component whose label plainly names a taken one: the part drawn twice."""
    for node_id, row in zip(ids, scores, strict=True):
        if not chosen[node_id] and row:
            best = max(row, key=row.__getitem__)
            if row[best] >= DUPLICATE:
                chosen[node_id].append(best)


def _add_merges(
    diagram: Diagram,
    scenario: Scenario,
    similarity: Similarity,
    chosen: dict[str, list[str]],
    glossary: Glossary = NO_GLOSSARY,
) -> None:
    """A box whose label names, part by part, components no other box stands for holds them all."""
    parts = [(node.id, part) for node in diagram.nodes for part in _parts(node.label or node.id)]
    if not parts:
        return
    taken = {c for comps in chosen.values() for c in comps}
    products = {c.id: product_names(c) for c in scenario.components}
    for (node_id, part), row in zip(
        parts, closeness([p for _, p in parts], scenario.components, similarity, glossary), strict=True
    ):
        best = max(row, key=row.__getitem__)
        words = set(words_of(part))
        if any(names(words, p) for own in chosen[node_id] for p in products[own]):
            continue  # what its own component is built on ('Spark planner + MySQL': the planner's work table)
        if any(row[own] >= MATCH for own in chosen[node_id]):
            # the box's own component again in other words: 'Kafka upload / edit / delete events' is the content
            # event stream (whose role lists those events), not a merge with the deletion service. Writer d
            # precision 0.844 -> 0.860; a, b, c unchanged ('edit / code / chat lanes' still holds three pools)
            continue
        if row[best] >= MATCH and best not in taken:
            chosen[node_id].append(best)
            taken.add(best)


def _add_announced_merges(
    diagram: Diagram, scenario: Scenario, similarity: Similarity, chosen: dict[str, list[str]], glossary: Glossary
) -> None:
    """A box whose label joins parts holds a missing component one arrow pins down (merged_by_arrows asks two
    of a box that says nothing of a merge) when a part of the label other than its own component's leans to it
    (ANNOUNCED): 'changelog consumers online + offline', the offline writer, also writes to the online store,
    and 'changelog consumers online' is closer to the online loader than MATCH needs."""
    joining = frozenset(n.id for n in diagram.nodes if _parts(n.label or n.id))
    for node_id, component in merged_by_arrows(diagram, scenario, chosen, joining).items():
        parts = _parts(diagram.node(node_id).label or node_id)
        rows = closeness(parts, scenario.components, similarity, glossary)
        others = [row for row in rows if row and max(row, key=row.__getitem__) not in chosen[node_id]]
        if any(row.get(component, 0.0) >= ANNOUNCED for row in others):
            chosen[node_id].append(component)


def _add_team_merges(diagram: Diagram, scenario: Scenario, chosen: dict[str, list[str]]) -> None:
    """A box named after a team that owns several components ('Recs infra sequence pipeline' for the team's
    sequence builder and store) holds those no other box stands for, when it stands for one of them or none."""
    groups = team_groups(scenario.components)
    for node in diagram.nodes:
        words = set(words_of(node.label or node.id))
        for team, owned in groups:
            if names_team(words, team) and set(chosen[node.id]) <= set(owned):
                taken = {c for other, comps in chosen.items() if other != node.id for c in comps}
                chosen[node.id] += [c for c in owned if c not in taken and c not in chosen[node.id]]


def _parts(label: str) -> list[str]:
    """The pieces of a label that joins two things ('Kafka + Flink', 'snapshots and index builds', 'Quality +
    publish': a single common word names a part as well as a proper name does; measured on all 60, precision
    0.922 -> 0.937 when single words were let in), read in what the label calls its box and in a bracketed
    list ('Pinecone (vectors + chunk text)'), not in its describing phrase ('... for impressions, clicks and
    conversions'). Commas in brackets list details, not parts ('Quota / admission (Kueue ClusterQueues,
    eval-deadline vs eval-batch)' is the scheduler alone): all 90 precision 0.862 -> 0.871, a and b unchanged.
    Past a spaced dash a label lists its parts, when it joins two or more ('SGLang PD engine - prefill +
    decode'; 'Ops controller - telemetry + capacity planning' is not the expert placement controller as well),
    or else describes its box ('Model registry - versioned definitions'): all 90 precision 0.871 -> 0.878,
    recall 0.915 -> 0.923."""
    head, *tail = DASH.split(naming_part(label), maxsplit=1)
    pieces = _pieces(tail[0]) if tail and len(_pieces(tail[0])) >= 2 else _pieces(head)
    for bracketed in BRACKETED.findall(label):
        for listed in bracketed.split(","):
            pieces += _pieces(listed) if len(_pieces(listed)) >= 2 else []
    return pieces if len(pieces) >= 2 else []


def _pieces(text: str) -> list[str]:
    return [p.strip() for p in SPLIT.split(text) if p.strip()]
