"""The user's text as the command line reads it: a file, standard input, or lines typed at a terminal.

Everything is decoded here, once, as UTF-8. A byte that is not UTF-8 (a Latin-1 accent, a stray byte from a
paste) is replaced with U+FFFD and the command says so on standard error: the answer is kept, never lost to
one bad byte. Data with a NUL byte is not text at all (an image, a PDF, UTF-16) and is refused, naming where
it came from. Command modules read through this module and never through each other.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from sdcoach.errors import UsageError

REPLACEMENT = "\ufffd"
_SURROGATES = range(0xDC80, 0xDD00)  # how Python smuggles undecodable bytes into a str (surrogateescape)


def read_answer(answer: str | None, prompt: str = "? ") -> str:
    """The candidate's answer: typed at a terminal (an empty line ends), piped on stdin, or read from a file."""
    if answer is None and sys.stdin.isatty():
        return typed_lines(prompt)
    return read_text("-" if answer is None else answer)


def read_text(source: str) -> str:
    """The whole text of a file, or of standard input for ``-``; a missing file or folder is a usage error."""
    if source == "-":
        return decode_text(_stdin_bytes(), "standard input")
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise UsageError(
            f"There is no file {source!r}.", path=path, hint="Check the path, or use - for stdin."
        ) from err
    except IsADirectoryError as err:
        raise UsageError(f"{source!r} is a folder; give one text file.", path=path) from err
    except OSError as err:
        raise UsageError(f"Cannot read {source!r} ({err.strerror or err}).", path=path) from err
    return decode_text(data, source)


def typed_lines(prompt: str = "? ") -> str:
    """Lines typed at a terminal until an empty line or end of input."""
    lines = []
    while True:
        try:
            line = input(prompt)
        except EOFError:
            break
        if not line.strip():
            break
        lines.append(line)
    return without_undecodable("\n".join(lines), "your typing")


def stdin_lines() -> Iterator[str]:
    """Standard input line by line (newline kept), each decoded as it arrives; said once if any was not UTF-8."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a replaced stdin (an embedding program) that only has text
        for line in sys.stdin:
            yield without_undecodable(line, "standard input")
        return
    said = False
    for number, raw in enumerate(stream, start=1):
        _refuse_binary(raw, f"standard input (line {number})", "Answers before that line were read and saved.")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            if not said:
                _say_replaced(f"standard input (line {number})", raw)
                said = True
            yield raw.decode("utf-8", errors="replace")


def decode_text(data: bytes, where: str) -> str:
    """Bytes as text: UTF-8 (a byte-order mark dropped), anything else replaced with U+FFFD and said so."""
    _refuse_binary(data, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        _say_replaced(f"{where} (first at line {line})", data)
        return data.decode("utf-8-sig", errors="replace")


def without_undecodable(text: str, where: str) -> str:
    """Text a terminal or the operating system handed over with undecodable bytes in it, those replaced."""
    if not any(ord(c) in _SURROGATES for c in text):
        return text
    raw = text.encode("utf-8", errors="surrogateescape")
    _say_replaced(where, raw, fix="Set the terminal to UTF-8 to keep every character.")
    return raw.decode("utf-8", errors="replace")


def _stdin_bytes() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return without_undecodable(sys.stdin.read(), "standard input").encode("utf-8")
    data: bytes = stream.read()
    return data


def _refuse_binary(data: bytes, where: str, saved: str | None = None) -> None:
    at = data.find(b"\x00")
    if at < 0:
        return
    hint = "Give plain text saved as UTF-8 (an image, a PDF or UTF-16 text is not)."
    raise UsageError(
        f"{where} holds binary data (a NUL byte at byte {at + 1}), not text.",
        hint=f"{hint} {saved}" if saved else hint,
    )


def _say_replaced(where: str, data: bytes, fix: str = "Save it as UTF-8 to keep every character.") -> None:
    bad = sum(1 for c in data.decode("utf-8", errors="surrogateescape") if ord(c) in _SURROGATES)
    count = f"{bad} byte{'s' if bad != 1 else ''}"
    print(
        f"Note: {where} is not valid UTF-8; {count} that could not be read became {REPLACEMENT!r} and the rest "
        f"of the text was kept. {fix}",
        file=sys.stderr,
    )
