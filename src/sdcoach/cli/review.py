"""``sdcoach review``: drill what is due (spaced repetition), then new items up to a daily limit."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption

if TYPE_CHECKING:
    from sdcoach.config import Settings
    from sdcoach.services.review_session import CardOutcome, CardPrompt


def review(
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Stop after this many cards.")] = None,
    new: Annotated[int, typer.Option("--new", help="New cards allowed per day.")] = 10,
    show_list: Annotated[bool, typer.Option("--list", help="Show the queue without drilling.")] = False,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Spaced repetition over every drill: due cards first, then new ones (FSRS schedules each card).

    Each answer is graded by its drill and saved together with the card's next review before the grade is
    shown; an answer in the wrong unit is asked for again. At a terminal, an empty line ends an answer and
    an empty answer ends the session; piped input holds one answer per block (blocks separated by an empty
    line).
    """
    from sdcoach.cli.render_review import print_card, print_card_outcome, print_queue
    from sdcoach.config import Settings
    from sdcoach.errors import UsageError
    from sdcoach.services.review import review_queue
    from sdcoach.services.review_session import prompt_for

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
        outcome = _graded(prompt, answers, settings, output.value)
        if outcome is None:
            break
        print_card_outcome(outcome, output.value)


def _graded(prompt: CardPrompt, answers: Iterator[str], settings: Settings, fmt: str) -> CardOutcome | None:
    """The next answer, graded and stored; one that cannot be graded as written (a wrong unit) is asked for
    again instead of ending the session. None when the answer is empty (the session ends)."""
    from sdcoach.cli.render_review import print_ask_again
    from sdcoach.errors import AnswerError
    from sdcoach.services.review_session import answer_card

    while True:
        answer = next(answers, "")
        if not answer.strip():
            return None
        try:
            return answer_card(prompt, answer, settings)
        except AnswerError as err:
            print_ask_again(err, fmt)


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
