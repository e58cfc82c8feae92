"""The one-to-one pairing of rows with columns of the largest total (the Hungarian method), for pairing a
diagram's boxes with the scenario's components: a few dozen of each, so the textbook O(n^2 m) form with
potentials is quick, and no numerical library is needed for it."""

from __future__ import annotations

from collections.abc import Sequence

INFINITY = float("inf")


def best_pairing(values: Sequence[Sequence[float]]) -> list[int]:
    """For each row, the column it is paired with, so that the paired values sum to the most; every row gets
    a different column, so there must be at least as many columns as rows."""
    rows = len(values)
    if rows == 0:
        return []
    columns = len(values[0])
    if columns < rows:
        raise ValueError(f"{rows} rows cannot each take one of {columns} columns")
    # minimise the cost -value; u, v are the potentials, way the path back, owner[j] the row holding column j
    u, v = [0.0] * (rows + 1), [0.0] * (columns + 1)
    owner, way = [0] * (columns + 1), [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0], column = row, 0
        least, used = [INFINITY] * (columns + 1), [False] * (columns + 1)
        while owner[column] != 0:
            used[column] = True
            current, delta, step = owner[column], INFINITY, 0
            for j in range(1, columns + 1):
                if used[j]:
                    continue
                reduced = -values[current - 1][j - 1] - u[current] - v[j]
                if reduced < least[j]:
                    least[j], way[j] = reduced, column
                if least[j] < delta:
                    delta, step = least[j], j
            for j in range(columns + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            column = step
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    pairing = [0] * rows
    for j in range(1, columns + 1):
        if owner[j]:
            pairing[owner[j] - 1] = j - 1
    return pairing
