"""Run the real ``sdcoach`` in a subprocess, as a user would, and capture what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """What one run printed and how it exited."""

    code: int
    out: str
    err: str


def run_sdcoach(*args: str, env: dict[str, str] | None = None, columns: int = 120) -> Result:
    """``python -m sdcoach ARGS`` with the test's environment (its SDCOACH_HOME) and a fixed width."""
    full_env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)
