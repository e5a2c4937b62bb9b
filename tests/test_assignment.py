"""The pure-Python assignment solver chooses exactly what scipy's linear_sum_assignment chooses, ties included."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from saidbench.assignment import max_weight_assignment


def _scipy(weights):
    rows, columns = linear_sum_assignment(np.array(weights, dtype=np.float64), maximize=True)
    return sorted(zip(rows.tolist(), columns.tolist()))


# few distinct values and many zeros: most matrices have several optimal assignments, so the tie rules show
matrices = st.integers(1, 7).flatmap(lambda rows: st.integers(1, 7).flatmap(lambda columns: st.lists(
    st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 2**40 + 7]), min_size=columns, max_size=columns),
    min_size=rows, max_size=rows)))


@settings(max_examples=600, deadline=None)
@given(matrices)
def test_same_pairs_as_scipy(weights):
    assert max_weight_assignment(weights) == _scipy(weights)


def test_hand_made_cases():
    # one best pairing: (0, 1) and (1, 0) give 5 + 4 = 9 against 1 + 1
    assert max_weight_assignment([[1, 5], [4, 1]]) == [(0, 1), (1, 0)]
    # a constant matrix: the identity, as scipy gives it
    assert max_weight_assignment([[2, 2, 2], [2, 2, 2]]) == [(0, 0), (1, 1)]
    # more rows than columns: each column gets its best row
    assert max_weight_assignment([[1], [7], [3]]) == [(1, 0)]
    assert max_weight_assignment([]) == []
