"""Estimates as the interfaces ask for them: flag text in, registry look-ups, one engine calculator, an Estimate out.

Every number is checked against its range (``engine.estimate.limits``) as it is read, so the calculators
only ever see values that can be: the command line and the web page share this one boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from sdcoach.content.hardware import Accelerator, ModelArchitecture, Registry, read_registry
from sdcoach.engine.estimate import limits, memory, network, serving, training, volume
from sdcoach.engine.estimate.limits import Range
from sdcoach.engine.estimate.memory import AnnIndex, Dtype, LocalAttention
from sdcoach.engine.estimate.moe import RoutedExperts, routed_experts
from sdcoach.engine.estimate.units import Dimension
from sdcoach.engine.estimate.working import Estimate
from sdcoach.errors import UsageError

TFLOPS = "TFLOP/s"
# What an interface passes for a number: the text as typed, or a value its form already parsed.
Given = str | float


@cache
def registry() -> Registry:
    """The built-in accelerator and model registry, read once from its validated snapshot (no YAML, no pydantic)."""
    return read_registry()


def count(text: Given | None, flag: str, allowed: Range) -> float | None:
    """A number from flag text (``405e9``, ``70B``) inside its range, or None when the flag was not given."""
    return None if text is None else limits.count(text, flag, allowed)


def whole(text: Given, flag: str, allowed: Range) -> int:
    """A whole number (``--layers``, ``--dimensions``) inside its range."""
    return round(limits.count(text, flag, allowed))


def fraction(text: str | None, flag: str) -> float | None:
    """A share from ``0.4`` or ``40%``, checked to lie in (0, 1]."""
    return None if text is None else limits.fraction(text, flag)


def dtype_named(name: str) -> Dtype:
    """A dtype from its name, with the list of valid ones on error."""
    try:
        return Dtype(name.lower())
    except ValueError as err:
        valid = ", ".join(d.value for d in Dtype)
        raise UsageError(f"--dtype must be one of {valid}; got {name!r}.", field="--dtype") from err


@dataclass(frozen=True)
class ComputeFlags:
    """The flags that say how fast a GPU goes."""

    gpu: str | None = None
    peak_tflops: str | None = None
    mfu: str | None = None
    achieved_tflops: str | None = None


def compute_of(flags: ComputeFlags) -> tuple[training.Compute, str | None]:
    """A Compute from --gpu/--peak-tflops, --mfu and --achieved-tflops, and the GPU's name if one was named."""
    peak, name = None, None
    if flags.gpu is not None:
        chip = registry().accelerator(flags.gpu)
        peak, name = chip.bf16_tflops * 1e12, chip.name
    if flags.peak_tflops is not None:
        peak = _flop_rate(flags.peak_tflops, "--peak-tflops")
    achieved = None
    if flags.achieved_tflops is not None:
        achieved = _flop_rate(flags.achieved_tflops, "--achieved-tflops")
    return training.Compute(peak_flops=peak, mfu=fraction(flags.mfu, "--mfu"), achieved_flops=achieved), name


def model_params(model: str | None, params: str | None) -> float | None:
    """Parameters from --params, else from the named --model."""
    if params is not None:
        return limits.count(params, "--params", limits.PARAMS)
    return registry().model(model).params if model is not None else None


def estimate_training(
    *,
    params: str | None,
    model: str | None,
    tokens: str | None,
    flops_per_param_token: Given,
    total_flops: str | None,
    compute: ComputeFlags,
    gpus: str | None,
    usd_per_gpu_hour: Given | None,
) -> Estimate:
    """``sdcoach estimate training`` (a mixture of experts does work with its active parameters only)."""
    rate, name = compute_of(compute)
    total = None
    if total_flops is not None:
        total = limits.quantity(total_flops, Dimension.FLOPS, "--total-flops", limits.TOTAL_FLOPS, "FLOP")
    arch = registry().model(model) if model is not None and params is None else None
    result = training.training(
        params=arch.params_per_token if arch is not None else model_params(model, params),
        tokens=count(tokens, "--tokens", limits.TOKENS),
        flops_per_param_token=limits.count(
            flops_per_param_token, "--flops-per-param-token", limits.FLOPS_PER_PARAM_TOKEN
        ),
        total_flops=total,
        compute=rate,
        gpus=count(gpus, "--gpus", limits.GPUS),
        usd_per_gpu_hour=count(usd_per_gpu_hour, "--usd-per-gpu-hour", limits.USD_PER_GPU_HOUR),
    )
    if arch is not None and arch.active_params is not None:
        note = (
            f"{arch.name} is a mixture of experts: each token does work with its {arch.active_params / 1e9:g}B "
            f"active parameters, not all {arch.params / 1e9:g}B (attention FLOPs over the context not counted)."
        )
        result = replace(result, assumptions=(note, *result.assumptions))
    return _noting_gpu(result, name)


