"""Training calculators: compute and GPU-hours, MFU, per-GPU memory under ZeRO/FSDP, and checkpoint size."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.engine.estimate.memory import Dtype
from sdcoach.engine.estimate.units import require_fraction, require_positive
from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError

# Mixed-precision Adam keeps an fp32 master copy, momentum and variance: 4 + 4 + 4 bytes per parameter
# (Rajbhandari et al., "ZeRO", SC 2020, section 3.1: K = 12).
ADAM_STATE_BYTES = 12.0
SECONDS_PER_HOUR = 3600.0


@dataclass(frozen=True)
class Compute:
    """How fast one GPU really goes: a peak and an MFU, or an achieved rate (FLOP/s)."""

    peak_flops: float | None = None
    mfu: float | None = None
    achieved_flops: float | None = None

    def rate(self) -> float | None:
        """Achieved FLOP/s per GPU, when the inputs determine it."""
        if self.achieved_flops is not None:
            return require_positive(self.achieved_flops, "--achieved-tflops")
        if self.peak_flops is not None and self.mfu is not None:
            return require_positive(self.peak_flops, "--peak-tflops") * require_fraction(self.mfu, "--mfu")
        return None


def training(
    *,
    params: float | None,
    tokens: float | None,
    flops_per_param_token: float = 6.0,
    total_flops: float | None = None,
    compute: Compute = Compute(),
    gpus: float | None = None,
    usd_per_gpu_hour: float | None = None,
) -> Estimate:
    """Total training FLOPs, then GPU-hours, wall-clock days and cost as far as the inputs allow."""
    work = Working("Training compute")
    if total_flops is None:
        if params is None or tokens is None:
            raise UsageError("Give --params and --tokens, or --total-flops.", field="--params")
        total_flops = work.product(
            "total compute",
            [
                Term(flops_per_param_token, "FLOPs per parameter per token"),
                Term(params, "parameters", "params"),
                Term(tokens, "tokens", "tokens"),
            ],
            "FLOP",
            key="total_flops",
        )
        _assume_flops_rule(work, flops_per_param_token)
    else:
        work.result("total_flops", total_flops, "FLOP")
    rate = compute.rate()
    if rate is None:
        work.assume("GPU-hours need a per-GPU rate: add --gpu/--peak-tflops with --mfu, or --achieved-tflops.")
    else:
        _time_and_cost(work, total_flops, rate, compute, gpus, usd_per_gpu_hour)
    return work.finish(*[k for k in ("total_flops", "gpu_hours", "days", "cost_usd") if k in work.values])


def _time_and_cost(
    work: Working, total_flops: float, rate: float, compute: Compute, gpus: float | None, usd: float | None
) -> None:
    """GPU-hours at the achieved rate, then wall-clock days and cost when GPUs and a price are given."""
    gpu_hours = work.quotient(
        "GPU-hours",
        [Term(total_flops, "FLOPs", "FLOP")],
        [Term(rate, "achieved FLOP/s per GPU", "FLOP/s"), Term(SECONDS_PER_HOUR, "s per hour")],
        "GPU-h",
        key="gpu_hours",
    )
    if compute.mfu is not None and compute.achieved_flops is None:
        work.assume(
            f"MFU {compute.mfu:.0%} of dense peak, sustained for the whole run (restarts and evals not counted)."
        )
    if gpus is not None:
        work.quotient(
            "wall-clock days",
            [Term(gpu_hours, "GPU-hours", "GPU-h")],
            [Term(require_positive(gpus, "--gpus"), "GPUs"), Term(24, "h per day")],
            "days",
            key="days",
        )
    if usd is not None:
        work.product(
            "cost", [Term(gpu_hours, "GPU-hours", "GPU-h"), Term(usd, "$ per GPU-hour", "USD")], "USD", key="cost_usd"
        )


def mfu(*, achieved_flops: float, peak_flops: float) -> Estimate:
    """Model FLOPs utilisation: achieved over peak."""
    work = Working("Model FLOPs utilisation")
    value = work.quotient(
        "MFU",
        [Term(require_positive(achieved_flops, "--achieved-tflops"), "achieved", "FLOP/s")],
        [Term(require_positive(peak_flops, "--peak-tflops"), "dense peak", "FLOP/s")],
        "",
        key="mfu",
    )
    if value > 1:
        raise UsageError(
            f"Achieved {achieved_flops / 1e12:g} TFLOP/s is above the {peak_flops / 1e12:g} peak; MFU cannot exceed 1.",
            field="--achieved-tflops",
            hint="Check that the peak is the dense (not sparse) figure for the same precision.",
        )
    work.assume("Peak is the dense figure for the training precision (sparsity doubles datasheet numbers).")
    work.assume("Achieved counts model FLOPs only (6 per parameter per token), not recomputation.")
    return work.finish("mfu")


def training_memory(*, params: float, gpus: float, zero_stage: int, dtype: Dtype = Dtype.BF16) -> Estimate:
    """Per-GPU bytes for weights, gradients and Adam states under ZeRO stage 0-3 (FSDP full shard = 3)."""
    if zero_stage not in (0, 1, 2, 3):
        raise UsageError(f"--zero-stage must be 0, 1, 2 or 3; got {zero_stage}.", field="--zero-stage")
    shards = require_positive(gpus, "--gpus")
    work = Working(f"Training memory per GPU (ZeRO stage {zero_stage})")
    parts = (
        ("weights_bytes", "weights", dtype.bytes, zero_stage >= 3),
        ("gradients_bytes", "gradients", dtype.bytes, zero_stage >= 2),
        ("optimizer_bytes", "Adam states (fp32 master, momentum, variance)", ADAM_STATE_BYTES, zero_stage >= 1),
    )
    terms = []
    for key, name, per_param, is_sharded in parts:
        if is_sharded:
            value = work.quotient(
                f"{name}, sharded",
                [Term(params, "parameters", "params"), Term(per_param, "bytes per parameter", "B")],
                [Term(shards, "GPUs")],
                "B",
                key=key,
            )
        else:
            value = work.product(
                f"{name}, replicated",
                [Term(params, "parameters", "params"), Term(per_param, "bytes per parameter", "B")],
                "B",
                key=key,
            )
        terms.append(Term(value, name, "B"))
    work.total("per GPU", terms, "B", key="bytes_per_gpu")
    work.assume(
        f"Mixed-precision Adam: {dtype.value} weights and gradients, 12 bytes of fp32 optimizer state per parameter."
    )
    work.assume("Model states only: activations, temporary buffers and fragmentation come on top.")
    return work.finish("bytes_per_gpu", "weights_bytes", "gradients_bytes", "optimizer_bytes")


def checkpoint(
    *, params: float, with_optimizer: bool, dtype: Dtype = Dtype.BF16, write_bandwidth: float | None = None
) -> Estimate:
    """Checkpoint bytes (weights alone, and what a resumable checkpoint holds) and the time to write it."""
    work = Working("Checkpoint size")
    weights_bytes = work.product(
        "weights", [Term(params, "parameters", "params"), Term(dtype.bytes, "bytes", "B")], "B", key="weights_bytes"
    )
    full = weights_bytes
    if with_optimizer:
        optimizer = work.product(
            "Adam states", [Term(params, "parameters", "params"), Term(ADAM_STATE_BYTES, "bytes", "B")], "B"
        )
        full = work.total(
            "resumable checkpoint",
            [Term(weights_bytes, "weights", "B"), Term(optimizer, "Adam", "B")],
            "B",
            key="full_bytes",
        )
        work.assume("A resumable checkpoint holds the weights plus fp32 master weights, momentum and variance.")
        work.assume("Data-loader position and RNG state are kilobytes and ignored.")
    else:
        work.result("full_bytes", full, "B")
        work.assume("No optimizer state: enough to serve or fine-tune, not to resume the same run exactly.")
    if write_bandwidth is not None:
        work.quotient(
            "write time",
            [Term(full, "bytes", "B")],
            [Term(require_positive(write_bandwidth, "--write-bandwidth"), "aggregate write bandwidth", "B/s")],
            "s",
            key="write_seconds",
        )
        work.assume("Write bandwidth is the aggregate the storage sustains for all ranks writing in parallel.")
    return work.finish(*[k for k in ("weights_bytes", "full_bytes", "write_seconds") if k in work.values])


def _assume_flops_rule(work: Working, factor: float) -> None:
    if factor == 6:
        work.assume(
            "6 FLOPs per parameter per token: 2 for the forward pass and 4 for the backward "
            "(Kaplan et al. 2020); use 8 with full activation recomputation."
        )
    elif factor == 8:
        work.assume(
            "8 FLOPs per parameter per token: the forward pass is run twice under full activation recomputation."
        )
    else:
        work.assume(f"{factor:g} FLOPs per parameter per token, as given.")
    work.assume("Attention FLOPs (which grow with sequence length) are left out; small below ~8k context.")
