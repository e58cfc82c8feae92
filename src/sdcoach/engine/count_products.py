"""A count concluded from a count and a per-item count said before it, across sentences.

"There are 1.5 billion users. Each one has 200 candidates, so that is 30 billion pairs a night." has no
units for the conclusion checker (``engine/conclusions.py``) to match, so a count is never accused there.
An interviewer still hears the product: a count said with "each", "every" or "per" (the multiplier, in the
conclusion's sentence) times a count said before it with its own noun (in the same sentence or the one
before) is what the conclusion claims. Guarded like every conclusion: any near count or product of two
near counts within ``CLEARS`` clears it, every reading must agree, and only ``WRONG_BY`` or further accuses.
"""

from __future__ import annotations

import itertools
import re

from sdcoach.engine.figures import Figure

_EACH_BEFORE = re.compile(r"\b(?:each|every|per)\b[\w\s'-]{0,20}$", re.I)
_EACH_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:each|apiece|per\s+[A-Za-z-]+)\b", re.I)


def count_product(
    stated: Figure, before: list[Figure], previous: list[Figure], sentence: str, clears: float, wrong_by: float
) -> tuple[tuple[Figure, Figure], float] | None:
    """The two counts whose product ``stated`` gets wrong, and that product; None when it is right or unclear.

    ``before``: the figures before the conclusion in its sentence; ``previous``: the sentence before's."""
    if not stated.is_count or not stated.noun or "%" in stated.text:
        return None
    near = [f for f in [*previous, *before] if _named_count(f) and f.noun != stated.noun]
    if any(_off(stated.value, f.value) <= clears for f in [*previous, *before] if f.is_count):
        return None  # the conclusion repeats a count said just before
    if any(_off(stated.value, a.value * b.value) <= clears for a, b in itertools.combinations(near, 2)):
        return None
    ends = [0, *(f.end for f in before)]
    multipliers = [
        f for f, end in zip(before, ends, strict=False) if _named_count(f) and _distributes(sentence, f, end)
    ]
    if len(multipliers) != 1:
        return None  # no "each", or several: which multiplies which is not told by the words
    each = multipliers[0]
    bases = [f for f in near if f is not each and f.noun != each.noun and (f in previous or f.start < each.start)]
    products = [base.value * each.value for base in bases]
    if not products or max(products) / min(products) > clears:
        return None
    closest = min(bases, key=lambda base: _off(stated.value, base.value * each.value))
    product = closest.value * each.value
    return ((closest, each), product) if _off(stated.value, product) >= wrong_by else None


def _named_count(figure: Figure) -> bool:
    return figure.is_count and bool(figure.noun) and "%" not in figure.text and figure.value > 0


def _distributes(sentence: str, figure: Figure, start: int) -> bool:
    """ "Each one has 200 candidates", "200 candidates each", "200 candidates per user" (``start``: where the
    figure before it ends)."""
    head = sentence[max(start, figure.start - 30) : figure.start]
    return bool(_EACH_BEFORE.search(head) or _EACH_AFTER.match(sentence[figure.end :]))


def _off(a: float, b: float) -> float:
    if a <= 0 or b <= 0:
        return float("inf")
    return max(a / b, b / a)
