"""A candidate's stated conclusions, found in their words and checked against what was said before them.

"So we need about 750 GPUs", "times 100 KB, roughly 12 GB/s", "20B a day is about 23k per second": a
figure after "so", "that's", "which is", "we need", "gives", "=" (or "is" after arithmetic words, or "about"
right after a price it is "at") is a conclusion. It is recomputed from the figures said before it: in its
sentence and the one before (near), earlier in its turn, in the candidate's last turns, and, for a count of
GPUs or hosts only, the per-GPU (per-host) capacity in the scenario's facts (``engine/workings.py`` finds
the workings and guards against false alarms).

Some wordings are read by what they say rather than by every working: a base and percentages of it
(``engine/shares.py``: "10M a day, 5% appealed, 12% of those overturned, so about 6,000"), a share of a
whole ("out of 400M users that's under half a percent"), a size from counts in a named number format
(``engine/sizing.py``: "12B chunks times 768 dimensions, in fp16 this is about 9 TB"), a count repeated
as another thing's and a figure quoted back off by a power of ten (``engine/restatements.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sdcoach.engine.count_products import count_product
from sdcoach.engine.estimate.claims import Claim, claims_in
from sdcoach.engine.figures import Figure, figures_in
from sdcoach.engine.in_context import in_context, restated, said_number, with_inherited_dims
from sdcoach.engine.restatements import carried_over, misquoted, share_misquoted
from sdcoach.engine.shares import Reading, bound, chain, in_every, of_said, share_of, share_reading, spoken_shares
from sdcoach.engine.sizing import in_format, only_weights
from sdcoach.engine.spoken import spoken_to_written
from sdcoach.engine.text import sentences_of
from sdcoach.engine.workings import (
    CLEARS,
    FAR_OFF,
    WRONG_BY,
    Slip,
    Working,
    check,
    is_per_unit_of,
    is_repeat,
    off,
    restated_with_its_noun,
    workings,
    wrong,
)

__all__ = ["CLEARS", "FAR_OFF", "WRONG_BY", "Slip", "Working", "is_conclusion", "slips_in"]

FAR_TURNS = 4  # earlier candidate turns whose figures count as inputs
_HEDGES = r"(?:(?:about|roughly|around|approximately|only|just|at least|at most|under|over|nearly|almost|~|a|an)\s+)*"
_MARKER = re.compile(
    r"(?:\bso\b(?:\s+(?:is|are|it's|that's|this is))?|\bthus\b|\bhence\b|\bthat's\b|\bthat is\b|\bwhich is\b|"
    r"\bwhich means\b|\bmeans\b|\bgives?(?: us)?\b|"
    r"\bgiving\b|\bcomes? (?:out )?to\b|\bworks? out (?:to|at)\b|=|≈|~=|->|→|\bin total\b|\btotal(?:ling|s)?\b|"
    r"\bneeds?\b|\bso\s+(?:\w+\s+){1,3}(?:holds?|takes?|uses?|needs?|stores?)\b|"
    r"\bcall it\b|\bthat makes\b|\bwe're at\b|\bwe are at\b|\bcosts?\b|"
    r",\s*(?=(?:roughly|about|around|approximately|~)))"
    rf"[\s,:]*(?:(?:what|like|um|uh)[\s,]+)*(?:(?:we(?:'d| would| will|'ll)?|i(?:'d)?)\s+(?:need|want|get)\s+)?"
    rf"{_HEDGES}\$?$",
    re.I,
)
_SUM = re.compile(r"\+|\bplus\b", re.I)
_IS = re.compile(rf"\b(?:is|are|be)\s+{_HEDGES}\$?$", re.I)
_PRICED = re.compile(r"\bat\s+$", re.I)
_HEDGE_ONLY = re.compile(r"^\s*,?\s*(?:about|roughly|around|approximately|~)\s*\$?$", re.I)
_ARITHMETIC_WORDS = re.compile(r"\b(?:times|multiplied|divided|over|x|×|at)\b|[*/×]", re.I)


def slips_in(turn: str, earlier: Sequence[str] = (), facts: Sequence[str] = ()) -> list[Slip]:
    """Every conclusion in ``turn`` that its inputs put ``WRONG_BY`` or further from what was said.

    ``earlier`` are the candidate's earlier turns, oldest first; the last two sentences of the last one
    are near to the first sentence of this turn."""
    said_before = [f for text in earlier[-FAR_TURNS:] for f in figures_in(text)]
    own, given = [f for f in said_before if not f.is_count], [f for t in facts for f in figures_in(t) if not f.is_count]
    inputs = _Inputs(own, given, [*facts, *earlier[-FAR_TURNS:]])
    found: list[Slip] = []
    last = sentences_of(earlier[-1])[-2:] if earlier else ()
    previous = [f for s in last for f in in_context(s.text, figures_in(s.text))]
    for sentence in sentences_of(turn):
        figures = restated(in_context(sentence.text, figures_in(sentence.text)), said_before)
        explicit = claims_in(spoken_to_written(sentence.text))
        for index, figure in enumerate(figures):
            quoted = misquoted(sentence.text, figure, said_before, CLEARS)
            if quoted is not None:  # "those 480,000 calls a day" after "4.8 million a day"
                found.append(Slip(replace(figure, value=said_number(figure) or 0.0), _quoted(quoted)))
            if not is_conclusion(sentence.text, figures, index) or _is_explicit(figure, explicit):
                continue
            start = _after_sum(sentence.text, figures, index)
            if start is None:
                continue  # sums and differences: which terms were added is not checked
            slip = _judge(sentence.text, figures, start, index, previous, inputs)
            found += [slip] if slip is not None else []
        for stated in spoken_shares(sentence.text):
            ahead = [f for f in figures if f.end <= stated.start]
            if _MARKER.search(sentence.text[ahead[-1].end if ahead else 0 : stated.start]):
                slip = _by_share(stated, sentence.text, figures, previous)
                found += [slip] if slip is not None else []
        for stated in in_every(sentence.text):  # "three in every thousand views" when the facts say 0.03%
            share = share_misquoted(stated, [*inputs.sources, sentence.text[: stated.start]], CLEARS)
            found += [Slip(stated, Working((share,), "", share.value, True, True))] if share is not None else []
        inputs.in_turn += figures
        said_before += figures
        previous = figures
    return found


@dataclass
class _Inputs:
    """The figures a conclusion may be computed from beyond its sentence and the one before: the candidate's
    earlier turns (measures only), the facts, and what this turn said before the sentence."""

    own: list[Figure]
    given: list[Figure]
    sources: Sequence[str]  # the facts' paragraphs and the candidate's earlier turns
    in_turn: list[Figure] = field(default_factory=list)


def _judge(
    sentence: str, figures: list[Figure], start: int, index: int, previous: list[Figure], inputs: _Inputs
) -> Slip | None:
    """The conclusion at ``index``, read by the first reading that fits it: a percentage chain or a share, a size
    in a named number format, a product of counts, else the products and ratios of the figures before it."""
    before = figures[start:index]
    stated = with_inherited_dims(figures[index], before)
    read = chain(stated, before, sentence) or of_said(stated, before, sentence, [*inputs.own, *inputs.in_turn])
    if read is not None or share_of(stated) is not None:
        return _by_chain(stated, read, sentence) if read else _by_share(stated, sentence, figures, previous)
    sized = in_format(stated, before, sentence, inputs.sources)
    if sized is not None:  # "12B chunks times 768 dimensions, in fp16 this is about 9 TB"
        slipped = wrong(stated.value, sized[1]) and (stated.value < sized[1] or only_weights(stated, sentence))
        return Slip(stated, Working(sized[0], "*" * (len(sized[0]) - 1), sized[1], True, True)) if slipped else None
    if stated.is_count:
        source = carried_over(stated, [*previous, *before], inputs.sources, CLEARS, WRONG_BY)
        if source is not None:  # "600M documents, so that's 600M chunks" when the facts say 1.2B chunks
            return Slip(stated, Working((source,), "", source.value, True, True))
        product = count_product(stated, before, previous, sentence, CLEARS, WRONG_BY)
        return Slip(stated, Working(product[0], "*", product[1], True, True)) if product is not None else None
    # the candidate's own per-GPU figure, in the sentence or earlier in the turn, is the one they computed with,
    # not the facts' nor one from an earlier turn
    own, capacities = inputs.own, inputs.given
    in_turn = [f for f in inputs.in_turn if is_per_unit_of(stated, f)]
    if any(is_per_unit_of(stated, f) for f in before):
        capacities = []
    elif in_turn:
        own, capacities = [f for f in own if not is_per_unit_of(stated, f)], in_turn[-1:]
    far = [*own, *(f for f in capacities if is_per_unit_of(stated, f))]
    if _cleared_in_turn(stated, [*inputs.in_turn, *before], far):
        return None
    # the figure right after may be an input ("about 29 TB across three"), not the same quantity restated
    around = (before, [f for f in figures[index + 1 : index + 2] if f.dims != stated.dims])
    return check(stated, around, previous, far, sentence)


IN_TURN = 8  # measures said earlier in the turn that may clear a conclusion


def _cleared_in_turn(stated: Figure, in_turn: list[Figure], far: list[Figure]) -> bool:
    """A working from what this turn said before the conclusion, its own sentence included, that lands within
    ``CLEARS``: "2.04 million a second ... Per GPU, 1,850 at 75% is about 1,390. So about 1,470 GPUs" and "700k a
    second average. ... Trainer at 5,000 a second per H100: would need about 140 H100s" are what the turn
    computed with."""
    measures = [f for f in in_turn if not f.is_count][-IN_TURN:]
    if stated.is_count or "per" in dict(stated.dims):
        return False
    for working in workings(stated.dims, measures, far, ([], []), lambda a, b: False):
        if working.near and off(stated.value, working.value) <= CLEARS and not is_repeat(stated, working):
            return True
    return False


def _quoted(earlier: Figure) -> Working:
    """The earlier figure a misquote repeats, at its number as said (its value may be a rate)."""
    return Working((earlier,), "", said_number(earlier) or 0.0, True, True)


def _by_chain(stated: Figure, readings: list[Reading], sentence: str) -> Slip | None:
    """A conclusion after a base and percentages of it ("10M a day, 5% appealed, 12% of those overturned, so
    about 6,000"): wrong when no reading (the whole chain, fewer links, complements) clears it and the closest is
    ``WRONG_BY`` off; that closest is the working shown ("300k QPS, 90% cache hit rate, so 3k": 300k x (1 - 90%))."""
    full = readings[0][1]
    if bound(stated, sentence, full) or any(off(stated.value, value) <= CLEARS for _, value in readings):
        return None
    inputs, value = min(readings, key=lambda reading: off(stated.value, reading[1]))
    return (
        Slip(stated, Working(inputs, "*" * (len(inputs) - 1), value, True, True))
        if wrong(stated.value, value)
        else None
    )


def _by_share(stated: Figure, sentence: str, figures: list[Figure], previous: list[Figure]) -> Slip | None:
    """A share said as a conclusion ("that's under half a percent of our users") against the part said before it
    over the whole said after "of"; any other ratio of near figures of one kind (or its complement) clears it."""
    reading = share_reading(stated, sentence, figures, previous)
    if reading is None:
        return None
    (part, whole), others = reading
    right = part.value / whole.value
    if bound(stated, sentence, right) or any(off(stated.value, v) <= CLEARS for v in others):
        return None
    if any(off(stated.value, 1 - v) <= CLEARS for v in others if 0 < v < 1):
        return None
    return Slip(stated, Working((part, whole), "/", right, True, True)) if wrong(stated.value, right) else None


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
    if index and _PRICED.search(sentence[: figures[index - 1].start]) and _HEDGE_ONLY.match(before):
        return True  # "at $20 a TB-month about $86k a month": a total said right after the price it is at
    if not index or not _IS.search(before):
        return False
    previous, figure = figures[index - 1], figures[index]
    same = previous.dims == figure.dims or restated_with_its_noun(previous, figure.dims)
    converted = same and bool(figure.units) and set(previous.units) != set(figure.units)
    return converted or bool(_ARITHMETIC_WORDS.search(sentence[: figure.start]))
