"""Every figure a scenario computes is recomputed: its stated arithmetic, and its calculator bindings.

Content and arithmetic cannot drift apart: a scenario whose "a x b = c" is wrong, or whose capacity
figure no longer matches `sdcoach estimate ...`, fails here with the sentence that is wrong.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from sdcoach.cli.app import app
from sdcoach.content.loader import load_library
from sdcoach.content.schema import Scenario
from sdcoach.engine.estimate.claims import claims_in, quantities_in

SCENARIOS = load_library(None).entries
MIN_CHECKED_CLAIMS = 10


def texts(value: Any) -> Iterator[str]:
    """Every string in a dumped scenario."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)


def ids(entry: Any) -> str:
    return str(entry.scenario.slug)


@pytest.mark.parametrize("entry", SCENARIOS, ids=ids)
def test_every_stated_calculation_holds(entry: Any) -> None:
    scenario: Scenario = entry.scenario
    claims = [c for text in texts(scenario.model_dump()) for c in claims_in(text)]
    wrong = [f"{c.expression} = {c.stated} (closest reading off by {c.error:.1%})" for c in claims if not c.holds]
    assert wrong == []
    scaling_claims = [c for p in scenario.scaling for c in claims_in(p.detail)]
    assert len(scaling_claims) >= MIN_CHECKED_CLAIMS


@pytest.mark.parametrize("entry", SCENARIOS, ids=ids)
def test_capacity_figures_match_the_calculators(entry: Any) -> None:
    runner = CliRunner()
    bindings = [(p, e) for p in entry.scenario.scaling for e in p.estimates]
    assert bindings, "a scenario binds at least one capacity figure to a calculator"
    for point, estimate in bindings:
        result = runner.invoke(app, ["estimate", *shlex.split(estimate.command), "--json"])
        assert result.exit_code == 0, f"{estimate.command}: {result.output}"
        computed = json.loads(result.output)
        stated = quantities_in(point.detail)
        for key, expected in estimate.expect.items():
            assert computed[key] == pytest.approx(expected, rel=0.01), f"{estimate.command}: {key}"
            assert any(r[0] == pytest.approx(expected, rel=0.015) for r in stated), (
                f"{point.topic!r} does not state {key} = {expected:g}"
            )
