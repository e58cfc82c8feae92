"""Run ``sdcoach`` in this process through its real entry point, for suites that need hundreds of runs.

``main()`` is what the installed command calls: the same option parsing, the one error handler and the
same exit codes. The click command tree is built once (typer rebuilds it on every call, about 0.1 s),
which is the only difference from a subprocess; use ``cli_runner`` when a real process matters.
"""

from __future__ import annotations

import contextlib
import io
import sys
from unittest import mock

import typer.main

import sdcoach.cli.app as cli
from tests.integration.cli_runner import Result

COMMAND = typer.main.get_command(cli.app)


def run_in_process(*args: str, stdin: bytes | None = None) -> Result:
    """``sdcoach ARGS`` in this process: exit code and what it printed on stdout and stderr. ``stdin``, when
    given, is piped in as raw bytes (need not be UTF-8), read as a process reads a pipe: not a terminal."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    piped = sys.stdin if stdin is None else io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        mock.patch.object(cli, "app", COMMAND),
        mock.patch.object(sys, "argv", ["sdcoach", *args]),
        mock.patch.object(sys, "stdin", piped),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            cli.main()
        except SystemExit as done:
            code = done.code
    return Result(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())
