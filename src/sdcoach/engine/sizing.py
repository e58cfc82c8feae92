"""Sizes concluded from counts in a named number format.

"12B chunks times 768 dimensions, in fp16 this is about 18 TB": the sentence says the counts and the format,
not the bytes per element, so the conclusion checker (``engine/conclusions.py``) has no figure in bytes to
multiply. An interviewer hears the product: the counts multiplied before the size, times the bytes of the one
format named beside them (fp16 and bf16 are 2 bytes, fp32 4, int8 and fp8 1, int4 and fp4 half a byte, as in
the estimator's ``Dtype``). Read only when the counts are all the sentence says before the size, joined as a
product, and one format is named, so that nothing else could be what the candidate multiplied; and only a
size below what they come to accuses (a larger one may hold more: optimizer states, replicas, an index), or one
said to be the weights alone ("70B in FP8, that's 140 GB of weights").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from sdcoach.engine.estimate.memory import Dtype
from sdcoach.engine.figure_units import unit_size
from sdcoach.engine.figures import Figure

_ALIASES = {"float32": "fp32", "f32": "fp32", "float16": "fp16", "half precision": "fp16", "bfloat16": "bf16"}
_FORMAT = re.compile(rf"\b(?:{'|'.join([*(d.value for d in Dtype), *_ALIASES])})\b", re.I)
_JOINED = re.compile(r"^\s*(?:x|×|\*|times|multiplied by|by|at|of|with|,)?\s*$", re.I)
_EACH = re.compile(r"\s*(?:each|apiece|per\b)", re.I)
_AFTER = 24  # characters after the size in which its format may be named ("about 9 TB in fp16")


def in_format(
    stated: Figure, before: list[Figure], sentence: str, sources: Sequence[str] = ()
) -> tuple[tuple[Figure, ...], float] | None:
    """The counts multiplied before ``stated`` (a size in bytes, or in bytes per token) and what they come to in
    the one number format named in the sentence, or else named in ``sources`` beside a thing the sentence names;
    None when the sentence says anything else before the size, or no one format is named."""
    size = tuple((k, v) for k, v in stated.dims if k != "token")  # "35 KB per token": one token's values
    if size != (("information", 1),) or not before or _EACH.match(sentence, stated.end):
        return None
    if any(not _counts(f, before) or "%" in f.text or f.value <= 1 for f in before):
        return None
    if not all(_JOINED.match(sentence[a.end : b.start]) for a, b in itertools.pairwise(before)):
        return None
    names = {_name(m.group(0)) for m in _FORMAT.finditer(sentence)}
    said = _FORMAT.search(sentence[before[0].start : stated.end + _AFTER])
    if not names:
        names = _named_beside(sentence, sources)
    elif said is None:
        return None
    if len(names) != 1:
        return None
    name = names.pop()
    element = Figure(f"{Dtype(name).bytes:g} bytes ({name})", Dtype(name).bytes * _BYTE, stated.dims, -1, -1, ("B",))
    value = element.value
    for figure in before:
        value *= figure.value
    return (*before, element), value


_PER_THING = re.compile(r"\bper\s+(?P<thing>[a-z]+?)s?$", re.I)


def _counts(figure: Figure, before: list[Figure]) -> bool:
    """A count, or a count per a thing counted beside it ("576 values per layer, 61 layers")."""
    if figure.is_count:
        return True
    per = _PER_THING.search(figure.text)
    return figure.dims == (("per", -1),) and per is not None and any(f.noun == per["thing"] for f in before)


_WORD = re.compile(r"[a-z]{3,}")
_GENERIC = frozenset("the and with for per each are was this that about".split())


def _named_beside(sentence: str, sources: Sequence[str]) -> set[str]:
    """The formats the sources name right before a word the sentence says ("a bf16 latent KV cache" for "the
    latent cache is 576 values")."""
    words = set(_WORD.findall(sentence.lower())) - _GENERIC
    found = set()
    for source in sources:
        for match in _FORMAT.finditer(source):
            clause = re.split(r"[,;.:()]", source[match.end() : match.end() + 40])[0]
            beside = set(_WORD.findall(" ".join(clause.lower().split()[:3]))) - _GENERIC
            if beside & words:
                found.add(_name(match.group(0)))
    return found


def _name(said: str) -> str:
    return _ALIASES.get(said.lower(), said.lower())


_WEIGHTS = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?(?:model\s+)?weights\b", re.I)


def only_weights(stated: Figure, sentence: str) -> bool:
    """The size is said to be the weights and nothing more ("140 GB of weights")."""
    said = stated.text[stated.core :] if stated.core else ""
    return bool(_WEIGHTS.match(said) or _WEIGHTS.match(sentence[stated.end :]))


_BYTE = unit_size("B")[0]  # a byte in the figures' base unit
