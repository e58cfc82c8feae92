"""A writer who numbers the flow puts a step's number before a box's name ('1. Event bus', 'Step 5: Online store',
'(3) Features', a circled digit): the box is read by what follows it. A count is no step ('2 GPUs per pod'). No
similarity model: what is left is the label's words."""

from __future__ import annotations

import pytest

from sdcoach.engine.diagram.evidence import STEP, closeness
from tests.unit.engine.test_diagram_reading import LIBRARY
from tests.unit.engine.test_diagram_reading_writers import unrelated


@pytest.mark.parametrize(
    ("label", "read"),
    [
        ("1. Event bus", "Event bus"),
        ("Step 5: Online store", "Online store"),
        ("(3) Streaming features - Flink", "Streaming features - Flink"),
        ("\u2465 Offline store", "Offline store"),
        ("12 - Serving", "Serving"),
        ("2 GPUs per pod", "2 GPUs per pod"),
        ("1.5 TB store", "1.5 TB store"),
        ("S3 bucket", "S3 bucket"),
    ],
)
def test_a_step_number_before_the_name_is_not_part_of_it(label: str, read: str) -> None:
    assert STEP.sub("", label, count=1) == read


def test_a_numbered_box_is_read_as_the_same_box_unnumbered() -> None:
    components = LIBRARY.get("feature-store").components
    numbered, plain = closeness(["Step 5: Online store", "Online store"], components, unrelated)
    assert numbered == plain
    assert numbered["online_store"] == max(numbered.values())
