"""A value too long to read back (a pasted log given as a slug, a 10,000-character option) is shortened in the
message to its start, its end and its length; everything else in the message is kept as written."""

from __future__ import annotations

from sdcoach.errors import UnknownNameError, UsageError


def test_a_long_value_is_shown_by_its_start_end_and_length() -> None:
    value = "a" * 5000 + "END"
    message = str(UsageError(f"--audience must be one of director, pm; got {value!r}.", hint="Pick one."))
    assert message == (
        f"--audience must be one of director, pm; got '{'a' * 60}\u2026{'a' * 17}END' (5,003 characters). Pick one."
    )


def test_a_long_path_keeps_the_colon_that_follows_it() -> None:
    path = "/tmp/" + "d" * 300
    message = str(UsageError("Cannot read it.", path=path))
    assert message.startswith(f"{path[:60]}\u2026{path[-20:]} (305 characters): Cannot read it.")


def test_ordinary_messages_and_long_sentences_are_unchanged() -> None:
    long_list = ", ".join(f"scenario-{n}" for n in range(100))
    error = UnknownNameError("scenario", "feature-stor", [], [long_list])
    assert str(error) == f"There is no scenario called 'feature-stor'. Known: {long_list}."
