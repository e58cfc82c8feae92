"""Findings on the arrows: reversed, extra and missing flows, stages not joined end to end, open loops."""

from __future__ import annotations

from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.engine.diagram.flow import entries_and_exits, loops
from sdcoach.engine.diagram.view import View


def edge_findings(view: View) -> list[Finding]:
    """Arrows drawn the wrong way or with no flow in the scenario, then reference flows not drawn; one finding
    per pair of components however many arrows join them."""
    findings: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    reversed_pairs: set[tuple[str, str]] = set()
    comps = view.matching.components_of
    direct = {(a, b) for e in view.diagram.edges for a in comps[e.source] for b in comps[e.target]}
    for edge in view.diagram.edges:
        sources, targets = comps[edge.source], comps[edge.target]
        if not sources or not targets:
            continue
        pairs = [(a, b) for a in sources for b in targets]
        if edge.direction.value != "forward":
            pairs += [(b, a) for a, b in pairs]
        backwards = [(a, b) for a, b in pairs if (b, a) in view.reference]
        if any((a, b) in view.reference for a, b in pairs) or (
            any(view.fits(a, b) for a, b in pairs) and not backwards
        ):
            continue  # a flow of the scenario, or a shortcut past undrawn parts that is not a flow drawn backwards
        if backwards and edge.direction.value == "forward":
            a, b = backwards[0]
            if (b, a) in direct or (b, a) in reported:
                continue  # the response beside its request, drawn as a second arrow: the flow is there
            reported.add((b, a))
            reversed_pairs.add((b, a))
            findings.append(_reversed(view, edge.source, edge.target, a, b))
        elif pairs[0] not in reported:
            reported.add(pairs[0])
            findings.append(_extra(view, edge.source, edge.target, *pairs[0]))
    return findings + _missing_edges(view, reversed_pairs)


def _reversed(view: View, source: str, target: str, a: str, b: str) -> Finding:
    drawn = f"{view.label(source)!r} -> {view.label(target)!r}"
    return Finding(
        FindingKind.EDGE_REVERSED,
        f"{source} -> {target}",
        f"{view.names[b]} -> {view.names[a]}",
        f"The arrow {drawn} points the wrong way: in the scenario {view.names[b]} feeds {view.names[a]}.",
        (b, a),
    )


def _extra(view: View, source: str, target: str, a: str, b: str) -> Finding:
    drawn = f"{view.label(source)!r} -> {view.label(target)!r}"
    return Finding(
        FindingKind.EDGE_EXTRA,
        f"{source} -> {target}",
        f"no flow from {view.names[a]} to {view.names[b]}",
        f"The arrow {drawn} has no counterpart in the scenario's data flow; say what it carries, or drop it.",
        (a, b),
    )


def _missing_edges(view: View, reversed_pairs: set[tuple[str, str]]) -> list[Finding]:
    findings: list[Finding] = []
    present = set(view.present)
    seen: set[tuple[str, str]] = set()
    for flow in view.scenario.data_flow:
        pair = (flow.source, flow.target)
        if (
            flow.source == flow.target
            or pair in seen
            or pair in view.drawn
            or pair in reversed_pairs
            or not {*pair} <= present
        ):
            continue
        seen.add(pair)
        source, target = view.names[flow.source], view.names[flow.target]
        findings.append(
            Finding(
                FindingKind.EDGE_MISSING,
                f"{source} -> {target}",
                f"{flow.carries} ({flow.mode})",
                f"Nothing carries {flow.carries} from {source} to {target} ({flow.mode}).",
                pair,
            )
        )
    return findings


def flow_findings(view: View) -> list[Finding]:
    """Stages the reference joins end to end that the candidate leaves apart, and feedback loops not closed."""
    findings: list[Finding] = []
    reference, drawn = view.reference_reach, view.drawn_reach
    entries, exits = entries_and_exits(view.reference_arcs, view.present)
    for entry in entries:
        cut = [e for e in exits if e in reference[entry] and e not in drawn[entry] and e != entry]
        if cut:
            names = ", ".join(view.names[e] for e in cut)
            findings.append(
                Finding(
                    FindingKind.STAGE_DISCONNECTED,
                    view.names[entry],
                    f"a path from {view.names[entry]} to {names}",
                    f"No path in the diagram takes data from {view.names[entry]} on to {names}, "
                    "as the scenario's flow does end to end.",
                    (entry, *cut),
                )
            )
    for loop in loops(reference):
        members = [c for c in view.present if c in loop]
        open_pair = next(((a, b) for a in members for b in members if a != b and b not in drawn[a]), None)
        if open_pair is None:
            continue
        a, b = open_pair
        circle = ", ".join(view.names[c] for c in members)
        findings.append(
            Finding(
                FindingKind.LOOP_OPEN,
                f"{view.names[a]} -> {view.names[b]}",
                f"a loop through {circle}",
                f"The scenario's loop through {circle} is open in the diagram: nothing leads from "
                f"{view.names[a]} back to {view.names[b]}.",
                tuple(sorted(loop)),
            )
        )
    return findings
