"""Figures as people say them, with what they count: "300M candidates/s", "50k per GPU", "4,000 H100s",
"2 KB each", "20B pages a day", "60M new posts a day", "$20 a TB-month", "40%", "twice", "half an hour a day".

A figure's value is in base units (bytes, seconds, dollars) and its dimensions are those units plus
the few counted things whose arithmetic an interviewer checks: GPUs (any accelerator named), hosts
(nodes, machines, servers, replicas) and tokens. Other nouns ("candidates", "pages", "calls") are
plain counts. "Per second", "/s", "a day" and "per GPU", and "one H100 does ..." before the number,
divide by the thing named; a noun of up to three words may come before the rate ("480,000 support model calls a
day"). Units, times and counted things are read in ``engine/figure_units.py``, through the estimator's unit
registry (pint).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sdcoach.engine.figure_units import (
    COUNTED,
    TIME_WORDS,
    Dims,
    add,
    counted,
    per_compound,
    per_time,
    thing_of,
    thing_times_time,
    unit_size,
)

_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9, "T": 1e12}
_SCALE |= {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_UNIT = (
    r"(?:(?:kilo|mega|giga|tera|peta)?(?:bytes?|bits?)|(?:megs|gigs|meg|gig)(?![\w-])|[KMGTP]i?B|[KMGT]bps|[KMGT]bits?|[KMGT]b(?=/)|(?<=\s)B|B(?=/)|"
    r"ms|us|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|"
    r"weeks?|months?|years?|[KMGTPE]?FLOP[Ss]?|%)"
)
_FIGURE = re.compile(
    r"(?<![\w.,/])(?P<dollar>\$)?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?:x|×|\*)\s?10\^(?P<exponent>\d{1,2}))?"
    r"(?:(?P<scale>[kKMBT]|bn)(?![A-Za-z])|\s?(?P<word>thousand|million|billion|trillion)\b)?"
    rf"(?:\s?(?P<unit>{_UNIT})(?![A-Za-z]))?(?P<rate>/(?:s|sec|second|day|h|hr|hour|min|[KMGTP]i?B)\b)?"
    r"(?P<times>x\b)?"
)
_WORD_VALUES = {"twice": 2.0, "double": 2.0, "triple": 3.0, "half": 0.5, "two": 2.0, "three": 3.0, "four": 4.0}
_WORD_VALUES |= {"five": 5.0, "six": 6.0, "eight": 8.0, "ten": 10.0, "twelve": 12.0, "dozen": 12.0}
_WORD_NUMBERS = re.compile(rf"\b(?P<word>{'|'.join(_WORD_VALUES)})\b", re.I)
_PER = re.compile(
    r"^\s*(?:per|/|a|an|each|every)\s+(?P<thing>second|sec|minute|min|hour|hr|day|week|month|year|[A-Za-z][\w-]*)\b",
    re.I,
)
_PER_TIME = re.compile(
    r"^\s*(?:(?:per|/)\s*(?:second|sec|s|minute|min|hour|hr|h|day|week|month)|"
    r"(?:a|an|each|every)\s+(?:second|minute|hour|day|week|month))\b",
    re.I,
)
_NOUN = re.compile(r"\s*(?:of\s+)?(?P<noun>[A-Za-z][\w-]*)")  # read with .match, at a position
_ONE_DOES = re.compile(
    r"\b(?:one|each|a|per|every|single)\s+(?P<thing>[A-Za-z][\w-]*)\s+(?:\w+\s+)?"
    r"(?:does|do|handles?|serves?|gives?|runs?|processes|sustains?|holds?|stores?|takes?)\s+(?:about\s+|roughly\s+|~)?$",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """One stated figure: the words as said, its value in base units, its dimensions and where it sits."""

    text: str
    value: float
    dims: Dims
    start: int
    end: int
    units: tuple[str, ...] = ()  # the units said ("KB", "day"), to tell a conversion from a repetition
    noun: str = ""  # what it counts ("candidate"), when said
    core: int = 0  # length of the number with its unit, or with its noun when it has no unit

    @property
    def is_count(self) -> bool:
        return not self.dims

    @property
    def said(self) -> str:
        """The figure as an interviewer repeats it: "700 GPUs", "40 GB/s" (without the words after its unit)."""
        return self.text[: self.core] if self.core else self.text


def figures_in(text: str) -> list[Figure]:
    """Every figure in ``text``, in order, with multipliers said in words ("twice") as plain counts and spans of
    time said in words ("half an hour a day") with their units."""
    found = [_figure(text, m) for m in _FIGURE.finditer(text)]
    spans = [_span(text, m) for m in _SPAN.finditer(text)]
    found += [
        Figure(m.group(0), _WORD_VALUES[m["word"].lower()], (), m.start(), m.end())
        for m in _WORD_NUMBERS.finditer(text)
        if not any(f.start <= m.start() < f.end for f in spans)
    ]
    return sorted((f for f in [*found, *spans] if f is not None), key=lambda f: f.start)


_SPAN = re.compile(r"\b(?P<part>half an?|a quarter of an?)\s+(?P<unit>hour|minute|second|day)\b", re.I)


def _span(text: str, match: re.Match[str]) -> Figure:
    """ "half an hour a day": a span of time said in words, with any rate after it."""
    scale, unit_dims = unit_size(TIME_WORDS[match["unit"].lower()])
    dims: dict[str, int] = dict(unit_dims)
    end, per_unit, times, _ = _read_tail(text, match.end(), dims, counted=False)
    value = (0.5 if match["part"].lower().startswith("half") else 0.25) * scale / per_unit
    key = tuple(sorted((k, v) for k, v in dims.items() if v))
    units = (TIME_WORDS[match["unit"].lower()], *times)
    return Figure(text[match.start() : end].strip(), value, key, match.start(), end, units)  # said whole


def _figure(text: str, match: re.Match[str]) -> Figure | None:
    if _is_label(text, match):
        return None
    value = float(match["number"].replace(",", "")) * _SCALE.get(match["scale"] or match["word"] or "", 1.0)
    value *= 10.0 ** int(match["exponent"] or 0)
    dims: dict[str, int] = {"$": 1} if match["dollar"] else {}
    unit = match["unit"] or ""
    if unit == "%":
        value /= 100
    elif unit:
        scale, unit_dims = unit_size(unit)
        value *= scale
        add(dims, unit_dims)
    if match["rate"]:
        scale, unit_dims = unit_size(match["rate"].lstrip("/"))
        value /= scale
        add(dims, unit_dims, -1)
    end, per_unit, times, noun = _read_tail(text, match.end(), dims, counted=not unit and not match["dollar"])
    value /= per_unit
    units = tuple(u for u in (unit, (match["rate"] or "").lstrip("/"), *times) if u and u != "%")
    thing = _ONE_DOES.search(text[max(0, match.start() - 60) : match.start()])
    if thing and thing_of(thing["thing"]) and thing_of(thing["thing"]) not in dims:
        dims[thing_of(thing["thing"]) or ""] = -1
    key = () if unit == "%" else tuple(sorted((k, v) for k, v in dims.items() if v))
    core = match.end() - match.start()
    if not match["unit"] and not match["dollar"] and noun:
        found = re.search(rf"\b{re.escape(noun)}\w*", text[match.end() : end], re.I)
        core = found.end() + core if found else core
        for _word in range(2 if found else 0):  # "6,000 wrongful removals a day": the noun's head word too
            head = _NOUN.match(text, match.start() + core)
            if head is None or head["noun"].lower() in _STOP or not _before_rate(text[head.end() :], 1):
                break
            core = head.end() - match.start()
            rate = _PER_TIME.match(text[head.end() :])  # and its rate, which a noun of several words needs to read
            core = head.end() + rate.end() - match.start() if rate else core
    return Figure(text[match.start() : end].strip(), value, key, match.start(), end, units, noun, core)


def _is_label(text: str, match: re.Match[str]) -> bool:
    """ "p99", "H100", "v2", "14:03", "3-replica": digits that are part of a name, a time of day or a label."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end() : match.end() + 1]
    return before.isalpha() or before == ":" or (after in (":", "-") and not match["unit"])