def estimate_mfu(*, achieved_tflops: str, compute: ComputeFlags) -> Estimate:
    """``sdcoach estimate mfu``."""
    rate, name = compute_of(compute)
    if rate.peak_flops is None:
        raise UsageError("Give --gpu NAME or --peak-tflops.", field="--gpu")
    achieved = _flop_rate(achieved_tflops, "--achieved-tflops")
    return _noting_gpu(training.mfu(achieved_flops=achieved, peak_flops=rate.peak_flops), name)


def estimate_weights(*, params: str | None, model: str | None, dtype: str) -> Estimate:
    """``sdcoach estimate weights``."""
    return memory.weights(_required_params(model, params), dtype_named(dtype))


def estimate_training_memory(
    *, params: str | None, model: str | None, gpus: Given, zero_stage: Given, dtype: str
) -> Estimate:
    """``sdcoach estimate training-memory``."""
    return training.training_memory(
        params=_required_params(model, params),
        gpus=limits.count(gpus, "--gpus", limits.GPUS),
        zero_stage=whole(zero_stage, "--zero-stage", limits.ZERO_STAGE),
        dtype=dtype_named(dtype),
    )


def estimate_checkpoint(
    *, params: str | None, model: str | None, optimizer: str, dtype: str, write_bandwidth: str | None
) -> Estimate:
    """``sdcoach estimate checkpoint``."""
    if optimizer not in ("adam", "none"):
        raise UsageError(f"--optimizer must be adam or none; got {optimizer!r}.", field="--optimizer")
    bandwidth = None
    if write_bandwidth is not None:
        bandwidth = limits.quantity(
            write_bandwidth, Dimension.BYTES_PER_SECOND, "--write-bandwidth", limits.WRITE_BANDWIDTH
        )
    return training.checkpoint(
        params=_required_params(model, params),
        with_optimizer=optimizer == "adam",
        dtype=dtype_named(dtype),
        write_bandwidth=bandwidth,
    )


@dataclass(frozen=True)
class ShapeFlags:
    """The flags that describe attention when no --model is named."""

    layers: Given | None = None
    kv_heads: Given | None = None
    head_dim: Given | None = None
    hidden_size: Given | None = None
    heads: Given | None = None


def estimate_kv_cache(*, model: str | None, shape: ShapeFlags, dtype: str, seq_len: str, batch: str) -> Estimate:
    """``sdcoach estimate kv-cache``: GQA, MLA and sliding windows from the registry, or MHA from --hidden-size."""
    layers, kv_heads, head_dim, latent = _attention_shape(model, shape)
    return memory.kv_cache(
        layers=layers,
        kv_heads=kv_heads,
        head_dim=head_dim,
        latent_dim=latent,
        dtype=dtype_named(dtype),
        seq_len=limits.count(seq_len, "--seq-len", limits.SEQ_LEN),
        batch=limits.count(batch, "--batch", limits.BATCH),
        local=local_attention(registry().model(model)) if model is not None else None,
    )


def local_attention(arch: ModelArchitecture) -> LocalAttention | None:
    """The model's sliding-window or chunked layers, if it has any."""
    if arch.local_attention_window is None:
        return None
    return LocalAttention(arch.local_attention_window, arch.local_attention_layers)


def moe_experts(arch: ModelArchitecture, dtype: Dtype) -> RoutedExperts | None:
    """The model's routed experts in ``dtype`` bytes, if it is a mixture of experts."""
    if arch.active_params is None or arch.experts is None or arch.experts_per_token is None:
        return None
    return routed_experts(
        total=arch.params,
        active=arch.active_params,
        experts=arch.experts,
        per_token=arch.experts_per_token,
        bytes_per_param=dtype.bytes,
    )


@dataclass(frozen=True)
class ServingFlags:
    """Everything ``estimate serving`` reads."""

    model: str | None
    gpu: str | None
    dtype: str = "bf16"
    prompt_tokens: str = "1000"
    output_tokens: str = "250"
    qps: str = "10"
    tpot_ms: Given = 50.0
    gpus_per_replica: Given | None = None
    memory_utilisation: float = 0.9
    prefill_mfu: float = 0.5


