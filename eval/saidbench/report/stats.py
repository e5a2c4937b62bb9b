"""Blocks for the statistics: bootstrap intervals, a paired comparison, annotator agreement."""

from __future__ import annotations

from ..agreement import MultiAgreement
from ..signature import Signature
from ..stats import Agreement, Bootstrap, Comparison
from . import Block, number


def bootstrap_block(found: Bootstrap, signature: Signature) -> Block:
    rows = tuple(
        (i.metric, number(i.value), number(i.low), number(i.high), str(i.undefined_samples)) for i in found.intervals
    )
    title = f"bootstrap: {found.confidence:.0%} percentile intervals over {found.units} {found.unit}s"
    return Block(title, str(found.sign(signature)), ("metric", "value", "low", "high", "undefined"), rows)


def comparison_block(found: tuple[Comparison, ...], signature: Signature) -> Block:
    rows = tuple(
        (c.metric, number(c.a), number(c.b), number(c.difference), number(c.p_value)) for c in found
    )
    first = found[0]
    title = f"paired approximate randomization: {first.trials} trials over {first.units} {first.unit}s"
    return Block(title, str(first.sign(signature)), ("metric", "A", "B", "A-B", "p"), rows)


def agreement_blocks(found: Agreement) -> list[Block]:
    span_rows = tuple(
        (task, scheme, number(prf["precision"]), number(prf["recall"]), number(prf["f1"]))
        for task, by_scheme in found.spans.items()
        for scheme, prf in by_scheme.items()
    )
    kappa_rows = tuple(
        (task, scheme, name, number(value), str(found.pairs[task][scheme][name]))
        for task, by_scheme in found.kappa.items()
        for scheme, values in by_scheme.items()
        for name, value in values.items()
    )
    return [
        Block("agreement: spans of B scored against A", found.signature, ("layer", "scheme or metric", "P", "R", "F1"),
              span_rows),
        Block("agreement: Cohen's kappa on matched pairs", found.signature,
              ("layer", "scheme", "attribute", "kappa", "pairs"), kappa_rows),
    ]


def alpha_blocks(found: MultiAgreement, matrix: bool = True) -> list[Block]:
    """The pairwise F1 matrices (one block per layer and scheme, annotators numbered as given) and the alphas
    (when computed)."""
    out = []
    if matrix:
        legend = "; ".join(f"{index} = {name}" for index, name in enumerate(found.names, start=1))
        header = ("F1",) + tuple(str(i) for i in range(1, len(found.names) + 1))
        for task, by_scheme in found.f1.items():
            for scheme, rows in by_scheme.items():
                shown = tuple((str(i),) + tuple(number(v) for v in row) for i, row in enumerate(rows, start=1))
                out.append(Block(f"agreement: pairwise F1, {task} / {scheme} ({legend})", found.signature, header, shown))
    if found.alphas is None:
        return out
    rows = tuple((a.measure, number(a.value), str(a.units)) for a in found.alphas)
    out.append(Block("agreement: Krippendorff's alpha (nominal; tokens for roles and entity tokens, matched items "
                     "for attributes)", found.signature, ("measure", "alpha", "units"), rows))
    return out
