"""Print drills: the prompt to answer, and the graded result (Rich or JSON)."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.content.schema import Scenario
from sdcoach.engine.estimate.numbers import format_value
from sdcoach.engine.numbers_drill import NumbersQuestion, describe
from sdcoach.services.drills import FrameworkOutcome, NumbersOutcome, QuestionDrillOutcome

console = Console(highlight=False)


def print_attempt_json(payload: dict[str, Any], attempt_id: int) -> None:
    """A graded drill as JSON: its payload and the id of the stored attempt."""
    sys.stdout.write(json.dumps({**payload, "attempt": attempt_id}, indent=2) + "\n")


def print_question_prompt(scenario: Scenario, minutes: int, what: str = "the questions you would ask first") -> None:
    """The interviewer's prompt and what to do."""
    console.print(Panel(escape(scenario.prompt), title=scenario.title, expand=False))
    console.print(f"You have {minutes} minutes. Type {what}, one per line; an empty line ends.")


def print_question_drill(outcome: QuestionDrillOutcome, scenario: Scenario, fmt: str, overtime: bool) -> None:
    """The graded question drill."""
    if fmt == "json":
        print_attempt_json(outcome.payload, outcome.attempt_id)
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


def print_numbers_question(question: NumbersQuestion) -> None:
    """The question to answer."""
    console.print(Panel(escape(question.text), title=f"Numbers drill: {question.topic.value}", expand=False))


def print_numbers_drill(outcome: NumbersOutcome, fmt: str) -> None:
    """How close the answer was, and the working."""
    if fmt == "json":
        print_attempt_json(outcome.payload, outcome.attempt_id)
        return
    grade = outcome.grade
    verdict = "[green]good (within 2x)[/green]" if grade.is_good else "[red]off by more than 2x[/red]"
    console.print(
        f"Your answer: {format_value(grade.given, outcome.question.unit)}; computed: "
        f"{describe(outcome.question)}; off by {grade.ratio:.2g}x, {verdict}. Score {grade.score:.0%}."
    )
    steps = Table(title="Working", title_justify="left")
    for column in ("Step", "Exact", "Say it as"):
        steps.add_column(column, overflow="fold")
    for step in outcome.question.estimate.steps:
        steps.add_row(step.name, step.exact, step.rough)
    console.print(steps)


def print_framework_drill(outcome: FrameworkOutcome, fmt: str) -> None:
    """Which checklist items the recall covered and which it missed."""
    if fmt == "json":
        print_attempt_json(outcome.payload, outcome.attempt_id)
        return
    console.print(f"[bold]Score {outcome.score:.0%}[/bold] of the checklist, weighted by what decides a staff outcome.")
    for item in outcome.payload["matched"]:
        console.print(f"  [green]✓[/green] {escape(item['title'])}")
    for item in outcome.payload["missed"]:
        console.print(f"  [red]✗[/red] {escape(item['title'])}")
    console.print("Study the method with `sdcoach framework`.")
