"""Boxes whose arrows pin down their role: a box the label reading left without a component, drawn between
boxes that stand for a missing component's neighbours in the scenario, is that component ("XP" joined to the
orchestrator and the serve log is the experimentation platform, "Metrics" joined to the trainer, the health
checks and the fabric and the supervisor is the telemetry, "Feast" that CI and the eval gates pull from is the
feature store).

A reviewer reads a terse box this way, and only when the drawing leaves no doubt: at least PINNED of its
neighbours agree, none of them disagrees, and the box and the component are each other's only fit. An arrow
agrees whichever way it points: a writer who draws pulls (reader -> source) joins the same boxes, and whether
the arrow points the right way is the edge check's to say, once the box is read. Measured on all 120 when
direction stopped counting here: precision 0.904 -> 0.911, recall 0.919 -> 0.929 (writer d 0.808 -> 0.826,
diagset-a 0.961 -> 0.969, b and c unchanged); the pairing stays unique, so no box is read by a guess.

A box the arrows pin down outweighs a part another box's label merged (pinned_roles' ``parts``), and a box that
stands for a component holds a missing one too when its other arrows are that component's flows
(merged_by_arrows): one box not read, or read as one component only, does not then leave its arrows as a string
of extra and missing edges.
"""

from __future__ import annotations

from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.graph import Diagram, Direction

# agreeing neighbours needed: one arrow fits many components (an extra "Load balancer" in front of the gateway,
# "Grafana" reading the metrics), two that agree seldom do. Measured on all 60 labelled diagrams (arrows then
# read by direction): 1 -> precision 0.856 (boxes drawn as extras took missing components), 2 -> 0.883, 3 ->
# 0.869 (XP, GW missed)
PINNED = 2
Chosen = dict[str, list[str]]
Scores = list[dict[str, float]]
# of several missing components a box's arrows fit, the label picks one when it leans this much further to it
# ('GW' between the router and the decode pool: the gateway, not the unit manager). Measured: f precision 0.708
# -> 0.712, a-e unchanged
LEANS = 0.05
# a leaf box (one arrow) is the missing component its label leans to most, this close at least, when a flow joins
# it to the other end. Measured: d precision 0.907 -> 0.919 and recall 0.891 -> 0.909 (not aimed at), f 0.712 ->
# 0.720, a, b, c, e unchanged; the same at 0.15, none of it at 0.3
LEAF = 0.2


def pinned_roles(
    diagram: Diagram,
    scenario: Scenario,
    chosen: dict[str, list[str]],
    parts: frozenset[str] = frozenset(),
    scores: list[dict[str, float]] | None = None,
    floor: float = 0.0,
) -> dict[str, str]:
    """For each box left without a component, the missing component its arrows pin down, if one does; failing
    that, one of ``parts`` (components only a merged box's label names as a part) when the box's label names no
    other component at least ``floor`` close ('Dataflow metering' beside 'Apigee (auth + quota)' is a second
    metering box, not the quota service Apigee's label names)."""
    reference = _joined(scenario)
    missing = _missing(scenario, chosen)
    rows = scores if scores is not None else [{} for _ in diagram.nodes]
    fits: dict[str, list[str]] = {}
    for node, row in zip(diagram.nodes, rows, strict=True):
        if chosen[node.id]:
            continue
        around = [other for other in _neighbours(node.id, diagram) if chosen[other]]
        named = {c for c, v in row.items() if v >= floor and v >= max(row.values())} if floor else set()
        fits[node.id] = [c for c in missing if _pins(c, around, chosen, reference)] or [
            c for c in sorted(parts) if _pins(c, around, chosen, reference) and named <= {c}
        ]
    if scores is not None:
        for node, row in zip(diagram.nodes, scores, strict=True):
            fits[node.id] = _label_prefers(fits.get(node.id, []), row)
    return _each_others_only(fits)


