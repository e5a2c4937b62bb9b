"""Union-find over hashable nodes, and the connected groups of a bipartite graph given by its edges."""

from __future__ import annotations

from typing import Hashable, Iterable


class DisjointSets:
    """Disjoint sets with path halving; a node joins its own set the first time it is seen."""

    def __init__(self) -> None:
        self._parent: dict = {}

    def find(self, node: Hashable) -> Hashable:
        parent = self._parent
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, child: Hashable, root: Hashable) -> None:
        """Put ``child``'s set under ``root``'s set's representative."""
        a, b = self.find(child), self.find(root)
        if a != b:
            self._parent[a] = b


def bipartite_components(edges: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected groups ``(rows, columns)`` of the edges ``(row, column)``, each sorted, in canonical order
    (a group's representative is its smallest node, rows before columns)."""
    edges = list(edges)
    sets = DisjointSets()
    for i, j in edges:
        a, b = sets.find(("g", i)), sets.find(("p", j))
        sets.union(max(a, b), min(a, b))
    groups: dict = {}
    for i, j in edges:
        rows, cols = groups.setdefault(sets.find(("g", i)), (set(), set()))
        rows.add(i)
        cols.add(j)
    return [(sorted(rows), sorted(cols)) for _, (rows, cols) in sorted(groups.items())]
