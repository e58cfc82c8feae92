"""The planted-profile suite: candidates written by other people, with known levels, gaps and arithmetic slips,
play whole interviews through the pure engine with an injected clock (bench/planted_profiles.py measures;
run it for the per-candidate table). Thresholds are what the interviewer reaches today, measured on three
writers' files (tests/data/planted/a, b and c, 24 candidates; c was held out until session 8 and is where the
interviewer still misses arithmetic slips); the issue's targets it does not reach yet are marked xfail with the
figure."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

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
def results(writers: tuple[str, ...] = ("a", "b", "c")) -> tuple:
    module = bench()
    return tuple(module.measure(path) for path in module.candidates(list(writers)))


def test_there_are_twenty_four_candidates_from_three_writers() -> None:
    names = [r.name for r in results()]
    assert len(names) == 24 and {n.split("/")[0] for n in names} == {"a", "b", "c"}


def test_every_planted_error_the_inputs_show_is_probed_in_its_turn_and_recorded_when_it_stands() -> None:
    """On writers a and b (the wordings the arithmetic check was built from); writer c is the xfail below."""
    probed = sum(r.errors_probed for r in results(("a", "b")))
    # conclusions built on the candidate's own wrong figure are checked once that figure is probed, in any wording
    # that computes from it (engine/knock_on.py): a/04's capacity over a per-sequence size and its "at my per-token
    # figure" are caught; all 5 probed and all 4 that stand recorded when measured (planted3)
    paired = results(("a", "b"))
    assert probed == sum(r.errors for r in paired), [(r.name, r.errors_probed, r.errors) for r in paired]
    assert sum(r.errors_recorded for r in paired) == sum(r.errors_standing for r in paired)


@pytest.mark.xfail(
    reason="writer c, held out: 0 of 7 planted slips probed when measured; 3 of 7 after session 8 read its classes "
    "(bits spelled out, '8 gigabits per second' for 64; a daily total restated per second with its noun; a rate per "
    "GPU-day times GPUs). Still missed: hosts counted as GPUs ('3,200 a host ... so about 25 GPUs'), a count "
    "restated wrong two turns later, a share ('under half a percent per arm'), a share built on a wrong fault count",
    strict=True,
)
def test_writer_cs_planted_errors_are_probed() -> None:
    held_out = results(("c",))
    assert sum(r.errors_probed for r in held_out) == sum(r.errors for r in held_out)


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
    assert policy >= baseline + 20, (policy, baseline)  # 127 against 56 of 145 when measured (session 8)


def test_at_least_80_percent_of_planted_gaps_are_probed() -> None:
    """Met on a+b in the planted3 pass (68/81) and on writer c while it was held out (59/64, 92%); 127/145 in all."""
    gaps = sum(len(r.gaps) for r in results())
    assert sum(len(r.probed) for r in results()) >= 0.8 * gaps


@pytest.mark.xfail(
    reason="the shares each level needs (interviewer.yaml interview_level) fitted on dev+a+b placed a+b 11/12 but "
    "the held-out writer c only 4/12; refitted on all four writers they place 32/39, and each writer held out in "
    "turn 25/39 (c 4/12): the level of an interview nobody fitted to is still recovered about 2 times in 3 at best",
    strict=True,
)
def test_the_level_is_recovered_for_at_least_10_of_12_of_a_writer_held_out() -> None:
    held_out = [r for r in results() if r.name.startswith("c/")]
    assert sum(r.level_ok for r in held_out) >= 10
