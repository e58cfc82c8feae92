"""``sdcoach estimate``: the group, its calculators, and the hardware and model registries."""

from __future__ import annotations

import typer

from sdcoach.cli import estimate_capacity, estimate_compute
from sdcoach.cli.estimate_compute import Json

app = typer.Typer(
    help="Back-of-envelope calculators: the result, the working said out loud, and the assumptions.",
    no_args_is_help=True,
)
estimate_compute.register(app)
estimate_capacity.register(app)


@app.command("hardware")
def hardware_command(as_json: Json = False) -> None:
    """The accelerator registry: dense peaks, memory, bandwidth, interconnect, and each figure's source."""
    from sdcoach.cli.render_estimate import print_hardware
    from sdcoach.services.estimates import registry

    print_hardware(registry(), as_json)


@app.command("models")
def models_command(as_json: Json = False) -> None:
    """The model registry: layers, hidden size, heads, KV heads, head dim, parameters, and sources."""
    from sdcoach.cli.render_estimate import print_models
    from sdcoach.services.estimates import registry

    print_models(registry(), as_json)
