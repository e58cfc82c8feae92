"""Percentages people chain and shares they state, read as the arithmetic they stand for.

"10M actions a day, 5% appealed, that's 500k appeals, and 12% of those overturned, so about 6,000 wrongful
removals a day": a conclusion said after a base figure and percentages of it is the base times each of them
(every "of those" narrows the one before). "About 18 million per arm. Out of 400 million daily users that's
under half a percent": a share said as a conclusion is the part said before it over the whole said after
"of" or "out of".

Both only read; the conclusion checker (``engine/conclusions.py``) judges, with its own guards: any reading
with fewer of the percentages, or a complement ("5% appealed" also says 95% were not), within its clearing
factor clears a chain; any pair of near figures of one kind whose ratio is within it clears a share.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from sdcoach.engine.figures import Figure

MOST = 4  # more percentages than this before one figure: a written calculation, not a chain
_OF = re.compile(r"\b(?:out\s+of|of)\s+(?:(?:the|our|all|those|these|its|their|about|roughly|around|~)\s+)*$", re.I)
_SPOKEN = {"half": 0.5, "a quarter": 0.25, "a third": 1 / 3, "a tenth": 0.1, "a": 1.0, "one": 1.0}
_SPOKEN_SHARE = re.compile(
    r"\b(?P<amount>half|a quarter|a third|a tenth|a|one)\s+(?:of\s+)?(?:a\s+)?(?:percent|per cent)\b", re.I
)
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_SO = re.compile(r"(?:\bso|\bthat's|\bthat is|\bwhich is|=|,)\s+(?:(?:about|roughly|around|~)\s+)?$", re.I)
_OF_NOUN = re.compile(r"\s+of\s+(?:(?:the|all|our|its|their)\s+)?(?P<noun>[a-z][\w-]*)", re.I)
_BELOW = re.compile(r"\b(?:under|below|less than|at most|fewer than)\s+$", re.I)
_ABOVE = re.compile(r"\b(?:over|above|more than|at least)\s+$", re.I)


def share_of(figure: Figure) -> float | None:
    """The fraction a percentage says ("12% of those": 0.12); None for any other figure."""
    said = "%" in figure.text or "%" in figure.units
    return figure.value if said and 0 < figure.value < 1 else None


Reading = tuple[tuple[Figure, ...], float]  # the figures multiplied and what they come to


def chain(stated: Figure, before: list[Figure], sentence: str) -> list[Reading] | None:
    """The readings of a base and the percentages of it said before ``stated`` in its sentence: the base times
    each percentage as said or as its complement ("90% cache hit rate" also says 10% miss), or left out, the
    whole chain first. None unless the first percentage follows the base right after it (or
    right before it, "of" it), and all said between the base and ``stated`` are percentages or what they come
    to ("that's 500k appeals"); the base is a figure of ``stated``'s kind (a count of something, for a count).
    A percentage with a time ("99.99% a month") is an availability, not a share of anything, and a duration is
    no base."""
    if share_of(stated) is not None or stated.value <= 0:
        return None
    for position, base in enumerate(before):
        if base.dims != stated.dims or "%" in base.text or base.value <= 0 or (stated.is_count and not base.noun):
            continue
        if base.dims == (("time", 1),):
            continue  # "p99 is 200 ms, 40% of requests hit cache": a latency's percentages are seldom of it
        lead = before[position - 1 : position] if position and _OF.search(sentence[: base.start]) else []
        links = [*lead, *before[position + 1 :]]
        shares = [f for f in links if share_of(f) is not None and not f.units]
        if not shares or links[: len(lead) + 1] != shares[: len(lead) + 1] or len(shares) > MOST:
            continue
        if any(share_of(f) is None and not _concluded(sentence, f) for f in links):
            continue
        return list(_readings(base, shares))
    return None


_MEASURE_NOUNS: dict[tuple[tuple[str, int], ...], frozenset[str]] = {
    (("information", 1),): frozenset({"byte", "bytes", "data", "storage"})
}
_OF_THE = re.compile(r"\s*of\s+(?:the|our|all|that|this)\s+(?P<noun>[a-z]+)\b", re.I)


def of_said(stated: Figure, before: list[Figure], sentence: str, earlier: list[Figure]) -> list[Reading] | None:
    """ "78% of the bytes are keyed by user, that's about 4 PB" after "52 PB" said earlier: a percentage of the
    measure the conclusion is in ("of the bytes"), when the sentence says no figure of it and exactly one was said
    before, is of that figure. The complement or the base itself near the conclusion leaves it unread."""
    nouns = _MEASURE_NOUNS.get(stated.dims, frozenset())
    shares = [f for f in before if share_of(f) is not None]
    if not nouns or not shares or any(f.dims == stated.dims for f in before) or shares[-1] is not before[-1]:
        return None
    share = shares[-1]
    named = _OF_THE.match(sentence, share.start + share.text.index("%") + 1) if "%" in share.text else None
    bases = {f.value: f for f in earlier if f.dims == stated.dims and f.value > 0}
    if named is None or named["noun"].lower() not in nouns or len(bases) != 1:
        return None
    base = next(iter(bases.values()))
    if any(max(v / stated.value, stated.value / v) <= 1.5 for v in (base.value, base.value * (1 - share.value))):
        return None
    return [((base, share), base.value * share.value)]


def _concluded(sentence: str, figure: Figure) -> bool:
    """ "that's 500k appeals", "so 800M": a figure said as what the ones before it come to."""
    return bool(_SO.search(sentence[max(0, figure.start - 16) : figure.start]))


def _readings(base: Figure, shares: list[Figure]) -> Iterator[Reading]:
    """The base times any of the shares, each taken as said or as its complement; the whole chain first."""
    for choice in itertools.product((True, False, None), repeat=len(shares)):
        inputs, value = [base], base.value
        for share, taken in zip(shares, choice, strict=True):
            if taken is not None:
                used = share if taken else Figure(f"(1 - {share.said})", 1 - share.value, (), -1, -1, ("%",))
                inputs.append(used)
                value *= used.value
        yield tuple(inputs), value


def spoken_shares(sentence: str, of: bool = True) -> list[Figure]:
    """Shares said in words, before "of" unless ``of`` is False: "half a percent of our users" (0.005)."""
    return [
        Figure(m.group(0), _SPOKEN[m["amount"].lower()] / 100, (), m.start(), m.end(), ("%",))
        for m in _SPOKEN_SHARE.finditer(sentence)
        if not of or _OF_AFTER.match(sentence, m.end())
    ]


_COUNT_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}
_COUNT_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "hundred": 100, "thousand": 1e3, "million": 1e6}
_AMOUNT = r"(?:\d[\d,]*(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_IN_EVERY = re.compile(
    rf"\b(?P<part>{_AMOUNT})\s+(?:in|out of|per)\s+(?:every\s+|each\s+)?"
    rf"(?P<whole>(?:{_AMOUNT}\s+)?(?:(?:hundred|thousand|million)\s*)*|\d[\d,]*)\s*(?P<noun>[a-z]+?)s?\b",
    re.I,
)


def in_every(sentence: str) -> list[Figure]:
    """Shares said as a part in a whole: "three in every thousand views" (0.003), "1 in 10,000 requests"."""
    found = []
    for match in _IN_EVERY.finditer(sentence):
        part, whole = _amount(match["part"]), _amount(match["whole"])
        if part and whole and part < whole and whole >= 10 and match["noun"].lower() not in _COUNT_WORDS:
            said = match.group(0)
            found.append(Figure(said, part / whole, (), match.start(), match.end(), (), match["noun"].lower()))
    return found


def _amount(words: str) -> float:
    """ "ten thousand" 10,000, "10,000" 10,000, "a thousand" 1,000; 0 for anything else."""
    value = 0.0
    for word in words.lower().replace(",", "").split():
        number = _COUNT_WORDS.get(word) or (float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else None)
        if number is None:
            return 0.0
        value = value * number if value and number >= 100 else value + number
    return value


def share_reading(
    stated: Figure, sentence: str, figures: list[Figure], previous: list[Figure]
) -> tuple[tuple[Figure, Figure], list[float]] | None:
    """The part and the whole a stated share is of, with the ratios of every other pair of near figures of one
    kind (any of which may be what was meant); None when no whole is said after "of" or "out of"."""
    whole = _whole(stated, sentence, figures)
    if whole is None:
        return None
    near = [f for f in [*previous, *figures] if f.start < stated.start or f in previous]
    kin = [f for f in near if f is not whole and _kind(f) == _kind(whole) and share_of(f) is None and f.value > 0]
    if not kin:
        return None
    part = kin[-1]
    others = [a.value / b.value for a, b in itertools.permutations([*kin, whole], 2) if b.value]
    return (part, whole), others


def bound(stated: Figure, sentence: str, right: float) -> bool:
    """ "Under half a percent" when it is 0.2%, "over 40%" when it is 55%: a bound the right value keeps."""
    head = sentence[max(0, stated.start - 20) : stated.start]
    return bool((_BELOW.search(head) and right <= stated.value) or (_ABOVE.search(head) and right >= stated.value))


def _whole(stated: Figure, sentence: str, figures: list[Figure]) -> Figure | None:
    """The figure said after "of" ("4.5% of the 400M users"), before the share after "out of", or before it with the
    noun the share is "of" ("1.2B users ... 25% of all users")."""
    after = [f for f in figures if f.start >= stated.end and _OF.search(sentence[stated.end : f.start])]
    if after and not re.search(r"[,;.]", sentence[stated.end : after[0].start]):
        return after[0] if share_of(after[0]) is None else None
    for figure in figures:
        if figure.start < stated.start and re.search(r"\bout\s+of\s+(?:\w+\s+)?$", sentence[: figure.start], re.I):
            return figure
    sign = stated.text.find("%")
    named = _OF_NOUN.match(sentence, stated.start + sign + 1 if sign >= 0 else stated.end)  # "25% of all users"
    wholes = [
        f for f in figures if named and f.end <= stated.start and f.noun == named["noun"].lower().removesuffix("s")
    ]
    return wholes[0] if wholes and share_of(wholes[0]) is None else None


def _kind(figure: Figure) -> tuple[tuple[str, int], ...]:
    """What a figure measures, without what it is per ("18M per arm" and "400M users" are both counts)."""
    return tuple((k, v) for k, v in figure.dims if k != "per")
