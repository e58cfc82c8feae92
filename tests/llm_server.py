"""A small OpenAI- and Anthropic-compatible test server on 127.0.0.1 that can misbehave on purpose.

Tests queue behaviours (``server.script(...)``); each request takes the next one, then ``ok`` by default:

    ok          a normal JSON reply (or a well-formed stream when the client asks for one)
    stall       sleep longer than any client timeout before answering
    429 / 500   an error status (429 with Retry-After: 0)
    401 / 404   a refused key / an unknown model
    malformed   a 200 whose body is not JSON (or a stream whose events are not JSON)
    truncated   a stream cut off mid-reply, without its final event
    empty       a 200 with an empty message

The reply text is ``server.reply`` (a callable from the request's messages to text, so tests can echo).
Every request is recorded with its headers and body.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class LLMServer:
    """The server's state: scripted behaviours, the reply function, and what it received."""

    reply: Callable[[list[dict[str, Any]]], str] = lambda messages: "Walk me through the write path."
    stall_s: float = 3.0
    behaviours: deque[str] = field(default_factory=deque)
    received: list[Recorded] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    httpd: ThreadingHTTPServer | None = None

    def script(self, *behaviours: str) -> None:
        """Queue behaviours for the next requests."""
        with self.lock:
            self.behaviours.extend(behaviours)

    def next_behaviour(self) -> str:
        with self.lock:
            return self.behaviours.popleft() if self.behaviours else "ok"

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:PORT (add /v1 for OpenAI clients)."""
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> LLMServer:
        """Serve on a free port in a background thread."""
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Shut the server down."""
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up on a stalled reply closes its socket; that is expected here, not an error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


def _handler(server: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.received.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            behaviour = server.next_behaviour()
            is_anthropic = self.path.rstrip("/").endswith("/messages")
            text = server.reply(body.get("messages", []))
            if behaviour == "stall":
                time.sleep(server.stall_s)
            if behaviour in {"429", "500", "401", "404"}:
                return self._status(int(behaviour), is_anthropic)
            if behaviour == "malformed" and not body.get("stream"):
                return self._raw(200, b"this is not json {", "application/json")
            if behaviour == "empty":
                text = ""
            if body.get("stream"):
                events = _anthropic_events(text) if is_anthropic else _openai_events(text, body)
                if behaviour == "malformed":
                    events = [*events[:1], "data: {not json}\n\n"]
                if behaviour == "truncated":
                    events = events[: max(2, len(events) // 2)]
                return self._stream(events)
            payload = _anthropic_message(text, body) if is_anthropic else _openai_completion(text, body)
            data = json.dumps(payload).encode()
            return self._raw(200, data[: len(data) // 2] if behaviour == "truncated" else data, "application/json")

        def _status(self, code: int, is_anthropic: bool) -> None:
            kinds = {429: "rate_limit_error", 500: "api_error", 401: "authentication_error", 404: "not_found_error"}
            if is_anthropic:
                error: dict[str, Any] = {"type": "error", "error": {"type": kinds[code], "message": "scripted"}}
            else:
                error = {"error": {"message": "scripted", "type": kinds[code], "code": code}}
            self._raw(code, json.dumps(error).encode(), "application/json", retry_after=code == 429)

        def _raw(self, code: int, data: bytes, kind: str, retry_after: bool = False) -> None:
            self.send_response(code)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(data)))
            if retry_after:
                self.send_header("retry-after", "0")
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, events: list[str]) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("connection", "close")
            self.end_headers()
            for event in events:
                self.wfile.write(event.encode())
                self.wfile.flush()
            self.close_connection = True

    return Handler


def _openai_completion(text: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _openai_events(text: str, body: dict[str, Any]) -> list[str]:
    def chunk(delta: dict[str, Any], finish: str | None) -> str:
        payload = {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "test"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(payload)}\n\n"

    words = text.split(" ")
    pieces = [chunk({"role": "assistant", "content": ""}, None)]
    pieces += [chunk({"content": w if i == 0 else " " + w}, None) for i, w in enumerate(words)]
    return [*pieces, chunk({}, "stop"), "data: [DONE]\n\n"]


def _anthropic_message(text: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "test"),
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


def _anthropic_events(text: str) -> list[str]:
    def event(name: str, data: dict[str, Any]) -> str:
        return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

    start = {"message": {**_anthropic_message("", {}), "content": [], "stop_reason": None}}
    words = text.split(" ")
    return [
        event("message_start", start),
        event("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}}),
        *(
            event(
                "content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": w if i == 0 else " " + w}}
            )
            for i, w in enumerate(words)
        ),
        event("content_block_stop", {"index": 0}),
        event(
            "message_delta",
            {"delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 5}},
        ),
        event("message_stop", {}),
    ]
