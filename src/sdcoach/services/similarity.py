"""The shared embedding similarity, loaded on first use (kept apart so searching does not import the grader)."""

from __future__ import annotations

from pathlib import Path

from sdcoach.config import Settings
from sdcoach.engine.reader import Similarity


def default_similarity(settings: Settings | None = None, encoder: str | None = None) -> Similarity:
    """The model the reader judges checklist coverage with; with settings, reference vectors persist in the cache."""
    from sdcoach.nlp.embeddings import ITEMS_ENCODER, shared_similarity

    return shared_similarity(_store_dir(settings), encoder or ITEMS_ENCODER)


def diagram_similarity(settings: Settings | None = None) -> Similarity:
    """The model a diagram's box labels are matched to components with: WordLlama, which the diagram check was
    built and measured on (bench/diagram_quality.py); the items table is trained on checklist phrasings, not
    on component names."""
    from sdcoach.nlp.embeddings import shared_similarity

    return shared_similarity(_store_dir(settings), "wordllama")


def meaning_similarity(settings: Settings | None = None, encoder: str | None = None) -> Similarity:
    """The model the reader matches questions and search queries with (what a short text means)."""
    from sdcoach.nlp.embeddings import MEANING_ENCODER, shared_similarity

    return shared_similarity(_store_dir(settings), encoder or MEANING_ENCODER)


def search_similarity(settings: Settings | None = None, encoder: str | None = None) -> Similarity:
    """The model search ranks library sections with."""
    from sdcoach.nlp.embeddings import SEARCH_ENCODER, shared_similarity

    return shared_similarity(_store_dir(settings), encoder or SEARCH_ENCODER)


def _store_dir(settings: Settings | None) -> Path | None:
    return settings.cache_dir / "embeddings" if settings is not None else None


def builtin_references() -> list[str]:
    """Every reference text a question or query is matched against in the built-in content (vectors ship)."""
    from sdcoach.content.loader import load_framework, load_library
    from sdcoach.engine.reader import question_anchors
    from sdcoach.engine.search import document_references, documents_of, framework_documents

    framework = load_framework()
    library = load_library(None)
    texts: list[str] = []
    documents = framework_documents(framework)
    for slug in library.slugs:
        scenario = library.get(slug)
        texts += question_anchors(scenario)[1]
        texts += scenario.searched_as
        documents += documents_of(scenario)
    texts += document_references(documents)[1]
    return list(dict.fromkeys(texts))
