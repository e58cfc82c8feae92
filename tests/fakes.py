"""Stand-ins for one layer in unit tests (real parts everywhere else)."""

from __future__ import annotations

from collections.abc import Sequence

from sdcoach.engine.text import words_of


def overlap(sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
    """A stand-in for the embedding similarity: word-set overlap (Jaccard) of each sentence and reference."""
    refs = [set(words_of(r)) for r in references]
    rows = []
    for sentence in sentences:
        words = set(words_of(sentence))
        rows.append([len(words & r) / len(words | r) if words | r else 0.0 for r in refs])
    return rows