def _read_tail(text: str, position: int, dims: dict[str, int], counted: bool) -> tuple[int, float, list[str], str]:
    """Read the words after a number: its noun ("candidates", "GPUs") and any "per X", "/s", "a day".

    Returns where the figure ends, the time unit it is divided by (1 when it is not a rate) and its name."""
    noun_seen = ""
    per_unit = 1.0
    times: list[str] = []
    compound = 0
    for _step in range(4):
        rest = text[position:]
        per = _PER.match(rest)
        if per is not None:
            lead, thing = per.group(0).split()[0].lower(), per["thing"].lower()
            if "-" in thing:  # "per GPU-hour"
                per_unit *= per_compound(thing, dims, times)
                position += per.end()
                continue
            time_word = TIME_WORDS.get(thing.rstrip("s") if len(thing) > 2 else thing)
            if time_word is not None:
                scale, unit_dims = unit_size(time_word)
                per_unit *= scale
                times.append(time_word)
                add(dims, unit_dims, -1)
            elif lead in ("a", "an", "each", "every"):
                break  # "a few", "each region": not part of the figure
            else:  # "per GPU" divides by GPUs; "per stream" by something not tracked, marked so it is never a total
                dims[thing_of(thing) or "per"] = dims.get(thing_of(thing) or "per", 0) - 1
            position += per.end()
            continue
        noun = _noun_at(rest)
        if noun is None or noun["noun"].lower() in _STOP:
            break
        if noun_seen:  # "300M candidate scores per second", "480,000 support model calls a day": nouns before a rate
            if compound >= 2 or not _before_rate(rest[noun.end() :], 1 - compound):
                break
            compound, position = compound + 1, position + noun.end()
            continue
        word = noun["noun"].split("/")[0]
        noun_seen = word.lower().removesuffix("s")
        if word.lower() in _PER_SECOND and counted:  # "300k QPS": queries a second
            per_unit *= per_time("s", dims, times)
        elif thing_of(word) is not None and counted:  # "60 ms server" is not a count of servers
            dims[thing_of(word) or ""] = dims.get(thing_of(word) or "", 0) + 1
        elif counted:  # "55 GPU-hours": GPUs times hours
            per_unit /= thing_times_time(word, dims, times)
        position += noun.end()
        slash = re.match(r"/(?P<t>s|sec|second|day|h|hr|hour|min)\b", text[position:])
        if slash is not None:
            per_unit *= per_time(TIME_WORDS.get(slash["t"], slash["t"]), dims, times)
            position += slash.end()
    return position, per_unit, times, noun_seen


def _before_rate(rest: str, words: int) -> bool:
    """ "per second" next, or after at most ``words`` more lower-case words ("model calls a day")."""
    if _PER_TIME.match(rest):
        return True
    word = _NOUN.match(rest)
    return words > 0 and word is not None and word["noun"].lower() not in _STOP and _before_rate(rest[word.end() :], 0)


def _noun_at(rest: str) -> re.Match[str] | None:
    """The noun after a number; one lower-case word before a counted thing describes it ("160 planned hosts":
    hosts). A capitalised one names a kind the arithmetic does not track ("12 CPU servers" at "$3 an hour")."""
    noun = _NOUN.match(rest)
    if noun is None or not noun["noun"].islower() or thing_of(noun["noun"]):
        return noun
    following = _NOUN.match(rest, noun.end())
    return following if following is not None and thing_of(following["noun"]) else noun


_PER_SECOND = frozenset({"qps", "rps"})  # rates said as one word
_STOP = frozenset(
    "is are was were so which that and or but at to for with times x by into from in on of the a an we it this "
    "than over per each about roughly around plus minus divided multiplied gives means total".split()
)


__all__ = ["COUNTED", "Dims", "Figure", "counted", "figures_in"]
