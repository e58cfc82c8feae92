"""Reading a candidate's turn as an interviewer does: the questions they asked, and the numbers they stated.

Which reference question a question asks is the reader's job (``engine/reader.py``); arithmetic said
out loud ("200k QPS at 2 KB each is 40 GB/s", "a 70B model in bf16 needs 35 GB") is recomputed and
flagged when it is off by more than a factor of two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sdcoach.engine.estimate.claims import claims_in
from sdcoach.engine.estimate.memory import Dtype
from sdcoach.engine.text import sentences_of, words_of

_INTERROGATIVE = re.compile(
    r"^(what|how|who|which|when|where|why|do|does|did|is|are|was|were|can|could|should|will|would|may|"
    r"have|has|any)\b",
    re.I,
)
_JOINED_QUESTION = re.compile(r",?\s+(?:and|or|also)\s+(?=(?:what|how|who|which|when|where|why)\b)", re.I)
_SPOKEN_EQUALS = re.compile(
    r"\s+(?:is|are|gives(?: us)?|comes (?:out )?to|that's|which is|so that's|means|needs|takes|requires)\s+"
    r"(?=(?:about |roughly |around |~)?\$?\d)"
    r"|,\s+(?=(?:about|roughly|around|approximately) \$?\d)",  # "2 x 80 x 8, about 10 KB"
    re.I,
)
_SPOKEN_TIMES = re.compile(r"\s+at\s+(?=\$?\d)", re.I)
_EACH = re.compile(r"\s+(?:each|apiece|a piece)\b", re.I)
_WEIGHTS = re.compile(
    r"(?P<params>\d+(?:\.\d+)?)\s?(?P<scale>[BMT])\b[^.?!]{0,40}?\b(?P<dtype>fp32|bf16|fp16|fp8|int8|int4)\b"
    r"[^.?!]{0,30}?\b(?:needs|is|takes|requires|uses|=)\s+(?:about |roughly |~)?(?P<size>\d+(?:\.\d+)?)\s?GB\b",
    re.I,
)
_SCALE = {"M": 1e6, "B": 1e9, "T": 1e12}
WRONG_BY = 2.0  # a stated figure this far off (either way) is probed


@dataclass(frozen=True)
class WrongFigure:
    """A number the candidate stated that their own inputs do not support."""

    stated: str
    expression: str
    ratio: float


def questions_in(text: str) -> list[str]:
    """The questions in a turn: sentences ending in '?' or opening with an interrogative word.

    A sentence that opens with "when", "where", "how" or "if" and makes a statement ("When Flink lags, we
    serve the last value.") is not a question: without a question mark, only an unclosed sentence whose
    opening clause runs to the end counts."""
    found: list[str] = []
    for sentence in sentences_of(text):
        body = sentence.text.strip().lstrip("-*• ").strip()
        if body.endswith("?") or _is_bare_question(body):
            parts = [p for chunk in body.split("?") for p in _JOINED_QUESTION.split(chunk)]
            found.extend(part.strip() + "?" for part in parts if len(words_of(part)) >= 2)
    return found


def _is_bare_question(body: str) -> bool:
    """An interrogative sentence typed without its question mark ("what is the peak qps").

    Read by its structure: a question puts an auxiliary or a quantity right after the question word
    ("what is", "how many", "when does"); a statement puts a subject there ("what we do is shard by
    user", "when it lags we serve the last value")."""
    words = words_of(body)
    if not _INTERROGATIVE.match(body) or len(words) < 3 or body.endswith((".", "!")):
        return False
    first, second = words[0], words[1]
    if first.endswith("'s") or first in _AUXILIARIES or first == "any":
        return True  # "what's the budget", "is there a budget", "do we need GDPR"
    if second in _SUBJECTS:
        return False
    if first in ("who", "what", "which"):
        return True  # "who owns kafka", "what peak qps do callers need"
    return second in _AUXILIARIES or (first == "how" and second in _HOW_MUCH) or (first == "why" and second == "not")


_AUXILIARIES = frozenset("is are was were do does did can could should will would may might must have has had".split())
_SUBJECTS = frozenset("we i you they it he she this our my we'd we'll we're i'd i'll i'm it's they're".split())
_HOW_MUCH = frozenset("many much big fast fresh large often long old far stale quickly".split())


def wrong_figures(text: str, written_only: bool = False) -> list[WrongFigure]:
    """Calculations in a turn whose stated result is off by more than ``WRONG_BY`` from their own inputs.

    ``written_only``: only calculations with their operators written out ("2 x 80 x 8 x 128 x 2, about
    32 KB"); "at 2 KB each" is read by ``engine/conclusions.py``, which knows what each figure counts."""
    wrong = []
    readable = _SPOKEN_EQUALS.sub(" = ", text) if written_only else spoken_to_written(text)
    for claim in claims_in(readable):
        if written_only and not re.search(r"[x×*/]", claim.expression):
            continue
        if claim.holds:
            continue
        ratios = [c / s for c, s in zip(claim.computed, claim.expected, strict=True) if s and c]
        closest = min(ratios, key=lambda r: abs(_log_ratio(r)), default=0.0)
        if closest and (closest > WRONG_BY or closest < 1 / WRONG_BY):
            wrong.append(WrongFigure(claim.stated, claim.expression, closest))
    wrong += _wrong_weights(text)
    return wrong


def spoken_to_written(text: str) -> str:
    """Turn spoken arithmetic into the written form the claim checker reads: "at 2 KB each is" -> "x 2 KB =" ."""
    text = _SPOKEN_TIMES.sub(" x ", text)
    text = _EACH.sub("", text)
    return _SPOKEN_EQUALS.sub(" = ", text)


def _wrong_weights(text: str) -> list[WrongFigure]:
    """'A 70B model in bf16 needs 35 GB': weights are parameters times bytes per parameter."""
    wrong = []
    for match in _WEIGHTS.finditer(text):
        params = float(match["params"]) * _SCALE[match["scale"].upper()]
        computed = params * Dtype(match["dtype"].lower()).bytes / 1e9
        stated = float(match["size"])
        ratio = computed / stated if stated else 0.0
        if ratio and (ratio > WRONG_BY or ratio < 1 / WRONG_BY):
            wrong.append(WrongFigure(f"{match['size']} GB", match.group(0), ratio))
    return wrong


def _log_ratio(ratio: float) -> float:
    import math

    return math.log(ratio) if ratio > 0 else float("inf")
