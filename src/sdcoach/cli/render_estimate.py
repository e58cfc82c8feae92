"""Print estimates and the registries: a Rich view for people, one JSON object for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from sdcoach.content.hardware_schema import Registry
from sdcoach.engine.estimate.numbers import format_value
from sdcoach.engine.estimate.working import Estimate

console = Console(highlight=False)


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
    console.rule(f"[bold]{result.title}[/bold]", align="left")
    results = Table(show_header=False, box=None, padding=(0, 2))
    results.add_column(style="bold")
    results.add_column(style="green")
    for key in result.headline:
        results.add_row(key.replace("_", " "), format_value(result.values[key], result.units[key]))
    for key, text in result.labels.items():
        results.add_row(key.replace("_", " "), text)
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
    """The accelerator registry."""
    if as_json:
        _print_json({"accelerators": [a.model_dump(mode="json") for a in registry.accelerators]})
        return
    table = Table(title="Accelerators (dense peaks, no sparsity)", title_justify="left")
    for column in ("Id", "Name", "Memory", "HBM BW", "BF16", "FP8", "Scale-up"):
        table.add_column(column, overflow="fold")
    for a in registry.accelerators:
        fp8 = f"{a.fp8_tflops:g} TF" if a.fp8_tflops else "—"
        table.add_row(
            a.id,
            a.name,
            f"{a.memory_gb:g} GB",
            f"{a.memory_bandwidth_tb_s:g} TB/s",
            f"{a.bf16_tflops:g} TF",
            fp8,
            f"{a.interconnect_gb_s:g} GB/s",
        )
    console.print(table)
    console.print("Sources: `sdcoach estimate hardware --json` lists each entry's datasheet.")


def print_models(registry: Registry, as_json: bool) -> None:
    """The model registry."""
    if as_json:
        _print_json({"models": [m.model_dump(mode="json") for m in registry.models]})
        return
    table = Table(title="Models", title_justify="left")
    for column in ("Id", "Params", "Active", "Layers", "Hidden", "Heads", "KV heads", "Head dim", "Attention"):
        table.add_column(column, overflow="fold")
    for m in registry.models:
        active = f"{m.active_params / 1e9:g}B" if m.active_params else "—"
        attention = f"{m.attention.value} ({m.kv_latent_dim})" if m.kv_latent_dim else m.attention.value
        table.add_row(
            m.id,
            f"{m.params / 1e9:g}B",
            active,
            str(m.layers),
            str(m.hidden_size),
            str(m.heads),
            str(m.kv_heads),
            str(m.head_dim),
            attention,
        )
    console.print(table)
    console.print("Sources: `sdcoach estimate models --json` lists each entry's paper or model card.")


def _print_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, indent=2) + "\n")
