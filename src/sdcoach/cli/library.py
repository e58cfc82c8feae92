"""Reading commands: the framework, the scenario library, walkthroughs, questions and tradeoffs."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.formats import FullFormatOption, OutputFormat

SlugArgument = Annotated[str, typer.Argument(help="Scenario slug, e.g. feature-store (see `sdcoach scenarios`).")]


def framework(
    minutes: Annotated[int, typer.Option("--minutes", "-m", help="Interview length for the time plan: 45 or 60.")] = 45,
    output: FullFormatOption = OutputFormat.RICH,
) -> None:
    """The IC6 checklist, section by section, with a time plan for a 45- or 60-minute interview."""
    from sdcoach.cli import render
    from sdcoach.content.loader import load_framework
    from sdcoach.errors import UsageError

    checklist = load_framework()
    plan = checklist.plan_for(minutes)
    if plan is None:
        known = ", ".join(str(p.minutes) for p in checklist.time_plans)
        raise UsageError(f"There is no time plan for {minutes} minutes.", hint=f"Use one of: {known}.")
    render.print_framework(checklist, plan, output.value)


def scenarios(
    output: FullFormatOption = OutputFormat.RICH,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Only scenarios with this tag (repeatable).")
    ] = None,
    difficulty: Annotated[str | None, typer.Option("--difficulty", "-d", help="medium, hard or expert.")] = None,
) -> None:
    """The scenario library: built-in packs and your own (from $SDCOACH_HOME/scenarios)."""
    from sdcoach.cli import render
    from sdcoach.config import Settings
    from sdcoach.services.library import filter_library, open_library

    settings = Settings()
    library = filter_library(open_library(settings), tags=tag or [], difficulty=difficulty)
    render.print_library(library, settings.user_scenarios_dir, output.value)


def walkthrough(
    slug: Annotated[
        str | None, typer.Argument(help="Scenario slug, e.g. feature-store (see `sdcoach scenarios`).")
    ] = None,
    output: FullFormatOption = OutputFormat.RICH,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            "-s",
            help="Only this section (repeatable): requirements, high-level-design, scaling, tradeoffs, "
            "failure-modes, influence.",
        ),
    ] = None,
    prompt: Annotated[
        str | None,
        typer.Option("--prompt", help="A design question not in the library: a scaffold from the nearest scenarios."),
    ] = None,
    short: Annotated[
        bool,
        typer.Option("--short", help="Only the 35-minute answer: questions to ask first, boxes, numbers, deep dives."),
    ] = False,
) -> None:
    """An expert walkthrough of a scenario in the brief's six sections, then what an interviewer hears at each
    level, common mistakes and the bad/good/great ladders (or a scaffold for --prompt)."""
    from sdcoach.cli import render
    from sdcoach.config import Settings
    from sdcoach.engine.walkthrough import Section, section_named
    from sdcoach.errors import UsageError
    from sdcoach.services.library import find_scenario

    if prompt is not None:
        from sdcoach.services.scaffold import scaffold_for

        render.print_scaffold(scaffold_for(prompt, Settings()), output.value)
        return
    if slug is None:
        raise UsageError('Name a scenario (see `sdcoach scenarios`) or give --prompt "design a ...".')
    chosen = [section_named(name) for name in section] if section else list(Section)
    scenario = find_scenario(Settings(), slug).scenario
    if short:
        if section:
            raise UsageError("--short is the 35-minute answer on its own; drop --section, or drop --short.")
        render.print_short_answer(scenario, output.value)
        return
    render.print_walkthrough(scenario, chosen, output.value)


def questions(
    slug: SlugArgument,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="Show the interviewer's answers.")] = True,
    output: FullFormatOption = OutputFormat.RICH,
) -> None:
    """The clarifying questions to ask first, by category, with why each matters."""
    from sdcoach.cli import render
    from sdcoach.config import Settings
    from sdcoach.services.library import find_scenario

    render.print_questions(find_scenario(Settings(), slug).scenario, answers, output.value)


def tradeoffs(slug: SlugArgument, output: FullFormatOption = OutputFormat.RICH) -> None:
    """The scenario's key decisions: options, pros and cons, impact, the call and what flips it."""
    from sdcoach.cli import render
    from sdcoach.config import Settings
    from sdcoach.services.library import find_scenario

    render.print_tradeoffs(find_scenario(Settings(), slug).scenario, output.value)
