"""Cosine similarity between sentences and reference texts, from WordLlama's static embeddings.

WordLlama ships its 16 MB weights inside the wheel. Its plain ``load()`` tries a download, so it is
loaded with the package's own folder as the cache and downloads disabled: nothing leaves the machine.
Reference texts (checklist items) are embedded once per process and cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdcoach.errors import SdcoachError

if TYPE_CHECKING:
    import numpy as np


class WordLlamaSimilarity:
    """``similarity(sentences, references)``: a cosine for every sentence and reference.

    Reference vectors are kept in memory and, with a ``store`` file, on disk between processes (content
    packs do not change between runs, so searching twenty scenarios need not re-embed them)."""

    def __init__(self, store: Path | None = None) -> None:
        self._model = _load_model()
        self._store = store
        self._references: dict[str, np.ndarray[Any, Any]] = _read_store(store)

    def __call__(self, sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        """One row per sentence, one cosine per reference."""
        import numpy as np

        if not sentences or not references:
            return [[0.0] * len(references) for _ in sentences]
        missing = [r for r in dict.fromkeys(references) if _key(r) not in self._references]
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                self._references[_key(text)] = vector
            _write_store(self._store, self._references)
        reference_matrix = np.stack([self._references[_key(r)] for r in references])
        scores = self._embed(list(sentences)) @ reference_matrix.T
        rows: list[list[float]] = scores.tolist()
        return rows

    def _embed(self, texts: list[str]) -> np.ndarray[Any, Any]:
        vectors: np.ndarray[Any, Any] = self._model.embed(texts, norm=True)
        return vectors


@cache
def shared_similarity(store: Path | None = None) -> WordLlamaSimilarity:
    """One similarity model per process (per reference store)."""
    return WordLlamaSimilarity(store)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _read_store(store: Path | None) -> dict[str, Any]:
    """Cached reference vectors; an unreadable store is simply rebuilt."""
    import numpy as np

    if store is None or not store.is_file():
        return {}
    try:
        with np.load(store) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def _write_store(store: Path | None, vectors: dict[str, Any]) -> None:
    import numpy as np

    if store is None:
        return
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        temporary = store.with_name(store.name + ".tmp.npz")
        np.savez(temporary, keys=np.array(list(vectors)), vectors=np.stack(list(vectors.values())))
        temporary.replace(store)
    except OSError:
        return


def _load_model() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as err:  # pragma: no cover - a broken install
        raise SdcoachError(
            "The embedding model (wordllama) is not installed.", hint="Re-run the README's set-up command."
        ) from err
    package = Path(wordllama.__file__).parent
    return WordLlama.load(cache_dir=package, disable_download=True)
