"""A candidate's stated conclusions checked against the arithmetic of the inputs said before them.

"So we need about 750 GPUs", "times 100 KB, roughly 12 GB/s", "20B a day is about 23k per second": a
figure after "so", "that's", "which is", "we need", "gives", "=" (or "is" after arithmetic words) is a
conclusion. It is recomputed from the figures said before it: in its sentence and the one before
(near), in the candidate's last turns, and, for a count of GPUs or hosts only, the per-GPU (per-host)
capacity in the scenario's facts: a product or ratio of one to three figures whose dimensions (bytes,
seconds, dollars, GPUs, hosts, tokens) are those of the conclusion.

Interviewers probe only what is clearly wrong, so false alarms are guarded: any working with a near
figure that lands within ``CLEARS`` (1.5x) clears it; only two measured figures (or a count said with
its noun beside a measure, as in "1.2B users at 2 KB each") from the sentence can accuse, or a
per-GPU capacity for a GPU count, or a time-unit conversion of the one figure before it; all the
accusing workings must agree; and the closest must be ``WRONG_BY`` (1.8x, "2x" as people round) or
further off. Plain counts, sums, durations other than compute time, conversions beside a peak factor
and dense written calculations (left to the claim checker) are never accused.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from sdcoach.engine.count_products import count_product
from sdcoach.engine.estimate.claims import Claim, claims_in
from sdcoach.engine.figures import COUNTED, Dims, Figure, counted, figures_in
from sdcoach.engine.spoken import spoken_to_written
from sdcoach.engine.text import sentences_of

CLEARS = 1.5
WRONG_BY = 1.8  # "2x or worse" as people round: 64 days said as 32 is 1.99x
FAR_TURNS = 4  # earlier candidate turns whose figures count as inputs
DENSE = 6  # more figures than this right before a conclusion: a written calculation, for the claim checker
_HEDGES = r"(?:(?:about|roughly|around|approximately|only|just|at least|at most|under|over|nearly|almost|~|a|an)\s+)*"
_MARKER = re.compile(
    r"(?:\bso\b(?:\s+(?:is|are|it's|that's|this is))?|\bthus\b|\bhence\b|\bthat's\b|\bthat is\b|\bwhich is\b|"
    r"\bwhich means\b|\bmeans\b|\bgives?(?: us)?\b|"
    r"\bgiving\b|\bcomes? (?:out )?to\b|\bworks? out (?:to|at)\b|=|≈|~=|->|→|\bin total\b|\btotal(?:ling|s)?\b|"
    r"\bneeds?\b|\bso\s+(?:\w+\s+){1,3}(?:holds?|takes?|uses?|needs?|stores?)\b|"
    r"\bcall it\b|\bthat makes\b|\bwe're at\b|\bwe are at\b|\bcosts?\b|"
    r",\s*(?=(?:roughly|about|around|approximately|~)))"
    rf"[\s,:]*(?:(?:we(?:'d| would| will|'ll)?|i(?:'d)?)\s+(?:need|want|get)\s+)?{_HEDGES}\$?$",
    re.I,
)
_TIME_UNITS = frozenset("s ms min h day week month year".split())
_SUM = re.compile(r"\+|\bplus\b", re.I)
_IS = re.compile(rf"\b(?:is|are|be)\s+{_HEDGES}\$?$", re.I)
_ARITHMETIC_WORDS = re.compile(r"\b(?:times|multiplied|divided|over|x|×|at)\b|[*/×]", re.I)


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


def slips_in(turn: str, earlier: Sequence[str] = (), facts: Sequence[str] = ()) -> list[Slip]:
    """Every conclusion in ``turn`` that its inputs put ``WRONG_BY`` or further from what was said.

    ``earlier`` are the candidate's earlier turns, oldest first; the last two sentences of the last one
    are near to the first sentence of this turn."""
    own = [f for text in earlier[-FAR_TURNS:] for f in figures_in(text) if not f.is_count]
    given = [f for text in facts for f in figures_in(text) if not f.is_count]
    found: list[Slip] = []
    last = sentences_of(earlier[-1])[-2:] if earlier else ()
    previous = [f for s in last for f in _in_context(s.text, figures_in(s.text))]
    for sentence in sentences_of(turn):
        figures = _in_context(sentence.text, figures_in(sentence.text))
        explicit = claims_in(spoken_to_written(sentence.text))
        for index, figure in enumerate(figures):
            if not is_conclusion(sentence.text, figures, index) or _is_explicit(figure, explicit):
                continue
            start = _after_sum(sentence.text, figures, index)
            if start is None:
                continue  # sums and differences: which terms were added is not checked
            stated = _with_inherited_dims(figure, figures[start:index])
            if stated.is_count:
                product = count_product(stated, figures[start:index], previous, sentence.text, CLEARS, WRONG_BY)
                if product is not None:
                    found.append(Slip(stated, Working(product[0], "*", product[1], True, True)))
                continue
            # the candidate's own per-GPU figure in the sentence is the one they computed with, not the facts'
            capacities = [] if any(_is_per_unit_of(stated, f) for f in figures[start:index]) else given
            far = [*own, *(f for f in capacities if _is_per_unit_of(stated, f))]
            # the figure right after may be an input ("about 29 TB across three"), not the same quantity restated
            around = (figures[start:index], [f for f in figures[index + 1 : index + 2] if f.dims != stated.dims])
            slip = _check(stated, around, previous, far, sentence.text)
            if slip is not None:
                found.append(slip)
        previous = figures
    return found


def _after_sum(sentence: str, figures: list[Figure], index: int) -> int | None:
    """Where the inputs of figure ``index`` start: 0 with no sum before it; right after a sum's concluded result,
    that result ("350 plus 2,500, about 2,850 tokens, so ...": its terms are not inputs any more); else None."""
    if not _SUM.search(sentence[: figures[index].start]):
        return 0
    concluded = [i for i in range(index) if is_conclusion(sentence, figures, i)]
    if not concluded or concluded[-1] != index - 1:
        return None  # only the step right after the sum: further on, the working is a dense calculation
    if _SUM.search(sentence[figures[concluded[-1]].end : figures[index].start]):
        return None
    return concluded[-1]


def _is_explicit(figure: Figure, claims: list[Claim]) -> bool:
    """ "a x b = c" is the claim checker's (``estimate/claims.py``): it knows which inputs were used."""
    number = re.match(r"\$?[\d,.]+", figure.text)
    said = number.group(0).lstrip("$").rstrip(".,") if number else ""
    return bool(said) and any(c.holds and c.stated.lstrip("$").startswith(said) for c in claims)


