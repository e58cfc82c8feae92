"""The Hungarian pairing of boxes with components: the best total, checked against trying every pairing."""

from __future__ import annotations

from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdcoach.engine.diagram.assignment import best_pairing

matrices = st.integers(1, 5).flatmap(
    lambda rows: st.integers(rows, 6).flatmap(
        lambda columns: st.lists(
            st.lists(st.floats(0, 1, allow_nan=False), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@given(matrices)
def test_the_pairing_is_one_to_one_and_the_best_total(values: list[list[float]]) -> None:
    pairing = best_pairing(values)
    rows, columns = len(values), len(values[0])
    assert len(set(pairing)) == rows and all(0 <= j < columns for j in pairing)
    best = max(sum(values[i][p[i]] for i in range(rows)) for p in permutations(range(columns), rows))
    assert sum(values[i][pairing[i]] for i in range(rows)) == pytest.approx(best)


def test_the_greedy_choice_is_not_taken_when_the_total_is_worse() -> None:
    """Closest pair first gives row 0 column 0 (0.7) and leaves row 1 with 0.49 (1.19 in all); the best total is
    0.61 + 0.63 (the 'Metric definitions' and 'Metrics jobs' boxes of a candidate diagram swapped this way)."""
    assert best_pairing([[0.7, 0.61], [0.63, 0.49]]) == [1, 0]


def test_more_rows_than_columns_is_refused() -> None:
    with pytest.raises(ValueError):
        best_pairing([[1.0], [0.5]])