def estimate_serving(flags: ServingFlags) -> Estimate:
    """``sdcoach estimate serving`` (roofline mode)."""
    if flags.model is None or flags.gpu is None:
        raise UsageError("Give --model and --gpu (roofline), or --input-tokens-per-day and friends (throughput).")
    arch = registry().model(flags.model)
    chip = registry().accelerator(flags.gpu)
    dtype = dtype_named(flags.dtype)
    kv = memory.kv_cache(
        layers=arch.layers,
        kv_heads=arch.kv_heads,
        head_dim=arch.head_dim,
        latent_dim=arch.kv_latent_dim,
        dtype=dtype,
        seq_len=1,
        batch=1,
    ).value("bytes_per_token")
    model = serving.ServedModel(
        arch.name,
        arch.params_per_token,
        arch.params * dtype.bytes,
        kv,
        experts=moe_experts(arch, dtype),
        local=local_attention(arch),
        layers=arch.layers,
    )
    gpu, precision = _serving_gpu(chip, dtype)
    load = serving.Workload(
        qps=limits.count(flags.qps, "--qps", limits.QPS),
        prompt_tokens=limits.count(flags.prompt_tokens, "--prompt-tokens", limits.REQUEST_TOKENS),
        output_tokens=limits.count(flags.output_tokens, "--output-tokens", limits.REQUEST_TOKENS),
        tpot_seconds=limits.count(flags.tpot_ms, "--tpot-ms", limits.TPOT_MS) / 1e3,
        memory_utilisation=flags.memory_utilisation,
        prefill_mfu=flags.prefill_mfu,
    )
    replica = flags.gpus_per_replica
    tp = None if replica is None else whole(replica, "--gpus-per-replica", limits.GPUS_PER_REPLICA)
    result = serving.serving(model, gpu, load, tp)
    note = f"Peak from the registry: {chip.name}, dense {precision} {gpu.peak_flops / 1e12:g} TFLOP/s (no sparsity)."
    return replace(result, assumptions=(*result.assumptions, note))


def estimate_serving_throughput(
    *,
    input_per_day: str,
    output_per_day: str | None,
    prefill_tps: str | None,
    decode_tps: str | None,
    gpus_per_node: Given,
    peak_factor: Given,
) -> Estimate:
    """``sdcoach estimate serving --input-tokens-per-day ...`` (measured-throughput mode)."""
    if output_per_day is None or prefill_tps is None or decode_tps is None:
        raise UsageError(
            "Throughput mode needs --input-tokens-per-day, --output-tokens-per-day, --prefill-tps and --decode-tps."
        )
    return serving.throughput(
        input_tokens_per_day=limits.count(input_per_day, "--input-tokens-per-day", limits.TOKENS_PER_DAY),
        output_tokens_per_day=limits.count(output_per_day, "--output-tokens-per-day", limits.TOKENS_PER_DAY),
        prefill_tokens_per_node_s=limits.count(prefill_tps, "--prefill-tps", limits.TOKENS_PER_NODE_S),
        decode_tokens_per_node_s=limits.count(decode_tps, "--decode-tps", limits.TOKENS_PER_NODE_S),
        gpus_per_node=whole(gpus_per_node, "--gpus-per-node", limits.GPUS_PER_NODE),
        peak_factor=limits.count(peak_factor, "--peak-factor", limits.PEAK_FACTOR),
    )


def estimate_traffic(
    *, per_day: str | None, per_month: str | None, dau: str | None, actions_per_user: str | None, peak_factor: Given
) -> Estimate:
    """``sdcoach estimate traffic``."""
    return volume.traffic(
        per_day=count(per_day, "--per-day", limits.EVENTS_PER_DAY),
        per_month=count(per_month, "--per-month", limits.EVENTS_PER_MONTH),
        dau=count(dau, "--dau", limits.DAU),
        actions_per_user=count(actions_per_user, "--actions-per-user", limits.ACTIONS_PER_USER),
        peak_factor=limits.count(peak_factor, "--peak-factor", limits.PEAK_FACTOR),
    )


def estimate_storage(
    *,
    items_per_day: str | None,
    items_per_month: str | None,
    bytes_per_item: str,
    replication: Given,
    retention_years: Given,
    growth: Given,
) -> Estimate:
    """``sdcoach estimate storage``."""
    return volume.storage(
        items_per_day=count(items_per_day, "--items-per-day", limits.ITEMS_PER_DAY),
        items_per_month=count(items_per_month, "--items-per-month", limits.ITEMS_PER_MONTH),
        bytes_per_item=limits.quantity(bytes_per_item, Dimension.BYTES, "--bytes-per-item", limits.ITEM_BYTES, "B"),
        replication=limits.count(replication, "--replication", limits.REPLICATION),
        retention_years=limits.count(retention_years, "--retention-years", limits.RETENTION_YEARS),
        growth_per_year=limits.count(growth, "--growth", limits.GROWTH),
    )


