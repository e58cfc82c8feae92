"""The workings that may reach a stated conclusion, and the guards that keep a probe for what is clearly wrong.

A working is a product or ratio of one to three figures whose dimensions (bytes, seconds, dollars, GPUs,
hosts, tokens) are those of the conclusion. Interviewers probe only what is clearly wrong, so false alarms
are guarded: any working with a near figure that lands within ``CLEARS`` (1.5x) clears it; only two measured
figures (or a count said with its noun beside a measure, as in "1.2B users at 2 KB each") from the sentence
can accuse, or a per-GPU capacity for a GPU count, or a time-unit conversion of the one figure before it;
all the accusing workings must agree; and the closest must be ``WRONG_BY`` (1.8x, "2x" as people round) or
further off. Plain counts, sums,
durations other than compute time, conversions beside a peak factor and dense written calculations (left to
the claim checker) are never accused.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from sdcoach.engine.figures import COUNTED, Dims, Figure, counted
from sdcoach.engine.periods import may_spread, spread, totals

CLEARS = 1.5
WRONG_BY = 1.8  # "2x or worse" as people round: 64 days said as 32 is 1.99x
FAR_OFF = 1000.0  # a chain, share or size read this far from what was said is not the working the candidate did
DENSE = 6  # more figures than this right before a conclusion: a written calculation, for the claim checker
_TIME_UNITS = frozenset("s ms min h day week month year".split())


@dataclass(frozen=True)
class Working:
    """A way of reaching a figure: the inputs, how they combine, and the result."""

    inputs: tuple[Figure, ...]
    ops: str  # one of "*" or "/" between consecutive inputs
    value: float
    near: bool  # uses a figure said right before the conclusion
    all_near: bool = False  # uses only such figures
    loose: bool = False  # uses a bare number whose units were never said: it may clear, never accuse

    def text(self) -> str:
        parts = [self.inputs[0].text]
        for op, figure in zip(self.ops, self.inputs[1:], strict=True):
            parts += [{"*": "x", "/": "/"}[op], figure.text]
        return " ".join(parts)


@dataclass(frozen=True)
class Slip:
    """A conclusion its own inputs do not support: what was said, and the closest working."""

    stated: Figure
    working: Working

    @property
    def ratio(self) -> float:
        return self.stated.value / self.working.value if self.working.value else math.inf

    @property
    def expression(self) -> str:
        return self.working.text()


_OPERATOR = re.compile(r"^\s*(?:divided by|over|/|times|x|×|\*|multiplied by|at)\s*$", re.I)


def check(
    stated: Figure, around: tuple[list[Figure], list[Figure]], previous: list[Figure], far: list[Figure], sentence: str
) -> Slip | None:
    """``around``: the figures before the conclusion in its sentence and the one right after it ("about 29 TB
    across three"), which may only clear it; ``previous``: the sentence before's."""
    before, after = around
    after = [*after, *totals(before)]  # readings that may clear, never accuse

    def joined(a: Figure, b: Figure) -> bool:
        first, second = sorted((a, b), key=lambda f: f.start)
        return bool(_OPERATOR.match(sentence[first.end : second.start]))

    if stated.is_count or stated.value <= 0 or "per" in dict(stated.dims):
        return None  # a count's or a duration's working cannot be told from its wording
    near = [*previous, *before, *after]
    far_ids = {id(f) for f in far}
    accusing: list[Working] = []
    for working in workings(stated.dims, near, far, around, joined):
        if any(f in after for f in working.inputs):
            working = replace(working, loose=True)
        remote = any(id(f) in far_ids for f in working.inputs)
        plausible = working.near and not (remote and any(f.is_count for f in working.inputs))
        if plausible and off(stated.value, working.value) <= CLEARS and not is_repeat(stated, working):
            return None  # a count said here times a figure from minutes ago reaches anything
        if not working.loose and _may_accuse(stated, working, before, sentence):
            accusing.append(working)
    accusing = [w for w in accusing if w.value > 0]
    said_here = max((sum(1 for f in w.inputs if f in before) for w in accusing), default=0)
    accusing = [w for w in accusing if sum(1 for f in w.inputs if f in before) == said_here]  # closest reading
    # a working wholly said in the sentence is the one the candidate did; one borrowing a figure from the sentence
    # before ("8,000 tokens" of context times "110 billion a day") is a reading nobody meant
    accusing = [w for w in accusing if all(f in before for f in w.inputs)] or accusing
    accusing = [w for w in accusing if _per_its_count(w, sentence)] or accusing  # "160 bytes a user ... 1.3B users"
    values = [w.value for w in accusing]
    if not accusing or len(before) > DENSE or max(values) / min(values) > CLEARS:
        return None  # no working, a written calculation, or several workings that disagree
    closest = min(accusing, key=lambda w: off(stated.value, w.value))
    if len(closest.inputs) == 1 and closest.inputs[0] in before:  # a conversion: over a window, at a peak
        readings = spread(closest.inputs[0], closest.value, stated, before, sentence)
        inputs, ops, value = min(readings, key=lambda reading: off(stated.value, reading[2]))
        closest = replace(closest, inputs=inputs, ops=ops, value=value)
    return Slip(stated, closest) if off(stated.value, closest.value) >= WRONG_BY else None


def _may_accuse(stated: Figure, working: Working, before: list[Figure], sentence: str) -> bool:
    """Working that may accuse: two measured figures said right before it; one per-GPU (or per-host) figure
    from the facts or an earlier turn for a count of GPUs (hosts); a unit conversion of the one figure
    said before it in the sentence ("20B pages a day is about 23k per second")."""
    if any("per" in dict(f.dims) for f in working.inputs):
        return False  # "20 tokens/s per stream": a rate per something not tracked is not a total
    duration = stated.dims == (("time", 1),)
    if duration and not any("compute" in dict(f.dims) for f in working.inputs):
        return False  # a duration only from compute over a FLOP rate: budgets and windows are split many ways
    counted = [f for f in working.inputs if f.is_count]
    loose = any(not f.noun or (f not in before and not _counts_same(f, working)) or "%" in f.text for f in counted)
    if loose or (len(working.inputs) > 2 and counted):
        return False  # a count not said with its noun in the sentence, or a third factor that is a count
    if len(working.inputs) == 2 and counted and _counts_same(counted[0], working):
        return working.all_near  # "300B pairs. One H100 does 150,000 pairs a second, so 2M GPU-seconds"
    if len(working.inputs) > 2:
        return working.all_near and duration  # "3.6e25 FLOPs on 16,384 GPUs at 400 TFLOPS each"
    if len(working.inputs) == 1:
        only = working.inputs[0]
        times = {u for u in only.units if u in _TIME_UNITS}, {u for u in stated.units if u in _TIME_UNITS}
        same_thing = not (only.noun and stated.noun) or only.noun == stated.noun
        return all(times) and times[0] != times[1] and same_thing and may_spread(only, before, sentence)
    a, b = working.inputs
    if (a.is_count or b.is_count) and (working.ops == "/" or a.is_count == b.is_count or not working.all_near):
        return False  # a count multiplies a measure ("1.2B users at 2 KB each"); it never divides one
    if working.ops == "/" and a.dims and dict(a.dims).get("time") == -1 and b.dims == (("time", -1),):
        return False  # a rate over a rate of items ("$29k a month" over "120 changes a day") is per item, not a total
    # "160 planned hosts to about 83, around 610 GPUs freed": a GPU count said after a count of hosts is hosts
    # times GPUs per host, which a rate over a per-GPU capacity does not see
    after_hosts = "gpu" in dict(stated.dims) and any(dict(f.dims).get("host") == 1 for f in before)
    capacity = _is_capacity_step(stated, working) and not after_hosts
    if working.all_near:
        in_sentence = sum(1 for f in working.inputs if f in before)
        alone = "$" not in dict(stated.dims) and not a.is_count and not b.is_count
        return in_sentence == 2 or (in_sentence == 1 and alone) or capacity
    return capacity


_PER_NOUN = re.compile(r"^\s*(?:a|an|per|each|every)\s+(?P<noun>[a-z]+?)(?:s)?\b")


def _per_its_count(working: Working, sentence: str) -> bool:
    """A measure said per a thing ("160 bytes a user") times the count of that thing ("1.3 billion users"): the
    working the sentence names, among others its figures allow."""
    if len(working.inputs) != 2 or working.ops != "*":
        return False
    measure, count = sorted(working.inputs, key=lambda f: f.is_count)
    per = _PER_NOUN.match(sentence[measure.end :]) if measure.end >= 0 else None
    return count.is_count and per is not None and bool(count.noun) and count.noun.rstrip("s") == per["noun"]


def _counts_same(count: Figure, working: Working) -> bool:
    """A count divided by a rate of the same thing ("300B pairs" over "150,000 pairs a second per GPU")."""
    others = [f for f in working.inputs if f is not count]
    return working.ops == "/" and working.inputs[0] is count and any(f.noun == count.noun for f in others)


def is_per_unit_of(stated: Figure, given: Figure) -> bool:
    """A figure from the facts counts only as the per-GPU (per-host) capacity a count of GPUs (hosts) divides by;
    anything else in the facts reaching a figure by chance would hide a real slip."""
    things = [t for t, power in stated.dims if t in ("gpu", "host") and power == 1]
    return bool(things) and dict(given.dims).get(things[0]) == -1


def _is_capacity_step(stated: Figure, working: Working) -> bool:
    """ "111M candidates/s, so about 700 GPUs", with the throughput per GPU from the facts."""
    things = [t for t, power in stated.dims if t in ("gpu", "host") and power == 1]
    if len(stated.dims) != 1 or not things or not working.near:
        return False
    # a price per GPU-hour is no capacity: a budget over it is what can be afforded, not what the load needs
    return any(dict(f.dims).get(things[0]) == -1 and "$" not in dict(f.dims) for f in working.inputs)


def is_repeat(stated: Figure, working: Working) -> bool:
    """The conclusion itself said again earlier is not a working that supports it."""
    return len(working.inputs) == 1 and working.inputs[0].text == stated.text


def wrong(stated: float, computed: float) -> bool:
    """``WRONG_BY`` or further off, but not so far (``FAR_OFF``) that the reading cannot be what was done (for the
    readings of a wording; a working's slip may be a unit's, 86,400x for a day said for a second)."""
    return WRONG_BY <= off(stated, computed) < FAR_OFF


def off(a: float, b: float) -> float:
    if a <= 0 or b <= 0:
        return math.inf
    return max(a / b, b / a)


def workings(
    target: Dims,
    near: list[Figure],
    far: list[Figure],
    around: tuple[list[Figure], list[Figure]],
    joined: Callable[[Figure, Figure], bool],
) -> Iterator[Working]:
    """Products and ratios of one or two inputs, or three said in the conclusion's sentence or all measured
    (not bare counts), with the target's dimensions."""
    near_set = {id(f) for f in near}
    before, after = around
    here = {id(f) for f in before}
    late = {id(f) for f in after}
    last = {id(f) for f in before[-1:]}
    multipliers = [*near, *_complements(near)]
    pool = [*multipliers, *far]
    for figure in pool:
        if figure.dims == target or restated_with_its_noun(figure, target):
            yield Working((figure,), "", figure.value, id(figure) in near_set, id(figure) in near_set)
    for a, b in itertools.permutations(pool, 2):
        for op in ("*", "/"):
            if op == "/" and not b.value:
                continue
            if _is_bare(a) or _is_bare(b):  # "300M divided by 50k is 6,000 GPUs", "about 29 TB across three"
                pair = {id(a), id(b)}
                if (pair <= here and joined(a, b)) or (pair & late and pair & last):
                    value = a.value * b.value if op == "*" else a.value / b.value
                    yield Working((a, b), op, value, True, loose=True)
                continue
            if _combine(a.dims, b.dims, op) != target or not (a.dims or b.dims):
                continue
            if op == "/" and a.noun and b.noun and counted(a.noun) != counted(b.noun):
                continue  # requests/s over candidates/s per GPU: not the same thing counted
            value = a.value * b.value if op == "*" else a.value / b.value
            inside = (id(a) in near_set, id(b) in near_set)
            yield Working((a, b), op, value, any(inside), all(inside))
    measured = [f for f in near if not f.is_count]
    said_here = [f for f in multipliers if id(f) in here]
    for a, b, c in itertools.chain(itertools.permutations(said_here, 3), itertools.permutations(measured, 3)):
        for ops in ("**", "*/", "//"):
            if _combine(_combine(a.dims, b.dims, ops[0]), c.dims, ops[1]) == target:
                value = _apply(_apply(a.value, b.value, ops[0]), c.value, ops[1])
                yield Working((a, b, c), ops, value, True, True)


def restated_with_its_noun(figure: Figure, target: Dims) -> bool:
    """ "110 billion a day is about 1.3 million tokens a second": a rate said without its noun is the same
    quantity as the conclusion that names the counted thing (tokens, GPUs, hosts)."""
    if figure.noun or not figure.dims:
        return False
    return tuple((k, v) for k, v in target if k not in COUNTED) == figure.dims != target


def _is_bare(figure: Figure) -> bool:
    return figure.is_count and not figure.noun and not figure.units and "%" not in figure.text


def _complements(figures: list[Figure]) -> list[Figure]:
    """ "40% are continuations" also says 60% are not."""
    return [
        Figure(f"(1 - {f.text})", 1 - f.value, (), -1, -1)
        for f in figures
        if f.is_count and f.text.endswith("%") and 0 < f.value < 1
    ]


def _combine(a: Dims, b: Dims, op: str) -> Dims:
    merged = dict(a)
    for key, power in b:
        merged[key] = merged.get(key, 0) + (power if op == "*" else -power)
    return tuple(sorted((k, v) for k, v in merged.items() if v))


def _apply(a: float, b: float, op: str) -> float:
    return a * b if op == "*" else (a / b if b else math.inf)
