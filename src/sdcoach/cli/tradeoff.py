"""``sdcoach tradeoff [ID]``: the tradeoff library, and the decision matrix for one of its decisions."""

from __future__ import annotations

from typing import Annotated

import typer

from sdcoach.cli.formats import ViewFormat, ViewFormatOption


def tradeoff(
    tradeoff_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="A library decision; omit to list the library.")
    ] = None,
    weight: Annotated[
        list[str] | None,
        typer.Option("--weight", "-w", help="NAME=NUMBER for business, cost, reliability, cross_team, delivery."),
    ] = None,
    constraint: Annotated[
        list[str] | None,
        typer.Option("--constraint", "-c", help='A requirement on a property, e.g. "freshness<1min".'),
    ] = None,
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """The decision matrix: options scored on business, cost, reliability, cross-team and delivery.

    Shows each score with its reason, the weighted result, which options a constraint rules out, and the
    sensitivity line: the smallest weight or requirement change that would flip the recommendation.
    With no ID, lists the library.
    """
    from sdcoach.cli.render_tradeoff import print_library, print_matrix
    from sdcoach.services.tradeoffs import analyse_tradeoff, tradeoff_library

    if tradeoff_id is None:
        print_library(tradeoff_library(), output.value)
        return
    print_matrix(analyse_tradeoff(tradeoff_id, weight or [], constraint or []), output.value)
