"""The password policy: zxcvbn's estimate with the e-mail's words known to the guesser; refusals never repeat
the password."""

from __future__ import annotations

import pytest

from sdcoach.errors import UsageError
from sdcoach.services.passwords import MAX_LENGTH, check_password

EMAIL = "alice.smith@example.com"


@pytest.mark.parametrize(
    "password",
    ["zebra quantum pillow 42", "correct horse battery", "Tr0ub4dor&3x!", "alice loves quiet violet anchors"],
)
def test_hard_to_guess_passwords_pass(password: str) -> None:
    check_password(password, EMAIL)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "very common password"),
        ("1234567890", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
        ("alice.smith@example.com", "built from your e-mail address"),
        ("AliceSmith2024", "built from your e-mail address"),
        ("example.com!!", "built from your e-mail address"),
        ("short", "at least 10 characters"),
        ("x" * (MAX_LENGTH + 1), "at most 1024 characters"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason_that_does_not_repeat_them(password: str, reason: str) -> None:
    with pytest.raises(UsageError) as refused:
        check_password(password, EMAIL)
    assert reason in str(refused.value) and refused.value.field == "password"
    assert password not in str(refused.value) and refused.value.hint


def test_a_long_passphrase_is_scored_without_zxcvbns_length_error() -> None:
    check_password("violet anchor meadow " * 10, EMAIL)
