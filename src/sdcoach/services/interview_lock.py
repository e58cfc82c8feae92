"""One interview, one window: hold a session while it is open, and word what happens when another has it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sdcoach.errors import SessionLockedError
from sdcoach.store.locks import Lease, LockHeldError, LockHolder, SessionLocks

TERMINAL = "terminal"
WEB = "web"


def hold(locks: SessionLocks, session_id: str, client: str, take_over: bool) -> Lease:
    """Hold the session for ``client``; a clear error (who, since when, how to take over) if someone else does."""
    try:
        return locks.acquire(session_id, client, take_over)
    except LockHeldError as held:
        raise held_error(session_id, held.holder, client) from held


def held_error(session_id: str, holder: LockHolder | None, client: str) -> SessionLockedError:
    """The session is open elsewhere: which session, where, since when, and the way to take it over."""
    if client == TERMINAL:
        hint = (
            "Finish or quit it there (Ctrl-D saves), or take it over here: "
            f"sdcoach interview --resume {session_id} --take-over"
        )
    else:
        hint = "Quit it there (Ctrl-D saves), then send your answer again."
    return SessionLockedError(f"Interview {session_id} is open {_where(holder)}.", hint=hint)


def lost_error(session_id: str, holder: LockHolder | None) -> SessionLockedError:
    """The session was taken over while this one had it: this one stops, the answer just sent was not stored."""
    by = f"by {_who(holder)} at {holder.acquired_at:%H:%M} UTC" if holder else "and closed"
    return SessionLockedError(
        f"Interview {session_id} was taken over {by}; this window stops here and your last answer was not saved.",
        hint=f"Continue there, or take it back: sdcoach interview --resume {session_id} --take-over",
    )


def taken_over_notice(lease: Lease) -> str | None:
    """What to say after taking a session over from a holder that was still there (or looked it)."""
    if lease.replaced is None:
        return None
    return f"Took this interview over from {_who(lease.replaced)}; that window stops at its next answer."


def _where(holder: LockHolder | None) -> str:
    if holder is None:
        return "elsewhere and could not be locked"
    now = datetime.now(UTC)
    return (
        f"in {_who(holder)} since {holder.acquired_at:%Y-%m-%d %H:%M} UTC (last seen {_ago(now - holder.heartbeat_at)})"
    )


def _who(holder: LockHolder) -> str:
    where = "on this machine" if holder.is_on_this_host else f"on {holder.host}"
    kind = "the web app" if holder.client == WEB else "another terminal"
    return f"{kind} (process {holder.pid} {where})"


def _ago(age: timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    if seconds < 120:
        return f"{seconds} seconds ago"
    return f"{seconds // 60} minutes ago"