def _label_prefers(fits: list[str], row: dict[str, float]) -> list[str]:
    """Of several components the arrows fit, the one the label is plainly closest to (LEANS ahead of the
    next): 'GW' between the router and the decode pool fits the gateway and the unit manager alike, and says
    gateway."""
    if len(fits) < 2:
        return fits
    ranked = sorted(fits, key=lambda c: row.get(c, 0.0), reverse=True)
    return ranked[:1] if row.get(ranked[0], 0.0) >= row.get(ranked[1], 0.0) + LEANS else fits


def copies_by_arrows(
    diagram: Diagram, scenario: Scenario, chosen: Chosen, scores: list[dict[str, float]], floor: float
) -> dict[str, str]:
    """For each box left without a component, the taken component it is another copy of: the one its label is
    closest to (at least ``floor``), when at least PINNED of its arrows, and every one, join it to that
    component's neighbours ('Small pool' and 'Medium pool' beside 'Large pool', each fed by the picker and the
    registry and feeding metering, are the serving pools drawn per size; a gateway drawn per region)."""
    reference = _joined(scenario)
    taken = {c for comps in chosen.values() for c in comps}
    found: dict[str, str] = {}
    for node, row in zip(diagram.nodes, scores, strict=True):
        if chosen[node.id] or not row:
            continue
        best = max(row, key=row.__getitem__)
        around = [other for other in _neighbours(node.id, diagram) if chosen[other] and best not in chosen[other]]
        if best in taken and row[best] >= floor and _pins(best, around, chosen, reference):
            found[node.id] = best
    return found


def leaves_by_label(diagram: Diagram, scenario: Scenario, chosen: Chosen, scores: Scores) -> dict[str, str]:
    """For each box left without a component that has one arrow only (a leaf: the users at the start, billing at
    the end), the missing component its label leans to most (at least LEAF), when a flow of the scenario joins
    it to the box at the other end: 'Users' -> 'GW' is the clients, 'GW' -> 'Billing' the metering."""
    flows = {(e.source, e.target) for e in scenario.data_flow}
    missing = set(_missing(scenario, chosen))
    around = {n.id: _neighbours(n.id, diagram) for n in diagram.nodes}
    fits: dict[str, list[str]] = {}
    for node, row in zip(diagram.nodes, scores, strict=True):
        if chosen[node.id] or len(around[node.id]) != 1 or not row:
            continue
        best = max(row, key=row.__getitem__)
        if best in missing and row[best] >= LEAF and _with_flow(node.id, best, diagram, chosen, flows):
            fits[node.id] = [best]
    return _each_others_only(fits)


def _with_flow(node_id: str, component: str, diagram: Diagram, chosen: Chosen, flows: set[tuple[str, str]]) -> bool:
    """Whether an arrow at the box runs the way a flow of the component does (either way when it is two-way or
    has no direction): one arrow is little to go on, so its direction must agree too ('Load balancer' -> the
    project registry is not the task router, which the registry feeds). The arrow may pass boxes that stand for
    nothing ('Clients' -> 'Global LB' -> the gateways) and the flow may pass one component not drawn ('Ckpt' ->
    the decode pool, past the unit manager that loads the registry's weights)."""
    arcs = [(e.source, e.target) for e in diagram.edges]
    arcs += [(e.target, e.source) for e in diagram.edges if e.direction is not Direction.FORWARD]
    drawn = {c for held in chosen.values() for c in held}
    ahead = {b for a, b in flows if a == component} | {
        b for a, via in flows if a == component and via not in drawn for v, b in flows if v == via
    }
    behind = {a for a, b in flows if b == component} | {
        a for via, b in flows if b == component and via not in drawn for a, v in flows if v == via
    }
    return bool(ahead & _reached(node_id, arcs, chosen)) or bool(
        behind & _reached(node_id, [(b, a) for a, b in arcs], chosen)
    )


