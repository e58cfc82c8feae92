"""``sdcoach content ...``: check content packs before they are used."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Check content packs (the framework, the rubric, scenarios).", no_args_is_help=True)


@app.command()
def lint(
    path: Annotated[
        Path | None,
        typer.Argument(help="A scenario file or folder; default: every built-in and user pack."),
    ] = None,
) -> None:
    """Validate packs and check each scenario meets the minimums for staff-depth practice."""
    from sdcoach.cli.render import print_lint_report
    from sdcoach.config import Settings
    from sdcoach.services.content_check import lint_packs

    report = lint_packs(Settings(), path)
    print_lint_report(report)
    if not report.is_clean:
        raise typer.Exit(1)
