"""The planted-profile suite: candidates written by other people, with known levels, gaps and arithmetic slips,
play whole interviews through the pure engine with an injected clock (bench/planted_profiles.py measures;
run it for the per-candidate table). Thresholds are what the interviewer reaches today, measured on seven
writers' files (tests/data/planted/a, b, c, d, e, g and h, 72 candidates; c was held out until session 8 read it, d
was written in session 8 and measured once, after every change of that session, e was written in session 9, g and
h in session 10, each measured on arrival, before anything was changed for it; h is held out from every change of
session 10); the issue's targets it does not reach yet are marked xfail with the figure."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@cache
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("planted_profiles", ROOT / "bench" / "planted_profiles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def results(writers: tuple[str, ...] = ("a", "b", "c", "d", "e", "g", "h")) -> tuple:
    module = bench()
    return tuple(measured(path) for path in module.candidates(list(writers)))


@cache
def measured(path: Path) -> Any:
    """A candidate's figures, measured once for every test (and every subset of writers) that reads them."""
    return bench().measure(path, played(path))


@cache
def played(path: Path) -> tuple:
    """A candidate's whole interview, played once for every test that reads it."""
    module = bench()
    return module.play(module.load(path))


def test_there_are_seventy_two_candidates_from_seven_writers() -> None:
    names = [r.name for r in results()]
    assert len(names) == 72 and {n.split("/")[0] for n in names} == {"a", "b", "c", "d", "e", "g", "h"}


def test_every_planted_error_the_inputs_show_is_probed_in_its_turn_and_recorded_when_it_stands() -> None:
    """On writers a and b (the wordings the arithmetic check was built from); writer c is the xfail below."""
    probed = sum(r.errors_probed for r in results(("a", "b")))
    # conclusions built on the candidate's own wrong figure are checked once that figure is probed, in any wording
    # that computes from it (engine/knock_on.py): a/04's capacity over a per-sequence size and its "at my per-token
    # figure" are caught; all 5 probed and all 4 that stand recorded when measured (planted3)
    paired = results(("a", "b"))
    assert probed == sum(r.errors for r in paired), [(r.name, r.errors_probed, r.errors) for r in paired]
    assert sum(r.errors_recorded for r in paired) == sum(r.errors_standing for r in paired)


def test_the_held_out_writers_c_and_d_planted_errors_are_all_probed() -> None:
    """c had 0 of 7 probed when measured, d 4 of 8 after session 8; all 15 since session 10 (arith5: readings of
    hosts counted as GPUs, a count carried over as another, fp16 sized as a byte, percentage chains, shares in
    words, figures built on a wrong one), with no probe on a right figure (the test below)."""
    held_out = results(("c", "d"))
    assert [(r.name, r.errors_probed, r.errors) for r in held_out if r.errors_probed < r.errors] == []


@pytest.mark.xfail(
    reason="writer e, measured on arrival (session 9): 2 of 10 probed; session 10 (arith5), with e as its "
    "development set: 7 of 10. Still missed: a per-pair (per-prediction) rate applied to users (auctions) with the "
    "fan-out never said ('1.5 billion users at 150 thousand a second per GPU, that's 10,000 GPU-seconds'; '600k "
    "auctions per second at 50k per GPU, so about a dozen GPUs'), and e/05's '35 a GPU' (the bench names the "
    "phrase's last figure; its '140 gigs of weights' is probed). Writers g and h, measured on arrival (session "
    "10): g 1 of 12 before and after arith5; h, held out from it, 0 of 14 before and 2 of 14 after (bytes per value "
    "in float32). Missed: conclusions said without working ('so call it 40 replicas', '$225k'), counts carried "
    "over as another (replicas as GPUs, users as pairs), shares and costs a power of ten off",
    strict=True,
)
def test_the_newest_writers_planted_errors_are_probed() -> None:
    held_out = results(("e", "g", "h"))
    assert sum(r.errors_probed for r in held_out) == sum(r.errors for r in held_out)


# figures built on a planted wrong one, wrong themselves, that the writer did not list: c/05's fault cost is 0.8
# faults a day (really 0.08) times 39 minutes
BUILT_ON_PLANTED = {("c/05-llm-pretraining-academic", "half an hour a day")}


Probed = tuple[tuple[str, int, str, str], ...]


@cache
def probed_figures(writers: tuple[str, ...] = ("dev", "a", "b", "c", "d", "e")) -> Probed:
    """(candidate, turn, figure named, what the writer planted on that turn and the one before) for every arithmetic
    probe over the writers, dev included."""
    module = bench()
    found = []
    for path in module.candidates(list(writers)):
        profile = module.load(path)
        planted: dict[int, str] = {}
        for error in profile.get("planted_errors") or []:
            planted[int(error["turn"])] = f"{planted.get(int(error['turn']), '')} {error['says']}"
        name = f"{path.parent.name}/{path.stem}"
        for index, stated in module.arithmetic_probes(played(path)[0]):
            found.append((name, index, stated, f"{planted.get(index, '')} {planted.get(index - 1, '')}"))
    return tuple(found)


