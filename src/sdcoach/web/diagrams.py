"""The diagram editor: a page to draw a scenario's architecture in Mermaid (or upload an Excalidraw export) and
check it against the scenario's data flow; the findings come back as a fragment next to the form.

A diagram that cannot be read, or is too large, is answered in the same fragment (status 422) with the line or
element at fault, so the error shows beside the editor and the text typed stays where it was.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from sdcoach.config import Settings
from sdcoach.errors import DiagramError, UsageError
from sdcoach.web.render import page
from sdcoach.web.security import current_user, require_csrf
from sdcoach.web.session import user_settings

router = APIRouter(dependencies=[Depends(current_user)])
Owned = Annotated[Settings, Depends(user_settings)]
Checked = [Depends(require_csrf)]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # an Excalidraw export of boxes and arrows is tens of KB; images make MBs
RESULT = "_diagram_result.html"


@router.get("/diagram", response_class=HTMLResponse)
def editor(request: Request, settings: Owned, scenario: str = "feature-store") -> HTMLResponse:
    """The editor: pick a scenario, draw in Mermaid with a live preview, check it, or upload an Excalidraw file."""
    from sdcoach.services.library import find_scenario, open_library

    titles = {e.scenario.slug: e.scenario.title for e in open_library(settings).entries}
    return page(request, "diagram.html", scenario=find_scenario(settings, scenario).scenario, titles=titles)


@router.post("/diagram/check", response_class=HTMLResponse, dependencies=Checked)
def check(
    request: Request, settings: Owned, scenario: Annotated[str, Form()], text: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """The findings on the editor's Mermaid, the drawing marked with them, and the reference beside it."""
    if not text.strip():
        return refused(request, "Draw something first: start with 'flowchart LR' and a line like A[Client] --> B[API].")
    return _checked(request, settings, scenario, text, None)


@router.post("/diagram/upload", response_class=HTMLResponse, dependencies=Checked)
async def upload(
    request: Request, settings: Owned, scenario: Annotated[str, Form()], file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """An Excalidraw export (.excalidraw or .json; Mermaid text is read too), checked like the editor's text."""
    text = await uploaded(file)
    if isinstance(text, UsageError):
        return refused(request, str(text))
    return _checked(request, settings, scenario, text, file.filename or "the file")


async def uploaded(file: UploadFile) -> str | UsageError:
    """The uploaded file's text, or why it cannot be read (too large, not UTF-8)."""
    name = file.filename or "The file"
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        return UsageError(
            f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB; export the drawing without embedded "
            "images (Excalidraw: 'Save to disk' with only boxes, text and arrows)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return UsageError(f"{name} is not UTF-8 text; upload the .excalidraw file Excalidraw saved.")


def _checked(request: Request, settings: Settings, slug: str, text: str, file_name: str | None) -> HTMLResponse:
    """Check ``text`` and render the result, or the reading error next to the form."""
    from sdcoach.engine.diagram.export import to_mermaid
    from sdcoach.services.diagrams import check_diagram_text
    from sdcoach.services.library import find_scenario
    from sdcoach.web.diagram_view import checked_diagram, error_text, reference_of

    scenario = find_scenario(settings, slug).scenario
    try:
        result = check_diagram_text(text, slug, settings)
    except DiagramError as err:
        return refused(request, error_text(err, file_name))
    except UsageError as err:
        return refused(request, str(err))
    view = checked_diagram(result, scenario.title, reference_of(scenario))
    loaded = to_mermaid(result.diagram) if file_name else None  # an upload opens in the editor, as Mermaid
    return page(request, RESULT, result=view, loaded=loaded, file_name=file_name)


def refused(request: Request, message: str) -> HTMLResponse:
    """The result fragment holding only ``message``, as 422: shown beside the form, the typed text kept."""
    response = page(request, RESULT, error=message)
    response.status_code = 422
    return response
