"""The backend in use: word an engine decision, check the wording, and fall back to the engine's own text.

Every call has one deadline (SDCOACH_REPLY_TIMEOUT) for all its retries; a failure, a reply that fails
its check, or Ctrl-C returns the engine's wording with a one-line notice saying so. Nothing here changes
a score, a fact or a number: callers pass the engine's text as the fallback and a check for the reply.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from sdcoach.backends.base import ChatBackend, ChatRequest, Limits, Message
from sdcoach.backends.retry import with_retries
from sdcoach.config import Settings
from sdcoach.content.loader import load_phrasing
from sdcoach.content.phrasing_schema import PhrasingRules
from sdcoach.errors import BackendError

PROMPTS = Path(__file__).parents[1] / "backends" / "prompts"
Check = Callable[[str], str | None]


@dataclass(frozen=True)
class Worded:
    """What to show: the text, whether the backend wrote it, and a notice when it fell back."""

    text: str
    by_backend: bool
    notice: str | None = None


@cache
def prompt(name: str) -> str:
    """A prompt template from ``backends/prompts``."""
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


@cache
def phrasing_rules() -> PhrasingRules:
    """What a backend's wording is checked for (the built-in phrasing pack, read once per process)."""
    return load_phrasing()


def as_data(text: str, tag: str = "candidate") -> str:
    """User text made safe to put between tags: it cannot close the tag it sits in."""
    return text.replace(f"</{tag}>", f"</ {tag}>").replace(f"<{tag}>", f"< {tag}>")


class Coach:
    """The configured backend with sdcoach's reliability and checks around it."""

    def __init__(self, backend: ChatBackend, settings: Settings) -> None:
        self.backend = backend
        self.deadline_s = settings.reply_timeout
        self.retries = settings.backend_retries

    @property
    def is_offline(self) -> bool:
        """True when the engine's own words are all there is."""
        return self.backend.is_offline

    def word(
        self,
        messages: tuple[Message, ...],
        fallback: str,
        check: Check,
        max_tokens: int = 400,
        deadline_s: float | None = None,
    ) -> Worded:
        """The backend's wording when it arrives in time and passes ``check``; else the fallback and why."""
        if self.backend.is_offline:
            return Worded(fallback, False)
        deadline = deadline_s or self.deadline_s
        request = ChatRequest(messages, Limits(max_tokens, deadline), fallback)
        try:
            text = with_retries(
                lambda left: self.backend.complete(replace(request, limits=replace(request.limits, timeout_s=left))),
                deadline,
                self.retries,
            ).strip()
        except BackendError as err:
            return Worded(fallback, False, self._notice(f"{err.kind.replace('_', ' ')}: {err.message}"))
        except KeyboardInterrupt:
            return Worded(fallback, False, self._notice("cancelled"))
        problem = check(text)
        if problem is not None:
            return Worded(fallback, False, self._notice(f"its reply was set aside: {problem}"))
        return Worded(text, True)

    def stream(self, messages: tuple[Message, ...], fallback: str, max_tokens: int = 500) -> Iterator[str]:
        """The backend's reply piece by piece (retrying only before the first piece); raises ``BackendError``.

        Offline, the fallback word by word. Callers check the whole text afterwards."""
        request = ChatRequest(messages, Limits(max_tokens, self.deadline_s), fallback)
        first: list[Iterator[str]] = []

        def opened(left: float) -> str:
            pieces = self.backend.stream(replace(request, limits=replace(request.limits, timeout_s=left)))
            head = next(pieces)
            first.append(pieces)
            return head

        try:
            yield with_retries(opened, self.deadline_s, self.retries)
        except StopIteration as err:
            raise BackendError("malformed", "The server streamed an empty reply.") from err
        yield from first[0]

    def stream_checked(
        self, messages: tuple[Message, ...], fallback: str, check: Check, what: str, then: str
    ) -> Generator[str, None, Worded]:
        """The backend's reply piece by piece, then (as the generator's return) the whole reply if it passes
        ``check``, else the fallback with a notice: ``what`` names the reply, ``then`` says what follows."""
        pieces: list[str] = []
        try:
            for piece in self.stream(messages, fallback):
                pieces.append(piece)
                yield piece
        except BackendError as err:
            return Worded(fallback, False, f"[{self.backend.name} backend: {err.kind}: {err.message}; {then}]")
        except KeyboardInterrupt:
            return Worded(fallback, False, f"[{self.backend.name} backend: cancelled; {then}]")
        text = "".join(pieces).strip()
        problem = check(text)
        if problem:
            return Worded(fallback, False, f"[{self.backend.name} backend: the {what} above was set aside: {problem}]")
        return Worded(text, True)

    def _notice(self, why: str) -> str:
        return f"[{self.backend.name} backend: {why}; showing sdcoach's own words]"


def drain(pieces: Generator[str, None, Worded], on_piece: Callable[[str], None]) -> Worded:
    """Pass each piece of a checked stream to ``on_piece``; the checked outcome."""
    while True:
        try:
            on_piece(next(pieces))
        except StopIteration as done:
            outcome: Worded = done.value
            return outcome


def coach_from(settings: Settings) -> Coach:
    """The coach for the configured backend (a configuration error is raised, not hidden)."""
    from sdcoach.backends.registry import backend_from

    return Coach(backend_from(settings), settings)
