"""``sdcoach grade``: an evidence-backed scorecard for a written answer or a transcript."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.formats import FullFormatOption, OutputFormat
from sdcoach.services.input_size import AT_MOST


def grade(
    answer: Annotated[
        str,
        typer.Argument(help=f"The answer: a text or Markdown file, or - to read standard input ({AT_MOST})."),
    ],
    scenario: Annotated[
        str,
        typer.Option("--scenario", "-s", help="Scenario slug (`sdcoach scenarios`), or custom: the framework alone."),
    ],
    output: FullFormatOption = OutputFormat.RICH,
) -> None:
    """Grade an answer: the checklist item by item, rubric signals 1-4 with quoted evidence, a level, next steps."""
    from sdcoach.cli.render_scorecard import print_scorecard
    from sdcoach.cli.text_input import read_text
    from sdcoach.config import Settings
    from sdcoach.services.grading import grade_text

    result = grade_text(read_text(answer), scenario, Settings())
    print_scorecard(result, output.value)
