"""Cosine similarity between sentences and reference texts, from a sentence encoder that ships its weights.

Encoders (each loads from site-packages or the package, never downloads):
- ``minilm``: all-MiniLM-L6-v2 as int8 ONNX (``nlp/minilm.py``), the reader's default, chosen by measurement
  (``bench/reader_models.py``);
- ``static``: a model2vec-style static table distilled once from that model (``nlp/static_model``);
- ``wordllama``: WordLlama's 256-d static embeddings, the first version's model;
- ``items``: the static table trained on the checklist items' phrasings (``nlp/static.py``), the checklist's.
Reference texts (item examples, question examples, documents) are embedded once per process and, with a
``store`` file, kept on disk between processes (content packs do not change between runs).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sdcoach.errors import SdcoachError

if TYPE_CHECKING:
    import numpy as np

ENCODERS = ("minilm", "static", "wordllama", "items", "blend")
# Chosen by measurement (bench/reader_quality.py --compare): checklist coverage held out, micro F1 0.810 with
# the items table against 0.791 with WordLlama (as good as MiniLM and 10x faster on long answers) and 0.819 with
# MiniLM fine-tuned the same way (but ~1 s of CPU for a 1,500-word answer, over the 300 ms budget); questions
# and search need MiniLM's meaning, best blended.
ITEMS_ENCODER = "items"
MEANING_ENCODER = "blend"
# Search does as well with MiniLM alone (69 of 80 outside questions either way) and skips loading WordLlama.
SEARCH_ENCODER = "minilm"
SHIPPED_VECTORS = Path(__file__).parent / "vectors"
SENTENCE_CACHE = 4096


class Encoder(Protocol):
    """Texts in, unit-length vectors out."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit vector per text."""
        ...


MATRIX_CACHE = 32  # reference lists kept as ready matrices


