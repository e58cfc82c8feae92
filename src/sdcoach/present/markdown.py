"""Markdown renderings of content: the walkthrough's six sections, questions, tradeoffs and the framework.

Markdown is the interface-neutral text form: ``--format md`` prints it, the terminal renders it with
Rich, and the web pages will render the same text.
"""

from __future__ import annotations

from collections.abc import Iterable

from sdcoach.content.framework_schema import Framework, TimePlan
from sdcoach.content.schema import ClarifyingQuestion, QuestionCategory, ScalingPoint, Scenario, Tradeoff
from sdcoach.engine.walkthrough import Section, mermaid
from sdcoach.services.scaffold import Scaffold


def walkthrough_markdown(scenario: Scenario, sections: Iterable[Section], *, diagram: bool = True) -> str:
    """The chosen sections of a scenario's walkthrough, headed exactly as the brief names them."""
    parts = [f"# {scenario.title}", "", f"> {scenario.prompt}", ""]
    chosen = list(sections)
    for section in chosen:
        parts += [f"## {section.heading}", "", section_markdown(scenario, section, diagram=diagram), ""]
    if chosen == list(Section):
        parts.append(in_the_room_markdown(scenario))
    return "\n".join(parts).rstrip() + "\n"


def short_answer_markdown(scenario: Scenario) -> str:
    """The answer sized to a 35-minute round: the questions to ask first, the boxes, the numbers, two deep dives."""
    short = scenario.short_answer
    if short is None:
        return ""
    asked = [q for q in (scenario.question(i) for i in short.ask_first) if q is not None]
    lines = [f"# {scenario.title}: the 35-minute answer", "", "## Ask first", ""]
    lines += [f"{n}. {q.question}" for n, q in enumerate(asked, 1)]
    lines += ["", "## Draw these boxes", ""] + [f"- {_bold_head(box)}" for box in short.boxes]
    lines += ["", "## The numbers that matter", ""] + [f"- {number}" for number in short.numbers]
    lines += ["", "## Go deep on", ""] + [f"{n}. {dive}" for n, dive in enumerate(short.deep_dives, 1)]
    return "\n".join(lines) + "\n"


def in_the_room_markdown(scenario: Scenario) -> str:
    """What an interviewer hears at each level, the mistakes candidates make, and the ladders of the top deep dives."""
    parts: list[str] = []
    if scenario.level_sketches is not None:
        sketches = scenario.level_sketches
        parts += ["## The same answer at IC5, IC6 and IC7", ""]
        for title, text in (
            ("IC5 (senior)", sketches.ic5),
            ("IC6 (staff)", sketches.ic6),
            ("IC7 (senior staff)", sketches.ic7),
        ):
            parts += [f"**{title}**", ""] + [f"- {line.strip()}" for line in text.splitlines() if line.strip()] + [""]
    if scenario.common_mistakes:
        parts += ["## Common mistakes", ""]
        parts += [f"- **{m.mistake.rstrip('.')}.** {m.why_it_hurts}" for m in scenario.common_mistakes] + [""]
    for ladder in scenario.ladders:
        parts += [f"## Bad, good, great: {ladder.topic}", ""]
        parts += [f"- **Bad:** {ladder.bad}", f"- **Good:** {ladder.good}", f"- **Great:** {ladder.great}", ""]
    return "\n".join(parts).rstrip() + "\n" if parts else ""


def _bold_head(text: str) -> str:
    """``Name: what it does`` with the name in bold."""
    head, sep, rest = text.partition(":")
    return f"**{head.strip()}**:{rest}" if sep and len(head) <= 60 else text


def section_markdown(scenario: Scenario, section: Section, *, diagram: bool = True) -> str:
    """The body of one walkthrough section (without its heading)."""
    if section is Section.REQUIREMENTS:
        return questions_markdown(scenario, with_answers=True)
    if section is Section.HIGH_LEVEL_DESIGN:
        return _design(scenario, diagram=diagram)
    if section is Section.SCALING:
        return "\n".join(_scaling_point(p) for p in scenario.scaling)
    if section is Section.TRADEOFFS:
        return "\n\n".join(tradeoff_markdown(t, level=3) for t in scenario.tradeoffs)
    if section is Section.FAILURE_MODES:
        return _failures(scenario)
    return _influence(scenario)


def questions_markdown(scenario: Scenario, *, with_answers: bool) -> str:
    """Clarifying questions grouped by category, priority first, with why and design impact."""
    blocks: list[str] = []
    for category in QuestionCategory:
        questions = sorted(
            (q for q in scenario.clarifying_questions if q.category is category),
            key=lambda q: q.priority,
        )
        if questions:
            blocks.append(f"### {_category_title(category)}\n")
            blocks.append("\n".join(_question(scenario, q, with_answers) for q in questions))
            blocks.append("")
    return "\n".join(blocks).rstrip()


def tradeoff_markdown(tradeoff: Tradeoff, *, level: int = 3) -> str:
    """One decision: options with pros and cons, impact by dimension, the call and what flips it."""
    hashes = "#" * level
    lines = [f"{hashes} {tradeoff.decision}", ""]
    for option in tradeoff.options:
        lines.append(f"**{option.name}**")
        lines += [f"- Pro: {pro}" for pro in option.pros]  # not "- + pro": CommonMark reads "+" as a nested list
        lines += [f"- Con: {con}" for con in option.cons]
        lines.append("")
    impact = tradeoff.impact
    lines += [
        "| Dimension | Impact |",
        "|---|---|",
        f"| Business | {_cell(impact.business)} |",
        f"| Cost | {_cell(impact.cost)} |",
        f"| Reliability | {_cell(impact.reliability)} |",
        f"| Cross-team | {_cell(impact.cross_team)} |",
        "",
        f"**Recommendation:** {tradeoff.recommendation}",
        "",
        f"**What would flip it:** {tradeoff.flip_condition}",
    ]
    return "\n".join(lines)


