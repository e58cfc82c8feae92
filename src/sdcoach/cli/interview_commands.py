"""Commands the terminal interview handles itself, beside the engine's (/time, /hint ...): /help, and /diagram
FILE, which attaches the candidate's diagram, shows it as arrows with its main problems, and asks about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from sdcoach.services.interviews import LiveInterview

if TYPE_CHECKING:
    from sdcoach.services.interview_diagram_turn import DiagramTurn

console = Console(highlight=False)
HELP = (
    "Send with an empty line (Enter twice). /time /checklist /hint /skip /end, /diagram FILE (attach your "
    "diagram: Mermaid or an Excalidraw export), /help. Ctrl-D saves and quits."
)
DIAGRAM_USAGE = "/diagram needs a file: /diagram FILE (a Mermaid flowchart, or an Excalidraw export)."


def local_command(live: LiveInterview, answer: str) -> bool:
    """Handle ``answer`` when it is one of this module's commands (True); anything else is the engine's."""
    parts = answer.strip().split(maxsplit=1)
    name = parts[0].lower() if parts else ""
    if name == "/help":
        console.print(f"[dim]{escape(HELP)}[/dim]")
        return True
    if name == "/diagram":
        attach(live, parts[1].strip().strip("'\"") if len(parts) > 1 else "")
        return True
    return False


def attach(live: LiveInterview, path: str) -> None:
    """Attach the diagram at ``path``: a new version, shown and asked about; an error is one line, and the
    interview goes on (nothing was stored)."""
    from sdcoach.cli.text_input import read_text
    from sdcoach.errors import SdcoachError, SessionLockedError
    from sdcoach.services.interview_diagram_turn import attach_in_interview

    if not path:
        console.print(f"[red]{escape(DIAGRAM_USAGE)}[/red]")
        return
    try:
        turn = attach_in_interview(live, read_text(path), source=path)
    except SessionLockedError:
        raise  # taken over: this window stops, as it does on an answer
    except SdcoachError as err:
        console.print(f"[red]Diagram not attached: {escape(' '.join(str(err).split()))}[/red]")
        return
    _show(turn)


def _show(turn: DiagramTurn) -> None:
    from sdcoach.cli.render_diagram import print_arrows

    attached = turn.attached
    print_arrows(attached.check.diagram, f"Your diagram, version {attached.version}")
    problems = len(attached.check.problems)
    console.print(f"[bold]{problems} problem(s)[/bold]" + ("; the main ones:" if turn.top else "."))
    for finding in turn.top:
        console.print(f"  [red]✗[/red] [bold]{finding.kind.value}[/bold] {escape(finding.message)}")
    console.print(Panel(escape(turn.question.text), title="Interviewer", title_align="left", border_style="cyan"))
