"""Print the pitch coach's prompt and critique (Rich or JSON)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from sdcoach.cli.render_drill import print_attempt_json
from sdcoach.content.schema import Scenario
from sdcoach.services.pitch import PitchOutcome

console = Console(highlight=False)


def print_pitch_prompt(scenario: Scenario, audience: str) -> None:
    """What to pitch, and to whom."""
    console.print(Panel(escape(scenario.summary), title=f"Pitch: {escape(scenario.title)}", expand=False))
    console.print(f"Pitch your design to a {audience} in 60 seconds (about 150 words). An empty line ends.")


def print_pitch(outcome: PitchOutcome, fmt: str) -> None:
    """The critique part by part, timing and readability, then the skeleton rewrite."""
    if fmt == "json":
        print_attempt_json(outcome.payload, outcome.attempt_id)
        return
    c = outcome.critique
    console.print(
        f"[bold]Score {c.score:.0%}[/bold] for a {c.audience}. {c.words} words, about {c.seconds:.0f} s at "
        f"150 words a minute. Reading ease {c.reading_ease:.0f} (60+ is plain English), grade {c.grade_level:.0f}."
    )
    for part in c.parts:
        mark = "[green]✓[/green]" if part.credit == 1 else "[yellow]~[/yellow]" if part.credit else "[red]✗[/red]"
        line = f"  {mark} {escape(part.title)}"
        if part.evidence and part.credit:
            line += f' — "{escape(part.evidence)}"'
        if part.advice:
            line += f"\n      [dim]{escape(part.advice)}[/dim]"
        console.print(line)
    rewrite = "\n".join(f"{escape(s.text)}" if s.is_yours else f"[yellow]{escape(s.text)}[/yellow]" for s in c.skeleton)
    console.print(Panel(rewrite, title="Skeleton rewrite: your sentences in the order a listener needs", expand=False))
    console.print(Panel(escape(outcome.scenario.influence.pitch), title="The scenario's model pitch", expand=False))
