"""Rich rendering of a diagram check: the problems, what is drawn, and the candidate's graph as arrows."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sdcoach.cli.arrow_table import arrow_table
from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.engine.diagram.graph import Diagram
from sdcoach.present.diagram_check import candidate_arrows, check_markdown, check_payload

console = Console(highlight=False)
LEGEND = "──▶ arrow   ══▶ thick   ┄┄▶ dotted   ─── link without a direction"


def print_arrows(diagram: Diagram, title: str = "Your diagram") -> None:
    """The diagram's boxes and arrows as the walkthrough draws a flow: one arrow per row, with its label."""
    console.print(f"[bold]{escape(title)}[/bold] ({len(diagram.nodes)} boxes, {len(diagram.edges)} arrows)")
    rows = ([escape(cell) for cell in row] for row in candidate_arrows(diagram))
    console.print(arrow_table(rows, LEGEND, "Label", 3))


def print_check(check: DiagramCheck, fmt: str) -> None:
    """Print the check in the format asked for."""
    if fmt == "json":
        print(json.dumps(check_payload(check), indent=2, ensure_ascii=False))
    elif fmt == "md":
        print(check_markdown(check), end="")
    else:
        _rich(check)


def _rich(check: DiagramCheck) -> None:
    print_arrows(check.diagram)
    console.print(f"\n[bold]Against {escape(check.scenario)}:[/bold] {len(check.problems)} problem(s)")
    for finding in check.problems:
        console.print(f"  [red]✗[/red] [bold]{finding.kind.value}[/bold] {escape(finding.message)}")
    for finding in check.findings:
        if finding.kind is FindingKind.COMPONENT_PRESENT:
            console.print(f"  [green]✓[/green] {escape(finding.message)}")
        elif finding.kind is FindingKind.NODE_UNMATCHED:
            console.print(f"  [dim]· {escape(finding.message)}[/dim]")


def print_beside_reference(diagram: Diagram, version: int, scenario: Scenario) -> None:
    """The candidate's last diagram and the scenario's reference flow side by side, each as arrows."""
    from sdcoach.engine.walkthrough import flow_diagram
    from sdcoach.present.diagram import arrow_lines

    mine = _arrow_table(f"Your diagram, version {version}", candidate_arrows(diagram))
    flows = [(s, a, t, "") for s, a, t, _ in arrow_lines(flow_diagram(scenario))]
    reference = _arrow_table("The reference data flow", flows)
    beside = Table.grid(expand=True, padding=(0, 2))
    beside.add_column(ratio=1)
    beside.add_column(ratio=1)
    beside.add_row(mine, reference)
    console.print(beside)


def _arrow_table(title: str, rows: list[tuple[str, str, str, str]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), title=title, title_justify="left")
    table.add_column("From", style="bold", overflow="fold")
    table.add_column("", no_wrap=True)
    table.add_column("To", style="bold", overflow="fold")
    for source, arrow, target, _ in rows:
        table.add_row(escape(source), arrow, escape(target))
    return table
