"""Backends as the `sdcoach backends` commands see them: which exist, which is configured, does it answer."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sdcoach.backends.base import ChatRequest, Limits, Message
from sdcoach.backends.registry import BackendInfo, backend_from, known_backends
from sdcoach.config import Settings
from sdcoach.errors import BackendError


@dataclass(frozen=True)
class CheckResult:
    """One tiny request: did it answer, how fast, and why not."""

    backend: str
    model: str
    base_url: str | None
    is_ok: bool
    latency_s: float
    reply: str
    reason: str | None
    load_s: float = 0.0


def list_backends(settings: Settings) -> list[BackendInfo]:
    """Every backend sdcoach knows, the configured one marked."""
    return known_backends(settings)


def check_backend(settings: Settings) -> CheckResult:
    """Send one tiny request (no retries) and time it; a failure is a result with its reason, not an error."""
    started, load_s = time.perf_counter(), 0.0
    try:
        backend = backend_from(settings)
        loaded = time.perf_counter()
        load_s, started = loaded - started, loaded
        request = ChatRequest(
            (Message("user", "Reply with the single word: ready"),), Limits(8, settings.reply_timeout), "ready"
        )
        reply = backend.complete(request)
    except BackendError as err:
        reason = f"{err.kind.replace('_', ' ')}: {err.message}" + (f" {err.hint}" if err.hint else "")
        return CheckResult(
            settings.backend, settings.model or "-", settings.base_url, False, time.perf_counter() - started, "", reason
        )
    latency = time.perf_counter() - started
    return CheckResult(backend.name, backend.model, settings.base_url, True, latency, reply.strip()[:60], None, load_s)
