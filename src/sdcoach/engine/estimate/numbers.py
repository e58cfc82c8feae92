"""How estimator numbers are written: three significant figures exact, one for mental math, units humans read."""

from __future__ import annotations

import math

_DECIMAL = ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_BINARY = ((2**60, "Ei"), (2**50, "Pi"), (2**40, "Ti"), (2**30, "Gi"), (2**20, "Mi"), (2**10, "Ki"))


def sig(value: float, figures: int) -> float:
    """``value`` rounded to ``figures`` significant figures."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    return float(round(value, figures - 1 - math.floor(math.log10(abs(value)))))


def plain(value: float, figures: int = 3) -> str:
    """A number at ``figures`` significant figures: ``1,234``, ``0.415``, ``3.79e25``."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e7:
        return f"{int(value):,}"
    rounded = sig(value, figures)
    magnitude = abs(rounded)
    if magnitude >= 1e7 or magnitude < 1e-3:
        mantissa, exponent = f"{rounded:.{figures - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    if rounded.is_integer():
        return f"{int(rounded):,}"
    decimals = max(0, figures - 1 - math.floor(math.log10(magnitude)))
    return f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")


def mental(value: float) -> float:
    """Round as one does in one's head: mantissas below 3 to the nearest half (1.56 -> 1.5), others to a whole."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = abs(value) / 10**exponent
    step = 0.5 if mantissa < 3 else 1.0
    rounded = math.floor(mantissa / step + 0.5) * step
    return math.copysign(rounded * 10**exponent, value)


def rough_number(value: float) -> str:
    """The mental-math form: scientific notation above 1,000 (``~4e5``, ``1.5e13``), plain below."""
    if value == 0:
        return "0"
    if abs(value) < 1000:
        return plain(value, 2)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    text = f"{mantissa:.1f}".rstrip("0").rstrip(".")
    if text in ("10", "-10"):
        text, exponent = text[:-1], exponent + 1
    return f"{text}e{exponent}"


def count_text(value: float) -> str:
    """A large count as people say it: ``26.6M``, ``1.2B``, ``3.4T``; small ones plain."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= scale and abs(value) < 1e15:
            return f"{plain(value / scale)}{suffix}"
    return plain(value)


def si(value: float, unit: str, *, binary: bool = False) -> str:
    """A value with an SI (or IEC) prefix: ``140 GB``, ``320 KiB``, ``900 GB/s``."""
    for scale, prefix in _BINARY if binary else _DECIMAL:
        if abs(value) >= scale:
            return f"{plain(value / scale)} {prefix}{unit}"
    return f"{plain(value)} {unit}".rstrip()


def format_value(value: float, unit: str) -> str:
    """A value in the form an engineer says it for its unit."""
    if unit == "B":
        decimal = si(value, "B")
        return decimal if value < 1024 else f"{decimal} ({si(value, 'B', binary=True)})"
    if unit in ("B/s", "FLOP/s"):
        return si(value, unit)
    if unit == "FLOP":
        return f"{plain(value)} FLOP"
    if unit == "USD":
        return _money(value)
    if unit == "s":
        return _duration(value)
    return f"{count_text(value)} {unit}".rstrip()


def _money(value: float) -> str:
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"${plain(value / scale)}{suffix}"
    return f"${value:,.2f}"


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{plain(seconds * 1e3)} ms"
    if seconds < 120:
        return f"{plain(seconds)} s"
    if seconds < 7200:
        return f"{plain(seconds / 60)} min"
    if seconds < 172800:
        return f"{plain(seconds / 3600)} h"
    return f"{plain(seconds / 86400)} days"