def test_no_arithmetic_probe_names_a_right_figure() -> None:
    """Accusing a right figure is worse than missing a wrong one: every figure the interviewer asks the candidate to
    walk through is one the writer planted as wrong on that turn (or the one before), or is built on one."""
    assert len(probed_figures()) >= 35  # 39 when measured (session 10)
    assert _right_figures_probed(probed_figures()) == []


@pytest.mark.xfail(
    reason="writers g and h, measured on arrival (session 10), held out from the rules that cleared dev a-e: g 6 "
    "probes on right figures before arith5 and 7 after ('139 GPUs' from 694k a second at 5,000 per H100; a standard "
    "error of 2.2 points read as a share), h 2 before and after ('$1.64M', '$29.9M')",
    strict=True,
)
def test_no_arithmetic_probe_names_a_right_figure_of_the_newest_writers() -> None:
    assert _right_figures_probed(probed_figures(("g", "h"))) == []


def _right_figures_probed(found: Probed) -> list[tuple[str, int, str]]:
    return [
        (name, index, stated)
        for name, index, stated, planted in found
        if not re.search(rf"(?<![\d.,]){re.escape(_number(stated))}(?![\d,])", planted)
        and (name, stated) not in BUILT_ON_PLANTED
    ]


def _number(figure: str) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?", figure)
    return found.group(0) if found else figure


def test_no_line_credits_the_candidate_with_what_they_never_said() -> None:
    assert [p for r in results() for p in r.presumptions] == []


def test_no_not_specified_where_the_pack_holds_the_fact() -> None:
    # writer c's 'Hardware is 1,024 H100, no spares, right?' (a statement with a tag question) scores 0.361 against
    # the fleet question's examples, under the 0.369 threshold; reading its comma halves apart cost the question
    # bench more (86.7% -> 83.0% matched) than it would mend, so it is the one known miss
    missed = [p for r in results() for p in r.not_specified]
    assert len(missed) <= 1 and all("no spares" in p for p in missed), missed


def test_no_near_time_or_pitch_before_80_percent_of_the_clock() -> None:
    assert [(r.name, r.early_close) for r in results() if r.early_close] == []


def test_the_policy_probes_more_planted_gaps_than_the_fixed_order_baseline() -> None:
    policy = sum(len(r.probed) for r in results())
    baseline = sum(len(r.baseline_probed) for r in results())
    assert policy >= baseline + 40, (policy, baseline)  # 179 against 80 of 207 when measured (session 8)


def test_at_least_80_percent_of_planted_gaps_are_probed() -> None:
    """Met on a+b in the planted3 pass (68/81), on writer c while it was held out (59/64, 92%) and on writer d,
    held out from every change (52/62, 84%); a-e 221/270 (82%) in session 10."""
    written = results(("a", "b", "c", "d", "e"))
    gaps = sum(len(r.gaps) for r in written)
    assert sum(len(r.probed) for r in written) >= 0.8 * gaps


@pytest.mark.xfail(
    reason="writers g and h, measured on arrival (session 10): g 46 of 67 (69%), h 44 of 59 (75%); after the "
    "session's changes g 48/67, h 44/59 (73% together). A third of the misses are items the reader judged covered "
    "(a cost or ownership sentence near the item), the rest items a short phase never reached",
    strict=True,
)
def test_at_least_80_percent_of_the_newest_writers_planted_gaps_are_probed() -> None:
    newest = results(("g", "h"))
    assert sum(len(r.probed) for r in newest) >= 0.8 * sum(len(r.gaps) for r in newest)


def test_the_level_is_recovered_for_at_least_10_of_12_of_a_writer_held_out() -> None:
    """Writer d, measured once after every change of session 8 (the shares each level needs refitted on dev, a, b
    and c): 10 of 12 placed at their planted level. Writer c, held out from the first fit of the shares, had 4 of
    12, so this is the figure to guard, not a margin to count on."""
    held_out = [r for r in results() if r.name.startswith("d/")]
    assert sum(r.level_ok for r in held_out) >= 10, [(r.name, r.level, r.planted_level) for r in held_out]


@pytest.mark.xfail(
    reason="writer e, measured on arrival (session 9): 6 of 12 placed; g (session 10) 7 of 12 on arrival. With the "
    "shares refitted on seven writers (dev, a-e, g): e 9, g 8 (7 refitted without g); h, held out from that fit, "
    "7 of 12. Every below-IC5 candidate of g and h reads IC5 and three of their four IC7 ones IC6: the levels are "
    "compressed toward the middle",
    strict=True,
)
def test_the_level_is_recovered_for_at_least_10_of_12_of_the_newest_writer() -> None:
    held_out = [r for r in results() if r.name.startswith("h/")]
    assert sum(r.level_ok for r in held_out) >= 10, [(r.name, r.level, r.planted_level) for r in held_out]
