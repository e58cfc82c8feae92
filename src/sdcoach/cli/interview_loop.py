"""The terminal side of an interview: read multi-line answers, show replies and the clock, render reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import time_left
from sdcoach.present.diagram_versions import DiagramVersion
from sdcoach.services.interviews import Interviews, LiveInterview, Reply, SessionSummary, StoredSession

console = Console(highlight=False)
HELP = "Send with an empty line (Enter twice). /time /checklist /hint /skip /end /diagram FILE /help. Ctrl-D saves."


def run(live: LiveInterview) -> None:
    """The interactive (or piped) loop until the interview ends or input does."""
    console.print(f"[dim]Session {live.session_id}. {HELP}[/dim]")
    _label(live)
    if live.notice:
        console.print(f"[yellow]{escape(live.notice)}[/yellow]")
    _recap(live)
    _say(live.last_reply)
    answers = _terminal_answers(live) if sys.stdin.isatty() else _piped_answers()
    from sdcoach.cli.interview_commands import local_command

    for answer in answers:
        if local_command(live, answer):
            continue
        reply = live.respond(answer)
        _say(reply.text)
        if reply.notice:
            console.print(f"[dim]{escape(reply.notice)}[/dim]")
        if reply.is_finished:
            _finish(reply)
            _last_diagram(live)
            print_narrative(live)
            return
    console.print(f"\nSaved. Continue with: sdcoach interview --resume {live.session_id}")


def run_demo(settings: Settings, slug: str, persona: Persona, minutes: int) -> None:
    """A scripted candidate plays an interview on a simulated clock; nothing waits for input and nothing is
    kept: the demo runs on a throwaway database, so it never shows up in your sessions, progress or reviews."""
    import tempfile

    from sdcoach.content.loader import load_demo
    from sdcoach.engine.demo import scripted_candidate

    with tempfile.TemporaryDirectory(prefix="sdcoach-demo-") as scratch:
        throwaway = settings.model_copy(update={"database_url": f"sqlite:///{Path(scratch) / 'demo.db'}"})
        minute = [0.0]
        interviews = Interviews(throwaway, clock=lambda: minute[0] * 60)
        live = interviews.start(slug, persona, minutes)  # an unknown slug fails here, with suggestions
        script = scripted_candidate(live.context.scenario, persona, minutes, load_demo())
        console.print(
            Panel(
                f"A scripted candidate interviews for {escape(live.context.scenario.title)} ({persona.value}, "
                f"{minutes} minutes). Nothing is saved. Run `sdcoach interview {slug}` in a terminal to take "
                "the interview yourself.",
                title="Demo",
                expand=False,
            )
        )
        _label(live)
        _say(live.last_reply)
        for turn in script.turns:
            minute[0] = turn.minute
            console.print(
                Panel(
                    escape(turn.text),
                    title=f"Candidate · minute {turn.minute:g}",
                    title_align="left",
                    border_style="green",
                )
            )
            reply = live.respond(turn.text)
            _say(reply.text)
            if reply.is_finished:
                _finish(reply)
                return
        _finish(live.respond("/end"))


def print_sessions(rows: list[SessionSummary], fmt: str) -> None:
    """The session list."""
    if fmt == "json":
        payload = [
            {
                "id": r.id,
                "scenario": r.scenario,
                "persona": r.persona,
                "minutes": r.minutes,
                "status": r.status,
                "started": r.started_at.isoformat(),
                "turns": r.turns,
            }
            for r in rows
        ]
        sys.stdout.write(json.dumps({"sessions": payload}, indent=2) + "\n")
        return
    table = Table(title=f"Interviews ({len(rows)})", title_justify="left")
    for column in ("Id", "Scenario", "Started", "Status", "Turns"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.id, r.scenario, r.started_at.strftime("%Y-%m-%d %H:%M"), r.status, str(r.turns))
    console.print(table)
    if rows:
        console.print("Export one with `sdcoach report ID`; continue one with `sdcoach interview --resume ID`.")


def print_report(stored: StoredSession, fmt: str, diagrams: Sequence[DiagramVersion] = ()) -> None:
    """Transcript, private notes, the candidate's diagram versions and scorecard as Markdown or JSON."""
    from sdcoach.present.report import report_markdown, report_payload

    if fmt == "json":
        sys.stdout.write(json.dumps(report_payload(stored, diagrams), indent=2, ensure_ascii=False) + "\n")
        return
    sys.stdout.write(report_markdown(stored, diagrams))


def _label(live: LiveInterview) -> None:
    """A director or PM round says what it practises: a cross-functional round, not a peer design review."""
    label = live.context.pack.voice(live.state.persona).label
    if label:
        console.print(Panel(escape(label), title="Cross-functional round", title_align="left", expand=False))


