"""The input cap: an answer up to the limit passes untouched, one character more is refused with its length."""

from __future__ import annotations

import pytest

from sdcoach.errors import UsageError
from sdcoach.services.input_size import MAX_INPUT_CHARS, require_input_size


def test_text_up_to_the_cap_passes_unchanged() -> None:
    text = "x" * MAX_INPUT_CHARS
    assert require_input_size(text) is text


def test_one_character_past_the_cap_is_refused_saying_how_long_it_is_and_the_limit() -> None:
    with pytest.raises(UsageError) as caught:
        require_input_size("x" * (MAX_INPUT_CHARS + 1), "The pitch")
    message = str(caught.value)
    assert message.startswith(f"The pitch is {MAX_INPUT_CHARS + 1:,} characters; sdcoach takes at most 200,000")
    assert "nothing of it was saved" in message


def test_the_cap_is_far_above_a_long_interview() -> None:
    # 45 minutes at 150 words a minute, about six characters a word: the longest transcript a person produces
    assert MAX_INPUT_CHARS > 3 * 45 * 150 * 6
