"""Conclusions that are wrong because they are computed from the candidate's own earlier wrong figure.

"KV per token is about 32 KB" (it is 320 KB) followed by "2,850 tokens, so about 90 MB per sequence" is
consistent with what the candidate said, so the conclusion checker (``engine/conclusions.py``) clears it.
An interviewer who has already questioned 32 KB knows the 90 MB is off by the same factor. Here every
figure already found wrong (open in the interview, or found in this turn) is replaced by what its own
inputs give, in the earlier turns and in this one, and the conclusions are checked again: a conclusion
that is now ``WRONG_BY`` or further off was built on the wrong figure. The check against the facts'
inputs (per-GPU capacities) is the conclusion checker's own, run on the corrected words.

The conclusion checker stays silent on wordings it cannot read safely ("So over 2,000 sequences fit" is a
capacity over a per-sequence size; "at my per-token figure a 128k context is only about 4 GB" names its input
only as "my figure"). A conclusion said within ``TIGHT`` of the wrong figure times, or over, a figure said with
its unit or noun just before it, or of such a figure over the wrong one, was computed from it in any wording
(``built_on``), and is off by the same factor. Two figures added ("24 minutes of restart and 15 of lost work")
are such an input too, and a conclusion that says the wrong figure again in other words or units ("about half an
hour a day, around 2% of the run") is off by its factor. A per-GPU figure over a wrong count of GPUs is per GPU
squared: never a working, whatever it lands on.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.engine.conclusions import WRONG_BY, is_conclusion, slips_in
from sdcoach.engine.debrief import corrected_figure
from sdcoach.engine.figures import Figure, figures_in
from sdcoach.engine.in_context import said_number
from sdcoach.engine.text import sentences_of


@dataclass(frozen=True)
class KnockOn:
    """A conclusion built on a wrong figure: what was said, the working with the corrected input, the ratio
    (stated over what the corrected working gives)."""

    stated: str
    working: str
    ratio: float


def knock_ons(
    turn: str, earlier: Sequence[str], facts: Sequence[str], wrong: Sequence[tuple[str, float]]
) -> list[KnockOn]:
    """Conclusions in ``turn`` that are off once each ``wrong`` figure (said, stated over computed) is corrected;
    a chain ("30B pairs, so 200,000 GPU-seconds, about 55 GPU-hours") is followed link by link."""
    fixes = _fixes([(said, ratio) for said, ratio in wrong])
    if not fixes:
        return []
    original = {_number(s.stated.said) for s in slips_in(turn, earlier, facts)}
    found: list[KnockOn] = []
    for _link in range(CHAIN):
        known = {_number(said) for said, _ in fixes} | {_number(right) for _, right in fixes}
        chained = [(said, ratio) for said, ratio in wrong] + [(k.stated, k.ratio) for k in found]
        rechecked = [
            KnockOn(slip.stated.said, slip.expression, slip.ratio)
            for slip in slips_in(_corrected(turn, fixes), [_corrected(t, fixes) for t in earlier], facts)
        ]
        new: list[KnockOn] = []
        for knock in [*rechecked, *built_on(turn, chained)]:
            if _number(knock.stated) not in known | original | {_number(k.stated) for k in [*found, *new]}:
                new.append(knock)
        if not new:
            break
        found += new
        fixes += _fixes([(k.stated, k.ratio) for k in new])
    return found


CHAIN = 3  # links followed from one wrong figure in one turn
TIGHT = 1.15  # a conclusion this close to a product or ratio with the wrong figure was computed from it
NEAR = 2  # sentences before a conclusion whose figures may be its other input ("208 GB for KV. So 2,000 fit.")


def built_on(turn: str, wrong: Sequence[tuple[str, float]]) -> list[KnockOn]:
    """Conclusions in ``turn`` that are a wrong figure times, or a figure over, another figure said with its unit
    or noun in their sentence or the ``NEAR`` ones before: "2,850 tokens, so about 93 MB per sequence" and "at my
    per-token figure a 128k context is only about 4 GB" (32 KB a token), "208 GB for KV. So over 2,000 sequences
    fit" (93 MB each). Said this close to what the wrong figure gives, the conclusion was computed from it, whatever
    its wording or units, and it is off by the same factor (its inverse for a ratio)."""
    known = [(said, ratio, figures_in(said)[0]) for said, ratio in wrong if figures_in(said) and ratio > 0]
    read = [(sentence.text, figures_in(sentence.text)) for sentence in sentences_of(turn)]
    here = {_number(f.said) for _, figures in read for f in figures}
    passed: dict[str, Figure] = {}  # a wrong figure said in this turn is an input only to what comes after it
    found: list[KnockOn] = []
    window: list[list[Figure]] = []
    for text, figures in read:
        for index, stated in enumerate(figures):
            usable = [
                (s, r, _as_said(f, passed)) for s, r, f in known if _number(s) not in here or _number(s) in passed
            ]
            passed[_number(stated.said)] = stated
            if stated.value <= 0 or not is_conclusion(text, figures, index):
                continue
            inputs = [f for f in [*(g for w in window for g in w), *figures[:index]] if f.value > 0]
            inputs += _sums(text, figures[:index])
            knock = _from_wrong(stated, [f for f in inputs if f.units or f.noun], usable)
            if knock is not None:
                found.append(knock)
        window = [*window, figures][-NEAR:]
    return found


def _from_wrong(stated: Figure, inputs: list[Figure], known: list[tuple[str, float, Figure]]) -> KnockOn | None:
    """``stated`` as the wrong figure times or over an input, or an input over it, when that is within ``TIGHT`` and
    has its measure (bytes over bytes is a count: "208 GB / 93 MB" may be "2,000 sequences", "32 KB / 80" never is)."""
    for said, ratio, wrong in known:
        if _number(said) == _number(stated.said):
            continue
        said_here = any(wrong is f for f in inputs)
        if said_here and _restates(stated, wrong) and not _within(ratio, 1.0, WRONG_BY - 1e-9):
            return KnockOn(stated.said, said, ratio)  # "about half an hour a day, around 2% of the run"
        for given in inputs:
            if _number(given.said) == _number(said):
                continue
            for first, second, sign, power, working in (
                (wrong, given, 1, 1, f"{given.said} x {said}"),
                (given, wrong, -1, -1, f"{given.said} / {said}"),
                (wrong, given, -1, 1, f"{said} / {given.said}"),
            ):
                result = first.value * second.value**sign
                off = ratio**power
                dims = _combine(first, second, sign)
                measured = dims == _measure(dict(stated.dims)) and not _squares_a_thing(first, second, sign)
                if measured and _within(stated.value, result, TIGHT) and not _within(off, 1.0, WRONG_BY - 1e-9):
                    return KnockOn(stated.said, working, off)
    return None


def _as_said(wrong: Figure, passed: dict[str, Figure]) -> Figure:
    """The wrong figure as said again in this turn: a count said with its noun ("0.8 faults") takes the units it is
    said with here ("0.8 a day"); a figure with units is the same only with the same units and value."""
    again = passed.get(_number(wrong.said))
    if again is None or (wrong.dims and (again.dims != wrong.dims or not _within(again.value, wrong.value, 1.01))):
        return wrong
    return again


def _restates(stated: Figure, wrong: Figure) -> bool:
    """The wrong figure said again in other words or units ("half an hour a day, around 2%"): its measure, its
    value within ``TIGHT``, its number not the same. Two plain counts are not one said in other units: "140 H100s,
    and the budget is 128 always-on" is another count."""
    other_units = bool(stated.units or wrong.units) or "%" in stated.text + wrong.text
    same = _measure(dict(stated.dims)) == _measure(dict(wrong.dims)) and stated.start > wrong.start and other_units
    return same and _within(stated.value, wrong.value, TIGHT) and _number(stated.said) != _number(wrong.said)


