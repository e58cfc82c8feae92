"""``sdcoach estimate`` capacity calculators: serving, traffic, storage, embeddings, all-reduce."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.estimate_compute import Dtype, Json, show


def serving_command(
    model: Annotated[str | None, typer.Option("--model", help="Roofline mode: a model from the registry.")] = None,
    gpu: Annotated[str | None, typer.Option("--gpu", help="Roofline mode: an accelerator from the registry.")] = None,
    dtype: Dtype = "bf16",
    prompt_tokens: Annotated[str, typer.Option("--prompt-tokens")] = "1000",
    output_tokens: Annotated[str, typer.Option("--output-tokens")] = "250",
    qps: Annotated[str, typer.Option("--qps", help="Target requests per second at peak.")] = "10",
    tpot_ms: Annotated[str, typer.Option("--tpot-ms", help="Latency SLO: time per output token, ms.")] = "50",
    gpus_per_replica: Annotated[
        str | None, typer.Option(help="Tensor-parallel size; default: the smallest fit.")
    ] = None,
    input_tokens_per_day: Annotated[str | None, typer.Option(help="Throughput mode: input tokens a day.")] = None,
    output_tokens_per_day: Annotated[str | None, typer.Option(help="Throughput mode: output tokens a day.")] = None,
    prefill_tps: Annotated[
        str | None, typer.Option(help="Throughput mode: measured prefill tokens/s per node.")
    ] = None,
    decode_tps: Annotated[str | None, typer.Option(help="Throughput mode: measured decode tokens/s per node.")] = None,
    gpus_per_node: Annotated[str, typer.Option(help="Throughput mode: GPUs per node.")] = "8",
    peak_factor: Annotated[str, typer.Option(help="Throughput mode: peak over the daily average (1 or more).")] = "1",
    as_json: Json = False,
) -> None:
    """GPUs for LLM serving: roofline from a model and GPU, or from measured per-node throughput."""
    from sdcoach.services import estimates

    if input_tokens_per_day is not None:
        result = estimates.estimate_serving_throughput(
            input_per_day=input_tokens_per_day,
            output_per_day=output_tokens_per_day,
            prefill_tps=prefill_tps,
            decode_tps=decode_tps,
            gpus_per_node=gpus_per_node,
            peak_factor=peak_factor,
        )
    else:
        flags = estimates.ServingFlags(
            model=model,
            gpu=gpu,
            dtype=dtype,
            prompt_tokens=prompt_tokens,
            output_tokens=output_tokens,
            qps=qps,
            tpot_ms=tpot_ms,
            gpus_per_replica=gpus_per_replica,
        )
        result = estimates.estimate_serving(flags)
    show(result, as_json)


def traffic_command(
    per_day: Annotated[str | None, typer.Option("--per-day", help="Events a day: 500M.")] = None,
    per_month: Annotated[str | None, typer.Option("--per-month", help="Events a month.")] = None,
    dau: Annotated[str | None, typer.Option("--dau", help="Daily active users.")] = None,
    actions_per_user: Annotated[str | None, typer.Option("--actions-per-user")] = None,
    peak_factor: Annotated[str, typer.Option("--peak-factor", help="Peak over average (1 or more).")] = "2",
    as_json: Json = False,
) -> None:
    """Average and peak events per second."""
    from sdcoach.services.estimates import estimate_traffic

    result = estimate_traffic(
        per_day=per_day, per_month=per_month, dau=dau, actions_per_user=actions_per_user, peak_factor=peak_factor
    )
    show(result, as_json)


def storage_command(
    bytes_per_item: Annotated[str, typer.Option("--bytes-per-item", help="Size of one item: 2KB, 500B.")],
    items_per_day: Annotated[str | None, typer.Option("--items-per-day")] = None,
    items_per_month: Annotated[str | None, typer.Option("--items-per-month")] = None,
    replication: Annotated[str, typer.Option("--replication", help="Stored copies.")] = "3",
    retention_years: Annotated[str, typer.Option("--retention-years", help="How long data is kept.")] = "1",
    growth: Annotated[str, typer.Option("--growth", help="Volume growth per year: 0.5 = +50%.")] = "0",
    as_json: Json = False,
) -> None:
    """Storage written per month and held over the retention period."""
    from sdcoach.services.estimates import estimate_storage

    result = estimate_storage(
        items_per_day=items_per_day,
        items_per_month=items_per_month,
        bytes_per_item=bytes_per_item,
        replication=replication,
        retention_years=retention_years,
        growth=growth,
    )
    show(result, as_json)


def embeddings_command(
    items: Annotated[str, typer.Option("--items", help="Vectors: 1B, 5e8.")],
    dimensions: Annotated[str, typer.Option("--dimensions", help="Vector width: 768.")],
    dtype: Annotated[str, typer.Option("--dtype", help="fp32, fp16, bf16, int8...")] = "fp32",
    index: Annotated[str, typer.Option("--index", help="flat, hnsw or ivfpq.")] = "hnsw",
    hnsw_m: Annotated[str, typer.Option("--hnsw-m", help="HNSW neighbours per node (M).")] = "32",
    pq_bytes: Annotated[str, typer.Option("--pq-bytes", help="IVF-PQ code bytes per vector.")] = "64",
    as_json: Json = False,
) -> None:
    """Embedding table bytes and the ANN index that serves them."""
    from sdcoach.services.estimates import estimate_embeddings

    result = estimate_embeddings(
        items=items, dimensions=dimensions, dtype=dtype, index=index, hnsw_m=hnsw_m, pq_bytes=pq_bytes
    )
    show(result, as_json)


def allreduce_command(
    size: Annotated[str, typer.Option("--bytes", help="Buffer to reduce: 140GB, 2GiB.")],
    gpus: Annotated[str, typer.Option("--gpus", help="GPUs in the ring.")],
    bus_bandwidth: Annotated[str, typer.Option("--bus-bandwidth", help="Per-GPU bus bandwidth: 400GB/s.")],
    as_json: Json = False,
) -> None:
    """Time of a bandwidth-bound ring all-reduce."""
    from sdcoach.services.estimates import estimate_allreduce

    show(estimate_allreduce(size=size, gpus=gpus, bus_bandwidth=bus_bandwidth), as_json)


def register(app: typer.Typer) -> None:
    """Add these calculators to the estimate group."""
    app.command("serving")(serving_command)
    app.command("traffic")(traffic_command)
    app.command("storage")(storage_command)
    app.command("embeddings")(embeddings_command)
    app.command("allreduce")(allreduce_command)
