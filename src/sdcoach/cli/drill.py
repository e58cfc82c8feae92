"""``sdcoach drill ...``: short drills that make the parts of an interview automatic."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption
from sdcoach.services.input_size import AT_MOST

if TYPE_CHECKING:
    from sdcoach.config import Settings
    from sdcoach.engine.numbers_drill import NumbersQuestion
    from sdcoach.services.drills import NumbersOutcome

app = typer.Typer(
    help="Short drills: clarifying questions, tradeoff calls, back-of-envelope numbers, the IC6 checklist.",
    no_args_is_help=True,
)


@app.command("questions")
def questions_command(
    slug: Annotated[str, typer.Argument(help="Scenario slug (see `sdcoach scenarios`).")],
    answer: Annotated[
        str | None,
        typer.Argument(help=f"A file with your questions, or - for stdin; omit to type ({AT_MOST})."),
    ] = None,
    minutes: Annotated[
        int, typer.Option("--minutes", "-m", min=1, max=60, help="Time box for writing your questions: 1 to 60.")
    ] = 5,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """The interviewer states the prompt; you list the questions you would ask first; they are graded.

    Graded against the scenario's clarifying questions by category and priority: what you asked and
    matched (with the interviewer's answer), what you missed and why it matters, and a score. A
    question asked three ways counts once. Your answer is saved before the grade is shown.
    """
    from sdcoach.cli.render_drill import print_question_drill, print_question_prompt
    from sdcoach.cli.text_input import read_answer
    from sdcoach.config import Settings
    from sdcoach.services.drills import question_drill
    from sdcoach.services.library import find_scenario

    settings = Settings()
    scenario = find_scenario(settings, slug).scenario
    started = time.monotonic()
    if answer is None and sys.stdin.isatty():
        print_question_prompt(scenario, minutes)
    text = read_answer(answer)
    outcome = question_drill(scenario.slug, text, settings)
    overtime = time.monotonic() - started > minutes * 60
    print_question_drill(outcome, scenario, output.value, overtime)


@app.command("numbers")
def numbers_command(
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="training, serving, storage or traffic.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Replay the same question.")] = None,
    answer: Annotated[str | None, typer.Option("--answer", "-a", help="Your answer, e.g. 4e5/s or 40GB.")] = None,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """A back-of-envelope question with realistic inputs; answer with a number and unit, see the working.

    Scored on a log scale: within 2x is a good interview answer (full marks within 1.25x, none at 10x).
    Any unit of the right kind works (GiB or GB, 4e5/s, 2.5M GPU-h). Saved before the grade is shown.
    """
    from sdcoach.cli.render_drill import print_numbers_drill, print_numbers_question
    from sdcoach.cli.text_input import read_text
    from sdcoach.config import Settings
    from sdcoach.services.drills import numbers_drill, numbers_question

    question = numbers_question(topic, seed)
    if answer is None and output is ViewFormat.RICH:
        print_numbers_question(question)
    if answer is None and sys.stdin.isatty():
        print_numbers_drill(_typed_until_graded(question, Settings()), output.value)
        return
    text = read_text("-") if answer is None else answer
    print_numbers_drill(numbers_drill(question, text, Settings()), output.value)


def _typed_until_graded(question: NumbersQuestion, settings: Settings) -> NumbersOutcome:
    """At a terminal, an answer in the wrong unit is asked for again instead of ending the drill."""
    from sdcoach.cli.render_review import print_ask_again
    from sdcoach.cli.text_input import without_undecodable
    from sdcoach.errors import AnswerError
    from sdcoach.services.drills import numbers_drill

    while True:
        try:
            return numbers_drill(question, without_undecodable(input("answer> "), "your typing"), settings)
        except AnswerError as err:
            print_ask_again(err, "rich", then="")


@app.command("framework")
def framework_command(
    slug: Annotated[str, typer.Argument(help="Scenario slug (see `sdcoach scenarios`).")],
    answer: Annotated[
        str | None,
        typer.Argument(help=f"A file with your checklist, or - for stdin; omit to type ({AT_MOST})."),
    ] = None,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Recall the IC6 checklist you would follow for a scenario; graded by the coverage engine."""
    from sdcoach.cli.render_drill import print_framework_drill, print_question_prompt
    from sdcoach.cli.text_input import read_answer
    from sdcoach.config import Settings
    from sdcoach.services.drills import framework_drill
    from sdcoach.services.library import find_scenario

    settings = Settings()
    scenario = find_scenario(settings, slug).scenario
    if answer is None and sys.stdin.isatty():
        print_question_prompt(scenario, 5, what="the steps you would take, with one concrete line for each")
    text = read_answer(answer)
    print_framework_drill(framework_drill(scenario.slug, text, settings), output.value)


@app.command("tradeoff")
def tradeoff_command(
    tradeoff_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="A library decision (see `sdcoach tradeoff`); omit for a random one."),
    ] = None,
    answer: Annotated[
        str | None,
        typer.Option(
            "--answer",
            "-a",
            help=f"A file with your call, or - for stdin; omit to type ({AT_MOST}).",
        ),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Replay the same random decision.")] = None,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Make a call on a design decision; graded for the shape of a staff answer.

    The shape: the options named, pros and cons across business impact, cost, reliability and
    cross-team dependencies, a recommendation, what would flip it, and a number. Then the library's
    call and a model answer. Saved before the grade is shown.
    """
    from sdcoach.cli.render_tradeoff import print_tradeoff_drill, print_tradeoff_prompt
    from sdcoach.cli.text_input import read_answer
    from sdcoach.config import Settings
    from sdcoach.services.tradeoff_drill import pick_tradeoff, tradeoff_drill

    chosen = pick_tradeoff(tradeoff_id, seed)
    if answer is None and sys.stdin.isatty():
        print_tradeoff_prompt(chosen)
    text = read_answer(answer, prompt="> ")
    print_tradeoff_drill(tradeoff_drill(chosen, text, Settings()), output.value)
