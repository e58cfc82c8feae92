"""The password policy: long enough, and hard to guess by zxcvbn's estimate (common passwords, keyboard walks,
dates, l33t spellings), including when the parts taken from the person's e-mail address are known to the guesser.

A refusal says what is wrong and how to fix it; it never repeats the password.
"""

from __future__ import annotations

import re

from sdcoach.errors import UsageError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # argon2 hashes any length, but a megabyte-long "password" is only a way to burn CPU
MIN_SCORE = 3  # zxcvbn's "safely unguessable: moderate protection from an offline slow-hash attack"
_SCORED = 72  # zxcvbn refuses longer input; the first 72 characters of a longer password carry its strength
_ADVICE = "Three or four uncommon words with a number in between are easy to remember and hard to guess."


def check_password(password: str, email: str) -> None:
    """Refuse a password that is too short, too long, common, or built from the e-mail address."""
    if len(password) < MIN_LENGTH:
        raise _refused(f"Choose a password of at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise _refused(f"Choose a password of at most {MAX_LENGTH} characters.")
    parts = _email_parts(email)
    rest = _without(password.lower(), parts)
    if rest != password.lower() and (not rest or _strength(rest, []) < MIN_SCORE):
        raise _refused("This password is built from your e-mail address; the rest of it is too easy to guess.")
    if _strength(password, parts) < MIN_SCORE:
        raise _refused("This password is too easy to guess" + _why(password, parts))


def load_policy() -> None:
    """Load zxcvbn's dictionaries (it ranks them as it is imported, about a tenth of a second) ahead of a sign-up."""
    import zxcvbn  # noqa: F401


def _strength(password: str, parts: list[str]) -> int:
    from zxcvbn import zxcvbn

    return int(zxcvbn(password[:_SCORED], user_inputs=parts)["score"])


def _why(password: str, parts: list[str]) -> str:
    """zxcvbn's own warning (it names the kind of weakness, never the password), as the end of a sentence."""
    from zxcvbn import zxcvbn

    warning = str(zxcvbn(password[:_SCORED], user_inputs=parts)["feedback"]["warning"]).rstrip(".")
    return f": {warning[0].lower()}{warning[1:]}." if warning else "."


def _email_parts(email: str) -> list[str]:
    """The address and its words ("alice.smith@example.com" gives alice, smith, example and com)."""
    lowered = email.strip().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", lowered) if len(w) >= 3]
    local = lowered.split("@", 1)[0]
    return [lowered, local, *words]


def _without(password: str, parts: list[str]) -> str:
    for part in sorted(parts, key=len, reverse=True):
        password = password.replace(part, "")
    return password


def _refused(message: str) -> UsageError:
    return UsageError(message, field="password", hint=_ADVICE)
