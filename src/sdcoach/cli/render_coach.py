"""Print a grounded answer: the backend's streamed words, or the sections themselves, with citations."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from sdcoach.services.ask import Answer

console = Console(highlight=False)


def print_piece(piece: str) -> None:
    """One streamed piece of the backend's answer, as it arrives."""
    console.print(piece, end="", markup=False)


def print_answer(answer: Answer) -> None:
    """After the stream: the sources it may cite (or, offline and on fallback, the sections in full)."""
    if answer.text is not None:
        console.print()
    if answer.notice:
        console.print(f"\n[dim]{escape(answer.notice)}[/dim]")
    if not answer.sources:
        console.print("Nothing in the library answers that; try other words, or `sdcoach scenarios`.")
        return
    console.print("\n[bold]Sources[/bold]" if answer.text is not None else "[bold]From the library[/bold]")
    for n, hit in enumerate(answer.sources, start=1):
        doc = hit.document
        where = (
            "sdcoach framework"
            if doc.scenario == "framework"
            else f"sdcoach walkthrough {doc.scenario} --section {doc.section}"
        )
        console.print(f"[bold][{n}] {escape(doc.title)}[/bold] [dim]({where})[/dim]")
        if answer.text is None:
            console.print(escape(doc.text) + "\n")
