"""How long the app took: every response carries ``Server-Timing: app;dur=<ms>`` (the time to its headers).

Browsers' developer tools show it beside the network time, and bench/web_load.py reads it, so the load
benchmark reports the server's own time per turn and per page apart from its client's queueing.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ServerTiming:
    """A pure ASGI middleware (it never buffers a body, so streamed responses stream as before)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; stamp the elapsed milliseconds on the response's headers as they go out."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
                message["headers"] = [*message.get("headers", []), (b"server-timing", took.encode())]
            await send(message)

        await self.app(scope, receive, timed)
