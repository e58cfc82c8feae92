"""Serving calculators: GPUs for an LLM at a target QPS and latency (roofline), or from measured node throughput."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from sdcoach.engine.estimate.memory import LocalAttention
from sdcoach.engine.estimate.moe import RoutedExperts
from sdcoach.engine.estimate.units import require_fraction, require_positive, require_whole
from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError


@dataclass(frozen=True)
class ServedModel:
    """What the roofline needs of a model: a mixture of experts names its routed experts, a model
    with sliding-window or chunked layers its local attention (and its layer count)."""

    name: str
    params_per_token: float
    weights_bytes: float
    kv_bytes_per_token: float
    experts: RoutedExperts | None = None
    local: LocalAttention | None = None
    layers: int | None = None

    def __post_init__(self) -> None:
        if self.local is not None and not (self.layers and 0 < self.local.layers <= self.layers):
            raise UsageError(f"{self.name}: local-attention layers need the model's layer count, and no more.")

    def weights_read(self, batch: float) -> float:
        """Weight bytes one decode step reads for ``batch`` sequences (an MoE reads only the experts touched)."""
        if self.experts is None:
            return self.weights_bytes
        routed = self.experts.experts * self.experts.bytes_per_expert
        return self.weights_bytes - routed + self.experts.touched(batch) * self.experts.bytes_per_expert

    def kv_bytes(self, tokens: float) -> float:
        """KV-cache bytes of one sequence of ``tokens`` (local-attention layers keep only their window)."""
        if self.local is None or self.layers is None:
            return self.kv_bytes_per_token * tokens
        share = self.local.layers / self.layers
        return self.kv_bytes_per_token * ((1 - share) * tokens + share * min(tokens, self.local.window))


@dataclass(frozen=True)
class ServingGpu:
    """What the roofline needs of an accelerator; the scale-up domain caps tensor parallelism."""

    name: str
    memory_bytes: float
    bandwidth_bytes_per_s: float
    peak_flops: float
    scale_up_domain: int | None = None


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
        plan = _serving_at(model, gpu, load, require_whole(gpus_per_replica, "--gpus-per-replica"))
        return _noting_domain(plan, model, gpu)
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
    best = replace(best, assumptions=(f"Replica size chosen for the fewest GPUs ({tried}).", *best.assumptions))
    return _noting_domain(best, model, gpu)


def _noting_domain(plan: Estimate, model: ServedModel, gpu: ServingGpu) -> Estimate:
    """Say so when a replica is larger than one scale-up domain (NVLink domain, ICI pod)."""
    size, domain = plan.values["gpus_per_replica"], gpu.scale_up_domain
    if domain is None or size <= domain:
        return plan
    how = (
        "expert parallelism can span domains, but its all-to-all then crosses the scale-out network, "
        "which this roofline does not charge"
        if model.experts is not None
        else "tensor parallelism over the scale-out network is far slower than this roofline assumes"
    )
    note = f"A replica of {size:g} spans {math.ceil(size / domain)} scale-up domains of {domain} GPUs: {how}."
    return replace(plan, assumptions=(note, *plan.assumptions))


def _serving_at(model: ServedModel, gpu: ServingGpu, load: Workload, tp: int) -> Estimate:
    """The plan for replicas of ``tp`` GPUs each."""
    work = Working(f"Serving {model.name} on {gpu.name}")
    memory_batch, slo_batch = _batch_limits(work, model, gpu, load, tp)
    bandwidth = tp * gpu.bandwidth_bytes_per_s
    kv_avg = _kv_read_per_sequence(model, load)
    batch = max(1, min(memory_batch, slo_batch))
    read = _weights_read(work, model, batch)
    step = (read + batch * kv_avg) / bandwidth
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
    _assume_serving(work, model, load, (batch, read, step), bottleneck)
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
    return model.kv_bytes(load.prompt_tokens + load.output_tokens / 2)


def _weights_read(work: Working, model: ServedModel, batch: int) -> float:
    """Weight bytes per decode step: all of them for a dense model, the always-active part plus the
    experts the batch touches for a mixture of experts."""
    if model.experts is None:
        return work.result("weights_read_bytes", model.weights_bytes, "B")
    experts = model.experts
    routed = work.product(
        "routed expert weights read per decode step",
        [
            Term(experts.touched(batch), f"experts touched of {experts.experts} at batch {batch}"),
            Term(experts.bytes_per_expert, "bytes per expert", "B"),
        ],
        "B",
    )
    always = model.weights_bytes - experts.experts * experts.bytes_per_expert
    return work.total(
        "weights read per decode step",
        [Term(always, "always-active weights", "B"), Term(routed, "routed experts", "B")],
        "B",
        key="weights_read_bytes",
    )


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
    tokens = load.prompt_tokens + load.output_tokens
    label = "bytes per token" if model.local is None else "bytes per token (averaged: windowed layers cap)"
    per_sequence = work.product(
        "KV cache per sequence", [Term(model.kv_bytes(tokens) / tokens, label, "B"), Term(tokens, "tokens")], "B"
    )
    budget = load.tpot_seconds * tp * gpu.bandwidth_bytes_per_s
    kv_avg = _kv_read_per_sequence(model, load)
    # Each decode step reads the weights once (an MoE only the experts its batch touches) plus the batch's KV cache.
    if model.weights_read(1) + kv_avg > budget:
        floor_ms = model.weights_read(1) / (tp * gpu.bandwidth_bytes_per_s) * 1e3
        weights = "the weights" if model.experts is None else "the active weights"
        raise UsageError(
            f"A {load.tpot_seconds * 1e3:g} ms per-token target is below the {floor_ms:.1f} ms it takes to read "
            f"{weights} once on {tp} × {gpu.name}.",
            field="--tpot-ms",
            hint="Relax the target or use more GPUs per replica (tensor parallelism).",
        )
    return math.floor(kv_room / per_sequence), _largest_batch(model, kv_avg, budget)


def _largest_batch(model: ServedModel, kv_avg: float, budget: float) -> int:
    """The largest batch whose decode step reads at most ``budget`` bytes (the read grows with the batch)."""
    low, high = 1, max(1, math.floor((budget - model.weights_read(1)) / kv_avg))
    while low < high:
        middle = (low + high + 1) // 2
        if model.weights_read(middle) + middle * kv_avg <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def _bottleneck(memory_batch: int, slo_batch: int, prefill_s: float, decode_s: float) -> str:
    if prefill_s > decode_s:
        return "prefill compute"
    return "KV-cache memory" if memory_batch < slo_batch else "decode memory bandwidth (latency target)"


def _assume_serving(
    work: Working, model: ServedModel, load: Workload, decode: tuple[int, float, float], why: str
) -> None:
    batch, read, step = decode
    if model.experts is None:
        work.assume(
            f"Decode reads all {model.weights_bytes / 1e9:.0f} GB of weights once per step: "
            f"{step * 1e3:.1f} ms per step."
        )
    else:
        experts = model.experts
        work.assume(
            f"Mixture of experts: all {model.weights_bytes / 1e9:.0f} GB of weights stay in memory, but a decode step "
            f"of {batch} sequences reads the always-active weights and the routed experts it touches, "
            f"E(1 - (1 - k/E)^B) = {experts.touched(batch):.1f} of E = {experts.experts} (k = {experts.per_token}, "
            f"uniform routing; a skewed router touches fewer): {read / 1e9:.0f} GB, {step * 1e3:.1f} ms per step."
        )
    if model.local is not None:
        work.assume(
            f"{model.local.layers} of {model.layers} layers keep only the last {model.local.window:,} tokens of KV."
        )
    work.assume(
        f"Time per output token target {load.tpot_seconds * 1e3:g} ms caps the batch; continuous batching assumed."
    )
    work.assume(f"{load.memory_utilisation:.0%} of GPU memory usable; prefill at {load.prefill_mfu:.0%} MFU.")
    work.assume(f"Bottleneck: {why}. Bandwidth and peak are datasheet figures; real kernels reach 60-80% of them.")
