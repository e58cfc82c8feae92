"""Who is asking, and may they: accounts with argon2 password hashes, signed session cookies, CSRF tokens.

Sessions live in a signed cookie (Starlette's SessionMiddleware), so the app keeps no state between
requests and any number of workers can serve one database. Every POST must carry the session's CSRF
token, as a form field or (HTMX) the X-CSRF-Token header.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import HTTPException, Request
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdcoach.errors import UsageError
from sdcoach.store.models import LOCAL, UserRecord

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MIN_PASSWORD = 10


@dataclass(frozen=True)
class WebUser:
    """The signed-in person: their owner id (``local`` in single-user mode) and email."""

    owner: str
    email: str | None


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def require_csrf(request: Request) -> None:
    """Refuse a POST whose token (form field or header) does not match the session's."""
    if request.method != "POST":
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not isinstance(expected, str) or sent is None or not hmac.compare_digest(expected, sent):
        raise HTTPException(
            status_code=403, detail="This form has expired or did not come from sdcoach; reload the page."
        )


def current_user(request: Request) -> WebUser:
    """The person making the request; in multi-user mode an anonymous request is sent to the login page."""
    if not request.app.state.multi_user:
        return WebUser(LOCAL, None)
    owner, email = request.session.get("user"), request.session.get("email")
    if not isinstance(owner, str):
        raise HTTPException(status_code=401, detail="Sign in first.")
    return WebUser(owner, email if isinstance(email, str) else None)


def create_account(engine: Engine, email: str, password: str) -> WebUser:
    """A new account; the password is stored only as an argon2 hash."""
    from argon2 import PasswordHasher

    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UsageError("Give a valid email address.", field="email")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"Choose a password of at least {MIN_PASSWORD} characters.", field="password")
    user_id = uuid.uuid4().hex
    record = UserRecord(
        id=user_id, email=email, password_hash=PasswordHasher().hash(password), created_at=datetime.now(UTC)
    )
    try:
        with Session(engine) as db, db.begin():
            db.add(record)
    except IntegrityError as err:
        raise UsageError("An account with this email already exists; sign in instead.", field="email") from err
    return WebUser(user_id, email)


def authenticate(engine: Engine, email: str, password: str) -> WebUser:
    """The account whose password this is; one vague error for a wrong email or password."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    with Session(engine) as db:
        record = db.scalars(select(UserRecord).where(UserRecord.email == email.strip().lower())).first()
        found = (record.id, record.email, record.password_hash) if record else None
    hasher = PasswordHasher()
    try:
        if found is None:
            hasher.verify(_DUMMY_HASH, password)  # same work either way, so timing does not reveal accounts
            raise VerificationError
        hasher.verify(found[2], password)
    except (VerificationError, InvalidHashError) as err:
        raise UsageError("That email and password do not match an account.") from err
    return WebUser(found[0], found[1])


_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$I1/B1IJNIaM1LqiMparjgw$TGsQaIt5rR3/PZ1zSwQf4gFo30ym4F+RZ0fPN7U857E"