def framework_markdown(framework: Framework, plan: TimePlan | None) -> str:
    """The IC6 checklist section by section, with the time plan first when one is given."""
    lines = [f"# {framework.title}", ""]
    if plan is not None:
        lines += [_plan(framework, plan), ""]
    for section in framework.sections:
        when = " (throughout)" if section.is_throughout else ""
        lines += [f"## {section.title}{when}", "", f"_{section.goal}_", ""]
        for item in section.items:
            lines += [
                f"### {item.title} `{item.id}`",
                "",
                item.guidance,
                "",
                f"- **Why it matters at staff level:** {item.why_staff}",
                f"- **A strong IC6 answer sounds like:** {item.strong_ic6}",
                f"- **The common IC5 miss:** {item.ic5_miss}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def _plan(framework: Framework, plan: TimePlan) -> str:
    titles = {s.id: s.title for s in framework.sections}
    rows = ["| Minutes | Section | Focus |", "|---|---|---|"]
    start = 0
    for slot in plan.slots:
        end = start + slot.minutes
        rows.append(f"| {start}–{end} | {titles[slot.section]} | {_cell(slot.focus)} |")
        start = end
    length = f"{plan.minutes} minutes"
    if plan.outside_minutes:
        length += (
            f", {plan.usable_minutes} of them design time "
            f"({plan.outside_minutes} go to introductions and your questions)"
        )
    return f"## Time plan: {length}\n\n" + "\n".join(rows)


def _question(scenario: Scenario, question: ClarifyingQuestion, with_answers: bool) -> str:
    tag = {1: "ask first", 2: "ask early", 3: "if time"}[question.priority]
    lines = [
        f"- **{question.question}** _({tag})_",
        f"  - Why: {question.why}",
        f"  - Changes the design: {question.design_impact}",
    ]
    fact = scenario.fact(question.fact) if question.fact else None
    if with_answers and fact is not None:
        lines.append(f"  - Interviewer's answer: {fact.answer}")
    return "\n".join(lines)


def _design(scenario: Scenario, *, diagram: bool) -> str:
    lines = ["### Components", ""]
    for c in scenario.components:
        tech = f" ({', '.join(c.technologies)})" if c.technologies else ""
        owner = f" Owner: {c.owner}." if c.owner else ""
        lines.append(f"- **{c.name}**{tech}: {c.role}{owner}")
    lines += ["", "### Data flow", ""]
    if diagram:
        lines += ["```mermaid", mermaid(scenario), "```", ""]
    names = {c.id: c.name for c in scenario.components}
    lines += [f"- {names[e.source]} → {names[e.target]}: {e.carries} ({e.mode.value})" for e in scenario.data_flow]
    lines += ["", "### APIs", ""]
    lines += [f"- `{a.signature}`: {a.purpose}" for a in scenario.apis]
    return "\n".join(lines)


def _scaling_point(point: ScalingPoint) -> str:
    commands = ", ".join(f"`sdcoach estimate {e.command}`" for e in point.estimates)
    check = f" Check it: {commands}." if commands else ""
    return f"- **{point.topic}.** {point.detail}{check} _({point.item})_"


def _failures(scenario: Scenario) -> str:
    blocks = []
    for f in scenario.failure_modes:
        blocks.append(
            "\n".join(
                [
                    f"### {f.name}",
                    "",
                    f"- **Trigger:** {f.trigger}",
                    f"- **Blast radius:** {f.blast_radius}",
                    f"- **Detection:** {f.detection}",
                    f"- **Mitigation:** {f.mitigation}",
                    f"- **Recovery:** {f.recovery}",
                ]
            )
        )
    return "\n\n".join(blocks)


def _influence(scenario: Scenario) -> str:
    lines = [f"- **For {_audience(t.audience.value)}:** {t.tip}" for t in scenario.influence.tips]
    lines += ["", "### The 60-second pitch", "", f"> {scenario.influence.pitch}"]
    return "\n".join(lines)


def _audience(value: str) -> str:
    return {
        "director": "a director",
        "pm": "a PM",
        "partner_team": "a partner team",
        "peers": "peers",
        "oncall": "on-call",
    }.get(value, value)


def _category_title(category: QuestionCategory) -> str:
    kind = (
        "Non-functional"
        if category.is_non_functional
        else "Functional"
        if category is QuestionCategory.FUNCTIONAL
        else ""
    )
    name = {"privacy": "Privacy & compliance", "ownership": "Ownership & team boundaries"}.get(
        category.value, category.value.capitalize()
    )
    return f"{kind}: {name}" if kind and category is not QuestionCategory.FUNCTIONAL else name


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def scaffold_markdown(scaffold: Scaffold) -> str:
    """A scaffold in the six sections, every borrowed piece with the scenario it came from."""
    lines = [
        f"# Scaffold: {scaffold.prompt}",
        "",
        "> A scaffold to adapt, not a worked answer: questions, components, tradeoffs and failure modes",
        f"> borrowed from the nearest scenarios ({', '.join(scaffold.nearest)}) and the IC6 framework.",
        "> Replace every borrowed number with your system's own.",
        "",
    ]
    for part in scaffold.sections:
        lines += [f"## {part.section.heading}", "", "**Framework:**", ""]
        lines += [f"- {g}" for g in part.guidance]
        lines += ["", "**Carried over from similar systems:**", ""]
        lines += [
            f"- {hit.document.text} _(from {hit.document.scenario}: {hit.document.title})_" for hit in part.pieces
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
