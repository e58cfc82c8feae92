"""The offline backend: the engine's own text, unchanged. The default; needs no server and no key."""

from __future__ import annotations

from collections.abc import Iterator

from sdcoach.backends.base import ChatRequest


class OfflineBackend:
    """Returns the request's fallback (the engine's wording)."""

    name = "offline"
    model = "sdcoach-engine"
    is_offline = True

    def complete(self, request: ChatRequest) -> str:
        """The engine's text."""
        return request.fallback

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """The engine's text, word by word."""
        words = request.fallback.split(" ")
        for index, word in enumerate(words):
            yield word if index == len(words) - 1 else word + " "
