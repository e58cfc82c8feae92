"""What the words of a figure measure: its units (through the estimator's pint registry), the times it is per,
and the counted things the arithmetic tracks as dimensions (GPUs, hosts, tokens)."""

from __future__ import annotations

import re
from functools import cache

from sdcoach.engine.estimate.units import registry

Dims = tuple[tuple[str, int], ...]

TIME_WORDS = {"second": "s", "sec": "s", "minute": "min", "min": "min", "hour": "h", "hr": "h", "day": "day"}
TIME_WORDS |= {"week": "week", "month": "month", "year": "year"}
_THINGS = {
    "gpu": "gpu",
    "accelerator": "gpu",
    "card": "gpu",
    "host": "host",
    "node": "host",
    "machine": "host",
    "server": "host",
    "box": "host",
    "replica": "host",
    "instance": "host",
    "token": "token",
}
_ACCELERATOR = re.compile(r"^(?:[ahb]\d{2,3}|[lv]\d{1,3}|mi\d{3}|tpu(?:v\d\w*)?|gpu)s?$", re.I)


def per_time(time_word: str, dims: dict[str, int], times: list[str]) -> float:
    """ "/s" after a noun: divide by the time; returns its size."""
    scale, unit_dims = unit_size(time_word)
    times.append(time_word)
    add(dims, unit_dims, -1)
    return scale


def per_compound(thing: str, dims: dict[str, int], times: list[str]) -> float:
    """ "per GPU-hour", "a TB-month": divide by each part; returns the size of the units divided by."""
    per_unit = 1.0
    for part in thing.split("-"):
        part_time = TIME_WORDS.get(part.lower())
        if part_time is not None:
            scale, unit_dims = unit_size(part_time)
            per_unit *= scale
            times.append(part_time)
            add(dims, unit_dims, -1)
        elif thing_of(part) is not None:
            dims[thing_of(part) or ""] = dims.get(thing_of(part) or "", 0) - 1
        elif _BYTES.match(part):  # storage priced "per GB-month" (the compound is read lower-cased)
            unit = part[:-1].upper().replace("I", "i") + "B"
            scale, unit_dims = unit_size(unit)
            per_unit *= scale
            times.append(unit)
            add(dims, unit_dims, -1)
    return per_unit


_BYTES = re.compile(r"^[KMGTP]i?B$", re.I)


def thing_times_time(word: str, dims: dict[str, int], times: list[str]) -> float:
    """ "GPU-hours", "node-seconds": add the counted thing and the time to ``dims``; returns the time unit's size
    (1 when the noun is not such a compound)."""
    parts = word.lower().split("-")
    thing = thing_of(parts[0]) if len(parts) == 2 else None
    time_word = TIME_WORDS.get(parts[1].removesuffix("s")) if thing else None
    if thing is None or time_word is None:
        return 1.0
    scale, unit_dims = unit_size(time_word)
    times.append(time_word)
    dims[thing] = dims.get(thing, 0) + 1
    add(dims, unit_dims)
    return scale


COUNTED = frozenset(_THINGS.values())  # the counted things tracked as dimensions: gpu, host, token


def counted(noun: str) -> str:
    """What a noun counts: "gpu-day" and "gpu-hour" count GPUs (over time), as "gpu" does."""
    head, _, tail = noun.partition("-")
    return head if tail.removesuffix("s") in TIME_WORDS else noun


def thing_of(word: str) -> str | None:
    """The counted thing a noun names (gpu, host, token), if it is one the arithmetic tracks."""
    lower = word.lower()
    singular = lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower
    if _ACCELERATOR.match(lower):
        return "gpu"
    return _THINGS.get(singular) or _THINGS.get(lower)


def add(dims: dict[str, int], extra: Dims, sign: int = 1) -> None:
    for key, power in extra:
        dims[key] = dims.get(key, 0) + sign * power


@cache
def unit_size(unit: str) -> tuple[float, Dims]:
    """A unit's size in base units and its dimensions, through the estimator's pint registry."""
    spelled = {"sec": "s", "secs": "s", "us": "microsecond", "bps": "bit/s"}.get(unit, unit)
    spelled = {"gig": "GB", "gigs": "GB", "meg": "MB", "megs": "MB"}.get(spelled.lower(), spelled)  # spoken sizes
    spelled = re.sub(r"^([KMGT])bps$", r"\1bit/s", spelled)
    spelled = re.sub(r"^([KMGT])b(?:its?)?$", r"\1bit", spelled)  # "Gb/s", "Gbit": bits; "GB": bytes
    if spelled in ("bytes", "byte"):
        spelled = "B"
    spelled = {"bits": "bit"}.get(spelled, spelled)  # "gigabits", "megabytes": pint reads the spelled prefixes
    quantity = registry().Quantity(1.0, spelled).to_base_units()
    dims = tuple(sorted((str(k).strip("[]"), int(str(v))) for k, v in quantity.dimensionality.items()))
    return float(quantity.magnitude), dims
