"""Print the tradeoff library and a decision matrix (Rich or JSON)."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.cli.render_drill import print_attempt_json
from sdcoach.content.tradeoff_schema import LibraryTradeoff, TradeoffDimension
from sdcoach.engine.decision_matrix import MatrixResult
from sdcoach.services.tradeoff_drill import TradeoffDrillOutcome
from sdcoach.services.tradeoffs import library_payload, matrix_payload

console = Console(highlight=False)


def print_library(library: tuple[LibraryTradeoff, ...], fmt: str) -> None:
    """One row per decision, with the command that opens it."""
    if fmt == "json":
        sys.stdout.write(json.dumps(library_payload(library), indent=2) + "\n")
        return
    table = Table(title=f"The tradeoff library ({len(library)} decisions)", title_justify="left")
    for column in ("ID", "Decision", "Options", "Scenarios"):
        table.add_column(column, overflow="fold")
    for t in library:
        table.add_row(t.id, escape(t.title), ", ".join(o.id for o in t.options), ", ".join(t.scenarios))
    console.print(table)
    console.print('Open one with: sdcoach tradeoff ID [--weight cost=3] [--constraint "freshness<1min"]')


def print_matrix(result: MatrixResult, fmt: str) -> None:
    """The matrix, the winner, and what would flip it."""
    if fmt == "json":
        sys.stdout.write(json.dumps(matrix_payload(result), indent=2) + "\n")
        return
    t = result.tradeoff
    console.print(f"[bold]{escape(t.title)}[/bold]\n{escape(t.decision)}\n[dim]{escape(t.context)}[/dim]\n")
    table = Table(title="Scores 1-5 (the reasons follow)", title_justify="left")
    table.add_column("Option", overflow="fold")
    for d in TradeoffDimension:
        table.add_column(f"{d.value}\nx{result.weights.get(d, 0):g}", justify="right")
    table.add_column("Total", justify="right")
    for row in result.rows:
        name = escape(row.option.id) + ("" if row.is_feasible else f"\n[red]breaks {', '.join(row.broken)}[/red]")
        scores = [str(row.option.scores[d].score) for d in TradeoffDimension]
        table.add_row(name, *scores, f"[bold]{row.total:.2f}[/bold]")
    console.print(table)
    for row in result.rows:
        console.print(f"[bold]{escape(row.option.id)}[/bold] ({escape(row.option.name)}): {escape(row.option.summary)}")
        for d in TradeoffDimension:
            score = row.option.scores[d]
            console.print(f"  {d.value} {score.score}: {escape(score.reason)}")
    _print_properties(result)
    if result.winner is None:
        console.print("[red]No option meets every constraint.[/red] Relax one, or question the requirement.")
        return
    agrees = " (the library's recommendation)" if result.winner.id == t.recommendation else ""
    console.print(f"\n[bold]Recommended: {escape(result.winner.name)}[/bold]{agrees}")
    if result.winner.id == t.recommendation:
        console.print(escape(t.rationale))
    console.print("\n[bold]What would flip it[/bold] (computed from the matrix)")
    for flip in result.flips:
        console.print(f"  - {escape(flip.change)} -> {flip.winner} wins")
    if not result.flips:
        console.print("  Nothing: no remaining option beats it on any dimension, so no weight or requirement flips it.")
    console.print("\n[bold]Flip conditions in the real world[/bold]")
    for condition in t.flip_conditions:
        console.print(f"  - {escape(condition)}")


def _print_properties(result: MatrixResult) -> None:
    names = sorted(result.rows[0].option.properties)
    if not names:
        return
    table = Table(title="Properties (constrain with --constraint NAME<VALUE)", title_justify="left")
    table.add_column("Option")
    for name in names:
        table.add_column(name)
    for row in result.rows:
        table.add_row(row.option.id, *(str(row.option.properties[n]) for n in names))
    console.print(table)


def print_tradeoff_prompt(tradeoff: LibraryTradeoff) -> None:
    """The decision to make, its context, and the options on the table."""
    options = "\n".join(f"  - {escape(o.name)}" for o in tradeoff.options)
    body = f"{escape(tradeoff.decision)}\n\n[dim]{escape(tradeoff.context)}[/dim]\n\nOptions:\n{options}"
    console.print(Panel(body, title=f"Tradeoff drill: {escape(tradeoff.title)}", expand=False))
    console.print("Make the call out loud, in writing: a few sentences, then an empty line.")


def print_tradeoff_drill(outcome: TradeoffDrillOutcome, fmt: str) -> None:
    """The shape of the answer, part by part, then the library's call and a model answer."""
    if fmt == "json":
        print_attempt_json(outcome.payload, outcome.attempt_id)
        return
    result = outcome.result
    console.print(f"[bold]Score {result.score:.0%}[/bold] for the shape of a staff answer.")
    for part in result.parts:
        mark = "[green]✓[/green]" if part.credit == 1 else "[yellow]~[/yellow]" if part.credit else "[red]✗[/red]"
        shown = f' — "{escape(part.evidence)}"' if part.evidence and part.credit else ""
        console.print(f"  {mark} {escape(part.title)}{shown}")
    library_call = outcome.tradeoff.option(outcome.tradeoff.recommendation)
    if result.called:
        console.print(f"\nYour call reads as: {result.called}. The library's call: {outcome.tradeoff.recommendation}.")
    if library_call is not None:
        console.print(f"[dim]{escape(outcome.tradeoff.rationale)}[/dim]")
    console.print(Panel(escape(outcome.tradeoff.staff_answer), title="A staff answer", expand=False))
    console.print(f"See the whole matrix: sdcoach tradeoff {outcome.tradeoff.id}")
