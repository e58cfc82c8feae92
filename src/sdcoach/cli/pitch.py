"""``sdcoach pitch SLUG``: critique a 60-second pitch of a design for a director, a PM or a partner team."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption
from sdcoach.services.input_size import AT_MOST


def pitch(
    slug: Annotated[str, typer.Argument(help="Scenario slug (see `sdcoach scenarios`).")],
    answer: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]",
            help=f"A file with your pitch, or - for stdin; omit to type ({AT_MOST}).",
        ),
    ] = None,
    audience: Annotated[str, typer.Option("--audience", "-a", help="director, pm or partner-team.")] = "director",
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Critique a 60-second pitch: length at speaking pace, outcome first, decision, tradeoff, number,
    risk, ask, fit for the audience and readability; then a skeleton rewrite from your own sentences.

    Saved before the critique is shown.
    """
    from sdcoach.cli.render_pitch import print_pitch, print_pitch_prompt
    from sdcoach.cli.text_input import read_answer
    from sdcoach.config import Settings
    from sdcoach.services.library import find_scenario
    from sdcoach.services.pitch import pitch_drill

    settings = Settings()
    scenario = find_scenario(settings, slug).scenario
    if answer is None and sys.stdin.isatty():
        print_pitch_prompt(scenario, audience)
    text = read_answer(answer, prompt="> ")
    print_pitch(pitch_drill(scenario.slug, audience, text, settings), output.value)
