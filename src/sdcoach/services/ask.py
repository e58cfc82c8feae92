"""`sdcoach ask`: a coaching answer grounded in the content packs, citing the sections it used.

The sections come from the library search. Offline, they are the answer; with a backend, it writes an
answer from them that must cite them and state no number they do not hold, or the sections are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sdcoach.backends.base import Message
from sdcoach.config import Settings
from sdcoach.engine.phrasing import grounded_problem
from sdcoach.engine.search import Hit
from sdcoach.errors import UsageError
from sdcoach.services.coach import Coach, as_data, drain, phrasing_rules, prompt
from sdcoach.services.input_size import require_input_size
from sdcoach.services.search import search_hits

SOURCES = 5


@dataclass(frozen=True)
class Answer:
    """The backend's answer (None offline or on fallback), the sources, and a notice when it fell back."""

    text: str | None
    sources: tuple[Hit, ...]
    notice: str | None = None


def ask(question: str, settings: Settings, coach: Coach, on_piece: Callable[[str], None]) -> Answer:
    """Answer ``question`` from the library's sections, streaming the backend's words through ``on_piece``."""
    if not question.strip():
        raise UsageError('Ask a question, e.g. sdcoach ask "how do I size the KV cache for a 70B model".')
    require_input_size(question, "The question")
    sources = tuple(search_hits(question, settings, SOURCES))
    if coach.is_offline or not sources:
        return Answer(None, sources)
    listing = "\n\n".join(
        f"[{n}] {h.document.title} ({h.document.scenario}, {h.document.section}): {h.document.text}"
        for n, h in enumerate(sources, start=1)
    )
    messages = (
        Message("system", prompt("ask")),
        Message("user", f"SOURCES:\n{listing}\n\n<question>\n{as_data(question, 'question')}\n</question>"),
    )

    def check(text: str) -> str | None:
        return grounded_problem(text, listing + question, phrasing_rules(), citations=len(sources))

    told = drain(coach.stream_checked(messages, "", check, "answer", "the sections follow"), on_piece)
    return Answer(told.text if told.by_backend else None, sources, told.notice)
