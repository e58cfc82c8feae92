"""Search the library and the framework for the sections that answer a question."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sdcoach.config import Settings
from sdcoach.content.loader import Library, load_framework, load_search_intents
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.search import FRAMEWORK, Hit, Index, documents_of, framework_documents, search
from sdcoach.errors import UsageError
from sdcoach.services.input_size import require_input_size
from sdcoach.services.library import open_library
from sdcoach.services.similarity import search_similarity


@dataclass(frozen=True)
class Result:
    """One answer to a search: where it is and how to open it."""

    scenario: str
    section: str
    title: str
    score: float
    command: str


_INDEXES: dict[int, tuple[Library, Index]] = {}


def build_index(settings: Settings) -> Index:
    """An index over every scenario in the library and the framework's checklist (built once per library:
    ``open_library`` returns the same object until a pack file changes)."""
    library = open_library(settings)
    cached = _INDEXES.get(id(library))
    if cached is not None and cached[0] is library:
        return cached[1]
    documents = [d for entry in library.entries for d in documents_of(entry.scenario)]
    searched_as = {entry.scenario.slug: entry.scenario.searched_as for entry in library.entries}
    index = Index(documents + framework_documents(load_framework()), searched_as)
    _INDEXES[id(library)] = (library, index)
    return index


def search_content(
    query: str, settings: Settings, limit: int = 10, similarity: Similarity | None = None, index: Index | None = None
) -> list[Result]:
    """The best matches for ``query``, each with the command that shows it."""
    if not query.strip():
        raise UsageError('Give some text to search for, e.g. sdcoach search "how do I size a KV cache".')
    require_input_size(query, "The search text")
    if limit < 1:
        raise UsageError("--limit must be at least 1.", field="--limit")
    return [_result(hit) for hit in search_hits(query, settings, limit, similarity, index)]


def search_hits(
    query: str, settings: Settings, limit: int = 5, similarity: Similarity | None = None, index: Index | None = None
) -> list[Hit]:
    """The best matching documents themselves (with their text), for answers grounded in the content."""
    return search(query, index or build_index(settings), similarity or search_similarity(settings), limit, _intents())


@cache
def _intents() -> dict[str, tuple[str, ...]]:
    """Each walkthrough section's question cues (the built-in search pack, read once per process)."""
    return {intent.section: intent.cues for intent in load_search_intents().intents}


def _result(hit: Hit) -> Result:
    doc = hit.document
    if doc.scenario == FRAMEWORK:
        command = "sdcoach framework"
    else:
        command = f"sdcoach walkthrough {doc.scenario} --section {doc.section}"
    return Result(doc.scenario, doc.section, doc.title, hit.score, command)
