"""Print the review queue, each card's prompt, and where the card goes after the grade (Rich or JSON lines)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.engine.review import CardState
from sdcoach.errors import SdcoachError
from sdcoach.services.review import ReviewQueue
from sdcoach.services.review_session import CardOutcome, CardPrompt

console = Console(highlight=False)


def print_queue(queue: ReviewQueue, fmt: str) -> None:
    """The queue: due cards, then new ones."""
    rows = [
        {
            "card": item.card_id,
            "kind": item.kind,
            "subject": item.subject,
            "title": item.title,
            "due": card.due.isoformat() if card else None,
            "is_new": card is None,
        }
        for item, card in queue.items
    ]
    if fmt == "json":
        payload = {"due": queue.due_count, "new_left_today": queue.new_left_today, "queue": rows}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    if not rows:
        console.print("Nothing is due and today's new cards are done. Come back tomorrow, or raise --new.")
        return
    table = Table(title=f"{queue.due_count} due, {queue.new_left_today} new left today", title_justify="left")
    for column in ("#", "Card", "Due"):
        table.add_column(column, overflow="fold")
    for number, row in enumerate(rows, start=1):
        table.add_row(str(number), escape(str(row["title"])), "new" if row["is_new"] else str(row["due"])[:16])
    console.print(table)


def print_card(prompt: CardPrompt, card: CardState | None, number: int, total: int, fmt: str) -> None:
    """The card's question."""
    if fmt == "json":
        return
    status = "new" if card is None else f"due {card.due:%Y-%m-%d %H:%M}"
    title = f"Card {number} of {total}: {escape(prompt.item.title)} ({status})"
    console.print(Panel(escape(prompt.text), title=title, expand=False))
    console.print(f"{escape(prompt.instructions)} An empty line ends the answer; an empty answer ends the session.")


def print_ask_again(error: SdcoachError, fmt: str, then: str = "An empty answer ends the session.") -> None:
    """Why the answer could not be graded; the same question waits for another answer."""
    if fmt == "json":  # stdout stays one JSON record per graded card
        sys.stderr.write(f"{error} Answer again.\n")
        return
    console.print(f"[yellow]{escape(str(error))}[/yellow] Answer again. {escape(then)}".rstrip())


def print_card_outcome(outcome: CardOutcome, fmt: str) -> None:
    """The grade, what was missed, and when the card comes back."""
    due = outcome.card.due if outcome.card else None
    if fmt == "json":
        record = {**outcome.payload, "rating": outcome.rating, "next_due": due.isoformat() if due else None}
        sys.stdout.write(json.dumps(record) + "\n")
        return
    missed = outcome.payload.get("missed", [])
    names = [m.get("title") or m.get("question") for m in missed if isinstance(m, dict)]
    console.print(f"[bold]Score {outcome.score:.0%}[/bold], rated {outcome.rating}.")
    if names:
        console.print("Missed: " + escape("; ".join(str(n) for n in names[:5])))
    if due:
        console.print(f"Next review: {_when(due)}.\n")


def _when(due: datetime) -> str:
    seconds = (due - datetime.now(UTC)).total_seconds()
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} minutes"
    if seconds < 86400 * 2:
        return f"in {round(seconds / 3600)} hours"
    return f"in {round(seconds / 86400)} days ({due:%Y-%m-%d})"