def is_conclusion(sentence: str, figures: list[Figure], index: int) -> bool:
    """The figure at ``index`` is said as what something comes to ("so about 750 GPUs", "that's 12 GB/s")."""
    start = figures[index - 1].end if index else 0
    before = sentence[start : figures[index].start]
    if _MARKER.search(before):
        return True
    if not index or not _IS.search(before):
        return False
    previous, figure = figures[index - 1], figures[index]
    same = previous.dims == figure.dims or _restated_with_its_noun(previous, figure.dims)
    converted = same and bool(figure.units) and set(previous.units) != set(figure.units)
    return converted or bool(_ARITHMETIC_WORDS.search(sentence[: figure.start]))


_OPERATOR = re.compile(r"^\s*(?:divided by|over|/|times|x|×|\*|multiplied by|at)\s*$", re.I)
_EACH_ITEM = re.compile(r"^\s*(?:each|apiece|per (?:request|call|rpc|query|page|item))\b", re.I)
_RUNNING_AT = re.compile(r"^\s*[,;]?\s*(?:at|with|doing|running at)\b[\w\s-]{0,30}$", re.I)
# a figure said at peak is the average times a factor not said; "on average" is the plain conversion itself
_PEAK = re.compile(r"\b(?:peak|burst|busiest)\b", re.I)
_EACH = re.compile(r"^\s*(?:each|apiece|per (?:gpu|host|node))\b", re.I)
_AT = re.compile(r"^\s*,?\s*(?:at|with|and|vs\.?|versus|against|on)\s+(?:about\s+|roughly\s+|~)?$", re.I)


def _in_context(sentence: str, figures: list[Figure]) -> list[Figure]:
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
    return read


def _with_inherited_dims(figure: Figure, before: list[Figure]) -> Figure:
    """ "230k pages per second, so 460k at peak": a bare figure concluded from one with units has its units."""
    if figure.dims or figure.units or figure.noun or not before or before[-1].is_count or "%" in figure.text:
        return figure
    if not 0.1 <= figure.value / before[-1].value <= 10:
        return figure  # "peak is twice that" inherits; a figure of another order is something else
    return Figure(figure.text, figure.value, before[-1].dims, figure.start, figure.end, ())