def _reached(start: str, arcs: list[tuple[str, str]], chosen: Chosen) -> set[str]:
    """The components of the boxes the arrows from ``start`` lead to, through boxes that stand for nothing."""
    found: set[str] = set()
    seen, stack = {start}, [b for a, b in arcs if a == start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if chosen[node]:
            found |= set(chosen[node])
        else:
            stack += [b for a, b in arcs if a == node]
    return found


def merged_by_arrows(
    diagram: Diagram, scenario: Scenario, chosen: dict[str, list[str]], joining: frozenset[str] = frozenset()
) -> dict[str, str]:
    """For each box that stands for a component, a missing component its other arrows pin down as held in the
    same box: at least PINNED of its neighbours share no flow with what the box holds (one is enough for a box in
    ``joining``, whose label joins parts), every one of them is a neighbour of that component, not every such
    arrow is a shortcut past it, and no other box fits it.

    'Airflow DAG per model that submits the training gang through' also schedules: the fleet health checks'
    taints reach it, and it hands the admitted gang to the trainer, both flows of the gang scheduler. Measured on
    all 120: precision 0.929 -> 0.933 (diagset-b 0.946 -> 0.961, a, c and d unchanged); without the shortcut
    test, a 'Model registry' box feeding both embedders straight past the undrawn engine build held it (writer
    d 0.880 -> 0.874)."""
    reference, flows = _joined(scenario), {(e.source, e.target) for e in scenario.data_flow}
    missing = _missing(scenario, chosen)
    fits: dict[str, list[str]] = {}
    for node in diagram.nodes:
        held = chosen[node.id]
        if not held:
            continue
        around = [other for other in _neighbours(node.id, diagram) if chosen[other]]
        apart = [o for o in around if not any(frozenset((h, c)) in reference for h in held for c in chosen[o])]
        arrows = [(e.source, e.target) for e in diagram.edges if {e.source, e.target} & set(apart)]
        arrows = [(a, b) for a, b in arrows if node.id in (a, b)]
        if node.id in joining and len(apart) == 1:
            apart = apart * PINNED
        fits[node.id] = [
            c for c in missing if _pins(c, apart, chosen, reference) and not _all_skip(c, arrows, flows, chosen)
        ]
    return _each_others_only(fits)


def _all_skip(component: str, arrows: list[tuple[str, str]], flows: set[tuple[str, str]], chosen: Chosen) -> bool:
    """Whether every arrow is a shortcut past ``component`` (its source's part -> component -> its target's, the
    way it points): then the component is left undrawn, not held."""
    return all(
        any((x, component) in flows and (component, y) in flows for x in chosen[a] for y in chosen[b])
        for a, b in arrows
    )


def _joined(scenario: Scenario) -> set[frozenset[str]]:
    """The pairs of components a flow of the scenario joins, whichever way it goes."""
    return {frozenset((e.source, e.target)) for e in scenario.data_flow if e.source != e.target}


def _missing(scenario: Scenario, chosen: Chosen) -> list[str]:
    taken = {c for comps in chosen.values() for c in comps}
    return [c.id for c in scenario.components if c.id not in taken]


def _each_others_only(fits: dict[str, list[str]]) -> dict[str, str]:
    """Each box with the one component it fits, when no other box fits that component."""
    claimed: dict[str, list[str]] = {}
    for node_id, components in fits.items():
        for component in components:
            claimed.setdefault(component, []).append(node_id)
    return {n: cs[0] for n, cs in fits.items() if len(cs) == 1 and len(claimed[cs[0]]) == 1}


def _neighbours(node_id: str, diagram: Diagram) -> set[str]:
    """The boxes an arrow joins to this one, whichever way it points."""
    ends = [(e.source, e.target) for e in diagram.edges if e.source != e.target]
    return {b for a, b in ends if a == node_id} | {a for a, b in ends if b == node_id}


def _pins(component: str, around: list[str], chosen: Chosen, reference: set[frozenset[str]]) -> bool:
    """At least PINNED neighbours, and every one, joined to the component by a flow of the scenario."""
    return len(around) >= PINNED and all(
        any(frozenset((component, c)) in reference for c in chosen[other]) for other in around
    )
