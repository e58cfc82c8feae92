"""Cosine similarity between sentences and reference texts, from WordLlama's static embeddings.

WordLlama ships its 16 MB weights inside the wheel. Its plain ``load()`` tries a download, so it is
loaded with the package's own folder as the cache and downloads disabled: nothing leaves the machine.
Reference texts (checklist items) are embedded once per process and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdcoach.errors import SdcoachError

if TYPE_CHECKING:
    import numpy as np


class WordLlamaSimilarity:
    """``similarity(sentences, references)``: a cosine for every sentence and reference."""

    def __init__(self) -> None:
        self._model = _load_model()
        self._references: dict[str, np.ndarray[Any, Any]] = {}

    def __call__(self, sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        """One row per sentence, one cosine per reference."""
        import numpy as np

        if not sentences or not references:
            return [[0.0] * len(references) for _ in sentences]
        missing = [r for r in dict.fromkeys(references) if r not in self._references]
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                self._references[text] = vector
        reference_matrix = np.stack([self._references[r] for r in references])
        scores = self._embed(list(sentences)) @ reference_matrix.T
        rows: list[list[float]] = scores.tolist()
        return rows

    def _embed(self, texts: list[str]) -> np.ndarray[Any, Any]:
        vectors: np.ndarray[Any, Any] = self._model.embed(texts, norm=True)
        return vectors


@cache
def shared_similarity() -> WordLlamaSimilarity:
    """One similarity model per process."""
    return WordLlamaSimilarity()


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
