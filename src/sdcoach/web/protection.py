"""What every response carries and which requests are answered at all: security headers (built with the
``secure`` library), ``Cache-Control: no-store`` on everything but the static files, and a Host allow-list.

The Content-Security-Policy allows scripts and styles only from sdcoach's own static files: no inline
``<script>``, no inline event handlers, no ``eval``; a JSON data island (``<script type="application/json">``)
is data, never run, so it needs no exception. Inline *styles* are allowed because Mermaid draws its diagrams
as SVG with ``<style>`` elements inside; styles cannot run code.

The Host allow-list stops DNS rebinding: a page on a foreign name that resolves to 127.0.0.1 reaches the
server with its own name in the Host header and gets 400, never a transcript. A single-user sdcoach answers
only to loopback names; a team server also to the names in ``SDCOACH_ALLOWED_HOSTS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sdcoach.config import Settings

if TYPE_CHECKING:
    from secure import Secure

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_NO_STORE = (b"cache-control", b"no-store")


def protect(app: FastAPI, settings: Settings) -> None:
    """Add the host check, no-store and the security headers (outermost) to the app."""
    from secure.middleware import SecureASGIMiddleware

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings), www_redirect=False)
    app.add_middleware(NoStore)
    app.add_middleware(SecureASGIMiddleware, secure=security_headers())


def allowed_hosts(settings: Settings) -> list[str]:
    """The Host names the app answers to: loopback, plus the configured names on a team server."""
    return [*LOOPBACK_NAMES, *(settings.allowed_hosts if settings.multi_user else [])]


def security_headers() -> Secure:
    """The headers every response carries."""
    import secure

    csp = (
        secure.ContentSecurityPolicy()
        .default_src("'none'")
        .script_src("'self'")
        .script_src_attr("'none'")
        .style_src("'self'", "'unsafe-inline'")
        .img_src("'self'", "data:")
        .font_src("'self'")
        .connect_src("'self'")
        .form_action("'self'")
        .frame_ancestors("'none'")
        .base_uri("'none'")
        .object_src("'none'")
    )
    return secure.Secure(
        csp=csp,
        xfo=secure.XFrameOptions().deny(),
        xcto=secure.XContentTypeOptions().nosniff(),
        referrer=secure.ReferrerPolicy().same_origin(),
        coop=secure.CrossOriginOpenerPolicy().same_origin(),
        corp=secure.CrossOriginResourcePolicy().same_origin(),
        hsts=secure.StrictTransportSecurity().max_age(31536000),  # browsers heed it only over HTTPS
        permissions=secure.PermissionsPolicy().geolocation().microphone().camera(),
    )


class NoStore:
    """``Cache-Control: no-store`` on every response but the static files: pages hold people's answers, and a
    shared computer's browser cache or a proxy must not keep them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*kept, _NO_STORE]}
            await send(message)

        await self.app(scope, receive, send_no_store)
