"""Figures said again wrong: a count carried over as another's, and a figure quoted back off by a power of ten.

"There are 600M documents, so that's 600M chunks we have to embed": the conclusion repeats a count of one
thing as a count of another. That is right only when there is one of each; an interviewer who knows the
corpus is 1.2B chunks hears the slip. The candidate's words do not say how many chunks a document makes, so
the count comes from a paragraph (a fact, or one of the candidate's earlier turns) that gives both the count
repeated (600M documents) and a count of the conclusion's thing (1.2B chunks).

"Those 480,000 support model calls a day" two turns after "4.8 million steps a day": a figure pointed back at
("those", "these", "the same") whose digits are an earlier figure's moved by a power of ten is that figure
quoted wrong, when nothing said earlier is within the clearing factor of it. So is a share said as a part in a
whole ("three in every thousand views") that a fact or an earlier turn gives as a percentage of the same thing
("0.03% of views") a power of ten away.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from sdcoach.engine.figures import Figure, figures_in
from sdcoach.engine.in_context import said_number
from sdcoach.engine.shares import in_every

_OF_NOUN = re.compile(r"\s*of\s+(?:(?:the|all|our|its|their)\s+)?(?P<noun>[a-z]+?)s?\b", re.I)

_BACK = re.compile(r"\b(?:those|these|the same)\s+(?:(?:about|roughly|around|~)\s+)?$", re.I)
SAME = 1.01  # a count repeated as said ("600M documents ... 600M chunks")


def carried_over(
    stated: Figure, near: Sequence[Figure], sources: Sequence[str], clears: float, wrong_by: float
) -> Figure | None:
    """The count of ``stated``'s thing that a source gives, when ``stated`` repeats a count of something else said
    just before (in ``near``) and every source giving both agrees on a count ``wrong_by`` or further from it."""
    if not _named(stated):
        return None
    if any(_named(f) and f.noun == stated.noun and _off(f.value, stated.value) <= clears for f in near):
        return None  # the candidate said this count of this thing
    repeated = [f for f in near if _named(f) and f.noun != stated.noun and _off(f.value, stated.value) <= SAME]
    if not repeated:
        return None
    given: list[Figure] = []
    for source in sources:
        counts = [f for f in figures_in(source) if _named(f)]
        if any(f.noun == repeated[-1].noun and _off(f.value, stated.value) <= clears for f in counts):
            given += [f for f in counts if f.noun == stated.noun]
    if not given or max(f.value for f in given) / min(f.value for f in given) > clears:
        return None  # no source gives both, or the sources disagree ("1.2B chunks" now, "400M more next half")
    return given[0] if _off(stated.value, given[0].value) >= wrong_by else None


def misquoted(sentence: str, figure: Figure, said_before: Sequence[Figure], clears: float) -> Figure | None:
    """The earlier figure that ``figure``, pointed back at ("those 480,000"), quotes with its digits moved by a
    power of ten; None when it is not pointed back at, or something said earlier is near it."""
    number = said_number(figure)
    if number is None or not _BACK.search(sentence[: figure.start]):
        return None
    earlier = [(f, n) for f in said_before if f.dims == figure.dims and (n := said_number(f)) is not None]
    if any(_off(n, number) <= clears for _, n in earlier):
        return None
    shifted = [(f, n) for f, n in earlier if _power_of_ten(n / number)]
    if len({n for _, n in shifted}) != 1:
        return None
    return shifted[-1][0]


def share_misquoted(stated: Figure, sources: Sequence[str], clears: float) -> Figure | None:
    """The percentage of ``stated``'s thing ("0.03% of views") that the share said in words ("three in every
    thousand views") quotes a power of ten off; None when a source gives a share of it within ``clears``."""
    given: list[Figure] = []
    for source in sources:
        percents = [f for f in figures_in(source) if "%" in f.text and 0 < f.value < 1]
        given += [f for f in percents if _of(source, f, stated)]
        given += [f for f in in_every(source) if f.noun == stated.noun]
    if not given or any(_off(f.value, stated.value) <= clears for f in given):
        return None
    shifted = {round(f.value, 12): f for f in given if _power_of_ten(stated.value / f.value)}
    if not shifted:
        return None
    nearest = min(_off(stated.value, value) for value in shifted)  # the one a slip of a zero or two moves
    closest = [f for value, f in shifted.items() if _off(stated.value, value) == nearest]
    return closest[0] if len(closest) == 1 else None


def _of(source: str, percent: Figure, stated: Figure) -> bool:
    """ "0.03% of views" is a share of the views "three in every thousand views" is of."""
    match = _OF_NOUN.match(source, percent.start + percent.text.index("%") + 1)
    return match is not None and match["noun"].lower() == stated.noun


def _power_of_ten(ratio: float) -> bool:
    exponent = round(math.log10(ratio)) if ratio > 0 else 0
    return 1 <= abs(exponent) <= 3 and abs(ratio / 10**exponent - 1) < 1e-6


def _named(figure: Figure) -> bool:
    return figure.is_count and bool(figure.noun) and "%" not in figure.text and figure.value > 0


def _off(a: float, b: float) -> float:
    return max(a / b, b / a) if a > 0 and b > 0 else math.inf
