"""Units for the estimator: read what users type (``405e9``, ``15.6T``, ``80GiB``, ``900GB/s``) into base units.

Base units are bytes, seconds, FLOPs and US dollars. pint does the unit algebra, on a small registry
built here on first use (the full default registry costs ~0.3 s to load; this one a few ms), so the
engine stays pure and ``sdcoach estimate`` stays fast.
"""

from __future__ import annotations

import math
import re
import tokenize
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from sdcoach.errors import UsageError

if TYPE_CHECKING:
    import pint

_DEFINITIONS = (
    "kilo- = 1e3 = k- = K-",
    "mega- = 1e6 = M-",
    "giga- = 1e9 = G-",
    "tera- = 1e12 = T-",
    "peta- = 1e15 = P-",
    "exa- = 1e18 = E-",
    "zetta- = 1e21 = Z-",
    "kibi- = 2**10 = Ki-",
    "mebi- = 2**20 = Mi-",
    "gibi- = 2**30 = Gi-",
    "tebi- = 2**40 = Ti-",
    "pebi- = 2**50 = Pi-",
    "exbi- = 2**60 = Ei-",
    "second = [time] = s = sec = secs = seconds",
    "millisecond = 1e-3 * second = ms",
    "microsecond = 1e-6 * second = us",
    "minute = 60 * second = min = mins = minutes",
    "hour = 60 * minute = h = hr = hrs = hours",
    "day = 24 * hour = d = days",
    "week = 7 * day = wk = weeks",
    "month = 30.4375 * day = mo = months",
    "year = 365 * day = yr = years",
    "bit = [information] = b = bits",
    "byte = 8 * bit = B = bytes",
    "FLOP = [compute] = flop = FLOPs = flops",
    "FLOPS = FLOP / second",
    "dollar = [currency] = USD = usd = dollars",
)


class Dimension(StrEnum):
    """What a flag measures, and the base unit its value is converted to."""

    BYTES = "byte"
    SECONDS = "second"
    BYTES_PER_SECOND = "byte / second"
    FLOPS = "FLOP"
    FLOP_RATE = "FLOP / second"
    USD = "dollar"


_COUNT_SUFFIXES = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "P": 1e15}
_NUMBER = r"[-+]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_COUNT_RE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*(?P<suffix>[kKMBGTP]?)\s*$")
_QUANTITY_RE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*(?P<unit>.*?)\s*$")


@cache
def registry() -> pint.UnitRegistry[float]:
    """The estimator's unit registry, built once on first use."""
    import pint

    units: pint.UnitRegistry[float] = pint.UnitRegistry(None)
    for definition in _DEFINITIONS:
        units.define(definition)
    return units


def parse_count(text: str | float, flag: str) -> float:
    """A plain count such as parameters or tokens: ``405e9``, ``70B``, ``15.6T``, ``1,000,000``."""
    return _non_negative(read_count(text, flag), flag, str(text))


def read_count(text: str | float, flag: str) -> float:
    """A count as written, sign and all; ``parse_count`` refuses negatives, ``limits`` checks a range."""
    if isinstance(text, (int, float)):
        return float(text)
    match = _COUNT_RE.match(str(text))
    if match is None:
        raise UsageError(
            f"{flag} expects a number such as 405e9, 70B or 15.6T; got {text!r}.",
            field=flag,
        )
    return float(match["number"].replace("_", "").replace(",", "")) * _COUNT_SUFFIXES[match["suffix"]]


def parse_quantity(text: str | float, dimension: Dimension, flag: str, default_unit: str | None = None) -> float:
    """A measured value converted to its base unit: ``80GiB`` -> bytes, ``900GB/s`` -> bytes per second.

    A bare number takes ``default_unit`` when one is given (``--peak-tflops 989`` means TFLOP/s).
    """
    return _non_negative(read_quantity(text, dimension, flag, default_unit), flag, str(text))


def read_quantity(text: str | float, dimension: Dimension, flag: str, default_unit: str | None = None) -> float:
    """A measured value in its base unit, sign and all; ``parse_quantity`` refuses negatives."""
    raw = str(text)
    match = _QUANTITY_RE.match(raw)
    if match is None:
        raise UsageError(f"{flag} expects a value with a unit, such as {_example(dimension)}; got {raw!r}.", field=flag)
    number = float(match["number"].replace("_", "").replace(",", ""))
    unit = match["unit"] or default_unit
    if unit is None:
        raise UsageError(f"{flag} needs a unit, such as {_example(dimension)}; got {raw!r}.", field=flag)
    return _convert(number, unit, dimension, flag, raw)


# pint's unit parser evaluates the text as an expression, so malformed text ("/", "B**", "(", "GB/0") fails
# inside it with plain Python errors as well as pint's own; every one of them means "not a unit I know".
_MALFORMED_UNIT = (AssertionError, ArithmeticError, ValueError, TypeError, AttributeError, tokenize.TokenError)


