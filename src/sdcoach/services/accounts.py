"""Accounts for the multi-user web app: sign up and sign in. Passwords are kept only as argon2 hashes, and a
wrong email and a wrong password get the same answer after the same work."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sdcoach.config import Settings
from sdcoach.errors import UsageError
from sdcoach.store.accounts import AccountRepository, StoredAccount
from sdcoach.store.database import open_database
from sdcoach.store.models import LOCAL

LOCAL_OWNER = LOCAL  # whose data a single-user sdcoach (and the command line) reads and writes
MIN_PASSWORD = 10


@dataclass(frozen=True)
class Account:
    """A signed-up person: the owner id their data is stored under, and their email."""

    owner: str
    email: str


def create_account(settings: Settings, email: str, password: str) -> Account:
    """A new account; the password is stored only as an argon2 hash."""
    from argon2 import PasswordHasher

    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UsageError("Give a valid email address.", field="email")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"Choose a password of at least {MIN_PASSWORD} characters.", field="password")
    account = StoredAccount(uuid.uuid4().hex, email, PasswordHasher().hash(password))
    if not _accounts(settings).add(account, datetime.now(UTC)):
        raise UsageError("An account with this email already exists; sign in instead.", field="email")
    return Account(account.id, email)


def authenticate(settings: Settings, email: str, password: str) -> Account:
    """The account whose password this is; one vague error for a wrong email or password."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    found = _accounts(settings).find(email.strip().lower())
    hasher = PasswordHasher()
    try:
        if found is None:
            hasher.verify(_DUMMY_HASH, password)  # same work either way, so timing does not reveal accounts
            raise VerificationError
        hasher.verify(found.password_hash, password)
    except (VerificationError, InvalidHashError) as err:
        raise UsageError("That email and password do not match an account.") from err
    return Account(found.id, found.email)


def _accounts(settings: Settings) -> AccountRepository:
    return AccountRepository(open_database(settings.database))


_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$I1/B1IJNIaM1LqiMparjgw$TGsQaIt5rR3/PZ1zSwQf4gFo30ym4F+RZ0fPN7U857E"
