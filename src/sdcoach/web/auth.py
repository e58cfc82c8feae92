"""Accounts for the multi-user app: sign up, sign in, sign out, change the password. In single-user mode these
pages say so.

Sign-up answers the same way whether or not the e-mail has an account (it sends the person to sign in), so
the form cannot be used to learn who has one. Too many attempts get 429 with Retry-After, shown in the form.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sdcoach.errors import TooManyAttemptsError, UsageError
from sdcoach.services.accounts import authenticate, change_password, sign_up
from sdcoach.services.web_sessions import end_all_sessions
from sdcoach.web.render import page
from sdcoach.web.security import WebUser, current_user, require_csrf, sign_in_browser, sign_out_browser

router = APIRouter()
SIGNED_UP = (
    "Sign in with the e-mail and password you chose. (An e-mail that already had an account keeps its password.)"
)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, created: bool = False) -> HTMLResponse:
    """The sign-in form (after sign-up, with a note saying what to do next)."""
    return page(request, "login.html", mode="login", error=None, notice=SIGNED_UP if created else None)


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    """The sign-up form."""
    return page(request, "login.html", mode="signup", error=None)


@router.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    """Sign in and go to the library; a wrong email or password shows the form again."""
    try:
        account = authenticate(request.app.state.settings, email, password, _address(request))
    except (UsageError, TooManyAttemptsError) as err:
        return _form_again(request, "login", err, email)
    sign_in_browser(request, account)
    return RedirectResponse("/", status_code=303)


@router.post("/signup", dependencies=[Depends(require_csrf)])
def signup(request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    """Create an account (unless the e-mail has one, which the answer does not tell) and go to sign in."""
    if not request.app.state.multi_user:
        refused = UsageError("This sdcoach runs for one person; there are no accounts to create.")
        return _form_again(request, "signup", refused, email)
    try:
        sign_up(request.app.state.settings, email, password, _address(request))
    except (UsageError, TooManyAttemptsError) as err:
        return _form_again(request, "signup", err, email)
    return RedirectResponse("/login?created=true", status_code=303)


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    """End the session in the database (a copy of the cookie stops working too) and forget the cookie."""
    sign_out_browser(request)
    return RedirectResponse("/login" if request.app.state.multi_user else "/", status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: Annotated[WebUser, Depends(current_user)], changed: bool = False) -> Response:
    """The password-change form (a single-user sdcoach has no accounts)."""
    if not request.app.state.multi_user:
        raise HTTPException(status_code=404, detail="This sdcoach runs for one person; there is no account to manage.")
    notice = "Your password is changed; every other browser is signed out." if changed else None
    return page(request, "account.html", error=None, notice=notice, user=user)


@router.post("/account/password", dependencies=[Depends(require_csrf)])
def new_password(
    request: Request,
    user: Annotated[WebUser, Depends(current_user)],
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
) -> Response:
    """Change the password, end every session of this person, and keep this browser signed in on a new one."""
    try:
        account = change_password(request.app.state.settings, user.owner, current, new, _address(request))
    except (UsageError, TooManyAttemptsError) as err:
        return _refused(request, "account.html", err, user=user)
    end_all_sessions(request.app.state.settings, account.owner)
    sign_in_browser(request, account)
    return RedirectResponse("/account?changed=true", status_code=303)


def _address(request: Request) -> str:
    """The client's address (uvicorn takes it from X-Forwarded-For only when the proxy is trusted)."""
    return request.client.host if request.client else "unknown"


def _form_again(request: Request, mode: str, err: UsageError | TooManyAttemptsError, email: str) -> Response:
    return _refused(request, "login.html", err, mode=mode, email_given=email)


def _refused(request: Request, name: str, err: UsageError | TooManyAttemptsError, **context: object) -> Response:
    """The form again with the reason next to it; never the password."""
    response = page(request, name, error=str(err), notice=None, **context)
    response.status_code = 429 if isinstance(err, TooManyAttemptsError) else 400
    if isinstance(err, TooManyAttemptsError):
        response.headers["Retry-After"] = str(err.retry_after)
    return response
