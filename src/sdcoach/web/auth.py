"""Accounts for the multi-user app: sign up, sign in, sign out. In single-user mode these pages say so."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sdcoach.errors import UsageError
from sdcoach.services.accounts import Account, authenticate, create_account
from sdcoach.web.render import page
from sdcoach.web.security import require_csrf

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    """The sign-in form."""
    return page(request, "login.html", mode="login", error=None)


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    """The sign-up form."""
    return page(request, "login.html", mode="signup", error=None)


@router.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    """Sign in and go to the library; a wrong email or password shows the form again."""
    try:
        user = authenticate(request.app.state.settings, email, password)
    except UsageError as err:
        return _form_again(request, "login", str(err))
    return _signed_in(request, user)


@router.post("/signup", dependencies=[Depends(require_csrf)])
def signup(request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    """Create an account and sign in."""
    if not request.app.state.multi_user:
        return _form_again(request, "signup", "This sdcoach runs for one person; there are no accounts to create.")
    try:
        user = create_account(request.app.state.settings, email, password)
    except UsageError as err:
        return _form_again(request, "signup", str(err))
    return _signed_in(request, user)


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    """Forget the session (a new CSRF token comes with the next page)."""
    request.session.clear()
    return RedirectResponse("/login" if request.app.state.multi_user else "/", status_code=303)


def _signed_in(request: Request, user: Account) -> Response:
    request.session.clear()  # a fresh session on sign-in, so a planted one cannot be reused
    request.session.update({"user": user.owner, "email": user.email})
    return RedirectResponse("/", status_code=303)


def _form_again(request: Request, mode: str, error: str) -> Response:
    response = page(request, "login.html", mode=mode, error=error)
    response.status_code = 400
    return response
