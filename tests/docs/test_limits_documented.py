"""The limits a user can run into are the ones the README states."""

from __future__ import annotations

from pathlib import Path

from sdcoach.engine.decision_matrix import MAX_WEIGHT
from sdcoach.engine.estimate import limits
from sdcoach.services.input_size import MAX_INPUT_CHARS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_input_cap_in_the_readme_is_the_one_enforced() -> None:
    assert "### Input size" in README
    assert README.count(f"{MAX_INPUT_CHARS:,} characters") >= 6  # the section, grade, interview and the drills


def test_the_estimator_ceilings_in_the_readme_are_the_ones_enforced() -> None:
    assert f"at most {limits.LINK_CEILING_BYTES_S / 1e12:g} TB/s per GPU" in README
    assert "NVLink 5" in README and "1.8 TB/s" in README  # the fastest link, named as in the refusal
    assert f"from 0 to {MAX_WEIGHT:g}" in README
    assert "src/sdcoach/engine/estimate/limits.py" in README
