"""A static (model2vec-style) encoder distilled from all-MiniLM-L6-v2: a token table looked up and averaged.

Measured against MiniLM and WordLlama by ``bench/reader_quality.py --compare`` and not shipped (it lost on
both jobs: 69% of paraphrased questions against 86% for MiniLM). ``distil`` makes the table on first use
(about 20 s here): every WordPiece token through the int8 ONNX model as ``[CLS] token [SEP]``, mean-pooled,
reduced by PCA and weighted by smooth inverse frequency from the token's rank, as model2vec does.
Licence: Apache-2.0, as the model it comes from.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

TABLE = Path(tempfile.gettempdir()) / "sdcoach-static-minilm-256.npy"
ITEMS_TABLE = Path(__file__).parent / "items_table.npy"


class StaticEncoder:
    """``embed(texts)``: unit vectors from the distilled token table (mean of the tokens' rows)."""

    name = "static"

    def __init__(self, table: Path = TABLE) -> None:
        import numpy as np
        from tokenizers import Tokenizer

        from sdcoach.nlp.minilm import tokenizer_path

        if not table.is_file():
            distil(table)
        self._table = np.load(table).astype(np.float32)
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path()))

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit vector per text."""
        import numpy as np

        rows = []
        for encoded in self._tokenizer.encode_batch(list(texts), add_special_tokens=False):
            ids = encoded.ids or [0]
            rows.append(self._table[ids].mean(axis=0))
        vectors = np.array(rows, dtype=np.float32)
        result: np.ndarray[Any, Any] = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        return result


def distil(target: Path, dims: int = 256, batch: int = 512) -> None:
    """Make the token table from the ONNX model and save it at ``target``."""
    import numpy as np

    from sdcoach.nlp.minilm import MiniLM

    model = MiniLM(max_length=8)
    size = model.tokenizer.get_vocab_size()
    cls_id, sep_id = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    rows = np.zeros((size, 384), dtype=np.float32)
    for start in range(0, size, batch):
        ids = np.array([[cls_id, i, sep_id] for i in range(start, min(size, start + batch))], dtype=np.int64)
        rows[start : start + len(ids)] = model.pooled(ids, np.ones_like(ids))
    centred = rows - rows.mean(axis=0)
    _, _, components = np.linalg.svd(centred[:20000], full_matrices=False)
    ranks = np.arange(1, size + 1, dtype=np.float64)
    probability = (1.0 / ranks) / (1.0 / ranks).sum()
    weights = 1e-3 / (1e-3 + probability)
    np.save(target, ((centred @ components[:dims].T) * weights[:, None]).astype(np.float32))


class ItemsEncoder(StaticEncoder):
    """The checklist items' encoder: the distilled table, then trained on the items' own phrasings.

    Made once (``scripts/train_items_table.py``): ``distil`` run on all-MiniLM-L6-v2 fine-tuned on the
    framework's phrasings (25 items x 28, supervised contrastive, 300 steps), then the table itself trained the
    same way (2,500 steps), stored as float16 (15.6 MB). Trained only on the framework pack's phrasings, never on
    the labelled answers, so the held-out figures of ``bench/reader_quality.py`` stay held out: checklist micro
    F1 0.791 with WordLlama -> 0.810, and as fast (a static table, no transformer at run time).
    Licence: Apache-2.0, as the model it comes from."""

    name = "items"

    def __init__(self) -> None:
        from sdcoach.errors import SdcoachError

        if not ITEMS_TABLE.is_file():  # pragma: no cover - a broken install
            raise SdcoachError("The checklist encoder (items_table.npy) is missing.", hint="Re-run the set-up.")
        super().__init__(ITEMS_TABLE)
