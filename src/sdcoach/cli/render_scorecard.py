"""Print a scorecard: Rich panels in the terminal, Markdown, or the JSON schema."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.engine.red_flags import HireRating
from sdcoach.present.debrief import debrief_payload
from sdcoach.present.scorecard import LEVEL_NAMES, scorecard_markdown, scorecard_payload
from sdcoach.services.grading import GradeResult, method

console = Console(highlight=False)
_HIRE_STYLE = {
    HireRating.STRONG_NO_HIRE: "bold red",
    HireRating.NO_HIRE: "red",
    HireRating.LEAN_HIRE: "yellow",
    HireRating.HIRE: "green",
    HireRating.STRONG_HIRE: "bold green",
}


def print_scorecard(result: GradeResult, fmt: str) -> None:
    """The scorecard in the chosen format."""
    titles = {item.id: item.title for item in method().framework.items}
    if fmt == "json":
        sys.stdout.write(json.dumps(scorecard_payload(result), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt == "md":
        sys.stdout.write(scorecard_markdown(result, titles))
        return
    card = result.scorecard
    for note in result.notes:
        console.print(f"[yellow]{escape(note)}[/yellow]")
    headline = f"[bold]{LEVEL_NAMES[card.level]}[/bold]  grade {card.grade}/5  overall {card.overall:.2f}"
    console.print(Panel(f"{headline}\n\n{escape(card.rationale)}", title=f"Scorecard: {card.scenario}", expand=False))
    _print_debrief(debrief_payload(result.debrief))
    console.print(_signals_table(result))
    console.print(_checklist_table(result, titles))
    console.print("[bold]Next steps[/bold]")
    for n, step in enumerate(card.next_steps, start=1):
        console.print(f"  {n}. {escape(step.advice)}  [cyan]{escape(step.command)}[/cyan]")
        if step.strong_answer:
            console.print(f"     [dim]A strong answer here: {escape(step.strong_answer)}[/dim]")
    if card.set_aside:
        kinds = ", ".join(f"{count} {kind}" for kind, count in card.set_aside.items())
        console.print(f"[red]Set aside as not evidence: {kinds}; penalty {card.penalty:.0%}.[/red]")


def _print_debrief(debrief: dict[str, Any]) -> None:
    """What decided the level (quoted), the figures that stood wrong with the corrected ones, the missed topics."""
    if debrief["moments"]:
        console.print("[bold]What decided the level[/bold]")
        for m in debrief["moments"]:
            style = "green" if m["is_strength"] else "red"
            console.print(f"  “{escape(m['quote'])}”\n    [{style}]{escape(m['reading'])}[/]")
    if debrief["mistakes"]:
        console.print("[bold]Mistakes[/bold]")
        for m in debrief["mistakes"]:
            fixed = f"; the inputs give [bold]{escape(m['corrected'])}[/bold]" if m["corrected"] else ""
            working = f" (from {escape(m['working'])})" if m["working"] else ""
            console.print(f"  Said {escape(m['stated'])}{working}{fixed}.")
    if debrief["missed"]:
        console.print("[bold]Missed topics[/bold]")
        for m in debrief["missed"]:
            console.print(f"  [bold]{escape(m['title'])}[/bold]. A strong answer: {escape(m['strong_answer'])}")
            if m["drill"]:
                console.print(f"    [cyan]{escape(m['drill'])}[/cyan]")


def _signals_table(result: GradeResult) -> Table:
    table = Table(title="Rubric signals", title_justify="left", show_lines=True)
    table.add_column("Signal", style="bold")
    table.add_column("Score", justify="center")
    table.add_column("Evidence (your words)", overflow="fold")
    table.add_column("Missing", overflow="fold")
    table.add_column("Red flags seen", overflow="fold")
    table.add_column("To move up", overflow="fold")
    for s in result.scorecard.signals:
        quotes = "\n".join(f"“{escape(e.text)}”" for e in s.evidence) or "—"
        rating = f"{s.score}/4\n[{_HIRE_STYLE[s.hire]}]{s.hire.label}[/]\n{LEVEL_NAMES[s.level]}"
        flags = "\n".join(f"[red]{escape(f.behaviour)}[/red] ({escape(f.seen)})" for f in s.red_flags)
        flags = flags or ("—" if s.red_flags_checked else "[dim]not checked[/dim]")  # a written answer
        up = "\n".join(f"• {escape(b)}" for b in s.to_move_up) or "—"
        table.add_row(s.title, rating, quotes, escape(", ".join(s.missing)) or "—", flags, up)
    return table


def _checklist_table(result: GradeResult, titles: dict[str, str]) -> Table:
    table = Table(title="Checklist", title_justify="left")
    table.add_column("Item")
    table.add_column("Covered", justify="center")
    table.add_column("Strength", justify="right")
    for item_id, c in result.scorecard.checklist.items():
        mark = "[green]✓[/green]" if c.covered else "[red]✗[/red]"
        table.add_row(titles.get(item_id, item_id), mark, f"{c.strength:.2f}")
    for item_id in result.scorecard.not_assessed:
        table.add_row(titles.get(item_id, item_id), "[dim]not assessed[/dim]", "")
    return table
