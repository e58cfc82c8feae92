"""Print views in the three formats: Rich for the terminal, Markdown and JSON for files and scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from sdcoach.cli.arrow_table import arrow_table
from sdcoach.content.framework_schema import Framework, FrameworkSection, TimePlan
from sdcoach.content.loader import Library
from sdcoach.content.schema import Scenario
from sdcoach.engine.walkthrough import Section, flow_diagram
from sdcoach.present import markdown as md
from sdcoach.present.diagram import ARROW_LEGEND, arrow_lines, stage_layout
from sdcoach.present.payloads import section_content, walkthrough_payload
from sdcoach.services.content_check import LintReport
from sdcoach.services.scaffold import Scaffold

console = Console(highlight=False)


def print_welcome() -> None:
    """What sdcoach does and the three commands to try first."""
    intro = Text.assemble(
        ("sdcoach", "bold"),
        " coaches you for staff-level (IC6) ML-infrastructure system design interviews: the IC6 method, "
        "the clarifying questions to ask first, expert walkthroughs of real systems, and their tradeoffs. "
        "Everything works offline.",
    )
    first = Table(box=None, show_header=False, padding=(0, 2))
    first.add_column(style="bold cyan", no_wrap=True)
    first.add_column()
    first.add_row("sdcoach interview feature-store", "a 45-minute mock interview with a scorecard")
    first.add_row("sdcoach framework", "the IC6 checklist with a 45-minute time plan")
    first.add_row("sdcoach scenarios", "the design problems in the library")
    first.add_row("sdcoach walkthrough feature-store", "an expert answer in the brief's six sections")
    first.add_row("sdcoach estimate --help", "back-of-envelope calculators that show their working")
    footer = Text("Run `sdcoach --help` for every command.")
    console.print(Panel(Group(intro, Text("\nTry first:"), first, Text(""), footer), title="sdcoach", expand=False))


def print_tour(framework: Framework, scenario: Scenario) -> None:
    """The framework at a glance, then one full walkthrough."""
    plan = framework.plan_for(45)
    console.print(Rule(f"[bold]{framework.title}[/bold]"))
    console.print(_framework_overview(framework))
    if plan is not None:
        console.print(_plan_table(framework, plan))
    console.print(Rule(f"[bold]Walkthrough: {scenario.title}[/bold]"))
    _walkthrough_rich(scenario, list(Section))
    console.print(
        "\nNext: `sdcoach scenarios` for the library, `sdcoach questions SLUG` to drill the first five minutes."
    )


def print_framework(framework: Framework, plan: TimePlan, fmt: str) -> None:
    """The checklist with its time plan."""
    if fmt == "json":
        _print_json({"framework": framework.model_dump(mode="json"), "time_plan": plan.model_dump(mode="json")})
    elif fmt == "md":
        _print_text(md.framework_markdown(framework, plan))
    else:
        console.print(_plan_table(framework, plan))
        for section in framework.sections:
            console.print(_section_table(section))


def print_library(library: Library, user_dir: Path, fmt: str) -> None:
    """A table of scenarios with where each comes from."""
    if fmt == "json":
        rows = [
            {
                "slug": e.scenario.slug,
                "title": e.scenario.title,
                "difficulty": e.scenario.difficulty.value,
                "tags": list(e.scenario.tags),
                "source": e.source,
            }
            for e in library.entries
        ]
        _print_json({"scenarios": rows, "user_dir": str(user_dir)})
        return
    if fmt == "md":
        lines = ["| Slug | Title | Difficulty | Tags | Source |", "|---|---|---|---|---|"]
        for e in library.entries:
            s = e.scenario
            lines.append(f"| {s.slug} | {s.title} | {s.difficulty.value} | {', '.join(s.tags)} | {e.source} |")
        _print_text("\n".join(lines) + "\n")
        return
    table = Table(title=f"Scenario library ({len(library.entries)})", title_justify="left")
    for column in ("Slug", "Title", "Difficulty", "Tags", "Source"):
        table.add_column(column, overflow="fold")
    for e in library.entries:
        s = e.scenario
        table.add_row(s.slug, s.title, s.difficulty.value, ", ".join(s.tags), e.source)
    console.print(table)
    console.print(f"Your own packs go in {user_dir} (check them with `sdcoach content lint`).")


def print_short_answer(scenario: Scenario, fmt: str) -> None:
    """The 35-minute answer in the chosen format."""
    from sdcoach.errors import UsageError

    if scenario.short_answer is None:
        raise UsageError(
            f"{scenario.slug} has no 35-minute answer yet.", hint=f"See `sdcoach walkthrough {scenario.slug}`."
        )
    if fmt == "json":
        _print_json(
            {
                "slug": scenario.slug,
                "title": scenario.title,
                **scenario.model_dump(mode="json", include={"short_answer"}),
            }
        )
    else:
        _print_markdown(md.short_answer_markdown(scenario), fmt)


def print_walkthrough(scenario: Scenario, sections: Sequence[Section], fmt: str) -> None:
    """The walkthrough in the chosen format."""
    if fmt == "json":
        _print_json(walkthrough_payload(scenario, sections))
    elif fmt == "md":
        _print_text(md.walkthrough_markdown(scenario, sections))
    else:
        console.print(Rule(f"[bold]{scenario.title}[/bold]"))
        console.print(Panel(scenario.prompt, title="The prompt", expand=False))
        _walkthrough_rich(scenario, sections)


def print_scaffold(scaffold: Scaffold, fmt: str) -> None:
    """A scaffold for a prompt outside the library."""
    if fmt == "json":
        payload = {
            "prompt": scaffold.prompt,
            "kind": "scaffold",
            "nearest": list(scaffold.nearest),
            "sections": [
                {
                    "id": part.section.value,
                    "heading": part.section.heading,
                    "guidance": list(part.guidance),
                    "pieces": [
                        {"scenario": h.document.scenario, "title": h.document.title, "text": h.document.text}
                        for h in part.pieces
                    ],
                }
                for part in scaffold.sections
            ],
        }
        _print_json(payload)
        return
    _print_markdown(md.scaffold_markdown(scaffold), fmt)


def print_questions(scenario: Scenario, with_answers: bool, fmt: str) -> None:
    """Clarifying questions by category."""
    if fmt == "json":
        content = section_content(scenario, Section.REQUIREMENTS)
        if not with_answers:
            content.pop("facts")
        _print_json({"slug": scenario.slug, **content})
        return
    text = f"# Clarifying questions: {scenario.title}\n\n" + md.questions_markdown(scenario, with_answers=with_answers)
    _print_markdown(text, fmt)


def print_tradeoffs(scenario: Scenario, fmt: str) -> None:
    """The scenario's decisions."""
    if fmt == "json":
        _print_json({"slug": scenario.slug, **section_content(scenario, Section.TRADEOFFS)})
        return
    text = f"# Tradeoffs: {scenario.title}\n\n" + md.section_markdown(scenario, Section.TRADEOFFS)
    _print_markdown(text, fmt)


