"""A diagram check as the web page shows it: the findings citing the candidate's own box labels, the drawing as
Mermaid with the findings marked, what is missing listed beside it, and the scenario's reference diagram."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.errors import DiagramError

KIND_TITLES = {
    FindingKind.OFF_TOPIC: "Off-topic",
    FindingKind.COMPONENT_MISSING: "Missing component",
    FindingKind.COMPONENTS_MERGED: "Merged box",
    FindingKind.NODE_UNMATCHED: "Box standing for nothing",
    FindingKind.EDGE_MISSING: "Missing flow",
    FindingKind.EDGE_EXTRA: "Extra arrow",
    FindingKind.EDGE_REVERSED: "Reversed arrow",
    FindingKind.STAGE_DISCONNECTED: "Stages not joined",
    FindingKind.LOOP_OPEN: "Open loop",
    FindingKind.SINGLE_POINT_OF_FAILURE: "Single point of failure",
    FindingKind.COMPONENT_PRESENT: "Drawn",
}
# What each mark in the drawing means, for the legend under it.
MARK_TITLES = {
    "unmatched": "dashed grey box: stands for none of the scenario's components",
    "merged": "dotted purple box: holds several components",
    "spof": "thick red box: a single point of failure on the request path",
    "edge_reversed": "thick red arrow: points the wrong way",
    "edge_extra": "dashed amber arrow: no such flow in the scenario",
}


@dataclass(frozen=True)
class FindingRow:
    """One finding as a list item: its kind's title, the box or arrow it cites, the message, what is expected."""

    kind: str
    title: str
    cites: str
    message: str
    expected: str
    is_problem: bool


@dataclass(frozen=True)
class CheckedDiagram:
    """Everything the result fragment shows about one check."""

    scenario_title: str
    rows: tuple[FindingRow, ...]
    marked: str
    legend: tuple[str, ...]
    beside: tuple[FindingRow, ...]
    reference: str

    @property
    def problems(self) -> tuple[FindingRow, ...]:
        """The rows that ask for a change."""
        return tuple(r for r in self.rows if r.is_problem)

    @property
    def drawn(self) -> tuple[FindingRow, ...]:
        """The components found in the drawing."""
        return tuple(r for r in self.rows if r.kind == FindingKind.COMPONENT_PRESENT.value)


def checked_diagram(check: DiagramCheck, scenario_title: str, reference: str) -> CheckedDiagram:
    """The page's view of a check (``reference`` is the scenario's own flow as Mermaid)."""
    from sdcoach.engine.diagram.export import marked_mermaid

    marked = marked_mermaid(check)
    rows = tuple(_row(check, f) for f in check.findings)
    beside = tuple(_row(check, f) for f in marked.beside)
    legend = tuple(MARK_TITLES[m] for m in marked.marks if m in MARK_TITLES)
    return CheckedDiagram(scenario_title, rows, marked.mermaid, legend, beside, reference)


def reference_of(scenario: Scenario) -> str:
    """The scenario's reference data flow as Mermaid (the walkthrough's own diagram)."""
    from sdcoach.engine.walkthrough import mermaid

    return mermaid(scenario)


def cited(check: DiagramCheck, where: str) -> str:
    """The box or arrow a finding is about, in the candidate's own labels."""
    labels = {n.id: n.label or n.id for n in check.diagram.nodes}
    if where in labels:
        return f"box “{labels[where]}”"
    source, arrow, target = where.partition(" -> ")
    if arrow and source in labels and target in labels:
        return f"arrow “{labels[source]}” → “{labels[target]}”"
    return where.replace(" -> ", " → ")


def error_text(err: DiagramError, file_name: str | None = None) -> str:
    """A reading error as one sentence that starts with where: the line (Mermaid) or the element (Excalidraw)."""
    where = ""
    if err.line is not None and (err.field is None or err.field.startswith("column")):
        where = f"Line {err.line}" + (f", {err.field}" if err.field else "")
    elif err.field:
        where = err.field[0].upper() + err.field[1:]
    body = err.message + (f" {err.hint}" if err.hint else "")
    prefix = f"{file_name}: " if file_name else ""
    return f"{prefix}{where}: {body}" if where else f"{prefix}{body}"


def _row(check: DiagramCheck, finding: Finding) -> FindingRow:
    return FindingRow(
        finding.kind.value,
        KIND_TITLES.get(finding.kind, finding.kind.value.replace("_", " ").capitalize()),
        cited(check, finding.where),
        finding.message,
        finding.expected,
        finding.kind.is_problem,
    )
