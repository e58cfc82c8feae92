"""Accounts for the multi-user web app: sign up, sign in, change a password. Passwords are kept only as argon2
hashes and must pass the password policy; attempts are limited per account and per address.

Neither sign-in nor sign-up tells whether an e-mail has an account: a wrong e-mail and a wrong password get
the same answer after the same work, and signing up an e-mail that is taken looks like signing up a new one
(the same answer after the same hashing; the existing account is left as it was).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sdcoach.config import Settings
from sdcoach.errors import UsageError
from sdcoach.services.attempt_limits import attempt_limits, sign_in_subjects, sign_up_subject
from sdcoach.services.password_hashing import hash_password, password_matches
from sdcoach.services.passwords import check_password
from sdcoach.store.accounts import AccountRepository, StoredAccount
from sdcoach.store.database import open_database
from sdcoach.store.models import LOCAL

LOCAL_OWNER = LOCAL  # whose data a single-user sdcoach (and the command line) reads and writes


@dataclass(frozen=True)
class Account:
    """A signed-up person: the owner id their data is stored under, and their email."""

    owner: str
    email: str


def sign_up(settings: Settings, email: str, password: str, address: str) -> None:
    """Create an account unless the e-mail has one; either way the caller learns nothing more than "done"."""
    attempt_limits(settings).spend(sign_up_subject(address))
    email = _valid_email(email)
    check_password(password, email)
    account = StoredAccount(uuid.uuid4().hex, email, hash_password(password))
    _accounts(settings).add(account, datetime.now(UTC))  # False when taken: deliberately not told


def authenticate(settings: Settings, email: str, password: str, address: str) -> Account:
    """The account whose password this is; one vague error for a wrong email or password, and a
    TooManyAttemptsError once the account or the address has used up its attempts."""
    email = email.strip().lower()
    limits = attempt_limits(settings)
    subjects = sign_in_subjects(email, address)
    limits.refuse_if_spent(*subjects)
    found = _accounts(settings).find(email)
    if not _verified(found.password_hash if found else None, password):
        limits.count(*subjects)
        raise UsageError("That email and password do not match an account.")
    assert found is not None
    return Account(found.id, found.email)


def change_password(settings: Settings, owner: str, current: str, new: str, address: str) -> Account:
    """Set a new password after checking the current one (a wrong one counts as a failed sign-in)."""
    stored = _accounts(settings).get(owner)
    if stored is None:
        raise UsageError("This account no longer exists.")
    account = authenticate(settings, stored.email, current, address)
    check_password(new, account.email)
    _accounts(settings).set_password_hash(owner, hash_password(new))
    return account


def _verified(password_hash: str | None, password: str) -> bool:
    # the dummy hash costs the same work, so timing does not reveal which e-mails have accounts
    return password_matches(password_hash or _DUMMY_HASH, password) and password_hash is not None


def _valid_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UsageError("Give a valid email address.", field="email")
    return email


def _accounts(settings: Settings) -> AccountRepository:
    return AccountRepository(open_database(settings.database))


_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$I1/B1IJNIaM1LqiMparjgw$TGsQaIt5rR3/PZ1zSwQf4gFo30ym4F+RZ0fPN7U857E"
