"""The diagram check against the 120 hand-labelled candidate diagrams (issue 20): floors a little under the figures
bench/diagram_quality.py measures, so a change that makes the check noisier or blinder fails here. The figures
are per writer too, so a change that helps one writer's voice at the other's cost fails (the first pass read
only diagset-a's failures, the second both writers'; a third writer's set is the held-out measure). Real
parts: the shipped similarity model, the label files, the real Mermaid and Excalidraw readers."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "diagram_quality.py"
# measured when the check was last tuned: diagset-a 0.960 / 0.923, diagset-b 0.944 / 0.922 (both writers'
# failures were read in the second pass); diagset-c, a third writer whose diagrams and labels nobody tuning the
# check has read, 0.706 / 0.818 (0.673 / 0.826 before the second pass); diagset-d, a fourth writer held out the
# same way, 0.762 / 0.806 when it arrived; so all 120: 0.828 / 0.862. The floors sit 0.01-0.03 under, room for
# a label or two to flip; c's and d's are the honest figures, and below issue 20's 0.9.
FLOORS = {"all": (0.81, 0.84), "a": (0.93, 0.90), "b": (0.92, 0.90), "c": (0.68, 0.79), "d": (0.74, 0.78)}
RELABELLED_CEILING = 16


@cache
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("diagram_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("which", sorted(FLOORS))
def test_findings_keep_their_precision_and_recall(which: str) -> None:
    result = bench().measure(which)
    precision_floor, recall_floor = FLOORS[which]
    assert sum(result.formats.values()) == (120 if which == "all" else 30)
    assert result.precision >= precision_floor, "\n".join(result.failures)
    assert result.recall >= recall_floor, "\n".join(result.failures)


def test_reference_diagrams_in_other_voices_stay_nearly_clean() -> None:
    """Every scenario's own flow relabelled by vendor, vendor and role word, and role words, with extra boxes:
    a check needing no labels, over all scenarios. 12 false findings of 81 diagrams when the check was last
    tuned (548 before the reviewer-like matching, 38 before arrows were read by their direction), so a
    regression in reading labels or arrows fails here."""
    false = bench().relabelled_false_findings()
    assert sum(false.values()) <= RELABELLED_CEILING, sorted(false.items())


def test_the_scores_count_what_they_claim() -> None:
    """The scoring itself: a finding matching a label is a hit, a second copy of it is false, a loop is matched
    by any of its members, and an off-topic call makes the rest moot."""
    score = bench().score
    label = ("edge_missing", "a", "b")
    assert score([label, label], [label])[:3] == (1, 1, 0)
    assert score([("loop_open", "x", "y", "z")], [("loop_open", "y")])[:3] == (1, 0, 0)
    assert score([("off_topic",), ("component_missing", "q")], [("off_topic",)])[:3] == (1, 0, 0)
    assert score([], [label])[:3] == (0, 0, 1)
