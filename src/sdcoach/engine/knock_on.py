"""Conclusions that are wrong because they are computed from the candidate's own earlier wrong figure.

"KV per token is about 32 KB" (it is 320 KB) followed by "2,850 tokens, so about 90 MB per sequence" is
consistent with what the candidate said, so the conclusion checker (``engine/conclusions.py``) clears it.
An interviewer who has already questioned 32 KB knows the 90 MB is off by the same factor. Here every
figure already found wrong (open in the interview, or found in this turn) is replaced by what its own
inputs give, in the earlier turns and in this one, and the conclusions are checked again: a conclusion
that is now ``WRONG_BY`` or further off was built on the wrong figure. The check against the facts'
inputs (per-GPU capacities) is the conclusion checker's own, run on the corrected words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sdcoach.engine.conclusions import slips_in
from sdcoach.engine.debrief import corrected_figure


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
        new = [
            KnockOn(slip.stated.said, slip.expression, slip.ratio)
            for slip in slips_in(_corrected(turn, fixes), [_corrected(t, fixes) for t in earlier], facts)
            if _number(slip.stated.said) not in known | original | {_number(k.stated) for k in found}
        ]
        if not new:
            break
        found += new
        fixes += _fixes([(k.stated, k.ratio) for k in new])
    return found


CHAIN = 3  # links followed from one wrong figure in one turn


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