def estimate_embeddings(
    *, items: str, dimensions: Given, dtype: str, index: str, hnsw_m: Given, pq_bytes: Given
) -> Estimate:
    """``sdcoach estimate embeddings``; --hnsw-m and --pq-bytes are read (and checked) only for their index."""
    try:
        layout = AnnIndex(index.lower())
    except ValueError as err:
        raise UsageError(f"--index must be flat, hnsw or ivfpq; got {index!r}.", field="--index") from err
    return memory.embeddings(
        items=limits.count(items, "--items", limits.VECTORS),
        dimensions=whole(dimensions, "--dimensions", limits.DIMENSIONS),
        dtype=dtype_named(dtype),
        index=layout,
        hnsw_m=whole(hnsw_m, "--hnsw-m", limits.HNSW_M) if layout is AnnIndex.HNSW else 0,
        pq_bytes=whole(pq_bytes, "--pq-bytes", limits.PQ_BYTES) if layout is AnnIndex.IVFPQ else 0,
    )


def estimate_allreduce(*, size: str, gpus: Given, bus_bandwidth: str) -> Estimate:
    """``sdcoach estimate allreduce``."""
    return network.allreduce(
        size_bytes=limits.quantity(size, Dimension.BYTES, "--bytes", limits.BUFFER_BYTES, "B"),
        gpus=whole(gpus, "--gpus", limits.RING_GPUS),
        bus_bandwidth=limits.quantity(
            bus_bandwidth, Dimension.BYTES_PER_SECOND, "--bus-bandwidth", limits.BUS_BANDWIDTH, "GB/s"
        ),
    )


def _required_params(model: str | None, params: str | None) -> float:
    value = model_params(model, params)
    if value is None:
        raise UsageError("Give --params (e.g. 70e9 or 70B) or --model NAME.", field="--params")
    return value


def _attention_shape(model: str | None, shape: ShapeFlags) -> tuple[int, int, int, int | None]:
    if model is not None:
        arch: ModelArchitecture = registry().model(model)
        return arch.layers, arch.kv_heads, arch.head_dim, arch.kv_latent_dim
    if shape.layers is None:
        raise UsageError("Give --model NAME, or --layers with --kv-heads and --head-dim.", field="--model")
    layers = whole(shape.layers, "--layers", limits.LAYERS)
    if shape.kv_heads is not None and shape.head_dim is not None:
        kv_heads = whole(shape.kv_heads, "--kv-heads", limits.KV_HEADS)
        return layers, kv_heads, whole(shape.head_dim, "--head-dim", limits.HEAD_DIM), None
    if shape.hidden_size is not None:
        heads = whole(shape.heads or 1, "--heads", limits.KV_HEADS)
        hidden = whole(shape.hidden_size, "--hidden-size", limits.HIDDEN_SIZE)
        return layers, heads, max(1, hidden // heads), None
    raise UsageError(
        "Give --kv-heads and --head-dim (GQA), or --hidden-size (multi-head attention).", field="--kv-heads"
    )


def _flop_rate(text: str, flag: str) -> float:
    """A per-GPU FLOP/s figure; a bare number is in TFLOP/s."""
    return limits.quantity(text, Dimension.FLOP_RATE, flag, limits.PEAK_FLOPS, TFLOPS)


def _serving_gpu(chip: Accelerator, dtype: Dtype) -> tuple[serving.ServingGpu, str]:
    """The accelerator as the roofline sees it, and the precision whose dense peak it uses.

    FP4 weights use the FP4 peak where the chip has one; 8- and 4-bit weights otherwise the FP8 peak
    (weight-only INT4 dequantises before the matmul); anything else, or a chip without them, BF16.
    """
    peak, precision = chip.bf16_tflops, "BF16"
    if dtype is Dtype.FP4 and chip.fp4_tflops:
        peak, precision = chip.fp4_tflops, "FP4"
    elif dtype in (Dtype.FP8, Dtype.INT8, Dtype.FP4, Dtype.INT4) and chip.fp8_tflops:
        peak, precision = chip.fp8_tflops, "FP8"
    gpu = serving.ServingGpu(
        chip.name,
        chip.memory_gb * 1e9,
        chip.memory_bandwidth_tb_s * 1e12,
        peak * 1e12,
        scale_up_domain=chip.scale_up_domain,
    )
    return gpu, precision


def _noting_gpu(result: Estimate, gpu_name: str | None) -> Estimate:
    if gpu_name is None:
        return result
    return replace(result, assumptions=(f"Peak from the registry: {gpu_name}, dense BF16.", *result.assumptions))
