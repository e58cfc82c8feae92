"""The options and arguments several commands share (output format, scenario slug); no command lives here.

Command modules import this and never each other, so the command line has no import circle.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    """How a view is printed."""

    RICH = "rich"
    MD = "md"
    JSON = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="rich (terminal), md (Markdown) or json.")]
SlugArgument = Annotated[str, typer.Argument(help="Scenario slug, e.g. feature-store (see `sdcoach scenarios`).")]
