"""Memory calculators: model weights, the KV cache, and embedding tables with their ANN index."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError


class Dtype(StrEnum):
    """Number formats for weights, activations and caches."""

    FP32 = "fp32"
    BF16 = "bf16"
    FP16 = "fp16"
    FP8 = "fp8"
    INT8 = "int8"
    FP4 = "fp4"
    INT4 = "int4"

    @property
    def bytes(self) -> float:
        """Bytes per element (FP4 without its block scales: MXFP4 adds 1 byte per 32 values)."""
        return {"fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "fp4": 0.5, "int4": 0.5}[self.value]


class AnnIndex(StrEnum):
    """Approximate-nearest-neighbour index layouts the embedding calculator knows."""

    FLAT = "flat"
    HNSW = "hnsw"
    IVFPQ = "ivfpq"


def weights(params: float, dtype: Dtype) -> Estimate:
    """Bytes to hold a model's weights."""
    work = Working("Model weights")
    work.product(
        "weights",
        [Term(params, "parameters", "params"), Term(dtype.bytes, f"bytes per {dtype.value} parameter", "B")],
        "B",
        key="bytes",
    )
    work.assume(f"{dtype.value} stores {dtype.bytes:g} bytes per parameter; no quantisation scales or padding counted.")
    work.assume("Weights only: no KV cache, activations, CUDA context or framework overhead (budget 10-20% more).")
    return work.finish("bytes")


@dataclass(frozen=True)
class LocalAttention:
    """Layers that attend only to the last ``window`` tokens (sliding window or chunked attention)."""

    window: int
    layers: int


def kv_cache(
    *,
    layers: int,
    kv_heads: int,
    head_dim: int,
    dtype: Dtype,
    seq_len: float,
    batch: float,
    latent_dim: int | None = None,
    local: LocalAttention | None = None,
) -> Estimate:
    """KV-cache bytes per token, per sequence and for a batch; GQA, MLA and sliding windows handled."""
    work = Working("KV cache")
    if latent_dim is not None:
        per_token = work.product(
            "bytes per token (MLA caches one latent vector per layer)",
            [Term(layers, "layers"), Term(latent_dim, "cached elements per layer"), Term(dtype.bytes, "bytes", "B")],
            "B",
            key="bytes_per_token",
        )
        work.assume(
            "Multi-head latent attention caches the compressed KV latent plus the decoupled RoPE key per layer."
        )
    else:
        per_token = work.product(
            "bytes per token (K and V, every layer, every KV head)",
            [
                Term(2, "K and V"),
                Term(layers, "layers"),
                Term(kv_heads, "KV heads"),
                Term(head_dim, "head dim"),
                Term(dtype.bytes, "bytes", "B"),
            ],
            "B",
            key="bytes_per_token",
        )
        work.assume("Grouped-query attention: only the KV heads are cached (MHA has as many KV heads as heads).")
    if local is None:
        per_sequence = work.product(
            "bytes per sequence",
            [Term(per_token, "bytes per token", "B"), Term(seq_len, "tokens")],
            "B",
            key="bytes_per_sequence",
        )
    else:
        per_sequence = _windowed_sequence(work, per_token / layers, layers, local, seq_len)
    work.product("total", [Term(per_sequence, "per sequence", "B"), Term(batch, "sequences")], "B", key="total_bytes")
    work.assume(
        f"Cache stored in {dtype.value}; every sequence at the full length (paging only saves the unused tail)."
    )
    return work.finish("bytes_per_token", "bytes_per_sequence", "total_bytes")


def _windowed_sequence(work: Working, per_layer: float, layers: int, local: LocalAttention, seq_len: float) -> float:
    """Bytes per sequence when ``local.layers`` layers keep only the last ``local.window`` tokens."""
    if not 0 < local.layers <= layers:
        raise UsageError(f"Local-attention layers must be between 1 and {layers}; got {local.layers}.")
    if local.window <= 0:
        raise UsageError(f"The attention window must be positive; got {local.window}.")
    full = work.product(
        "token-layers cached by full-attention layers",
        [Term(layers - local.layers, "layers"), Term(seq_len, "tokens")],
        "token-layers",
    )
    windowed = work.product(
        "token-layers cached by local-attention layers",
        [Term(local.layers, "layers"), Term(min(seq_len, local.window), "tokens (at most the window)")],
        "token-layers",
    )
    cached = work.total(
        "token-layers cached",
        [Term(full, "full", "token-layers"), Term(windowed, "local", "token-layers")],
        "token-layers",
    )
    work.assume(
        f"{local.layers} of {layers} layers use sliding-window or chunked attention and cache at most "
        f"{local.window:,} tokens; bytes per token counts every layer (a token inside the window)."
    )
    return work.product(
        "bytes per sequence",
        [Term(per_layer, "bytes per token per layer", "B"), Term(cached, "token-layers")],
        "B",
        key="bytes_per_sequence",
    )


def embeddings(
    *,
    items: float,
    dimensions: int,
    dtype: Dtype,
    index: AnnIndex,
    hnsw_m: int = 32,
    pq_bytes: int = 64,
) -> Estimate:
    """Raw embedding bytes and the memory of the ANN index that serves them."""
    work = Working("Embeddings and ANN index")
    raw = work.product(
        "raw vectors",
        [Term(items, "vectors"), Term(dimensions, "dimensions"), Term(dtype.bytes, "bytes", "B")],
        "B",
        key="bytes",
    )
    if index is AnnIndex.FLAT:
        work.result("index_bytes", raw, "B")
        work.assume("A flat index holds the vectors and nothing else (exact search, linear scan).")
    elif index is AnnIndex.HNSW:
        links = work.product(
            "HNSW graph links (2M neighbours at layer 0, 4-byte ids)",
            [Term(items, "vectors"), Term(2 * hnsw_m, "neighbours"), Term(4, "bytes per id", "B")],
            "B",
        )
        work.total("HNSW index", [Term(raw, "vectors", "B"), Term(links, "links", "B")], "B", key="index_bytes")
        work.assume(
            f"HNSW with M={hnsw_m} keeps full vectors in memory; upper layers add about 1/M more links (ignored)."
        )
    else:
        if pq_bytes <= 0:
            raise UsageError("--pq-bytes must be positive.", field="--pq-bytes")
        work.product(
            "IVF-PQ codes plus 8-byte ids",
            [Term(items, "vectors"), Term(pq_bytes + 8, "bytes per vector", "B")],
            "B",
            key="index_bytes",
        )
        work.assume(f"IVF-PQ stores a {pq_bytes}-byte code and an 8-byte id per vector; centroids are negligible.")
    return work.finish("bytes", "index_bytes")
