"""The one exception tree of sdcoach; every error reads as a finished sentence.

    SdcoachError                 base: message plus optional path, line, field, hint
    ├── ContentError             a pack is unreadable or invalid (file, line, field)
    ├── UnknownNameError         a slug, section or other name that does not exist (with suggestions)
    ├── UsageError               a flag or argument value that cannot be used
    │   └── AnswerError          a drill answer that cannot be graded as written (asking again is the fix)
    ├── TooManyAttemptsError     too many sign-ins or sign-ups from one address or for one account (wait)
    ├── SessionLockedError       an interview another terminal (or the web app) has open, or took over
    ├── DiagramError             a diagram that cannot be read (Mermaid line and column, Excalidraw element id)
    ├── ConfigError              a setting (config.toml or an SDCOACH_ variable) that cannot be used
    ├── StoreError               the session database cannot be used (newer, corrupt, not writable)
    └── BackendError             an LLM backend failed (no server, bad key, unknown model, timeout ...)

Interfaces convert these once (the CLI's handler, later the web's) into exit code 2 and a message;
nothing here imports from the rest of sdcoach.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

_UNREADABLY_LONG = re.compile(r"(['\"]?)([^\s'\"]{201,})\1")  # a value with no space, too long to read back whole


class SdcoachError(Exception):
    """Base of every error sdcoach raises on purpose; carries where it happened and what to do."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.hint = hint

    @property
    def location(self) -> str | None:
        """'file:line' (or just the file) when the error has a place."""
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        parts = [f"{self.location}: " if self.location else ""]
        parts.append(f"{self.field}: " if self.field and not self.message.startswith(self.field) else "")
        parts.append(self.message)
        if self.hint:
            parts.append(f" {self.hint}")
        return _UNREADABLY_LONG.sub(_shortened, "".join(parts))


def _shortened(match: re.Match[str]) -> str:
    """A long value named in a message, as its start and end and how long it was: ``'xxx…xx' (10,002 characters)``."""
    quote, value = match.groups()
    stop = value[-1] if value[-1] in ":;,." and not quote else ""  # the sentence's, not the value's
    value = value[: len(value) - len(stop)]
    return f"{quote}{value[:60]}\u2026{value[-20:]}{quote} ({len(value):,} characters){stop}"


class ContentError(SdcoachError):
    """A content pack could not be read or does not match the content model."""


class UnknownNameError(SdcoachError):
    """A name (scenario slug, section, ...) that does not exist; suggests the closest ones."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str], known: Sequence[str]) -> None:
        if suggestions:
            hint = "Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        else:
            hint = "Known: " + ", ".join(known) + "." if known else "None are defined yet."
        super().__init__(f"There is no {kind} called {name!r}.", hint=hint)
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)


class UsageError(SdcoachError):
    """An argument or option value that cannot be used as given."""


class AnswerError(UsageError):
    """A drill answer that cannot be graded as written (a wrong unit, no number); a session asks again."""


class TooManyAttemptsError(SdcoachError):
    """Too many sign-in or sign-up attempts for one account or from one address; ``retry_after`` is the wait in
    whole seconds until the next attempt is accepted."""

    def __init__(self, retry_after: int) -> None:
        minutes = "a minute" if retry_after <= 60 else f"{-(-retry_after // 60)} minutes"
        super().__init__(
            f"Too many attempts; wait {minutes} and try again.",
            hint="Attempts are limited per account and per address to stop password guessing.",
        )
        self.retry_after = retry_after


class SessionLockedError(SdcoachError):
    """An interview that another running terminal or web request holds (it can be taken over), or that was
    taken over from this one."""


class DiagramError(SdcoachError):
    """A diagram file that cannot be read as written: Mermaid with its line and column, Excalidraw with the element."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        element: str | None = None,
        hint: str | None = None,
    ) -> None:
        field = f"column {column}" if column is not None else (f"element {element!r}" if element else None)
        super().__init__(message, path=path, line=line, field=field, hint=hint)
        self.column = column
        self.element = element


class ConfigError(SdcoachError):
    """A setting that cannot be used: config.toml unreadable or not TOML, an unknown key, a bad value.

    A secret's value (an API key, the web's secret key) never appears in the message."""


class StoreError(SdcoachError):
    """The session database cannot be used: made by a newer sdcoach, damaged, or not writable."""


class BackendError(SdcoachError):
    """An LLM backend could not give a usable reply; ``kind`` says why and whether a retry may help.

    Kinds: ``unreachable``, ``auth``, ``unknown_model``, ``rate_limited``, ``server``, ``timeout``,
    ``malformed``, ``rejected`` (the reply failed sdcoach's checks), ``config``."""

    RETRYABLE = frozenset({"unreachable", "rate_limited", "server", "timeout", "malformed"})

    def __init__(self, kind: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.kind = kind

    @property
    def is_retryable(self) -> bool:
        """Whether trying again (after a pause) may succeed."""
        return self.kind in self.RETRYABLE
