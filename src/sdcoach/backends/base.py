"""The backend protocol: chat messages in, text (or a stream of text) out, within limits.

``ChatRequest.fallback`` carries the engine's own wording: the offline backend returns it, and every
caller shows it when a real backend fails or its reply does not pass the checks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One chat message."""

    role: Role
    content: str


@dataclass(frozen=True)
class Limits:
    """How long and how much: output tokens, and the seconds one attempt may take."""

    max_tokens: int = 400
    timeout_s: float = 20.0


@dataclass(frozen=True)
class ChatRequest:
    """What to send, the limits, and the engine's own text to fall back to."""

    messages: tuple[Message, ...]
    limits: Limits = field(default_factory=Limits)
    fallback: str = ""


class ChatBackend(Protocol):
    """Anything that turns chat messages into text: the offline engine, an OpenAI-compatible server, Anthropic."""

    name: str
    model: str
    is_offline: bool

    def complete(self, request: ChatRequest) -> str:
        """The whole reply; raises ``BackendError`` when there is none."""
        ...

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """The reply in pieces as they arrive; raises ``BackendError`` mid-stream when it breaks."""
        ...


def system_and_turns(messages: Sequence[Message]) -> tuple[str, list[Message]]:
    """The system prompt joined, and the other messages (Anthropic takes the system prompt apart)."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    return system, [m for m in messages if m.role != "system"]
