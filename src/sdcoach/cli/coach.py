"""``sdcoach ask`` and ``sdcoach scenario draft``: what an LLM backend adds, grounded in the content packs."""

from __future__ import annotations

from typing import Annotated

import typer

scenario_app = typer.Typer(help="Scenario packs: draft a new one with an LLM backend.", no_args_is_help=True)


def ask(
    question: Annotated[str, typer.Argument(help="Your question, in quotes.")],
) -> None:
    """A coaching answer grounded in the scenario packs, citing the sections it used.

    Offline, the sections themselves; with a backend (SDCOACH_BACKEND), an answer written from them,
    streamed, that must cite them and state no number they do not hold.
    """
    from sdcoach.cli.render_coach import print_answer, print_piece
    from sdcoach.config import Settings
    from sdcoach.services.ask import ask as ask_service
    from sdcoach.services.coach import coach_from

    settings = Settings()
    print_answer(ask_service(question, settings, coach_from(settings), print_piece))


@scenario_app.command("draft")
def draft(
    design_prompt: Annotated[str, typer.Argument(metavar="PROMPT", help='The design question, e.g. "design a ...".')],
    attempts: Annotated[int, typer.Option("--attempts", min=1, max=6, help="How many times to try.")] = 3,
) -> None:
    """Draft a scenario pack with the backend; validated and linted, errors fed back, saved for your review."""
    from sdcoach.config import Settings
    from sdcoach.services.coach import coach_from
    from sdcoach.services.draft import draft_scenario

    settings = Settings()
    result = draft_scenario(design_prompt, settings, coach_from(settings), attempts)
    if result.is_clean:
        typer.echo(f"Saved {result.path} after {result.attempts} attempt(s); it passes content lint.")
        typer.echo("Read it as the interviewer would, fix what is wrong, then practise: sdcoach interview SLUG")
        return
    typer.echo(f"No draft passed in {result.attempts} attempts; the last one is kept at {result.path}.", err=True)
    for problem in result.problems[:10]:
        typer.echo(f"  - {problem}", err=True)
    raise typer.Exit(1)