class CachedSimilarity:
    """``similarity(sentences, references)``: a cosine for every sentence and reference, references cached."""

    def __init__(self, encoder: Encoder, store: Path | None = None) -> None:
        self.encoder = encoder
        self._store = store
        # Vectors of the built-in content ship with the package, so a first search or grade embeds nothing.
        self._references: dict[str, np.ndarray[Any, Any]] = {
            **_read_store(SHIPPED_VECTORS / f"{encoder.name}.npz"),
            **_read_store(store),
        }
        # An interview re-reads earlier turns every turn: their sentences are embedded once.
        self._sentences: OrderedDict[str, np.ndarray[Any, Any]] = OrderedDict()
        # The same reference lists (an item's examples, a scenario's questions) come back every turn.
        self._matrices: OrderedDict[tuple[str, ...], np.ndarray[Any, Any]] = OrderedDict()
        self._rows: OrderedDict[tuple[str, ...], dict[str, list[float]]] = OrderedDict()

    def __call__(self, sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        """One row per sentence, one cosine per reference.

        A sentence's row against the same references never changes, and an interview re-reads every
        earlier sentence each turn against the same examples: rows are kept, only new sentences computed."""
        refs = tuple(references)
        if not sentences or not refs:
            empty: list[list[float]] = self.matrix(sentences, refs).tolist()
            return empty
        known = self._rows.get(refs)
        if known is None or len(known) > SENTENCE_CACHE:
            known = self._rows[refs] = {}
        self._rows.move_to_end(refs)
        while len(self._rows) > MATRIX_CACHE:
            self._rows.popitem(last=False)
        new = [s for s in dict.fromkeys(sentences) if s not in known]
        if new:
            for text, row in zip(new, self.matrix(new, refs).tolist(), strict=True):
                known[text] = row
        return [list(known[s]) for s in sentences]

    def matrix(self, sentences: Sequence[str], references: Sequence[str]) -> np.ndarray[Any, Any]:
        """The cosines as an array (sentences x references)."""
        import numpy as np

        if not sentences or not references:
            return np.zeros((len(sentences), len(references)), dtype=np.float32)
        result: np.ndarray[Any, Any] = self._embed_sentences(sentences) @ self._reference_matrix(tuple(references))
        return result

    def _reference_matrix(self, references: tuple[str, ...]) -> np.ndarray[Any, Any]:
        """The references' vectors as one float32 matrix (references x dimensions), transposed for the product."""
        import numpy as np

        cached = self._matrices.get(references)
        if cached is not None:
            self._matrices.move_to_end(references)
            return cached
        missing = self.missing(references)
        if missing:
            for text, vector in zip(missing, self.encoder.embed(missing), strict=True):
                self._references[text_key(text)] = vector
            _write_store(self._store, self._references)
        matrix = np.ascontiguousarray(np.stack([self._references[text_key(r)] for r in references]).T, np.float32)
        self._matrices[references] = matrix
        while len(self._matrices) > MATRIX_CACHE:
            self._matrices.popitem(last=False)
        return matrix

    def missing(self, references: Sequence[str]) -> list[str]:
        """The references that have no vector yet (would be embedded on first use)."""
        return [r for r in dict.fromkeys(references) if text_key(r) not in self._references]

    def _embed_sentences(self, sentences: Sequence[str]) -> np.ndarray[Any, Any]:
        """Sentence vectors, from a bounded cache where the same sentence was seen before."""
        import numpy as np

        new = [s for s in dict.fromkeys(sentences) if s not in self._sentences]
        if new:
            for text, vector in zip(new, self.encoder.embed(new), strict=True):
                self._sentences[text] = vector
        for text in sentences:
            self._sentences.move_to_end(text)
        while len(self._sentences) > SENTENCE_CACHE:
            self._sentences.popitem(last=False)
        return np.stack([self._sentences[s] for s in sentences])


class WordLlamaEncoder:
    """WordLlama's static embeddings (16 MB, inside its wheel), loaded with downloads disabled."""

    name = "wordllama"

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as err:  # pragma: no cover - a broken install
            raise SdcoachError("The embedding model (wordllama) is not installed.", hint="Re-run the set-up.") from err
        self._model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit vector per text."""
        import numpy as np

        raw = self._model.embed(list(texts), norm=False)  # its own norm divides by zero for an empty text
        vectors: np.ndarray[Any, Any] = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-9)
        return vectors


class MeanSimilarity:
    """The mean of several models' cosines: MiniLM and WordLlama err differently (a contextual transformer
    and a static table trained on other data), so their mean is steadier on short paraphrases than either."""

    def __init__(self, parts: Sequence[CachedSimilarity]) -> None:
        self.parts = tuple(parts)

    def __call__(self, sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        """One row per sentence, one mean cosine per reference."""
        rows: list[list[float]] = self.matrix(sentences, references).tolist()
        return rows

    def matrix(self, sentences: Sequence[str], references: Sequence[str]) -> np.ndarray[Any, Any]:
        """The mean cosines as an array (sentences x references)."""
        total: np.ndarray[Any, Any] = sum(part.matrix(sentences, references) for part in self.parts)  # type: ignore[assignment]
        return total / len(self.parts)


def encoder_named(name: str) -> Encoder:
    """The encoder called ``name`` (one of ``ENCODERS`` but ``blend``)."""
    if name == "minilm":
        from sdcoach.nlp.minilm import MiniLM

        return MiniLM()
    if name == "static":
        from sdcoach.nlp.static import StaticEncoder

        return StaticEncoder()
    if name == "wordllama":
        return WordLlamaEncoder()
    if name == "items":
        from sdcoach.nlp.static import ItemsEncoder

        return ItemsEncoder()
    raise SdcoachError(f"There is no embedding model called {name!r}.", hint=f"Use one of: {', '.join(ENCODERS)}.")


@cache
def shared_similarity(store_dir: Path | None = None, name: str = ITEMS_ENCODER) -> CachedSimilarity | MeanSimilarity:
    """One similarity model per process (per encoder and reference store folder); ``blend`` is MiniLM and WordLlama."""
    if name == "blend":
        return MeanSimilarity([_cached(store_dir, "minilm"), _cached(store_dir, "wordllama")])
    return _cached(store_dir, name)


@cache
def _cached(store_dir: Path | None, name: str) -> CachedSimilarity:
    return CachedSimilarity(encoder_named(name), store_dir / f"{name}.npz" if store_dir else None)


def text_key(text: str) -> str:
    """The store key of a reference text."""
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
