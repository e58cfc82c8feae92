"""The rubric is calibrated to 2026 ML-infrastructure loops (issue 19, item 3).

Hardware mechanisms are expected of IC6, IC7 is an original insight, standards across teams and handling
what the interviewer cannot specify, and every signal carries red flags written as observable behaviour.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sdcoach.content.framework_schema import FlagDetector, Rubric
from sdcoach.content.loader import load_rubric

RUBRIC = load_rubric()


def _signal(signal_id: str) -> tuple[str, str]:
    signal = next(s for s in RUBRIC.signals if s.id == signal_id)
    return " ".join(signal.levels.ic6).lower(), " ".join(signal.levels.ic7).lower()


def test_hardware_mechanisms_are_expected_at_ic6_not_ic7() -> None:
    ic6, ic7 = _signal("technical_depth")
    for mechanism in ("memory-bandwidth bound", "nvlink domain"):
        assert mechanism in ic6
        assert mechanism not in ic7


def test_ic7_is_an_insight_standards_across_teams_and_the_unspecified() -> None:
    _, ic7 = _signal("technical_depth")
    assert "original insight that changes the design" in ic7
    assert "standards other teams adopt" in ic7
    assert "cannot fully specify" in ic7
    anchor = next(a for a in RUBRIC.score_anchors if a.score == 4).meaning.lower()
    assert "original insight" in anchor and "cannot fully specify" in anchor


def test_every_signal_has_red_flags_and_the_five_committee_flags_are_there() -> None:
    flags = {flag.id: flag for signal in RUBRIC.signals for flag in signal.red_flags}
    assert all(signal.red_flags for signal in RUBRIC.signals)
    for needed in (
        "wrong_fundamentals",
        "over_engineered_v1",
        "estimate_not_revised",
        "requirements_overrun",
        "hand_waving_under_probe",
    ):
        assert needed in flags
    assert flags["estimate_not_revised"].detected_by is FlagDetector.ARITHMETIC_UNCORRECTED
    assert flags["requirements_overrun"].detected_by is FlagDetector.REQUIREMENTS_OVERRUN
    assert flags["wrong_fundamentals"].detected_by is None  # only a human can judge it


def test_a_red_flag_id_used_twice_or_an_unknown_key_is_refused() -> None:
    data = RUBRIC.model_dump()
    data["signals"][1]["red_flags"][0]["id"] = data["signals"][0]["red_flags"][0]["id"]
    with pytest.raises(ValidationError, match="unique"):
        Rubric.model_validate(data)
    data = RUBRIC.model_dump()
    data["signals"][0]["red_flags"][0]["severity"] = "high"
    with pytest.raises(ValidationError, match="severity"):
        Rubric.model_validate(data)
