"""The root ``sdcoach`` command: the commands it lists, the welcome, the tour, and the one error handler.

Heavy libraries (pydantic, PyYAML, Rich) are imported inside command bodies so that
``sdcoach --help`` stays instant; a test checks it. Each command and group is imported and built only
when named (``cli.lazy_commands``): ``sdcoach estimate ...`` builds the estimate group alone.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from sdcoach import __version__
from sdcoach.cli.lazy_commands import lazy_root

# Every command and group, in the order --help lists them: (name, module, the function or typer.Typer).
# This is the one place commands are registered.
COMMANDS = (
    ("interview", "sdcoach.cli.interview", "interview"),
    ("framework", "sdcoach.cli.library", "framework"),
    ("scenarios", "sdcoach.cli.library", "scenarios"),
    ("walkthrough", "sdcoach.cli.library", "walkthrough"),
    ("questions", "sdcoach.cli.library", "questions"),
    ("tradeoffs", "sdcoach.cli.library", "tradeoffs"),
    ("tradeoff", "sdcoach.cli.tradeoff", "tradeoff"),
    ("pitch", "sdcoach.cli.pitch", "pitch"),
    ("review", "sdcoach.cli.review", "review"),
    ("progress", "sdcoach.cli.progress", "progress"),
    ("search", "sdcoach.cli.search", "search"),
    ("grade", "sdcoach.cli.grade", "grade"),
    ("sessions", "sdcoach.cli.interview", "sessions"),
    ("report", "sdcoach.cli.interview", "report"),
    ("ask", "sdcoach.cli.coach", "ask"),
    ("web", "sdcoach.cli.web", "web"),
    ("tour", "sdcoach.cli.app", "tour"),
    ("drill", "sdcoach.cli.drill", "app"),
    ("estimate", "sdcoach.cli.estimate", "app"),
    ("content", "sdcoach.cli.content", "app"),
    ("diagram", "sdcoach.cli.diagram", "app"),
    ("history", "sdcoach.cli.history", "app"),
    ("backends", "sdcoach.cli.backends", "app"),
    ("scenario", "sdcoach.cli.coach", "scenario_app"),
)
# what the root passes down to each command it builds, as typer does for the commands registered on it
_SETTINGS: dict[str, Any] = {"pretty_exceptions_short": True, "suggest_commands": True, "rich_markup_mode": None}

app = typer.Typer(
    cls=lazy_root(COMMANDS, _SETTINGS),
    name="sdcoach",
    help="A coach for staff-level (IC6) ML-infrastructure system design interviews. Works offline.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    **_SETTINGS,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sdcoach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """A coach for staff-level (IC6) ML-infrastructure system design interviews. Works offline."""
    _state["debug"] = debug
    _show_warnings()
    if ctx.invoked_subcommand is None:
        from sdcoach.cli.render import print_welcome

        print_welcome()


def _show_warnings() -> None:
    """sdcoach's warnings (a user pack skipped, ...) on standard error, one line each, before the command's output."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("Warning: %(message)s"))
    logger = logging.getLogger("sdcoach")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # wordllama configures the root logger; say each warning once


def tour() -> None:
    """A short tour: the IC6 framework with its 45-minute plan, then the feature-store walkthrough."""
    from sdcoach.cli.render import print_tour
    from sdcoach.config import Settings
    from sdcoach.content.loader import load_framework
    from sdcoach.services.library import find_scenario

    settings = Settings()
    print_tour(load_framework(), find_scenario(settings, "feature-store").scenario)


def main() -> None:
    """Entry point: run the app and turn sdcoach's errors into a clear message and exit code 2."""
    from sdcoach.errors import SdcoachError

    if sys.stdin is None:  # started with standard input closed: read it as empty, not as a crash
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    try:
        app(args=_readable_arguments(sys.argv[1:]))
    except SdcoachError as err:
        if _state["debug"]:
            raise
        print(f"Error: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    except Exception as err:  # the last line of defence: a bug, reported without a traceback
        if _state["debug"]:
            raise
        print(
            f"Internal error: {type(err).__name__}: {err}. This is a bug in sdcoach; "
            "rerun with --debug for the traceback and please report it.",
            file=sys.stderr,
        )
        sys.exit(1)


def _readable_arguments(args: list[str]) -> list[str]:
    """The arguments, any bytes in them that are not UTF-8 replaced (and said so); a path that exists is kept
    as it is, so a file with such a name still opens."""
    if all(arg.isascii() for arg in args):  # the common case, without importing anything
        return args
    from pathlib import Path

    from sdcoach.cli.text_input import without_undecodable

    return [
        arg if arg.isascii() or Path(arg).exists() else without_undecodable(arg, f"argument {n}")
        for n, arg in enumerate(args, start=1)
    ]