def _recap(live: LiveInterview) -> None:
    """Coming back to an interview: where it stands and the last exchanges, not only the last question."""
    from sdcoach.engine.recap import recap_of
    from sdcoach.services.grading import method

    titles = {item.id: item.title for item in method().framework.items}
    recap = recap_of(live.state, live.now(), titles)
    if recap.is_empty:
        return
    clock = f"{int(recap.elapsed // 60)}:{int(recap.elapsed % 60):02d} of {recap.minutes}:00"
    lines = [
        f"{clock}, in {recap.phase}. {recap.candidate_turns} answers so far; {recap.facts_given} facts given.",
        "Covered: " + ("; ".join(recap.covered) if recap.covered else "nothing yet") + ".",
        "",
    ]
    for exchange in recap.exchanges:
        lines.append(f"[{exchange.minute}'] You: {exchange.candidate}")
        if exchange.interviewer:
            lines.append(f"      Interviewer: {exchange.interviewer}")
    console.print(Panel(escape("\n".join(lines)), title="So far", title_align="left", border_style="dim"))


def _say(text: str) -> None:
    if text:
        console.print(Panel(escape(text), title="Interviewer", title_align="left", border_style="cyan"))


def _finish(reply: Reply) -> None:
    from sdcoach.cli.render_scorecard import print_scorecard

    if reply.result is not None:
        print_scorecard(reply.result, "rich")


def _last_diagram(live: LiveInterview) -> None:
    """After the scorecard: the candidate's last diagram beside the reference flow, with its evidence lines."""
    from sdcoach.cli.render_diagram import print_beside_reference
    from sdcoach.services.interview_diagrams import diagrams_of

    result = live.result
    versions = diagrams_of(live.interviews.settings, live.session_id, similarity=live.interviews.similarity)
    if not versions:
        return
    print_beside_reference(versions[-1].check.diagram, versions[-1].version, live.context.scenario)
    if result is not None and result.diagram is not None:
        console.print("[bold]Your diagram as evidence[/bold] [dim](read beside the score, not scored)[/dim]")
        for item in result.diagram.items:
            for line in result.diagram.for_item(item):
                console.print(f"  [dim]{escape(item)}[/dim] {escape(line)}")


def print_narrative(live: LiveInterview) -> None:
    """With a backend: the coach's narrative of the scorecard, streamed, then checked (scores never change)."""
    from sdcoach.services.narrative import narrate

    coach = live.interviews.coach
    if coach.is_offline or live.result is None:
        return
    console.print("[bold]Coach's notes[/bold]")
    from sdcoach.present.scorecard import scorecard_payload

    card = scorecard_payload(live.result)
    outcome = narrate(coach, card, on_piece=lambda piece: console.print(piece, end="", markup=False))
    console.print()
    live.interviews.save_narrative(live.session_id, outcome.text)
    if outcome.notice:
        console.print(f"[dim]{escape(outcome.notice)}[/dim]")
        console.print(escape(outcome.text))


def _status(live: LiveInterview) -> str:
    phase_left, total_left = time_left(live.state, live.now())
    return (
        f" {live.state.phase.title} · {int(phase_left // 60)}:{int(phase_left % 60):02d} left in phase · "
        f"{int(total_left // 60)}:{int(total_left % 60):02d} in total"
    )


def _terminal_answers(live: LiveInterview) -> Iterator[str]:
    """Multi-line answers from prompt_toolkit: Enter on an empty line (or Esc-Enter) sends."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings

    from sdcoach.cli.text_input import without_undecodable

    bindings = KeyBindings()

    @bindings.add("enter")
    def _enter(event: object) -> None:
        buffer = event.current_buffer  # type: ignore[attr-defined]
        text = buffer.text
        if (
            text.strip().startswith("/")
            or text.endswith("\n")
            or (text and buffer.document.is_cursor_at_the_end and text.split("\n")[-1] == "")
        ):
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    session: PromptSession[str] = PromptSession(multiline=True, key_bindings=bindings)
    while True:
        try:
            text = session.prompt("answer> ", bottom_toolbar=lambda: _status(live))
        except (EOFError, KeyboardInterrupt):
            return
        if text.strip():
            yield without_undecodable(text.strip(), "your typing")


def _piped_answers() -> Iterator[str]:
    """Answers from piped input: paragraphs separated by an empty line; a slash command stands alone."""
    from sdcoach.cli.text_input import stdin_lines

    buffer: list[str] = []
    for line in stdin_lines():
        stripped = line.rstrip("\n")
        if stripped.strip().startswith("/") and not buffer:
            yield stripped.strip()
        elif stripped.strip():
            buffer.append(stripped)
        elif buffer:
            yield "\n".join(buffer)
            buffer = []
    if buffer:
        yield "\n".join(buffer)
