"""The content of each drill card as a flash card: the prompt on the front, a model answer on the back."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.config import Settings
from sdcoach.content.loader import load_framework
from sdcoach.services.library import open_library
from sdcoach.services.tradeoffs import tradeoff_library


@dataclass(frozen=True)
class AnkiNote:
    """One card: its stable id, a title, the prompt and the model answer (plain text, lines)."""

    card_id: str
    title: str
    prompt: str
    answer: str


def anki_notes(settings: Settings) -> list[AnkiNote]:
    """A note per scenario (questions, checklist, pitch) and per library tradeoff.

    Numbers drills are generated fresh each time, so they are not exported; `sdcoach drill numbers` runs them."""
    framework = load_framework()
    checklist = "\n".join(f"{s.title}: " + "; ".join(i.title for i in s.items) for s in framework.sections)
    notes = []
    for entry in open_library(settings).entries:
        s = entry.scenario
        first = sorted(s.clarifying_questions, key=lambda q: q.priority)
        questions = "\n".join(f"{q.question} ({q.category.value}): {q.why}" for q in first if q.priority <= 2)
        notes.append(AnkiNote(f"questions:{s.slug}", f"Questions to ask first: {s.title}", s.prompt, questions))
        notes.append(AnkiNote(f"framework:{s.slug}", f"IC6 checklist: {s.title}", s.prompt, checklist))
        notes.append(
            AnkiNote(f"pitch:{s.slug}", f"60-second pitch to a director: {s.title}", s.summary, s.influence.pitch)
        )
    for t in tradeoff_library():
        prompt = f"{t.decision}\n{t.context}\nOptions: " + "; ".join(o.name for o in t.options)
        answer = f"{t.staff_answer}\nFlips: " + " ".join(t.flip_conditions)
        notes.append(AnkiNote(f"tradeoff:{t.id}", f"Tradeoff: {t.title}", prompt, answer))
    return notes
