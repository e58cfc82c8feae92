"""Serving calculators: GPUs for an LLM at a target QPS and latency (roofline), or from measured node throughput."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from sdcoach.engine.estimate.units import require_fraction, require_positive, require_whole
from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError


@dataclass(frozen=True)
class ServedModel:
    """What the roofline needs of a model."""

    name: str
    params_per_token: float
    weights_bytes: float
    kv_bytes_per_token: float


@dataclass(frozen=True)
class ServingGpu:
    """What the roofline needs of an accelerator."""

    name: str
    memory_bytes: float
    bandwidth_bytes_per_s: float
    peak_flops: float


@dataclass(frozen=True)
class Workload:
    """The traffic to serve and its latency target."""

    qps: float
    prompt_tokens: float
    output_tokens: float
    tpot_seconds: float
    memory_utilisation: float = 0.9
    prefill_mfu: float = 0.5


TENSOR_PARALLEL_SIZES = (1, 2, 4, 8, 16, 32, 64)


def serving(model: ServedModel, gpu: ServingGpu, load: Workload, gpus_per_replica: int | None = None) -> Estimate:
    """Replicas and GPUs for ``load``; without a given replica size, the tensor-parallel size that needs fewest GPUs."""
    require_fraction(load.memory_utilisation, "--memory-utilisation")
    require_fraction(load.prefill_mfu, "--prefill-mfu")
    if gpus_per_replica is not None:
        return _serving_at(model, gpu, load, require_whole(gpus_per_replica, "--gpus-per-replica"))
    plans: list[Estimate] = []
    for tp in TENSOR_PARALLEL_SIZES:
        try:
            plans.append(_serving_at(model, gpu, load, tp))
        except UsageError:
            continue  # this size cannot hold the weights or meet the latency target
    if not plans:
        raise UsageError(
            f"{model.name} cannot meet a {load.tpot_seconds * 1e3:g} ms per-token target on up to 64 × {gpu.name}.",
            field="--tpot-ms",
            hint="Relax the latency target or use a smaller dtype.",
        )
    best = min(plans, key=lambda p: (p.values["gpus"], p.values["gpus_per_replica"]))
    tried = ", ".join(f"TP{p.values['gpus_per_replica']:g}: {p.values['gpus']:g} GPUs" for p in plans)
    return replace(best, assumptions=(f"Replica size chosen for the fewest GPUs ({tried}).", *best.assumptions))


def _serving_at(model: ServedModel, gpu: ServingGpu, load: Workload, tp: int) -> Estimate:
    """The plan for replicas of ``tp`` GPUs each."""
    work = Working(f"Serving {model.name} on {gpu.name}")
    memory_batch, slo_batch = _batch_limits(work, model, gpu, load, tp)
    bandwidth = tp * gpu.bandwidth_bytes_per_s
    kv_avg = _kv_read_per_sequence(model, load)
    batch = max(1, min(memory_batch, slo_batch))
    step = (model.weights_bytes + batch * kv_avg) / bandwidth
    decode_tps = work.quotient(
        "decode tokens/s per replica (memory-bandwidth roofline)",
        [Term(batch, "sequences in the batch")],
        [Term(step, "s per decode step", "s")],
        "tokens/s",
        key="tokens_per_second",
    )
    prefill_s = work.quotient(
        "prefill time per request (compute-bound)",
        [
            Term(2, "FLOPs per param per token"),
            Term(model.params_per_token, "params"),
            Term(load.prompt_tokens, "tokens"),
        ],
        [Term(tp * gpu.peak_flops, "peak FLOP/s", "FLOP/s"), Term(load.prefill_mfu, "prefill MFU")],
        "s",
    )
    decode_s = load.output_tokens / decode_tps
    per_replica_qps = work.quotient(
        "requests/s per replica",
        [Term(1, "request")],
        [Term(prefill_s + decode_s, "GPU-seconds per request (prefill + decode share)", "s")],
        "req/s",
    )
    replicas = math.ceil(require_positive(load.qps, "--qps") / per_replica_qps)
    work.result("replicas", replicas, "replicas")
    work.result("gpus", replicas * tp, "GPUs")
    work.result("gpus_per_replica", tp, "GPUs")
    work.result("batch", batch, "sequences")
    bottleneck = _bottleneck(memory_batch, slo_batch, prefill_s, decode_s)
    work.label("bottleneck", bottleneck)
    _assume_serving(work, model, gpu, load, step, bottleneck)
    return work.finish("gpus", "replicas", "tokens_per_second")


def throughput(
    *,
    input_tokens_per_day: float,
    output_tokens_per_day: float,
    prefill_tokens_per_node_s: float,
    decode_tokens_per_node_s: float,
    gpus_per_node: int,
    peak_factor: float = 1.0,
) -> Estimate:
    """Nodes from measured per-node prefill and decode throughput and daily token volumes."""
    work = Working("Serving from measured throughput")
    day = 86400.0
    prefill_nodes = work.quotient(
        "nodes busy with prefill",
        [Term(input_tokens_per_day, "input tokens/day"), Term(peak_factor, "peak factor")],
        [Term(day, "s/day"), Term(require_positive(prefill_tokens_per_node_s, "--prefill-tps"), "tokens/s per node")],
        "nodes",
    )
    decode_nodes = work.quotient(
        "nodes busy with decode",
        [Term(output_tokens_per_day, "output tokens/day"), Term(peak_factor, "peak factor")],
        [Term(day, "s/day"), Term(require_positive(decode_tokens_per_node_s, "--decode-tps"), "tokens/s per node")],
        "nodes",
    )
    nodes = work.total(
        "nodes", [Term(prefill_nodes, "prefill", "nodes"), Term(decode_nodes, "decode", "nodes")], "nodes"
    )
    work.result("replicas", math.ceil(nodes), "nodes")
    work.result("gpus", math.ceil(nodes) * gpus_per_node, "GPUs")
    work.result("tokens_per_second", (input_tokens_per_day + output_tokens_per_day) * peak_factor / day, "tokens/s")
    work.assume("Measured per-node throughputs already include batching, cache hits and scheduling losses.")
    work.assume("Prefill and decode capacity add up (disaggregated pools, or time-sliced on the same nodes).")
    work.label("bottleneck", "decode" if decode_nodes >= prefill_nodes else "prefill")
    return work.finish("gpus", "replicas", "tokens_per_second")


def _kv_read_per_sequence(model: ServedModel, load: Workload) -> float:
    """KV bytes a decode step reads per sequence: the prompt plus, on average, half the output."""
    return model.kv_bytes_per_token * (load.prompt_tokens + load.output_tokens / 2)


def _batch_limits(work: Working, model: ServedModel, gpu: ServingGpu, load: Workload, tp: int) -> tuple[int, int]:
    """The largest batch memory allows, and the largest the per-token latency target allows."""
    usable = work.product(
        "usable memory per replica",
        [Term(tp, "GPUs"), Term(gpu.memory_bytes, "bytes per GPU", "B"), Term(load.memory_utilisation, "usable share")],
        "B",
    )
    kv_room = usable - model.weights_bytes
    if kv_room <= 0:
        raise UsageError(
            f"{model.name} weights ({model.weights_bytes / 1e9:.0f} GB) do not fit in {tp} × {gpu.name}.",
            field="--gpus-per-replica",
            hint="Use more GPUs per replica or a smaller dtype.",
        )
    tokens = Term(load.prompt_tokens + load.output_tokens, "tokens")
    per_sequence = work.product(
        "KV cache per sequence", [Term(model.kv_bytes_per_token, "bytes per token", "B"), tokens], "B"
    )
    bandwidth = tp * gpu.bandwidth_bytes_per_s
    # Each decode step reads every weight once plus the batch's KV cache.
    slo_batch = math.floor((load.tpot_seconds * bandwidth - model.weights_bytes) / _kv_read_per_sequence(model, load))
    if slo_batch < 1:
        floor_ms = model.weights_bytes / bandwidth * 1e3
        raise UsageError(
            f"A {load.tpot_seconds * 1e3:g} ms per-token target is below the {floor_ms:.1f} ms it takes to read "
            f"the weights once on {tp} × {gpu.name}.",
            field="--tpot-ms",
            hint="Relax the target or use more GPUs per replica (tensor parallelism).",
        )
    return math.floor(kv_room / per_sequence), slo_batch


def _bottleneck(memory_batch: int, slo_batch: int, prefill_s: float, decode_s: float) -> str:
    if prefill_s > decode_s:
        return "prefill compute"
    return "KV-cache memory" if memory_batch < slo_batch else "decode memory bandwidth (latency target)"


def _assume_serving(work: Working, model: ServedModel, gpu: ServingGpu, load: Workload, step: float, why: str) -> None:
    work.assume(
        f"Decode reads all {model.weights_bytes / 1e9:.0f} GB of weights once per step: {step * 1e3:.1f} ms per step."
    )
    work.assume(
        f"Time per output token target {load.tpot_seconds * 1e3:g} ms caps the batch; continuous batching assumed."
    )
    work.assume(f"{load.memory_utilisation:.0%} of GPU memory usable; prefill at {load.prefill_mfu:.0%} MFU.")
    work.assume(f"Bottleneck: {why}. Bandwidth and peak are datasheet figures; real kernels reach 60-80% of them.")
