"""``sdcoach history ...``: take your practice history elsewhere, bring it back, or study it in Anki."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Export or import your history as JSON, or export the drill cards to Anki.", no_args_is_help=True
)


@app.command("export")
def export_command(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="Where to write the JSON; - for stdout.")] = "-",
) -> None:
    """Every interview, drill attempt, card and review, as one JSON file."""
    from sdcoach.config import Settings
    from sdcoach.services.history import export_json

    text = export_json(Settings())
    if file == "-":
        sys.stdout.write(text + "\n")
        return
    from sdcoach.errors import UsageError

    try:
        Path(file).write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        hint = "Give a path in a folder you can write to, or - to print it."
        raise UsageError(f"Cannot write the history to {file} ({err.strerror or err}).", path=file, hint=hint) from err
    typer.echo(f"Wrote {file}.")


@app.command("import")
def import_command(
    file: Annotated[
        str, typer.Argument(metavar="FILE|-", help="A file made by `sdcoach history export`; - for stdin.")
    ],
) -> None:
    """Merge an exported history into this one; what is already here is kept, nothing is duplicated."""
    from sdcoach.cli.text_input import read_text
    from sdcoach.config import Settings
    from sdcoach.services.history import import_json

    text = read_text(file)
    source = "stdin" if file == "-" else file
    added = import_json(Settings(), text, source)
    updated = added.pop("updated", 0)
    new = ", ".join(f"{count} {name}" for name, count in added.items() if count)
    if not new and not updated:
        typer.echo(f"Nothing new: everything in {source} is already here.")
        return
    kept = f"; {updated} kept {'row' if updated == 1 else 'rows'} took the file's newer copy" if updated else ""
    typer.echo(f"Imported {new or 'no new rows'}{kept}.")


@app.command("anki")
def anki_command(
    file: Annotated[Path, typer.Argument(help="The .apkg file to write.")] = Path("sdcoach.apkg"),
) -> None:
    """An Anki deck with a note per drill: questions to ask first, the checklist, the pitch, each tradeoff."""
    from sdcoach.config import Settings
    from sdcoach.services.history import export_anki

    count = export_anki(Settings(), file)
    typer.echo(f"Wrote {count} notes to {file}; import it in Anki with File > Import.")
