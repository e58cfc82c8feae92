"""The planted-profile suite: candidates written by other people, with known levels, gaps and arithmetic slips,
play whole interviews through the pure engine with an injected clock (bench/planted_profiles.py measures;
run it for the per-candidate table). Thresholds are what the interviewer reaches today, measured on the
writers' files (tests/data/planted/a and b, 12 candidates); the issue's targets it does not reach yet are
marked xfail with the figure."""

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
def results() -> tuple:
    module = bench()
    return tuple(module.measure(path) for path in module.candidates(["a", "b"]))


def test_there_are_twelve_candidates_from_two_writers() -> None:
    names = [r.name for r in results()]
    assert len(names) == 12 and {n.split("/")[0] for n in names} == {"a", "b"}


def test_every_planted_error_the_inputs_show_is_probed_in_its_turn_and_recorded_when_it_stands() -> None:
    probed = sum(r.errors_probed for r in results())
    # conclusions built on the candidate's own wrong figure are checked once that figure is probed, in any wording
    # that computes from it (engine/knock_on.py): a/04's capacity over a per-sequence size and its "at my per-token
    # figure" are caught; all 5 probed and all 4 that stand recorded when measured (planted3)
    assert probed == sum(r.errors for r in results()), [(r.name, r.errors_probed, r.errors) for r in results()]
    assert sum(r.errors_recorded for r in results()) == sum(r.errors_standing for r in results())


def test_no_line_credits_the_candidate_with_what_they_never_said() -> None:
    assert [p for r in results() for p in r.presumptions] == []


def test_no_not_specified_where_the_pack_holds_the_fact() -> None:
    assert [p for r in results() for p in r.not_specified] == []


def test_no_near_time_or_pitch_before_80_percent_of_the_clock() -> None:
    assert [(r.name, r.early_close) for r in results() if r.early_close] == []


def test_the_policy_probes_more_planted_gaps_than_the_fixed_order_baseline() -> None:
    policy = sum(len(r.probed) for r in results())
    baseline = sum(len(r.baseline_probed) for r in results())
    assert policy >= baseline + 10, (policy, baseline)  # 68 against 32 of 81 when measured (planted3)


@pytest.mark.xfail(
    reason="met on a+b in the planted3 pass (68/81, 84%; baseline 32/81, 40%): a phase whose open items were all asked "
    "once and got nothing new is left for the next instead of asked again (b/06 10 -> 20 of 25), and the pitch request "
    "counts for the stakeholder summary it asks for (3 of the 15). Kept as xfail, not strict, until the lead measures "
    "the held-out writer c",
    strict=False,
)
def test_at_least_80_percent_of_planted_gaps_are_probed() -> None:
    gaps = sum(len(r.gaps) for r in results())
    assert sum(len(r.probed) for r in results()) >= 0.8 * gaps


@pytest.mark.xfail(
    reason="met on a+b in the planted3 pass (11/12; 5/12 before): each level also needs a share of the candidate's "
    "sentences (IC5: stating a figure; IC6 and IC7: saying who owns what or what it means for the business; "
    "interviewer.yaml interview_level, engine/interview_level.py), fitted on dev+a+b (25/27; refitted without each "
    "writer: dev 11/15, a 5/6, b 4/6). Kept as xfail, not strict, until the lead measures the held-out writer c",
    strict=False,
)
def test_the_level_is_recovered_for_at_least_10_of_12() -> None:
    assert sum(r.level_ok for r in results()) >= 10
