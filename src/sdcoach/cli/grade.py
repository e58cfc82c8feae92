"""``sdcoach grade``: an evidence-backed scorecard for a written answer or a transcript."""

from __future__ import annotations

import sys
from pathlib import Path
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
    from sdcoach.config import Settings
    from sdcoach.services.grading import grade_text

    result = grade_text(_read(answer), scenario, Settings())
    print_scorecard(result, output.value)


def _read(answer: str) -> str:
    from sdcoach.errors import UsageError

    if answer == "-":
        return sys.stdin.read()
    path = Path(answer)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        hint = "Check the path, or use - to read standard input."
        raise UsageError(f"There is no file {answer!r} to grade.", path=path, hint=hint) from err
    except IsADirectoryError as err:
        raise UsageError(f"{answer!r} is a folder; give one answer file.", path=path) from err
    except UnicodeDecodeError as err:
        raise UsageError(f"{answer!r} is not UTF-8 text.", path=path, hint="Save the answer as plain text.") from err
