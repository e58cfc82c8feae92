"""Print drills: the prompt to answer, and the graded result (Rich or JSON)."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.content.schema import Scenario
from sdcoach.services.drills import QuestionDrillOutcome

console = Console(highlight=False)


def print_question_prompt(scenario: Scenario, minutes: int) -> None:
    """The interviewer's prompt and what to do."""
    console.print(Panel(escape(scenario.prompt), title=scenario.title, expand=False))
    console.print(
        f"You have {minutes} minutes. Type the questions you would ask first, one per line; an empty line ends."
    )


def print_question_drill(outcome: QuestionDrillOutcome, scenario: Scenario, fmt: str, overtime: bool) -> None:
    """The graded question drill."""
    if fmt == "json":
        sys.stdout.write(json.dumps({**outcome.payload, "attempt": outcome.attempt_id}, indent=2) + "\n")
        return
    result = outcome.result
    console.print(
        f"[bold]Score {result.score:.0%}[/bold] ({len(result.matched)} of {len(scenario.clarifying_questions)} "
        f"questions; weighted by priority){' [yellow]over time[/yellow]' if overtime else ''}"
    )
    asked = Table(title="Asked and matched", title_justify="left", show_lines=True)
    for column in ("You asked", "Covers", "The interviewer says"):
        asked.add_column(column, overflow="fold")
    for m in result.matched:
        fact = scenario.fact(m.question.fact) if m.question.fact else None
        asked.add_row(escape(m.line), escape(m.question.question), escape(fact.answer if fact else "—"))
    console.print(asked)
    missed = Table(title="Missed, most important first", title_justify="left", show_lines=True)
    for column in ("Question", "Category", "Why it matters", "How the answer changes the design"):
        missed.add_column(column, overflow="fold")
    for q in result.missed:
        missed.add_row(escape(q.question), q.category.value, escape(q.why), escape(q.design_impact))
    console.print(missed)
    if result.repeated:
        console.print(f"Asked more than once (counted once): {escape('; '.join(result.repeated))}")
    if result.off_topic:
        console.print(f"Not matched to any question here: {escape('; '.join(result.off_topic))}")
