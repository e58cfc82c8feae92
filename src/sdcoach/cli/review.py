"""``sdcoach review``: drill what is due (spaced repetition), then new items up to a daily limit."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from sdcoach.cli.options import OutputFormat


def review(
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Stop after this many cards.")] = None,
    new: Annotated[int, typer.Option("--new", help="New cards allowed per day.")] = 10,
    show_list: Annotated[bool, typer.Option("--list", help="Show the queue without drilling.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="rich or json.")] = OutputFormat.RICH,
) -> None:
    """Spaced repetition over every drill: due cards first, then new ones (FSRS schedules each card).

    Each answer is graded by its drill and saved, and the grade moves the card's next review before it is
    shown. At a terminal, an empty line ends an answer and an empty answer ends the session; piped input
    holds one answer per block (blocks separated by an empty line).
    """
    from sdcoach.cli.render_review import print_card, print_card_outcome, print_queue
    from sdcoach.config import Settings
    from sdcoach.errors import UsageError
    from sdcoach.services.review import review_queue
    from sdcoach.services.review_session import answer_card, prompt_for

    if new < 0 or (limit is not None and limit < 1):
        raise UsageError("--new must be 0 or more and --limit at least 1.")
    settings = Settings()
    queue = review_queue(settings, new_per_day=new)
    if show_list or not queue.items:
        print_queue(queue, output.value)
        return
    answers = _answers()
    for number, (item, card) in enumerate(queue.items[:limit], start=1):
        prompt = prompt_for(item, settings)
        print_card(prompt, card, number, len(queue.items[:limit]), output.value)
        answer = next(answers, "")
        if not answer.strip():
            break
        print_card_outcome(answer_card(prompt, answer, settings), output.value)


def _answers() -> Iterator[str]:
    """Answers one at a time: typed (an empty line ends each) or piped blocks separated by empty lines."""
    from sdcoach.cli.text_input import read_answer, stdin_lines

    if sys.stdin.isatty():
        while True:
            yield read_answer(None, prompt="> ")
    block: list[str] = []
    for line in stdin_lines():
        if line.strip():
            block.append(line.rstrip("\n"))
        elif block:
            yield "\n".join(block)
            block = []
    if block:
        yield "\n".join(block)
