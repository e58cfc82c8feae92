"""``sdcoach estimate`` training-side calculators: compute, MFU, weights, training memory, checkpoints, KV cache."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sdcoach.engine.estimate.working import Estimate

Json = Annotated[bool, typer.Option("--json", help="Print one JSON object (numbers in base units).")]
Params = Annotated[str | None, typer.Option("--params", help="Parameter count: 70e9, 70B, 405e9.")]
ModelName = Annotated[str | None, typer.Option("--model", help="A model from `sdcoach estimate models`.")]
Dtype = Annotated[str, typer.Option("--dtype", help="fp32, bf16, fp16, fp8, int8, fp4 or int4.")]
Gpu = Annotated[str | None, typer.Option("--gpu", help="An accelerator from `sdcoach estimate hardware`.")]
PeakTflops = Annotated[str | None, typer.Option("--peak-tflops", help="Dense peak per GPU: 989 or 989TFLOPS.")]
Mfu = Annotated[str | None, typer.Option("--mfu", help="Model FLOPs utilisation: 0.4 or 40%.")]
Achieved = Annotated[str | None, typer.Option("--achieved-tflops", help="Measured TFLOP/s per GPU.")]


def show(result: Estimate, as_json: bool) -> None:
    """Print an estimate as Rich or JSON."""
    from sdcoach.cli.render_estimate import print_estimate

    print_estimate(result, as_json)


def training_command(
    params: Params = None,
    model: ModelName = None,
    tokens: Annotated[str | None, typer.Option("--tokens", help="Training tokens: 15.6T, 2e12.")] = None,
    flops_per_param_token: Annotated[
        str,
        typer.Option(help="6 = forward (2) + backward (4); 8 with full activation recomputation."),
    ] = "6",
    total_flops: Annotated[str | None, typer.Option("--total-flops", help="Skip params x tokens: 3.8e25.")] = None,
    gpu: Gpu = None,
    peak_tflops: PeakTflops = None,
    gpus: Annotated[str | None, typer.Option("--gpus", help="GPUs in the job, for wall-clock days.")] = None,
    mfu: Mfu = None,
    achieved_tflops: Achieved = None,
    usd_per_gpu_hour: Annotated[str | None, typer.Option(help="Price per GPU-hour, for the cost.")] = None,
    as_json: Json = False,
) -> None:
    """Training compute: total FLOPs, GPU-hours, days and cost."""
    from sdcoach.services.estimates import ComputeFlags, estimate_training

    compute = ComputeFlags(gpu=gpu, peak_tflops=peak_tflops, mfu=mfu, achieved_tflops=achieved_tflops)
    result = estimate_training(
        params=params,
        model=model,
        tokens=tokens,
        flops_per_param_token=flops_per_param_token,
        total_flops=total_flops,
        compute=compute,
        gpus=gpus,
        usd_per_gpu_hour=usd_per_gpu_hour,
    )
    show(result, as_json)


def mfu_command(
    achieved_tflops: Annotated[str, typer.Option("--achieved-tflops", help="Measured TFLOP/s per GPU.")],
    gpu: Gpu = None,
    peak_tflops: PeakTflops = None,
    as_json: Json = False,
) -> None:
    """Model FLOPs utilisation from an achieved rate and a peak."""
    from sdcoach.services.estimates import ComputeFlags, estimate_mfu

    show(estimate_mfu(achieved_tflops=achieved_tflops, compute=ComputeFlags(gpu=gpu, peak_tflops=peak_tflops)), as_json)


def weights_command(
    params: Params = None, model: ModelName = None, dtype: Dtype = "bf16", as_json: Json = False
) -> None:
    """Bytes to hold a model's weights."""
    from sdcoach.services.estimates import estimate_weights

    show(estimate_weights(params=params, model=model, dtype=dtype), as_json)


def training_memory_command(
    params: Params = None,
    model: ModelName = None,
    gpus: Annotated[str, typer.Option("--gpus", help="Data-parallel GPUs the states are sharded over.")] = "8",
    zero_stage: Annotated[
        str, typer.Option("--zero-stage", help="0 none, 1 optimizer, 2 +gradients, 3 +weights (FSDP).")
    ] = "3",
    dtype: Dtype = "bf16",
    as_json: Json = False,
) -> None:
    """Per-GPU memory for weights, gradients and Adam states under ZeRO / FSDP."""
    from sdcoach.services.estimates import estimate_training_memory

    show(estimate_training_memory(params=params, model=model, gpus=gpus, zero_stage=zero_stage, dtype=dtype), as_json)


def checkpoint_command(
    params: Params = None,
    model: ModelName = None,
    optimizer: Annotated[str, typer.Option("--optimizer", help="adam (resumable) or none (weights only).")] = "adam",
    dtype: Dtype = "bf16",
    write_bandwidth: Annotated[str | None, typer.Option("--write-bandwidth", help="Aggregate: 40GB/s.")] = None,
    as_json: Json = False,
) -> None:
    """Checkpoint size, weights alone and resumable, and the time to write it."""
    from sdcoach.services.estimates import estimate_checkpoint

    result = estimate_checkpoint(
        params=params, model=model, optimizer=optimizer, dtype=dtype, write_bandwidth=write_bandwidth
    )
    show(result, as_json)


def kv_cache_command(
    model: ModelName = None,
    layers: Annotated[str | None, typer.Option("--layers", help="Transformer layers.")] = None,
    kv_heads: Annotated[str | None, typer.Option("--kv-heads", help="KV heads (GQA); heads for MHA.")] = None,
    head_dim: Annotated[str | None, typer.Option("--head-dim", help="Width of one attention head.")] = None,
    hidden_size: Annotated[
        str | None, typer.Option("--hidden-size", help="Multi-head attention: K and V are this wide.")
    ] = None,
    dtype: Dtype = "bf16",
    seq_len: Annotated[str, typer.Option("--seq-len", help="Tokens per sequence (prompt + output).")] = "4096",
    batch: Annotated[str, typer.Option("--batch", help="Concurrent sequences.")] = "1",
    as_json: Json = False,
) -> None:
    """KV-cache bytes per token, per sequence and for a batch (GQA and MLA aware)."""
    from sdcoach.services.estimates import ShapeFlags, estimate_kv_cache

    shape = ShapeFlags(layers=layers, kv_heads=kv_heads, head_dim=head_dim, hidden_size=hidden_size)
    show(estimate_kv_cache(model=model, shape=shape, dtype=dtype, seq_len=seq_len, batch=batch), as_json)


def register(app: typer.Typer) -> None:
    """Add these calculators to the estimate group."""
    app.command("training")(training_command)
    app.command("mfu")(mfu_command)
    app.command("weights")(weights_command)
    app.command("training-memory")(training_memory_command)
    app.command("checkpoint")(checkpoint_command)
    app.command("kv-cache")(kv_cache_command)
