"""The candidate's last diagram as scorecard evidence: each finding quoted with the version, under the checklist
item it is about (data flow, components, failure, cross-team), and what it draws well, counted.

A diagram is evidence to read beside the score, never a score of its own: the scorecard's numbers come from what
the candidate said, and these lines do not change them. A diagram can be pasted (the walkthrough draws every
scenario's reference flow), and a box costs nothing to draw; what the candidate says about a component is what
shows they understand it. So a clean, connected diagram supports the items it touches in the reader's eyes
("Diagram v2: draws 14 of 16 components"), and its problems are named, but the grade is what the words earn.
Pure."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.findings import FindingKind

COMPONENTS = "hld.components"
DATA_FLOW = "hld.data_flow"
FAILURE = "failure.points_mitigation"
CROSS_TEAM = "hld.cross_team"
ITEM_OF = {
    FindingKind.OFF_TOPIC: COMPONENTS,
    FindingKind.COMPONENT_MISSING: COMPONENTS,
    FindingKind.COMPONENTS_MERGED: COMPONENTS,
    FindingKind.EDGE_MISSING: DATA_FLOW,
    FindingKind.EDGE_EXTRA: DATA_FLOW,
    FindingKind.EDGE_REVERSED: DATA_FLOW,
    FindingKind.STAGE_DISCONNECTED: DATA_FLOW,
    FindingKind.LOOP_OPEN: DATA_FLOW,
    FindingKind.SINGLE_POINT_OF_FAILURE: FAILURE,
    FindingKind.CROSS_TEAM: CROSS_TEAM,
}


@dataclass(frozen=True)
class DiagramEvidence:
    """Evidence lines from one diagram version, by checklist item, in the order the items are named above."""

    version: int
    lines: tuple[tuple[str, str], ...]  # (item id, line)

    def for_item(self, item_id: str) -> tuple[str, ...]:
        """The lines under one checklist item."""
        return tuple(line for item, line in self.lines if item == item_id)

    @property
    def items(self) -> tuple[str, ...]:
        """The items with lines, in order."""
        return tuple(dict.fromkeys(item for item, _ in self.lines))


def diagram_evidence(check: DiagramCheck, version: int) -> DiagramEvidence:
    """What the diagram ``version`` shows and lacks, as lines quoted with its version, under their items."""
    tag = f"Diagram v{version}:"
    present = sum(1 for f in check.findings if f.kind is FindingKind.COMPONENT_PRESENT)
    components = present + sum(1 for f in check.findings if f.kind is FindingKind.COMPONENT_MISSING)
    lines = [(COMPONENTS, f"{tag} draws {present} of {components} components.")]
    lines += [(ITEM_OF[f.kind], f"{tag} {f.message}") for f in check.problems if f.kind in ITEM_OF]
    if not any(item == DATA_FLOW for item, _ in lines):
        lines.append((DATA_FLOW, f"{tag} the flows it draws run as the scenario's do, end to end."))
    order = list(dict.fromkeys(ITEM_OF.values()))
    lines.sort(key=lambda pair: order.index(pair[0]))
    return DiagramEvidence(version, tuple(lines))
