"""Signed-in sessions for the web app: a random token in the browser's cookie, only its SHA-256 in the database.

The cookie carries nothing readable (no id, no e-mail, no signature to check): the token means something only
while its row exists, so signing out, a password change or the expiry ends it everywhere at once, and a cookie
copied before that is refused after it. The same token also keys the page's CSRF token (a different hash of it),
so anonymous visitors need no row at all.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from sdcoach.config import Settings
from sdcoach.services.accounts import Account
from sdcoach.store.database import open_database
from sdcoach.store.web_sessions import WebSessionRepository

SESSION_DAYS = 14
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32): 256 random bits


def new_token() -> str:
    """A fresh random token for a browser's cookie."""
    return secrets.token_urlsafe(32)


def is_token(value: str | None) -> bool:
    """Whether a cookie value has the shape of a token (anything else is ignored and replaced)."""
    return value is not None and _TOKEN.fullmatch(value) is not None


def csrf_for(token: str) -> str:
    """The CSRF token that goes with a browser token; it reveals nothing of the browser token."""
    return hashlib.sha256(b"sdcoach-csrf:" + token.encode()).hexdigest()


def start_session(settings: Settings, owner: str) -> str:
    """A new signed-in session for ``owner``; the token to put in the cookie."""
    token = new_token()
    now = datetime.now(UTC)
    _sessions(settings).add(_hash(token), owner, now, now + timedelta(days=SESSION_DAYS))
    return token


def signed_in_as(settings: Settings, token: str | None) -> Account | None:
    """The account a browser token is signed in as, or None (no session, ended, or expired)."""
    if not is_token(token):
        return None
    found = _sessions(settings).find(_hash(str(token)), datetime.now(UTC))
    return Account(found.owner, found.email) if found else None


def end_session(settings: Settings, token: str | None) -> None:
    """Sign one browser out."""
    if is_token(token):
        _sessions(settings).remove(_hash(str(token)))


def end_all_sessions(settings: Settings, owner: str) -> int:
    """Sign a person out everywhere; how many sessions ended."""
    return _sessions(settings).remove_all(owner)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sessions(settings: Settings) -> WebSessionRepository:
    return WebSessionRepository(open_database(settings.database))
