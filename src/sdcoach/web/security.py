"""Who is asking, and may they: the signed-in person from the server-side session their cookie's token names,
and CSRF tokens (accounts themselves are the services' job).

Every POST must carry the CSRF token that goes with the browser's token, as a form field or (HTMX) the
X-CSRF-Token header; a page from another site can neither read it nor send the cookie (SameSite=Lax).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.requests import HTTPConnection

from sdcoach.services.accounts import LOCAL_OWNER, Account
from sdcoach.services.web_sessions import csrf_for, end_session, new_token, signed_in_as, start_session
from sdcoach.web.cookie import browser, replace_token

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class WebUser:
    """The signed-in person: their owner id (``local`` in single-user mode) and email."""

    owner: str
    email: str | None


def csrf_token(request: HTTPConnection) -> str:
    """The CSRF token of this browser."""
    return csrf_for(browser(request).token)


async def require_csrf(request: Request) -> None:
    """Refuse a POST whose token (form field or header) does not match the browser's."""
    if request.method != "POST":
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if browser(request).is_new or sent is None or not hmac.compare_digest(csrf_token(request), sent):
        raise HTTPException(
            status_code=403, detail="This form has expired or did not come from sdcoach; reload the page."
        )


def signed_in(request: HTTPConnection) -> Account | None:
    """Who this browser is signed in as (multi-user mode), looked up once per request."""
    state = browser(request)
    if not state.looked_up:
        fresh = state.is_new or not request.app.state.multi_user
        state.account = None if fresh else signed_in_as(request.app.state.settings, state.token)
        state.looked_up = True
    return state.account if isinstance(state.account, Account) else None


def current_user(request: Request) -> WebUser:
    """The person making the request; in multi-user mode an anonymous request is sent to the login page."""
    if not request.app.state.multi_user:
        return WebUser(LOCAL_OWNER, None)
    account = signed_in(request)
    if account is None:
        raise HTTPException(status_code=401, detail="Sign in first.")
    return WebUser(account.owner, account.email)


def sign_in_browser(request: Request, account: Account) -> None:
    """Start a session for this browser under a new token (a token planted before sign-in is never reused)."""
    replace_token(request, start_session(request.app.state.settings, account.owner))


def sign_out_browser(request: Request) -> None:
    """End this browser's session and give it a fresh, signed-out token."""
    end_session(request.app.state.settings, browser(request).token)
    replace_token(request, new_token())
