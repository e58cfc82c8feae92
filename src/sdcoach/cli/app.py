"""The root ``sdcoach`` command: its groups, the welcome, the tour, and the one error handler.

Heavy libraries (pydantic, PyYAML, Rich) are imported inside command bodies so that
``sdcoach --help`` stays instant; a test checks it.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from sdcoach import __version__
from sdcoach.cli import backends as backend_commands
from sdcoach.cli import coach as coach_commands
from sdcoach.cli import content as content_commands
from sdcoach.cli import diagram as diagram_commands
from sdcoach.cli import drill as drill_commands
from sdcoach.cli import estimate as estimate_commands
from sdcoach.cli import grade as grade_commands
from sdcoach.cli import history as history_commands
from sdcoach.cli import interview as interview_commands
from sdcoach.cli import library as library_commands
from sdcoach.cli import pitch as pitch_commands
from sdcoach.cli import progress as progress_commands
from sdcoach.cli import review as review_commands
from sdcoach.cli import search as search_commands
from sdcoach.cli import tradeoff as tradeoff_commands
from sdcoach.cli import web as web_commands

app = typer.Typer(
    name="sdcoach",
    help="A coach for staff-level (IC6) ML-infrastructure system design interviews. Works offline.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# the top-level commands, in the order --help lists them; this is the one place commands are registered
for _command in (
    interview_commands.interview,
    library_commands.framework,
    library_commands.scenarios,
    library_commands.walkthrough,
    library_commands.questions,
    library_commands.tradeoffs,
    tradeoff_commands.tradeoff,
    pitch_commands.pitch,
    review_commands.review,
    progress_commands.progress,
    search_commands.search,
    grade_commands.grade,
    interview_commands.sessions,
    interview_commands.report,
):
    app.command()(_command)
app.add_typer(drill_commands.app, name="drill")
app.add_typer(estimate_commands.app, name="estimate")
app.add_typer(content_commands.app, name="content")
app.add_typer(diagram_commands.app, name="diagram")
app.add_typer(history_commands.app, name="history")
app.add_typer(backend_commands.app, name="backends")
coach_commands.register(app)
web_commands.register(app)

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


@app.command()
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
