"""``sdcoach progress``: how each checklist item and rubric signal is moving, and what to drill next."""

from __future__ import annotations

from sdcoach.cli.formats import ViewFormat, ViewFormatOption


def progress(
    output: ViewFormatOption = ViewFormat.RICH,
) -> None:
    """Trends per IC6 checklist item and rubric signal across interviews and drills, the weakest five
    items with the drill for each, your streak and the cards due for review."""
    from sdcoach.cli.render_progress import print_progress
    from sdcoach.config import Settings
    from sdcoach.services.progress import user_progress

    print_progress(user_progress(Settings()), output.value)
