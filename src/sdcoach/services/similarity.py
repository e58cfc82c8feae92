"""The shared embedding similarity, loaded on first use (kept apart so searching does not import the grader)."""

from __future__ import annotations

from sdcoach.config import Settings
from sdcoach.engine.coverage import Similarity


def default_similarity(settings: Settings | None = None) -> Similarity:
    """The shipped embedding model; with settings, reference vectors persist in the cache folder."""
    from sdcoach.nlp.embeddings import shared_similarity

    store = settings.cache_dir / "embeddings" / "wordllama-256.npz" if settings is not None else None
    return shared_similarity(store)
