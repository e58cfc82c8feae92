"""Who is asking, and may they: the signed-in person from a signed session cookie, and CSRF tokens (accounts
themselves are the services' job).

Sessions live in a signed cookie (Starlette's SessionMiddleware), so the app keeps no state between
requests and any number of workers can serve one database. Every POST must carry the session's CSRF
token, as a form field or (HTMX) the X-CSRF-Token header.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request

from sdcoach.services.accounts import LOCAL_OWNER

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class WebUser:
    """The signed-in person: their owner id (``local`` in single-user mode) and email."""

    owner: str
    email: str | None


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def require_csrf(request: Request) -> None:
    """Refuse a POST whose token (form field or header) does not match the session's."""
    if request.method != "POST":
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not isinstance(expected, str) or sent is None or not hmac.compare_digest(expected, sent):
        raise HTTPException(
            status_code=403, detail="This form has expired or did not come from sdcoach; reload the page."
        )


def current_user(request: Request) -> WebUser:
    """The person making the request; in multi-user mode an anonymous request is sent to the login page."""
    if not request.app.state.multi_user:
        return WebUser(LOCAL_OWNER, None)
    owner, email = request.session.get("user"), request.session.get("email")
    if not isinstance(owner, str):
        raise HTTPException(status_code=401, detail="Sign in first.")
    return WebUser(owner, email if isinstance(email, str) else None)
