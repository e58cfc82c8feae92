"""``sdcoach diagram``: read a diagram you drew and check it against a scenario's data flow."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.formats import FullFormatOption, OutputFormat

app = typer.Typer(help="Your architecture diagram (Mermaid or Excalidraw), read and checked.", no_args_is_help=True)


@app.command("check")
def check_command(
    file: Annotated[
        str,
        typer.Argument(
            help="A Mermaid flowchart (.mmd, or a Markdown file with a mermaid block) "
            "or an Excalidraw export (.excalidraw)."
        ),
    ],
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="Scenario slug (`sdcoach scenarios`).")],
    notes: Annotated[
        str | None, typer.Option("--notes", help="Your written answer; enables the single point of failure check.")
    ] = None,
    output: FullFormatOption = OutputFormat.RICH,
) -> None:
    """Check a diagram against a scenario: components present, missing or merged; flows missing, extra or
    reversed; stages not joined end to end; open feedback loops; single points of failure (with --notes)."""
    from sdcoach.cli.render_diagram import print_check
    from sdcoach.cli.text_input import read_text
    from sdcoach.config import Settings
    from sdcoach.services.diagrams import check_diagram_text

    text = read_text(file)
    written = read_text(notes) if notes is not None else None
    result = check_diagram_text(text, scenario, Settings(), source=file, notes=written)
    print_check(result, output.value)
