"""The diagram check against the 210 hand-labelled candidate diagrams (issue 20): floors a little under the figures
bench/diagram_quality.py measures, so a change that makes the check noisier or blinder fails here. The figures
are per writer too, so a change that helps one writer's voice at the other's cost fails (the first pass read
only diagset-a's failures, the second a's and b's, the third c's, the fourth d's; diagset-e, a fifth writer, was
held out until a legend reader was added for its letter-labelled drawing; diagset-f, a sixth, was written in
session 9 and measured on arrival and once more after that session's product glossary; diagset-g, a seventh,
written in session 10 and measured on arrival). Real parts: the shipped
similarity model, the label files, the real Mermaid and Excalidraw readers."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "diagram_quality.py"
# measured when the check was last changed (off-topic judged against the other scenarios): diagset-a 0.961 /
# 0.954, diagset-b 0.946 / 0.961, diagset-c 0.940 / 0.947 (0.706 / 0.818 while it was held out), diagset-d
# 0.775 / 0.829 (0.762 / 0.806 held out before the third pass, 0.763 / 0.829 after it), all 120 0.893 / 0.915.
# diagset-e, a fifth writer held out: 0.616 / 0.762 when it arrived. With legends read (letters explained beside
# the drawing): d 0.782 / 0.840, e 0.684 / 0.772, all 150 0.860 / 0.896. After the fourth pass (developed on
# diagset-d's failures; e measured as totals only): a 0.969 / 0.962, b 0.961 / 0.969, c 0.940 / 0.947, d 0.902 /
# 0.891, e 0.693 / 0.782, all 150 0.898 / 0.914. The floors sit 0.01-0.02 under, room for a label or two to flip;
# e's is the honest held-out figure, below issue 20's 0.9, and stays where the lead set it. With the product
# glossary (labels read with the roles of the products they name), a label's head noun, step numbers, questions
# and questions in diamonds read as gates: a 0.969 / 0.962, b 0.969 / 0.977, c 0.955 / 0.955, d 0.907 / 0.891,
# e 0.785 / 0.832, all 150 0.921 / 0.925. diagset-f, a sixth writer held out from all of that: 0.670 / 0.842 on
# arrival, 0.697 / 0.862 with the glossary; all 180 0.872 / 0.913. diagset-g, a seventh writer held out from all
# of that: 0.702 / 0.810 on arrival. Session 10, changes by class of f's false
# findings, each measured on every writer (a component drawn as several boxes, region copies, leaf boxes read by
# label and arrow, a box's arrows and label together, another system's flows drawn far more fully, a failure
# story naming its part by its whole name, legend codes with a suffix, codes of initials and a short last word, a
# label joining parts with one arrow agreeing): a 0.969 / 0.962, b 0.984 / 0.984, c 0.954 / 0.947, d 0.919 /
# 0.909, e 0.808 / 0.832, f 0.862 / 0.901, all 180 0.917 / 0.924; g, held out from those changes, 0.702 / 0.810
# before them and 0.707 / 0.816 after (they do not carry to a new voice); all 210 0.878 / 0.906.
# Floors 0.01 under where a figure rose.
FLOORS = {
    "all": (0.87, 0.89),
    "a": (0.95, 0.94),
    "b": (0.97, 0.97),
    "c": (0.92, 0.93),
    "d": (0.90, 0.89),
    "e": (0.79, 0.82),
    "f": (0.85, 0.89),
    "g": (0.70, 0.80),
}
RELABELLED_CEILING = 2
# every scenario's reference named by the cloud services a team would run instead (bench --swapped): 217 false
# findings without the product glossary, 29 with it, 25 after session 10
CLOUD_CEILING = 35


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
    assert sum(result.formats.values()) == (210 if which == "all" else 30)
    assert result.precision >= precision_floor, "\n".join(result.failures)
    assert result.recall >= recall_floor, "\n".join(result.failures)


def test_reference_diagrams_in_other_voices_stay_nearly_clean() -> None:
    """Every scenario's own flow relabelled by vendor, vendor and role word, and role words, with extra boxes:
    a check needing no labels, over all scenarios. 0 false findings of 81 diagrams when the check was last
    tuned (548 before the reviewer-like matching, 38 before arrows were read by their direction, 12 before boxes
    were read by their arrows twice, 2 before the fourth pass), so a regression in reading labels or arrows fails
    here."""
    false = bench().relabelled_false_findings()
    assert sum(false.values()) <= RELABELLED_CEILING, sorted(false.items())


def test_reference_diagrams_named_by_cloud_services_stay_mostly_clean() -> None:
    """Every scenario's own flow with each box named by the managed cloud service a team would run in place of
    its technology ('Amazon Kinesis' for Kafka, 'BigQuery' for Iceberg tables): no labels needed, and no
    scenario is called off-topic for it more than once."""
    false = bench().relabelled_false_findings(voices=(bench().SWAPPED,))
    assert sum(false.values()) <= CLOUD_CEILING, sorted(false.items())
    assert false[f"{bench().SWAPPED}: off_topic"] <= 2, sorted(false.items())


def test_the_scores_count_what_they_claim() -> None:
    """The scoring itself: a finding matching a label is a hit, a second copy of it is false, a loop is matched
    by any of its members, and an off-topic call makes the rest moot."""
    score = bench().score
    label = ("edge_missing", "a", "b")
    assert score([label, label], [label])[:3] == (1, 1, 0)
    assert score([("loop_open", "x", "y", "z")], [("loop_open", "y")])[:3] == (1, 0, 0)
    assert score([("off_topic",), ("component_missing", "q")], [("off_topic",)])[:3] == (1, 0, 0)
    assert score([], [label])[:3] == (0, 0, 1)