def _check(
    stated: Figure, around: tuple[list[Figure], list[Figure]], previous: list[Figure], far: list[Figure], sentence: str
) -> Slip | None:
    """``around``: the figures before the conclusion in its sentence and the one right after it ("about 29 TB
    across three"), which may only clear it; ``previous``: the sentence before's."""
    before, after = around

    def joined(a: Figure, b: Figure) -> bool:
        first, second = sorted((a, b), key=lambda f: f.start)
        return bool(_OPERATOR.match(sentence[first.end : second.start]))

    if stated.is_count or stated.value <= 0 or "per" in dict(stated.dims):
        return None  # a count's or a duration's working cannot be told from its wording
    near = [*previous, *before, *after]
    far_ids = {id(f) for f in far}
    accusing: list[Working] = []
    for working in _workings(stated.dims, near, far, around, joined):
        if any(f in after for f in working.inputs):
            working = replace(working, loose=True)
        remote = any(id(f) in far_ids for f in working.inputs)
        plausible = working.near and not (remote and any(f.is_count for f in working.inputs))
        if plausible and _off(stated.value, working.value) <= CLEARS and not _is_repeat(stated, working):
            return None  # a count said here times a figure from minutes ago reaches anything
        if not working.loose and _may_accuse(stated, working, before, sentence):
            accusing.append(working)
    accusing = [w for w in accusing if w.value > 0]
    said_here = max((sum(1 for f in w.inputs if f in before) for w in accusing), default=0)
    accusing = [w for w in accusing if sum(1 for f in w.inputs if f in before) == said_here]  # closest reading
    # a working wholly said in the sentence is the one the candidate did; one borrowing a figure from the sentence
    # before ("8,000 tokens" of context times "110 billion a day") is a reading nobody meant
    accusing = [w for w in accusing if all(f in before for f in w.inputs)] or accusing
    values = [w.value for w in accusing]
    if not accusing or len(before) > DENSE or max(values) / min(values) > CLEARS:
        return None  # no working, a written calculation, or several workings that disagree
    closest = min(accusing, key=lambda w: _off(stated.value, w.value))
    return Slip(stated, closest) if _off(stated.value, closest.value) >= WRONG_BY else None


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
        peak = _PEAK.search(sentence)
        return all(times) and times[0] != times[1] and before == [only] and same_thing and not peak
    a, b = working.inputs
    if (a.is_count or b.is_count) and (working.ops == "/" or a.is_count == b.is_count or not working.all_near):
        return False  # a count multiplies a measure ("1.2B users at 2 KB each"); it never divides one
    if working.all_near:
        in_sentence = sum(1 for f in working.inputs if f in before)
        alone = "$" not in dict(stated.dims) and not a.is_count and not b.is_count
        return in_sentence == 2 or (in_sentence == 1 and alone)
    # "160 planned hosts to about 83, around 610 GPUs freed": a GPU count said after a count of hosts is hosts
    # times GPUs per host, which a rate over a per-GPU capacity does not see
    after_hosts = "gpu" in dict(stated.dims) and any(dict(f.dims).get("host") == 1 for f in before)
    return _is_capacity_step(stated, working) and not after_hosts


def _counts_same(count: Figure, working: Working) -> bool:
    """A count divided by a rate of the same thing ("300B pairs" over "150,000 pairs a second per GPU")."""
    others = [f for f in working.inputs if f is not count]
    return working.ops == "/" and working.inputs[0] is count and any(f.noun == count.noun for f in others)


def _is_per_unit_of(stated: Figure, given: Figure) -> bool:
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


def _is_repeat(stated: Figure, working: Working) -> bool:
    """The conclusion itself said again earlier is not a working that supports it."""
    return len(working.inputs) == 1 and working.inputs[0].text == stated.text


def _off(a: float, b: float) -> float:
    if a <= 0 or b <= 0:
        return math.inf
    return max(a / b, b / a)


def _workings(
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
        if figure.dims == target or _restated_with_its_noun(figure, target):
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


def _restated_with_its_noun(figure: Figure, target: Dims) -> bool:
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
