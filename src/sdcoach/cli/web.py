"""``sdcoach web``: the coach in a browser, on 127.0.0.1 by default, offline, nothing else to start."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

WORKER_PING_S = 30  # seconds a worker may take to answer uvicorn's health check before it is restarted


def web(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but loopback needs --multi-user.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    multi_user: Annotated[
        bool, typer.Option("--multi-user", help="Accounts; each person sees only their own data.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes serving requests.")] = 1,
) -> None:
    """Serve the web app: library, walkthroughs, mock interviews, drills, review, estimator and progress.

    Single user by default (no login, 127.0.0.1:8000). A team shares one server with --multi-user against
    PostgreSQL (SDCOACH_DATABASE_URL), naming the server's host names in SDCOACH_ALLOWED_HOSTS.
    """
    import uvicorn

    from sdcoach.config import Settings

    settings = Settings()  # a bad setting is reported here, once, rather than by every worker that starts

    _refuse_unsafe_serving(host, multi_user, settings.allowed_hosts)
    from sdcoach.services.schema import migrate_before_serving

    migrate_before_serving(settings)  # migrated here, once, before the workers start (each then finds it current)
    os.environ["SDCOACH_MULTI_USER"] = "true" if multi_user else "false"  # read by each worker's Settings
    typer.echo(
        f"sdcoach web on http://{host}:{port} ({'multi-user' if multi_user else 'single user'}); Ctrl-C stops it."
    )
    uvicorn.run(
        "sdcoach.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # a worker grading answers on a busy machine can take more than uvicorn's 5 s to answer its supervisor's
        # ping; it was then killed as hung, and every request it was serving failed (bench/web_load.py's errors)
        timeout_worker_healthcheck=WORKER_PING_S,
    )


def _refuse_unsafe_serving(host: str, multi_user: bool, allowed_hosts: list[str]) -> None:
    """Accounts beyond loopback, named hosts for a team server, and no host list for a single user."""
    from sdcoach.errors import UsageError

    if not multi_user and not _is_loopback(host):
        raise UsageError(f"Serving on {host} needs accounts.", hint="Add --multi-user.")
    if multi_user and not _is_loopback(host) and not allowed_hosts:
        raise UsageError(
            f"Serving a team on {host} needs the names people will open it by; any other Host header is refused.",
            hint="Set SDCOACH_ALLOWED_HOSTS, e.g. SDCOACH_ALLOWED_HOSTS=coach.example.com (add an IP address if "
            "people type one).",
        )
    if not multi_user and allowed_hosts:
        raise UsageError(
            "SDCOACH_ALLOWED_HOSTS is for a team server; a single-user sdcoach answers only to localhost.",
            hint="Add --multi-user, or unset SDCOACH_ALLOWED_HOSTS.",
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
