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
    # conclusions built on the candidate's own wrong figure are checked once that figure is probed
    # (engine/knock_on.py); a/04's two such slips are still not reached in their wording.
    assert probed >= 3, [(r.name, r.errors_probed, r.errors) for r in results()]
    assert sum(r.errors_recorded for r in results()) >= 2


def test_no_line_credits_the_candidate_with_what_they_never_said() -> None:
    assert [p for r in results() for p in r.presumptions] == []


def test_no_not_specified_where_the_pack_holds_the_fact() -> None:
    assert [p for r in results() for p in r.not_specified] == []


def test_no_near_time_or_pitch_before_80_percent_of_the_clock() -> None:
    assert [(r.name, r.early_close) for r in results() if r.early_close] == []


def test_the_policy_probes_more_planted_gaps_than_the_fixed_order_baseline() -> None:
    policy = sum(len(r.probed) for r in results())
    baseline = sum(len(r.baseline_probed) for r in results())
    assert policy >= baseline + 10, (policy, baseline)  # 52 against 32 of 81 when measured


@pytest.mark.xfail(
    reason="53/81 planted gaps probed (65%; baseline 32/81, 40%) against the issue's 80%: 26/31 for writer a, 27/50 "
    "for writer b, whose three weak candidates plant most of the gaps in 10-15 turns. Up to three pushes a turn for "
    "a weak candidate or one short of turns, and the close's items asked with a weak candidate's late pitch "
    "(engine/pushes.py), took dev from 83/123 to 106/123 (86%) and writer a from 23 to 26, but hardly writer b",
    strict=True,
)
def test_at_least_80_percent_of_planted_gaps_are_probed() -> None:
    gaps = sum(len(r.gaps) for r in results())
    assert sum(len(r.probed) for r in results()) >= 0.8 * gaps


@pytest.mark.xfail(
    reason="the scorecard level matches the planted level for 5 of 12 (the grade from substance and relevance, "
    "held to each level's must-haves on the items' own evidence, engine/interview_level.py; an uncorrected figure "
    "caps IC7 at IC6). The must-have bars were fitted on the 15 dev candidates (14/15 there); on the writers' "
    "12 candidates 7 are still placed at another level than planted (measured as totals only)",
    strict=True,
)
def test_the_level_is_recovered_for_at_least_10_of_12() -> None:
    assert sum(r.level_ok for r in results()) >= 10