def print_lint_report(report: LintReport) -> None:
    """What was checked and each finding; a green line when clean."""
    for finding in report.findings:
        console.print(f"[red]✗[/red] {finding}")
    status = "[green]✓ all packs pass[/green]" if report.is_clean else f"[red]{len(report.findings)} problem(s)[/red]"
    console.print(f"{status} ({len(report.checked)} checked: {', '.join(Path(c).name for c in report.checked)})")


def _walkthrough_rich(scenario: Scenario, sections: Sequence[Section]) -> None:
    for section in sections:
        console.print(Rule(section.heading, align="left", style="cyan"))
        if section is Section.HIGH_LEVEL_DESIGN:
            console.print(_flow(scenario))
        console.print(Markdown(md.section_markdown(scenario, section, diagram=False)))
    room = md.in_the_room_markdown(scenario)
    if list(sections) == list(Section) and room:
        console.print(Rule("In the room", align="left", style="cyan"))
        console.print(Markdown(room))


def _flow(scenario: Scenario) -> Group:
    diagram = flow_diagram(scenario)
    table = arrow_table(arrow_lines(diagram), ARROW_LEGEND, "Carries", 4)
    return Group(Panel(Text(stage_layout(diagram)), title="Data flow, by stage", expand=False), table)


def _framework_overview(framework: Framework) -> Table:
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("Section")
    table.add_column("Checklist items")
    for section in framework.sections:
        table.add_row(section.title, "\n".join(f"• {i.title}" for i in section.items))
    return table


def _plan_table(framework: Framework, plan: TimePlan) -> Table:
    titles = {s.id: s.title for s in framework.sections}
    table = Table(title=f"Time plan: {_plan_length(plan)}", title_justify="left")
    for column in ("Minutes", "Section", "Focus"):
        table.add_column(column, overflow="fold")
    start = 0
    for slot in plan.slots:
        table.add_row(f"{start}–{start + slot.minutes}", titles[slot.section], slot.focus)
        start += slot.minutes
    return table


def _plan_length(plan: TimePlan) -> str:
    if not plan.outside_minutes:
        return f"{plan.minutes} minutes"
    return (
        f"{plan.minutes} minutes, {plan.usable_minutes} of them design time "
        f"({plan.outside_minutes} go to introductions and your questions)"
    )


def _section_table(section: FrameworkSection) -> Group:
    table = Table(show_lines=True, expand=True)
    table.add_column("Item", ratio=1, overflow="fold")
    table.add_column("Do this", ratio=2, overflow="fold")
    table.add_column("A strong IC6 answer sounds like", ratio=2, overflow="fold")
    for item in section.items:
        table.add_row(f"[bold]{item.title}[/bold]\n[dim]{item.id}[/dim]", item.guidance, item.strong_ic6)
    when = " (throughout the interview)" if section.is_throughout else ""
    return Group(Rule(f"{section.title}{when}", align="left", style="cyan"), Text(section.goal, style="italic"), table)


def _print_markdown(text: str, fmt: str) -> None:
    if fmt == "md":
        _print_text(text)
    else:
        console.print(Markdown(text))


def _print_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _print_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
