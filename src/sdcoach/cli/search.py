"""``sdcoach search``: find the scenario sections and checklist items that answer a question."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption


def search(
    text: Annotated[str, typer.Argument(help='A free-text question, e.g. "how do I size a KV cache".')],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many results.")] = 8,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Search every scenario's walkthrough and the IC6 checklist (offline, embeddings plus words)."""
    from sdcoach.config import Settings
    from sdcoach.services.search import search_content

    results = search_content(text, Settings(), limit)
    if output is ViewFormat.JSON:
        payload = [
            {"scenario": r.scenario, "section": r.section, "title": r.title, "score": r.score, "command": r.command}
            for r in results
        ]
        sys.stdout.write(json.dumps({"query": text, "results": payload}, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Search: {text}", title_justify="left")
    for column in ("#", "Scenario", "Section", "Title", "Score", "Open with"):
        table.add_column(column, overflow="fold")
    for n, r in enumerate(results, start=1):
        table.add_row(str(n), r.scenario, r.section, r.title, f"{r.score:.2f}", r.command)
    Console(highlight=False).print(table)
