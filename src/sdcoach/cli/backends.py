"""``sdcoach backends``: the LLM backends, and a one-request check of the configured one."""

from __future__ import annotations

import json
import sys

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption

app = typer.Typer(help="LLM backends: list them, or check the configured one answers.", invoke_without_command=True)


@app.callback()
def backends(
    ctx: typer.Context,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """The backends sdcoach can use; the configured one is marked (SDCOACH_BACKEND, default offline)."""
    if ctx.invoked_subcommand is not None:
        return
    from sdcoach.config import Settings
    from sdcoach.services.backends import list_backends

    settings = Settings()
    known = list_backends(settings)
    if output is ViewFormat.JSON:
        rows = [{"name": b.name, "description": b.description, "configured": b.is_configured} for b in known]
        sys.stdout.write(json.dumps({"backends": rows, "model": settings.model, "base_url": settings.base_url}) + "\n")
        return
    for b in known:
        mark = "*" if b.is_configured else " "
        typer.echo(f"{mark} {b.name:<10} {b.description}")
    typer.echo("Configure with SDCOACH_BACKEND, SDCOACH_BASE_URL, SDCOACH_MODEL and the provider's key variable.")


@app.command("check")
def check(
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Send one tiny request to the configured backend and report its latency, or why it failed."""
    from sdcoach.config import Settings
    from sdcoach.services.backends import check_backend

    result = check_backend(Settings())
    if output is ViewFormat.JSON:
        sys.stdout.write(json.dumps(result.__dict__) + "\n")
    elif result.is_ok:
        where = f" at {result.base_url}" if result.base_url else ""
        latency = f"{result.latency_s * 1000:.0f} ms (SDK loaded in {result.load_s * 1000:.0f} ms)"
        typer.echo(f"ok: {result.backend} {result.model}{where} answered in {latency} ({result.reply!r}).")
    else:
        typer.echo(f"failed: {result.reason}", err=True)
    if not result.is_ok:
        raise typer.Exit(1)