def _convert(number: float, unit: str, dimension: Dimension, flag: str, raw: str) -> float:
    normalised = _normalise_unit(unit, dimension)
    fast = _common_unit(normalised)
    if fast is not None and fast[1] == dimension:
        return number * fast[0]
    import pint

    units = registry()
    try:
        quantity = units.Quantity(number, normalised)
        return float(quantity.to(dimension.value).magnitude)
    except pint.errors.DimensionalityError as err:
        raise UsageError(
            f"{flag} expects {_describe(dimension)}, such as {_example(dimension)}; {raw!r} is not.",
            field=flag,
        ) from err
    except (pint.errors.PintError, *_MALFORMED_UNIT) as err:
        raise UsageError(
            f"{flag}: the unit in {raw!r} is not one I know; write it like {_example(dimension)}.",
            field=flag,
        ) from err


_PREFIXES = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
_PREFIXES |= {"Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40, "Pi": 2.0**50, "Ei": 2.0**60}
_BASE_UNITS = {"B": (1.0, "byte"), "b": (0.125, "byte"), "FLOP": (1.0, "FLOP"), "s": (1.0, "second")}
_COMMON = re.compile(r"^(?P<prefix>[kKMGTPE]i?|)(?P<base>B|b|FLOP)(?P<rate>/s)?$|^(?P<seconds>s|ms|min|h)$")
_SECONDS = {"s": 1.0, "ms": 1e-3, "min": 60.0, "h": 3600.0}


def _common_unit(unit: str) -> tuple[float, Dimension] | None:
    """The common units (80GiB, 900GB/s, 989TFLOP/s, 2h) without loading pint; None for anything else."""
    match = _COMMON.match(unit)
    if match is None:
        return None
    if match["seconds"]:
        return _SECONDS[match["seconds"]], Dimension.SECONDS
    scale, base = _BASE_UNITS[match["base"]]
    dimension = {"byte": Dimension.BYTES, "FLOP": Dimension.FLOPS}[base]
    if match["rate"]:
        dimension = Dimension.BYTES_PER_SECOND if dimension is Dimension.BYTES else Dimension.FLOP_RATE
    return _PREFIXES[match["prefix"]] * scale, dimension


def _normalise_unit(unit: str, dimension: Dimension) -> str:
    """Accept the spellings people type: ``GB/s``, ``GBps``, ``Gbps``, ``TFLOPS``, ``$``."""
    unit = unit.strip()
    if unit == "$":
        return "dollar"
    unit = re.sub(r"Bps$", "B/s", unit)
    unit = re.sub(r"bps$", "b/s", unit)
    unit = re.sub(r"FLOPS$", "FLOP/s", unit)
    if dimension is Dimension.FLOP_RATE and re.search(r"(?i)flops?$", unit):
        unit = re.sub(r"(?i)flops?$", "FLOP/s", unit)
    return unit


def require_positive(value: float, flag: str) -> float:
    """Reject zero (and below) where a calculator divides by the value."""
    if value <= 0:
        raise UsageError(f"{flag} must be greater than zero; got {value:g}.", field=flag)
    return value


def require_whole(value: int, flag: str) -> int:
    """A whole count of at least one."""
    if value < 1:
        raise UsageError(f"{flag} must be at least 1; got {value}.", field=flag)
    return value


def require_fraction(value: float, flag: str) -> float:
    """A share such as MFU or utilisation: above 0 and at most 1."""
    if not 0 < value <= 1:
        raise UsageError(f"{flag} must be a fraction above 0 and at most 1 (0.4 = 40%); got {value:g}.", field=flag)
    return value


def _non_negative(value: float, flag: str, raw: str) -> float:
    if math.isnan(value) or math.isinf(value):
        raise UsageError(f"{flag} must be a finite number; got {raw!r}.", field=flag)
    if value < 0:
        raise UsageError(f"{flag} cannot be negative; got {raw!r}.", field=flag)
    return value


def _describe(dimension: Dimension) -> str:
    return {
        Dimension.BYTES: "a size in bytes",
        Dimension.SECONDS: "a duration",
        Dimension.BYTES_PER_SECOND: "a bandwidth",
        Dimension.FLOPS: "an amount of compute in FLOPs",
        Dimension.FLOP_RATE: "a compute rate",
        Dimension.USD: "an amount in US dollars",
    }[dimension]


def _example(dimension: Dimension) -> str:
    return {
        Dimension.BYTES: "80GiB or 2TB",
        Dimension.SECONDS: "30s, 5min or 2h",
        Dimension.BYTES_PER_SECOND: "900GB/s or 25Gbit/s",
        Dimension.FLOPS: "3.8e25FLOP",
        Dimension.FLOP_RATE: "989TFLOP/s",
        Dimension.USD: "2.5USD",
    }[dimension]
