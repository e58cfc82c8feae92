"""How a figure reads beside the others said with it, before a conclusion is checked against them.

"300M candidates/s at 50k per GPU": a bare figure joined to a rate by "at" is a rate too. "16,384 GPUs at 400
TFLOPS each": a figure per GPU. "230k pages per second, so 460k at peak": a bare conclusion has the units of
the figure it is concluded from. "80,000 divided by 400": a bare figure that repeats, digit for digit, a rate
the candidate said earlier ("80,000 requests a second") is that rate again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sdcoach.engine.figures import Figure, figures_in

_EACH_ITEM = re.compile(r"^\s*(?:each|apiece|per (?:request|call|rpc|query|page|item))\b", re.I)
_RUNNING_AT = re.compile(r"^\s*[,;]?\s*(?:at|with|doing|running at)\b[\w\s-]{0,30}$", re.I)
_EACH = re.compile(r"^\s*(?:each|apiece|per (?:gpu|host|node))\b", re.I)
_AT = re.compile(r"^\s*,?\s*(?:at|with|and|vs\.?|versus|against|on)\s+(?:about\s+|roughly\s+|~)?$", re.I)


def in_context(sentence: str, figures: list[Figure]) -> list[Figure]:
    """ "300M candidates/s at 50k per GPU": a bare figure right after a rate, joined by "at", is a rate too."""
    read = list(figures)
    for index in range(1, len(read)):
        previous, figure = read[index - 1], read[index]
        rate = dict(previous.dims).get("time") == -1
        bare = not figure.units and "time" not in dict(figure.dims) and "$" not in dict(figure.dims)
        joined = _AT.match(sentence[previous.end : figure.start])
        if rate and bare and joined and not _EACH_ITEM.match(sentence[figure.end :]):  # "at 250 candidates each"
            read[index] = replace(figure, dims=tuple(sorted({**dict(figure.dims), "time": -1}.items())))
        things = [t for t, power in previous.dims if t in ("gpu", "host") and power == 1]
        running = _RUNNING_AT.match(sentence[previous.end : figure.start])
        if things and running and _EACH.match(sentence[figure.end :]) and things[0] not in dict(figure.dims):
            # "16,384 GPUs at 400 TFLOPS each": a figure per GPU
            read[index] = replace(figure, dims=tuple(sorted({**dict(figure.dims), things[0]: -1}.items())))
    return [_per_unit_in_full(figure, read[:index]) for index, figure in enumerate(read)]


def _per_unit_in_full(figure: Figure, before: list[Figure]) -> Figure:
    """ "1,850 tokens a second per GPU, planned at 75%, is about 1,390 per GPU": a figure per GPU (host) said
    without its units, after one per GPU said in full in the sentence, of the same order, is that measure."""
    if figure.units or figure.noun or len(figure.dims) != 1 or figure.dims[0][1] != -1:
        return figure
    thing = figure.dims[0][0]
    full = [f for f in before if dict(f.dims).get(thing) == -1 and len(f.dims) > 1 and "per" not in dict(f.dims)]
    if not full or not 0.1 <= figure.value / full[-1].value <= 10:
        return figure
    return replace(figure, dims=full[-1].dims)


def with_inherited_dims(figure: Figure, before: list[Figure]) -> Figure:
    """ "230k pages per second, so 460k at peak": a bare figure concluded from one with units has its units."""
    if figure.dims or figure.units or figure.noun or not before or before[-1].is_count or "%" in figure.text:
        return figure
    if not 0.1 <= figure.value / before[-1].value <= 10:
        return figure  # "peak is twice that" inherits; a figure of another order is something else
    return Figure(figure.text, figure.value, before[-1].dims, figure.start, figure.end, ())


DISTINCT = 1000  # a number this large said again is the same figure; "6" or "400" may be anything
_NUMBER = re.compile(r"^\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:[kKMBT]|bn|thousand|million|billion|trillion)\b)?")


def restated(figures: list[Figure], said_before: Sequence[Figure]) -> list[Figure]:
    """ "80,000 divided by 3,200 is 25" after "80,000 requests a second": a bare figure (no unit, noun or percent)
    whose number is a rate the candidate said earlier, and only that rate, is that rate again."""
    known: dict[float, set[Figure]] = {}
    for figure in said_before:
        number = said_number(figure)
        if number is not None and figure.dims == (("time", -1),):
            known.setdefault(number, set()).add(figure)
    read = list(figures)
    for index, figure in enumerate(read):
        number = said_number(figure)
        distinct = number is not None and number >= DISTINCT
        earlier = known.get(number or 0.0, set()) if _is_bare(figure) and distinct else set()
        if len({(f.value, f.dims) for f in earlier}) == 1:
            first = next(iter(earlier))
            read[index] = replace(first, text=figure.text, start=figure.start, end=figure.end, core=0)
    return read


def said_number(figure: Figure) -> float | None:
    """The number as said, before its unit or noun: 6e7 for "60M new posts a day" (its value is a rate)."""
    match = _NUMBER.match(figure.text)
    numbers = figures_in(match.group(0).lstrip("$")) if match else []
    return numbers[0].value if numbers and numbers[0].value > 1 else None


def _is_bare(figure: Figure) -> bool:
    return not figure.dims and not figure.noun and not figure.units and "%" not in figure.text
