"""The most text sdcoach takes as one input (an answer, a pitch, a transcript), checked before anything is stored.

200,000 characters is about 30,000 words: over three hours of speech, several times the longest
interview transcript. Past it the text is not an answer but a pasted log, a keyword dump or the wrong
file; storing it would bloat the history and grading it would reward volume (a 5 MB dump of every
keyword once scored 58% on the question drill). The cap is documented in the README and in --help.
"""

from __future__ import annotations

from sdcoach.errors import UsageError

MAX_INPUT_CHARS = 200_000
AT_MOST = f"at most {MAX_INPUT_CHARS:,} characters"  # for --help


def require_input_size(text: str, what: str = "The answer", *, hint: str | None = None) -> str:
    """``text`` unchanged when it is within the cap; otherwise a UsageError saying how long it is and the limit."""
    if len(text) > MAX_INPUT_CHARS:
        raise UsageError(
            f"{what} is {len(text):,} characters; sdcoach takes at most {MAX_INPUT_CHARS:,} (about 30,000 words), "
            "and nothing of it was saved.",
            hint=hint or "Give the answer itself, not a log or a whole document; split a longer transcript.",
        )
    return text
