"""Print progress: trend tables with a sparkline per item and signal, the weakest items, streak and due."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sdcoach.engine.progress import Progress, Trend
from sdcoach.services.progress import progress_payload

console = Console(highlight=False)


def print_progress(result: Progress, fmt: str) -> None:
    """The whole picture, or its JSON form."""
    if fmt == "json":
        sys.stdout.write(json.dumps(progress_payload(result), indent=2) + "\n")
        return
    console.print(
        f"[bold]Streak: {result.streak_days} day{'s' if result.streak_days != 1 else ''}[/bold] · "
        f"practised on {result.practised_days} days · {result.due} card{'s' if result.due != 1 else ''} due "
        "(sdcoach review)"
    )
    if not any(t.values for t in result.items):
        console.print("Nothing practised yet. Start with `sdcoach review` or `sdcoach interview feature-store`.")
    console.print(_table("Rubric signals", result.signals))
    console.print(_table("IC6 checklist items", result.items))
    weakest = Table(title="Weakest five, and the drill for each", title_justify="left")
    for column in ("Item", "Recent", "Drill"):
        weakest.add_column(column, overflow="fold")
    for trend, command in result.weakest:
        weakest.add_row(escape(trend.title), _level(trend), command)
    console.print(weakest)


def _table(title: str, trends: tuple[Trend, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("", "Seen", "Recent", "Change", "Trend (oldest to newest)"):
        table.add_column(column, overflow="fold")
    for t in trends:
        change = "" if t.change is None else f"{t.change:+.0%}"
        table.add_row(escape(t.title), str(len(t.values)), _level(t), change, t.sparkline)
    return table


def _level(trend: Trend) -> str:
    return "not yet" if trend.recent is None else f"{trend.recent:.0%}"
