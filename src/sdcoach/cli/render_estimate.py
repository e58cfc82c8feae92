"""Print estimates and the registries: a Rich view for people, one JSON object for scripts.

Rich is imported only for the view for people: ``--json`` output (what scripts and benchmarks call) is the
standard library's, so it starts without Rich's ~40 modules.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from functools import cache
from typing import TYPE_CHECKING, Any

from sdcoach.content.hardware import Registry
from sdcoach.engine.estimate.working import Estimate

if TYPE_CHECKING:
    from rich.console import Console


@cache
def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def estimate_payload(result: Estimate) -> dict[str, Any]:
    """Results in base units under their keys, then ``steps`` and ``assumptions``."""
    payload: dict[str, Any] = dict(result.values)
    payload.update(result.labels)
    payload["units"] = dict(result.units)
    payload["steps"] = [
        {"name": s.name, "exact": s.exact, "rough": s.rough, "value": s.value, "unit": s.unit} for s in result.steps
    ]
    payload["assumptions"] = list(result.assumptions)
    return payload


def print_estimate(result: Estimate, as_json: bool) -> None:
    """The headline results, the worked steps (exact and mental-math), and the assumptions."""
    if as_json:
        sys.stdout.write(json.dumps(estimate_payload(result), indent=2) + "\n")
        return
    from rich.table import Table

    console = _console()
    console.rule(f"[bold]{result.title}[/bold]", align="left")
    results = Table(show_header=False, box=None, padding=(0, 2))
    results.add_column(style="bold")
    results.add_column(style="green")
    for label, value in result.headline_rows():
        results.add_row(label, value)
    console.print(results)
    steps = Table(title="Working", title_justify="left", show_lines=False)
    steps.add_column("Step", style="bold", overflow="fold")
    steps.add_column("Exact", overflow="fold")
    steps.add_column("Say it as", overflow="fold", style="cyan")
    for step in result.steps:
        steps.add_row(step.name, step.exact, step.rough)
    console.print(steps)
    console.print("[bold]Assumptions[/bold]")
    for assumption in result.assumptions:
        console.print(f"  • {assumption}")


def print_hardware(registry: Registry, as_json: bool) -> None:
    """The accelerator registry, per chip."""
    if as_json:
        _print_json({"accelerators": [asdict(a) for a in registry.accelerators]})
        return
    from rich.table import Table

    console = _console()
    table = Table(title="Accelerators, per chip (dense peaks, no sparsity)", title_justify="left")
    for column in ("Id", "Name", "Memory", "HBM BW", "BF16", "FP8", "FP4", "Scale-up", "Domain"):
        table.add_column(column, overflow="fold")
    for a in registry.accelerators:
        table.add_row(
            a.id,
            a.name,
            f"{a.memory_gb:g} GB",
            f"{a.memory_bandwidth_tb_s:g} TB/s",
            f"{a.bf16_tflops:g} TF",
            _tflops(a.fp8_tflops),
            _tflops(a.fp4_tflops),
            f"{a.interconnect_gb_s:g} GB/s",
            str(a.scale_up_domain) if a.scale_up_domain else "—",
        )
    console.print(table)
    console.print(
        "Domain: accelerators one scale-up fabric joins (NVLink domain, ICI pod). "
        "Sources: `sdcoach estimate hardware --json` lists each entry's datasheet."
    )


def print_models(registry: Registry, as_json: bool) -> None:
    """The model registry."""
    if as_json:
        _print_json({"models": [asdict(m) for m in registry.models]})
        return
    from rich.table import Table

    console = _console()
    table = Table(title="Models", title_justify="left")
    columns = ("Id", "Params", "Active", "Experts", "Layers", "Hidden", "Heads", "KV heads", "Head dim", "Attention")
    for column in columns:
        table.add_column(column, overflow="fold")
    for m in registry.models:
        active = f"{m.active_params / 1e9:g}B" if m.active_params else "—"
        experts = f"{m.experts_per_token} of {m.experts}" if m.experts else "—"
        if m.shared_experts:
            experts += f" + {m.shared_experts} shared"
        attention = f"{m.attention.value} ({m.kv_latent_dim})" if m.kv_latent_dim else m.attention.value
        if m.local_attention_window:
            attention += f", {m.local_attention_layers} layers window {m.local_attention_window:,}"
        table.add_row(
            m.id,
            f"{m.params / 1e9:g}B",
            active,
            experts,
            str(m.layers),
            str(m.hidden_size),
            str(m.heads),
            str(m.kv_heads),
            str(m.head_dim),
            attention,
        )
    console.print(table)
    console.print("Sources: `sdcoach estimate models --json` lists each entry's paper or model card.")


def _tflops(value: float | None) -> str:
    return f"{value:g} TF" if value else "—"


def _print_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, indent=2) + "\n")
