"""Waiting for an ``sdcoach web`` process a test started: one start-up allowance and one loop for every test."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

SERVER_START_S = 60  # a worker loads its models and packs before it serves: allow for a busy machine


def wait_until_serving(url: str, process: subprocess.Popen[bytes] | None = None, log: Path | None = None) -> None:
    """Return once ``url`` answers its sign-in page, or after SERVER_START_S (the test then fails on its first
    request); a ``process`` that has exited fails at once, with its ``log`` when there is one."""
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/login", timeout=1).close()
            return
        except OSError as refused:
            if process is not None and process.poll() is not None:
                said = log.read_text() if log else f"sdcoach web exited with {process.returncode}"
                raise AssertionError(said) from refused
            time.sleep(0.1)
