"""The app factory: routers, vendored static files, the browser cookie, the protections every response gets,
and the one error handler.

``create_app(settings)`` builds everything from the settings object; nothing is read at import time, and
the app keeps no state between requests (sessions, attempt counts and data live in the database). A worker
loads the packs, models and templates every request shares as it starts (its lifespan), before it serves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from sdcoach.config import Settings
from sdcoach.errors import SdcoachError, SessionLockedError, TooManyAttemptsError, UnknownNameError
from sdcoach.services.coach import coach_from
from sdcoach.web.cookie import BrowserCookie
from sdcoach.web.protection import protect
from sdcoach.web.render import templates
from sdcoach.web.security import csrf_token
from sdcoach.web.timing import ServerTiming

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings) -> FastAPI:
    """The whole web app for one settings object; ``settings.multi_user`` turns on accounts and per-user data."""
    from sdcoach.web import auth, diagrams, fragments, interview_diagrams, pages

    app = FastAPI(title="sdcoach", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_warmed)
    app.state.settings = settings
    app.state.multi_user = settings.multi_user
    app.state.coach = coach_from(settings)  # a misconfigured backend is an error at start, not mid-interview
    app.add_middleware(BrowserCookie, secure=settings.secure_cookies)
    protect(app, settings)
    app.add_middleware(ServerTiming)  # outermost: the whole time the app took, sessions included
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(fragments.router)
    app.include_router(diagrams.router)
    app.include_router(interview_diagrams.router)
    app.add_exception_handler(SdcoachError, _sdcoach_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _form_error)  # type: ignore[arg-type]
    return app


@asynccontextmanager
async def _warmed(app: FastAPI) -> AsyncIterator[None]:
    """Before a worker serves anyone: load what every request shares, so no first request waits for it."""
    from sdcoach.services.warm_up import warm_up
    from sdcoach.web.render import warm_templates

    await run_in_threadpool(warm_up, app.state.settings)
    await run_in_threadpool(warm_templates)
    yield


def _is_fragment(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _render_error(request: Request, status: int, message: str) -> Response:
    """One error, two renderings: a fragment for HTMX requests, a full page otherwise."""
    name = "error_fragment.html" if _is_fragment(request) else "error.html"
    context = {
        "status": status,
        "message": message,
        "csrf": csrf_token(request),
        "multi_user": request.app.state.multi_user,
    }
    response: Response = templates().TemplateResponse(request, name, context, status_code=status)
    if _is_fragment(request):
        response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


async def _sdcoach_error(request: Request, err: SdcoachError) -> Response:
    if isinstance(err, TooManyAttemptsError):
        response = _render_error(request, 429, str(err))
        response.headers["Retry-After"] = str(err.retry_after)
        return response
    status = 404 if isinstance(err, UnknownNameError) else 409 if isinstance(err, SessionLockedError) else 400
    return _render_error(request, status, str(err))


async def _http_error(request: Request, err: HTTPException) -> Response:
    if err.status_code == 401:
        if _is_fragment(request):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)
    return _render_error(request, err.status_code, str(err.detail))


async def _form_error(request: Request, err: RequestValidationError) -> Response:
    """A form value FastAPI refused (too long, missing, not a number), in the page's style, never raw JSON."""
    problems = "; ".join(
        f"{str(e['loc'][-1]).replace('_', ' ')}: {str(e['msg']).lower()}" for e in err.errors() if e.get("loc")
    )
    return _render_error(request, 422, f"Check the form and send it again ({problems or 'a value was refused'}).")


def app_from_environment() -> FastAPI:
    """The app as uvicorn's workers build it (``--factory``): settings from SDCOACH_* variables."""
    return create_app(Settings())
