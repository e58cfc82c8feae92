"""A flow as a Rich table, one arrow per row (From, arrow, To, and what the arrow says): the walkthrough's
reference flow and the candidate's own diagram are drawn the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table


def arrow_table(rows: Iterable[Sequence[str]], caption: str, label: str, label_ratio: int) -> Table:
    """The rows (from, arrow, to, label), already escaped if they hold user text, under the legend ``caption``."""
    table = Table(box=None, show_header=False, padding=(0, 1), caption=caption, caption_justify="left")
    table.add_column("From", style="bold", overflow="fold", ratio=2)
    table.add_column("", no_wrap=True)
    table.add_column("To", style="bold", overflow="fold", ratio=2)
    table.add_column(label, overflow="fold", ratio=label_ratio)
    for row in rows:
        table.add_row(*row)
    return table
