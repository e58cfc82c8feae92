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


def run_sdcoach(
    *args: str, env: dict[str, str] | None = None, columns: int = 120, stdin: str | bytes | None = None
) -> Result:
    """``python -m sdcoach ARGS`` with the test's environment (its SDCOACH_HOME) and a fixed width; ``stdin``
    (text, or raw bytes that need not be UTF-8) is piped in when given."""
    full_env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", *args],
        capture_output=True,
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        env=full_env,
        timeout=60,
        check=False,
    )
    return Result(done.returncode, _text(done.stdout), _text(done.stderr))


def _text(output: bytes) -> str:
    # as text=True would read it (universal newlines), and strictly: sdcoach must only ever print UTF-8
    return output.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
