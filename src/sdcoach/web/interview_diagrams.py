"""The diagram panel of the web interview: attach a version of the candidate's diagram (typed Mermaid or an
Excalidraw upload), stored by the service before the findings come back, with the interviewer's one question
about it (stored as the interviewer's turn, so it joins the transcript), and the versions so far.

Every route reads the interview as the signed-in person (``user_settings``): another person's interview id is
unknown to them (404), and nothing is attached to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from sdcoach.config import Settings
from sdcoach.errors import DiagramError, UsageError
from sdcoach.web.diagram_view import CheckedDiagram
from sdcoach.web.diagrams import RESULT, refused, uploaded
from sdcoach.web.render import page
from sdcoach.web.security import current_user, require_csrf
from sdcoach.web.session import user_settings

if TYPE_CHECKING:
    from sdcoach.engine.interview import Turn
    from sdcoach.services.interview_diagram_turn import DiagramTurn
    from sdcoach.services.interview_diagrams import AttachedDiagram

router = APIRouter(dependencies=[Depends(current_user)])
Owned = Annotated[Settings, Depends(user_settings)]
Checked = [Depends(require_csrf)]


@router.get("/interviews/{session_id}/diagrams", response_class=HTMLResponse)
def versions(request: Request, session_id: str, settings: Owned) -> HTMLResponse:
    """The versions attached so far and the latest one's findings (the panel loads it after the page)."""
    from sdcoach.services.interview_diagrams import latest_diagram

    attached, latest = latest_diagram(settings, session_id)  # one check, however many versions
    view = _view(settings, session_id, latest) if latest else None
    return page(request, RESULT, result=view, attached=attached, loaded=_editor_text(latest))


@router.post("/interviews/{session_id}/diagrams", response_class=HTMLResponse, dependencies=Checked)
def attach(request: Request, session_id: str, settings: Owned, text: Annotated[str, Form()] = "") -> HTMLResponse:
    """Attach the editor's Mermaid as the next version; its findings, marked drawing and the reference."""
    if not text.strip():
        return refused(request, "Draw something first: start with 'flowchart LR' and a line like A[Client] --> B[API].")
    return _attached(request, settings, session_id, text, None)


@router.post("/interviews/{session_id}/diagrams/upload", response_class=HTMLResponse, dependencies=Checked)
async def attach_upload(
    request: Request, session_id: str, settings: Owned, file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """Attach an Excalidraw export as the next version."""
    text = await uploaded(file)
    if isinstance(text, UsageError):
        return refused(request, str(text))
    return _attached(request, settings, session_id, text, file.filename or "the file")


def _attached(request: Request, settings: Settings, session_id: str, text: str, file_name: str | None) -> HTMLResponse:
    """Attach inside the running interview (stored first), then the findings and the interviewer's question,
    which also joins the transcript (an out-of-band swap into #turns)."""
    from sdcoach.web.diagram_view import error_text

    try:
        asked, turns, offset = _attach_in_interview(request, settings, session_id, text, file_name)
    except DiagramError as err:
        return refused(request, error_text(err, file_name))
    except UsageError as err:
        return refused(request, str(err))
    context = {"version": asked.attached.version, "file_name": file_name, "question": asked.question.text}
    loaded = _editor_text(asked.attached) if file_name else None
    view = _view(settings, session_id, asked.attached)
    return page(request, RESULT, result=view, loaded=loaded, asked_turns=turns, offset=offset, **context)


def _attach_in_interview(
    request: Request, settings: Settings, session_id: str, text: str, file_name: str | None
) -> tuple[DiagramTurn, tuple[Turn, ...], int]:
    """The attached version with its question, and the turns it added to the transcript (from ``offset``)."""
    from datetime import UTC, datetime

    from sdcoach.present.interview_view import time_away
    from sdcoach.services.interview_diagram_turn import attach_in_interview
    from sdcoach.web.session import interview_clock, interviews_for

    interviews = interviews_for(request, settings, interview_clock)
    now = datetime.now(UTC)
    with interviews.resume(session_id, credit=lambda stored: time_away(stored.summary.updated_at, now)) as live:
        before = len(live.state.turns)
        asked = attach_in_interview(live, text, file_name)
        return asked, live.state.turns[before:], before


def _view(settings: Settings, session_id: str, latest: AttachedDiagram) -> CheckedDiagram:
    from sdcoach.services.library import find_scenario
    from sdcoach.web.diagram_view import checked_diagram, reference_of

    scenario = find_scenario(settings, latest.check.scenario).scenario
    return checked_diagram(latest.check, scenario.title, reference_of(scenario))


def _editor_text(latest: AttachedDiagram | None) -> str | None:
    """What the editor opens with: the latest version's Mermaid as typed, or an Excalidraw one as Mermaid."""
    from sdcoach.engine.diagram.export import to_mermaid

    if latest is None:
        return None
    return latest.text if latest.fmt == "mermaid" else to_mermaid(latest.check.diagram)


@dataclass(frozen=True)
class ScorecardDiagram:
    """The scorecard's diagram: the last version, its view, and its evidence lines by checklist item title."""

    version: int
    result: CheckedDiagram
    evidence: tuple[tuple[str, tuple[str, ...]], ...]


def scorecard_diagram(settings: Settings, session_id: str, card: dict[str, Any]) -> ScorecardDiagram | None:
    """The interview's latest diagram for its scorecard (None when none was attached), with the evidence lines
    the scorecard stored for it (``card['diagram']``: read beside the score, never scored)."""
    from sdcoach.services.grading import method
    from sdcoach.services.interview_diagrams import latest_diagram

    _, latest = latest_diagram(settings, session_id)
    if latest is None:
        return None
    titles = {i.id: i.title for i in method().framework.items}
    stored = card.get("diagram") or {}
    lines = stored.get("items", {}) if stored.get("version") == latest.version else {}
    evidence = tuple((titles.get(item, item), tuple(found)) for item, found in lines.items())
    return ScorecardDiagram(latest.version, _view(settings, session_id, latest), evidence)
