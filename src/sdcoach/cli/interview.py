"""``sdcoach interview``, ``sdcoach sessions`` and ``sdcoach report``: run, list and export mock interviews."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.formats import ExportFormat, ExportFormatOption, ViewFormat, ViewFormatOption


def interview(
    target: Annotated[
        str | None,
        typer.Argument(help="Scenario slug to start (see `sdcoach scenarios`); with --resume, a session id."),
    ] = None,
    minutes: Annotated[int, typer.Option("--minutes", "-m", help="Length: 45 or 60.")] = 45,
    persona: Annotated[str, typer.Option("--persona", "-p", help="Who interviews you: peer, director or pm.")] = "peer",
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the latest unfinished interview (or TARGET).")
    ] = False,
    take_over: Annotated[
        bool,
        typer.Option(
            "--take-over", help="With --resume: take the session over from another terminal that has it open."
        ),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Watch a scripted candidate interview on TARGET (default feature-store); nothing is saved."
        ),
    ] = False,
) -> None:
    """A mock interview: the interviewer answers, pushes, keeps time, and ends with a scorecard.

    Type an answer over several lines and send it with an empty line (Enter twice). Commands: /time,
    /checklist, /hint, /diagram FILE (attach your Mermaid or Excalidraw diagram), /skip (next phase), /end,
    /help. Every turn and diagram is saved as you go: quit any time and continue with `sdcoach interview
    --resume`; a session open in another terminal can be taken over with --take-over.
    """
    from sdcoach.cli import interview_loop
    from sdcoach.config import Settings
    from sdcoach.errors import UsageError
    from sdcoach.services.interviews import Interviews, persona_named

    if demo:
        if resume:
            raise UsageError("--demo plays a scripted candidate; it cannot --resume a session.")
        interview_loop.run_demo(Settings(), target or "feature-store", persona_named(persona), minutes)
        return
    if take_over and not resume:
        raise UsageError("--take-over goes with --resume: sdcoach interview --resume ID --take-over.")
    interviews = Interviews(Settings())
    if resume:
        live = interviews.resume(target, take_over=take_over)
    elif target is None:
        raise UsageError("Name a scenario to start, e.g. sdcoach interview feature-store, or use --resume.")
    else:
        live = interviews.start(target, persona_named(persona), minutes)
    with live:  # held (with a heartbeat) until the loop ends; a killed process's hold goes stale
        interview_loop.run(live)


def sessions(
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Past and unfinished interviews: id, scenario, when it started, status."""
    from sdcoach.cli.interview_loop import print_sessions
    from sdcoach.config import Settings
    from sdcoach.services.interviews import Interviews

    print_sessions(Interviews(Settings()).sessions(), output.value)


def report(
    session_id: Annotated[str, typer.Argument(help="Session id (see `sdcoach sessions`).")],
    output: ExportFormatOption = ExportFormat.MD,
) -> None:
    """Export an interview: transcript, the interviewer's private notes, your diagram versions, and the scorecard."""
    from sdcoach.cli.interview_loop import print_report
    from sdcoach.config import Settings
    from sdcoach.services.interview_diagrams import diagrams_of
    from sdcoach.services.interviews import Interviews

    settings = Settings()
    stored = Interviews(settings).report(session_id)  # an unknown id fails here, with suggestions
    print_report(stored, output.value, diagrams_of(settings, stored.summary.id))
