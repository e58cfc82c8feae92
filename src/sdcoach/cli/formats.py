"""The output formats a command offers: each command's ``--format`` accepts only the forms it can print.

A command with no Markdown form refuses ``-f md`` (exit 2, naming the formats it has) instead of
quietly printing its terminal view; the choices also show in ``--help``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    """Views with all three forms: the terminal, Markdown and JSON."""

    RICH = "rich"
    MD = "md"
    JSON = "json"


class ViewFormat(StrEnum):
    """Views for the terminal or scripts, with no Markdown form."""

    RICH = "rich"
    JSON = "json"


class ExportFormat(StrEnum):
    """Exports meant to be saved: Markdown or JSON."""

    MD = "md"
    JSON = "json"


FullFormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="rich (terminal), md (Markdown) or json.")
]
ViewFormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="rich (terminal) or json.")]
ExportFormatOption = Annotated[ExportFormat, typer.Option("--format", "-f", help="md (Markdown) or json.")]