_SUM = re.compile(r"^\s*(?:and|plus|\+)\s*$", re.I)


def _sums(text: str, figures: list[Figure]) -> list[Figure]:
    """ "24 minutes of restart and 15 of lost work": two figures added, the second in the first's units when it
    has none of its own."""
    found = []
    for first, second in itertools.pairwise(figures):
        number, other = said_number(first), said_number(second) or second.value
        if not first.dims or not _SUM.match(text[first.end : second.start]) or number is None:
            continue
        if second.dims == first.dims or (not second.dims and not second.units and "%" not in second.text):
            added = second.value if second.dims else other * first.value / number
            text_of = f"{first.said} + {second.said if second.dims else _number(second.said)}"  # "24 minutes + 15"
            found.append(Figure(text_of, first.value + added, first.dims, first.start, second.end, first.units))
    return found


_THINGS = frozenset({"gpu", "host", "token", "per"})  # what is counted, often left unsaid ("32 KB" a token)


def _measure(dims: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in dims.items() if k not in _THINGS and v}


def _combine(a: Figure, b: Figure, sign: int) -> dict[str, int]:
    """The measure (bytes, seconds, dollars...) of ``a`` times ``b`` (``sign`` 1) or over it (-1)."""
    merged = _measure(dict(a.dims))
    for key, power in _measure(dict(b.dims)).items():
        merged[key] = merged.get(key, 0) + sign * power
    return {k: v for k, v in merged.items() if v}


def _squares_a_thing(first: Figure, second: Figure, sign: int) -> bool:
    """ "200k items a second per GPU" over "280 GPUs" is per GPU squared: nobody computes that, whatever it lands on."""
    powers = dict(first.dims)
    for key, power in second.dims:
        powers[key] = powers.get(key, 0) + sign * power
    return any(abs(powers.get(thing, 0)) >= 2 for thing in ("gpu", "host", "token"))


def _within(a: float, b: float, factor: float) -> bool:
    return a > 0 and b > 0 and max(a / b, b / a) <= factor


def _fixes(wrong: Sequence[tuple[str, float]]) -> list[tuple[str, str]]:
    """Each wrong figure (said, stated over computed) with what its inputs give instead."""
    fixes = [(said, corrected_figure(said, 1 / ratio)) for said, ratio in wrong if ratio > 0]
    return [(said, right) for said, right in fixes if right and right != said]


def _corrected(text: str, fixes: Sequence[tuple[str, str]]) -> str:
    """``text`` with each wrong figure replaced by the corrected one (the figure as said, unit and all)."""
    for said, right in fixes:
        text = re.sub(rf"(?<![\d.,]){re.escape(said)}(?!\d|,\d)", right, text)  # "32 KB," but not "32,000"
    return text


def _number(figure: str) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?[kKMBT]?", figure)
    return found.group(0) if found else figure
