"""The browser's cookie: one random token and nothing else (see ``services.web_sessions``).

A small ASGI middleware gives every request a token, the cookie's own or a fresh one, and sets the cookie on the
response when the token is new or was replaced (signing in or out replaces it, so a token planted before
sign-in is never the signed-in one). The cookie is HttpOnly, SameSite=Lax, and Secure when the request came
over HTTPS or ``SDCOACH_SECURE_COOKIES`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sdcoach.services.web_sessions import SESSION_DAYS, is_token, new_token

COOKIE = "sdcoach_session"
_KEY = "sdcoach.browser"


@dataclass
class Browser:
    """This request's browser token, whether the response must set it, and who it is signed in as (looked up
    at most once per request; ``looked_up`` says whether ``account`` is known)."""

    token: str
    is_new: bool
    looked_up: bool = False
    account: object | None = None


def browser(connection: HTTPConnection) -> Browser:
    """The request's browser state (the middleware always puts one in)."""
    found: Browser = connection.scope[_KEY]
    return found


def replace_token(connection: HTTPConnection, token: str) -> None:
    """Give the browser a new token with this response (after sign-in, sign-out or a password change)."""
    state = browser(connection)
    state.token, state.is_new, state.looked_up, state.account = token, True, False, None


class BrowserCookie:
    """Puts a Browser in every HTTP request's scope and sets the cookie when its token is new."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        sent = HTTPConnection(scope).cookies.get(COOKIE)
        state = Browser(sent, False) if sent is not None and is_token(sent) else Browser(new_token(), True)
        scope[_KEY] = state
        secure = self.secure or scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and state.is_new:
                headers = [*message.get("headers", []), (b"set-cookie", _cookie(state.token, secure))]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(token: str, secure: bool) -> bytes:
    jar: SimpleCookie = SimpleCookie()
    jar[COOKIE] = token
    morsel = jar[COOKIE]
    morsel["path"] = "/"
    morsel["max-age"] = SESSION_DAYS * 24 * 3600
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if secure:
        morsel["secure"] = True
    return morsel.OutputString().encode("latin-1")
