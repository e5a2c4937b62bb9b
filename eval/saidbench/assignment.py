"""Maximum-weight one-to-one assignment of a small integer matrix, in pure Python and exact integers.

The shortest augmenting path method (Crouse, "On implementing 2D rectangular assignment algorithms", 2016) with
the visiting order and tie rules of ``scipy.optimize.linear_sum_assignment(..., maximize=True)``, so among equally
good assignments it chooses the one scipy chooses (tests/test_assignment.py checks this against scipy). Scoring
needs it on groups of a few overlapping items, where importing scipy (about half a second) costs more than the
whole article's scoring.
"""

from __future__ import annotations

from math import inf


def max_weight_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """The ``(row, column)`` pairs, one per row or column of the smaller side, of an assignment of maximum total
    weight (every cell counts, zeros included, as in scipy); sorted by row."""
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return []
    tall = columns < rows  # solved on the transpose, so that every row gets a column
    cost = [[-weights[r][c] for r in range(rows)] for c in range(columns)] if tall else \
        [[-value for value in row] for row in weights]
    column_of = _solve(cost)
    pairs = [(column, row) for row, column in enumerate(column_of)] if tall else list(enumerate(column_of))
    return sorted(pairs)


def _solve(cost: list[list[int]]) -> list[int]:
    """The column of each row of a minimum-cost assignment of a matrix with no more rows than columns."""
    rows, columns = len(cost), len(cost[0])
    u, v = [0] * rows, [0] * columns  # dual potentials
    column_of, row_of = [-1] * rows, [-1] * columns
    for current in range(rows):
        sink, lowest, path, cheapest, seen_rows, seen_columns = _augmenting_path(cost, u, v, row_of, current)
        u[current] += lowest
        for row in seen_rows:
            if row != current:
                u[row] += lowest - cheapest[column_of[row]]
        for column in seen_columns:
            v[column] -= lowest - cheapest[column]
        column = sink
        while True:  # flip the path's pairs
            row = path[column]
            row_of[column] = row
            column_of[row], column = column, column_of[row]
            if row == current:
                break
    return column_of


def _augmenting_path(cost, u, v, row_of, row):
    """Dijkstra over reduced costs from an unassigned row to the nearest free column."""
    columns = len(v)
    remaining = list(range(columns - 1, -1, -1))  # reversed: a constant matrix gets the identity, as in scipy
    cheapest = [inf] * columns
    path = [-1] * columns
    seen_rows, seen_columns = [], []
    lowest_so_far = 0
    while True:
        seen_rows.append(row)
        best, lowest = -1, inf
        costs, potential = cost[row], u[row]
        for at, column in enumerate(remaining):
            reduced = lowest_so_far + costs[column] - potential - v[column]
            if reduced < cheapest[column]:
                path[column] = row
                cheapest[column] = reduced
            # among equally cheap columns, prefer a free one (it ends the path)
            if cheapest[column] < lowest or (cheapest[column] == lowest and row_of[column] == -1):
                best, lowest = at, cheapest[column]
        lowest_so_far = lowest
        column = remaining[best]
        seen_columns.append(column)
        remaining[best] = remaining[-1]
        remaining.pop()
        if row_of[column] == -1:
            return column, lowest_so_far, path, cheapest, seen_rows, seen_columns
        row = row_of[column]
