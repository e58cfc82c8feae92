"""How a figure said per period reads when a conclusion converts it, beyond the plain change of time unit.

- A total for the period: "200M a day at 600 items a second per node is about 93 node-hours" divides the day's
  200M, a count, not the rate 2,315 a second (``totals``: readings that may clear, never accuse).
- A window: "2B tokens a day in the 8-hour trough is about 69,000 a second" spreads the day over 8 hours.
- A peak factor: "80 million a day, peak is 2.5 times, so around 2,300 a second at peak" is the average times
  the factor said; a peak with no factor said is never accused (``spread``).

Each is a reading of what the candidate said in the sentence, so a conclusion is accused only when every
reading (the plain conversion, over the window, times the factor) is ``WRONG_BY`` off.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sdcoach.engine.figure_units import TIME_WORDS, unit_size
from sdcoach.engine.figures import Figure

_PERIODS = frozenset({"day", "week", "month"})
_PEAK = re.compile(r"\b(?:peak|burst|busiest)\b", re.I)
_WINDOW = re.compile(r"\b(?P<n>\d+(?:\.\d+)?)[- ](?P<unit>hour|hr|minute|min)s?\b", re.I)
_TIMES_AFTER = re.compile(r"^\s*(?:x|×|times)\b", re.I)


def totals(figures: list[Figure]) -> list[Figure]:
    """Each figure said per day (week, month) as that period's total."""
    found = []
    for figure in figures:
        period = [u for u in figure.units if u in _PERIODS]
        if dict(figure.dims).get("time") == -1 and len(period) == 1:
            dims = tuple((k, v) for k, v in figure.dims if k != "time")
            found.append(replace(figure, value=figure.value * unit_size(period[0])[0], dims=dims, units=(period[0],)))
    return found


def factors(figures: list[Figure], sentence: str) -> list[Figure]:
    """The multipliers among ``figures``: "1.6x", "2.5 times", "twice" (plain counts said as a factor)."""
    return [
        f
        for f in figures
        if f.is_count
        and not f.noun
        and "%" not in f.text
        and (f.text.endswith("x") or f.text.lower() in ("twice", "double") or _TIMES_AFTER.match(sentence[f.end :]))
    ]


def may_spread(only: Figure, before: list[Figure], sentence: str) -> bool:
    """The one figure converted is all the sentence says before the conclusion but its peak factors, and a peak
    is named only with its factor."""
    rest = [f for f in before if f is not only]
    peak_factors = factors(rest, sentence)
    return len(rest) == len(before) - 1 == len(peak_factors) and (not _PEAK.search(sentence) or bool(peak_factors))


Reading = tuple[tuple[Figure, ...], str, float]  # inputs, the operators between them, the value


def spread(only: Figure, plain: float, stated: Figure, before: list[Figure], sentence: str) -> list[Reading]:
    """The readings of a one-figure conversion: the plain one, over a window said between the figure and the
    conclusion, and each of those times a peak factor said in the sentence."""
    readings: list[Reading] = [((only,), "", plain)]
    period = [u for u in only.units if u in _PERIODS]
    window = _WINDOW.search(sentence, only.end, stated.start)
    if window is not None and len(period) == 1:
        seconds = float(window["n"]) * unit_size(TIME_WORDS[window["unit"].lower().rstrip("s")])[0]
        share = seconds / unit_size(period[0])[0]
        span = Figure(window.group(0), share, (), window.start(), window.end())
        readings.append(((only, span), "/", plain / share))
    for factor in factors([f for f in before if f is not only], sentence):
        readings += [((*inputs, factor), ops + "*", value * factor.value) for inputs, ops, value in list(readings)]
    return readings
