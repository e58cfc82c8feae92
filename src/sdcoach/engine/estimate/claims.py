"""Arithmetic claims in prose: find "a × b = c" and check it, the way an interviewer checks a candidate's math.

A claim is an expression of quantities (``70B``, ``2 KB``, ``40%``, ``3.35 TB/s``, with label words such as
"params" or "GPUs" around them) joined by ×, x, *, /, ÷, +, − or ^, then ``=`` or ``≈`` and a stated result
(itself possibly an expression). Prose mixes units freely, so each side is read three ways: with unit
prefixes as scale (GB = 1e9), converted to base units (h = 3,600 s), and bare (units as labels, only the
k/M/B/T suffixes counted). A claim holds when one reading agrees within the precision the result was
stated to (10% after "about", "~" or "≈"), or when the two differ by exactly a time conversion (minutes
to hours, seconds to days), as in "38 min x 1,024 GPUs = 651 GPU-hours".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_BYTES = {"B": 1.0, "KB": 1e3, "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15, "EB": 1e18}
_BYTES |= {"KiB": 2.0**10, "MiB": 2.0**20, "GiB": 2.0**30, "TiB": 2.0**40, "PiB": 2.0**50}
_BYTES |= {"bytes": 1.0, "byte": 1.0}
_TIME = {"ms": 1e-3, "s": 1.0, "sec": 1.0, "min": 60.0, "mins": 60.0, "minutes": 60.0, "h": 3600.0, "hr": 3600.0}
_TIME |= {"hours": 3600.0, "hour": 3600.0, "day": 86400.0, "days": 86400.0, "week": 604800.0, "weeks": 604800.0}
_FLOPS = {"FLOPs": 1.0, "FLOP": 1.0, "TFLOPS": 1e12, "PFLOPS": 1e15}
_BITS = {"Gbps": 1e9 / 8, "Gbit/s": 1e9 / 8, "Mbps": 1e6 / 8}
_SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TIME_FACTORS = (60.0, 3600.0, 86400.0)

_UNITS = sorted(list(_BYTES) + list(_TIME) + list(_FLOPS) + list(_BITS) + ["%"], key=len, reverse=True)
_NUMBER = r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
_QUANTITY = (
    rf"(?P<number>{_NUMBER})(?:(?P<suffix>[kKMBT])(?![A-Za-z]))?"
    rf"(?:\s?(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})(?![A-Za-z]))?"
    r"(?:\s(?P<word>thousand|million|billion|trillion)\b)?"
    r"(?:/[A-Za-z][\w-]*)?"
)
_TOKEN = re.compile(
    r"(?P<compound>\d+(?:\.\d+)?-[A-Za-z][\w-]*)|"  # "1-minute", "3-replica": a label, not a number
    rf"(?P<quantity>{_QUANTITY})"
    r"|(?P<op>\s[x×*/÷+−-]\s|[×÷^]|(?<=\d)[x*/](?=\d))"
    r"|(?P<label>\([A-Za-z][^()\d]*\)|[A-Za-z][\w/-]*(?:\.\w[\w/-]*)*)"
    r"|(?P<open>\()|(?P<close>\))|(?P<other>\S)"
)
_EQUALS = re.compile(r"\s(=|≈|~=)\s")
_HEDGE = re.compile(r"^\s*(?:about|around|roughly|approximately|~|≈)\s*", re.I)
_MAX_LABELS = 8
_OPERATORS = {"x": "*", "×": "*", "*": "*", "/": "/", "÷": "/", "+": "+", "−": "-", "-": "-", "^": "^"}


@dataclass(frozen=True)
class Token:
    """A piece of a sentence: a quantity, an operator, a parenthesis, a label word, or something else."""

    kind: str
    text: str
    readings: tuple[float, float, float] = (0.0, 0.0, 0.0)
    family: str = ""


@dataclass(frozen=True)
class Claim:
    """One stated calculation: the expression, the stated result, their readings, and whether it holds."""

    expression: str
    stated: str
    computed: tuple[float, float, float]
    expected: tuple[float, float, float]
    tolerance: float
    holds: bool

    @property
    def error(self) -> float:
        """Relative error of the closest reading."""
        errors = [abs(c - s) / abs(s) for c, s in zip(self.computed, self.expected, strict=True) if s]
        return min(errors, default=math.inf)


def _agrees(computed: tuple[float, float, float], expected: tuple[float, float, float], tolerance: float) -> bool:
    """A reading agrees, or two readings differ by exactly a time conversion (per second vs per day)."""
    for c, s in zip(computed, expected, strict=True):
        if _close(c, s, tolerance):
            return True
        if any(_close(c * f, s, tolerance) or _close(c / f, s, tolerance) for f in _TIME_FACTORS):
            return True
    return False


def claims_in(text: str) -> list[Claim]:
    """Every checkable calculation stated in ``text``, in order."""
    parts = _EQUALS.split(text.replace("\n", " "))
    found: list[Claim] = []
    for index in range(0, len(parts) - 2, 2):
        claim = _claim(parts[index], parts[index + 1], parts[index + 2])
        if claim is not None:
            found.append(claim)
    return found


def quantities_in(text: str) -> list[tuple[float, float, float]]:
    """Every quantity stated in ``text``, each in its three readings (scaled, base units, bare)."""
    return [t.readings for t in _scan(text) if t.kind == "quantity"]


def _claim(left: str, sign: str, right: str) -> Claim | None:
    lhs = _trailing_expression(_tokens(left))
    hedge = _HEDGE.match(right)
    rhs = _leading_expression(_tokens(right[hedge.end() :] if hedge else right))
    if not lhs or not rhs:
        return None
    if not any(t.kind == "op" for t in lhs) and not _is_conversion(lhs, rhs):
        return None
    first = next(t.text for t in rhs if t.kind == "quantity")
    tolerance = 0.1 if hedge is not None or sign != "=" else _precision(first)
    # Prose chains results ("= 6,400 GB / 64 GB = 100") and asides ("35 GB + 128 x ... / 4 = 22.3 GB"),
    # so the stated side may be the whole expression or its first term, the left its last added term.
    pairs = [(side, result) for side in (lhs, _last_addend(lhs)) for result in (rhs, rhs[:1])]
    readings = []
    for left_side, right_side in pairs:
        try:
            readings.append((_evaluate(left_side), _evaluate(right_side)))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            continue
    if not readings:
        return None
    holds = any(_agrees(c, e, tolerance) for c, e in readings)
    computed, expected = readings[0]
    return Claim(_text(lhs), _text(rhs), computed, expected, tolerance, holds)


def _last_addend(tokens: list[Token]) -> list[Token]:
    """The part after the last top-level + or − (the whole expression when there is none)."""
    depth = 0
    for index in range(len(tokens) - 1, -1, -1):
        kind, text = tokens[index].kind, tokens[index].text
        depth += {")": 1, "(": -1}.get(kind, 0)
        if depth == 0 and kind == "op" and text in ("+", "-"):
            return tokens[index + 1 :]
    return tokens


def _text(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _is_conversion(lhs: Sequence[Token], rhs: Sequence[Token]) -> bool:
    """A bare "a = b" is a claim only when both are the same kind of unit (207,359 s = 57.6 h)."""
    families = {t.family for t in (*lhs, *rhs) if t.kind == "quantity"}
    return len(families) == 1 and "" not in families and all(t.kind != "op" for t in rhs)


def _tokens(text: str) -> list[Token]:
    return list(_scan(text))


def _scan(text: str) -> Iterator[Token]:
    for match in _TOKEN.finditer(text):
        if match["compound"]:
            yield Token("label", match["compound"])
        elif match["quantity"]:
            yield _quantity(match)
        elif match["op"]:
            yield Token("op", _OPERATORS[match["op"].strip()])
        elif match["label"]:
            yield Token("label", match["label"])
        elif match["open"]:
            yield Token("(", "(")
        elif match["close"]:
            yield Token(")", ")")
        else:
            yield Token("other", match.group(0))


def _quantity(match: re.Match[str]) -> Token:
    number = float(match["number"].lstrip("$").replace(",", ""))
    count = number * _SUFFIX.get(match["suffix"] or "", 1.0) * _WORDS.get(match["word"] or "", 1.0)
    unit = match["unit"] or ""
    if unit == "%":
        return Token("quantity", match.group(0), (count / 100, count / 100, count), "")
    if unit in _TIME:
        return Token("quantity", match.group(0), (count, count * _TIME[unit], count), "time")
    scale = _BYTES.get(unit) or _FLOPS.get(unit) or _BITS.get(unit) or 1.0
    family = "bytes" if unit in _BYTES or unit in _BITS else ("flop" if unit in _FLOPS else "")
    return Token("quantity", match.group(0), (count * scale, count * scale, count), family)


def _trailing_expression(tokens: list[Token]) -> list[Token]:
    """The arithmetic that ends a segment: terms joined by operators, labels allowed around quantities."""
    end = len(tokens)
    index = _skip_labels_back(tokens, end - 1)
    start = _term_back(tokens, index)
    if start is None:
        return []
    while start >= 2 and tokens[start - 1].kind == "op":
        previous = _term_back(tokens, _skip_labels_back(tokens, start - 2))
        if previous is None:
            break
        start = previous
    return tokens[start : index + 1]


def _term_back(tokens: list[Token], index: int) -> int | None:
    """Start of the term ending at ``index`` (a quantity, or a parenthesised expression), with its prefix labels."""
    if index < 0:
        return None
    if tokens[index].kind == "quantity":
        start = index
    elif tokens[index].kind == ")":
        opening = _matching_open(tokens, index)
        if opening is None:
            return None
        start = opening
    else:
        return None
    labels = 0
    while labels < _MAX_LABELS and start - labels - 1 >= 0 and tokens[start - labels - 1].kind == "label":
        labels += 1
    before = start - labels - 1
    if labels and before >= 0 and tokens[before].kind in ("op", "("):
        return start - labels
    return start


def _skip_labels_back(tokens: list[Token], index: int) -> int:
    """Step back over label words and over asides: a parenthesis right after a quantity or a label."""
    skipped = 0
    while index >= 0 and skipped < _MAX_LABELS:
        if tokens[index].kind == "label":
            index -= 1
            skipped += 1
            continue
        opening = _matching_open(tokens, index) if tokens[index].kind == ")" else None
        if opening is not None and opening > 0 and _is_aside(tokens, opening, index):
            index = opening - 1
            continue
        break
    return index


def _matching_open(tokens: list[Token], index: int) -> int | None:
    depth = 0
    while index >= 0:
        depth += {")": 1, "(": -1}.get(tokens[index].kind, 0)
        if depth == 0:
            return index
        index -= 1
    return None


def _leading_expression(tokens: list[Token]) -> list[Token]:
    """The arithmetic that opens a segment: the stated result, which may itself be a sum or product."""
    taken: list[Token] = []
    depth = 0
    expect_term = True
    for token in tokens:
        if expect_term and token.kind in ("quantity", "("):
            taken.append(token)
            depth += token.kind == "("
            expect_term = token.kind == "("
        elif not expect_term and token.kind == "op":
            taken.append(token)
            expect_term = True
        elif not expect_term and token.kind == ")" and depth > 0:
            taken.append(token)
            depth -= 1
        elif token.kind == "label" and taken and len(taken) < 12:
            continue
        else:
            break
    while taken and taken[-1].kind in ("op", "("):
        taken.pop()
    return taken if depth == 0 else [t for t in taken if t.kind == "quantity"][:1]


def _without_asides(tokens: Sequence[Token]) -> list[Token]:
    """Drop parenthesised asides that follow a quantity or label: "14 bytes (2 + 4 + 4 + 4)"."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        closing = _matching_close(tokens, index) if token.kind == "(" else None
        if closing is not None and index > 0 and _is_aside(tokens, index, closing):
            index = closing + 1
            continue
        kept.append(token)
        index += 1
    return kept


def _is_aside(tokens: Sequence[Token], opening: int, closing: int) -> bool:
    """A parenthesis right after a quantity or label that explains rather than computes: it holds words,
    or no operator follows it ("14 bytes (2 + 4 + 4 + 4) = ...", "120 s (3 consecutive required) + ...")."""
    if tokens[opening - 1].kind not in ("quantity", "label"):
        return False
    has_words = any(t.kind == "label" for t in tokens[opening + 1 : closing])
    is_operand = closing + 1 < len(tokens) and tokens[closing + 1].kind == "op"
    return has_words or not is_operand


def _matching_close(tokens: Sequence[Token], index: int) -> int | None:
    depth = 0
    for position in range(index, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[position].kind, 0)
        if depth == 0:
            return position
    return None


def _evaluate(tokens: Sequence[Token]) -> tuple[float, float, float]:
    tokens = _without_asides(tokens)
    readings = []
    for which in range(3):
        source = []
        for token in tokens:
            if token.kind == "quantity":
                source.append(repr(token.readings[which]))
            elif token.kind in ("op", "(", ")"):
                source.append(token.text)
        readings.append(_arithmetic(source))
    return readings[0], readings[1], readings[2]


def _arithmetic(tokens: list[str]) -> float:
    """Evaluate + - * / ^ and parentheses over float literals, without eval."""
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def atom() -> float:
        token = take()
        if token == "(":
            value = total()
            if peek() == ")":
                take()
            return value
        return float(token)

    def power() -> float:
        value = atom()
        while peek() == "^":
            take()
            value = value ** atom()
        return value

    def product() -> float:
        value = power()
        while peek() in ("*", "/"):
            value = value * power() if take() == "*" else value / power()
        return value

    def total() -> float:
        value = product()
        while peek() in ("+", "-"):
            value = value + product() if take() == "+" else value - product()
        return value

    if not tokens:
        raise ValueError("empty expression")
    result = total()
    if position != len(tokens):
        raise ValueError("unbalanced expression")
    return result


def _precision(stated: str) -> float:
    """Relative tolerance implied by the significant figures of the stated result, between 1.5% and 5%.

    Half a unit in the last stated place, but a round "10" or "400" may be exact, so never above 5%."""
    mantissa = re.split(r"[eE]", re.sub(r"[^\d.eE]", "", stated))[0]
    digits = mantissa.replace(".", "").lstrip("0").rstrip("0") or "1"
    return min(0.05, max(0.015, 0.5 * 10.0 ** (1 - len(digits))))


def _close(computed: float, stated: float, tolerance: float) -> bool:
    if stated == 0:
        return abs(computed) < 1e-9
    return abs(computed - stated) / abs(stated) <= tolerance
