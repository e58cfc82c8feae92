"""The user's history in and out: JSON export and import (merge), and Anki decks of every drill card."""

from __future__ import annotations

import html
import json
from pathlib import Path

from pydantic import ValidationError

from sdcoach.config import Settings
from sdcoach.errors import UsageError
from sdcoach.store.database import open_database
from sdcoach.store.history import export_history, import_history
from sdcoach.store.history_rows import History, strict_json


def export_json(settings: Settings) -> str:
    """Everything stored (interviews, drill attempts, cards, reviews) as JSON text."""
    return export_history(open_database(settings.database), settings.owner).model_dump_json(indent=2)


def import_json(settings: Settings, text: str, source: str) -> dict[str, int]:
    """Merge an export into this database; a malformed file changes nothing and says where it is wrong."""
    try:
        history = History.model_validate(strict_json(text))
    except json.JSONDecodeError as err:
        raise UsageError(
            f"{source}:{err.lineno}: not valid JSON ({err.msg}).",
            hint="Import a file made by `sdcoach history export`.",
        ) from err
    except ValueError as err:  # NaN or Infinity in the file
        raise UsageError(f"{source}: {err}.", hint="Import a file made by `sdcoach history export`.") from err
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        raise UsageError(
            f"{source}: {where}: {first['msg'].removeprefix('Value error, ')}. Nothing was imported.",
            hint="Import a file made by `sdcoach history export`, unedited.",
        ) from err
    return import_history(open_database(settings.database), history, settings.owner)


def export_anki(settings: Settings, path: Path) -> int:
    """Write an Anki package (.apkg) with a note per drill card; returns how many notes it holds."""
    import genanki

    from sdcoach.services.anki_notes import anki_notes

    model = genanki.Model(
        1_607_392_319,  # stable ids, so re-importing updates the same deck instead of adding a copy
        "sdcoach drill",
        fields=[{"name": "Card"}, {"name": "Prompt"}, {"name": "Answer"}],
        templates=[
            {
                "name": "Drill",
                "qfmt": "<div class=kind>{{Card}}</div>{{Prompt}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
            }
        ],
    )
    deck = genanki.Deck(2_059_400_110, "sdcoach: staff ML-infra system design")
    notes = anki_notes(settings)
    for note in notes:
        fields = [html.escape(note.title), _paragraphs(note.prompt), _paragraphs(note.answer)]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(note.card_id)))
    if path.suffix != ".apkg":
        raise UsageError(f"{path} should end in .apkg, the file type Anki imports.", path=str(path))
    try:
        genanki.Package(deck).write_to_file(str(path))
    except OSError as err:
        raise UsageError(f"Cannot write {path}: {err.strerror}.", path=str(path)) from err
    return len(notes)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n") if part.strip())
