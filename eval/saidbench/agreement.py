"""Agreement among any number of annotators: the pairwise F1 matrix and Krippendorff's alpha.

Alpha is nominal, computed by the ``krippendorff`` package (imported only here, when computed), and
defined in docs/METRICS.md (*Agreement among several annotators*): token-level over the attribution
roles and over the entity labels, item-level for each categorical attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .matching import Tokens
from .progress import progress_bar
from .model import Annotations, Span
from .signature import Signature
from .usage import UsageError

NONE = "none"
#: Among spans of equal length covering a token, the first role here wins (see METRICS.md).
ROLE_ORDER = ("cue", "source", "content")


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha of one measure (None when undefined) and its pairable units (two values or more)."""

    measure: str
    value: float | None
    units: int


@dataclass(frozen=True, slots=True)
class MultiAgreement:
    """Pairwise F1 (``f1[task][scheme]`` is an N x N matrix, None on the diagonal) and alphas (None: not asked for)."""

    names: tuple[str, ...]
    signature: str
    f1: Mapping[str, Mapping[str, tuple[tuple[float | None, ...], ...]]]
    alphas: tuple[Alpha, ...] | None


def krippendorff_alpha(rows: Sequence[Sequence[str | None]]) -> tuple[float | None, int]:
    """Nominal alpha of a coders x units table of labels (None: no value) and the number of pairable units.

    Undefined (None) with no pairable unit or a single value in all pairable units (no variation).
    """
    import numpy as np

    units = len(rows[0]) if rows else 0
    pairable = [u for u in range(units) if sum(row[u] is not None for row in rows) >= 2]
    values = sorted({row[u] for row in rows for u in pairable if row[u] is not None})
    if not pairable or len(values) < 2:
        return None, len(pairable)
    import krippendorff

    code = {value: index for index, value in enumerate(values)}
    data = np.array([[np.nan if row[u] is None else code[row[u]] for u in pairable] for row in rows], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")), len(pairable)


def token_values(spans: Sequence[tuple[Span, str]], text: str, priority: Sequence[str] = ()) -> list[str]:
    """Each token's value: that of the shortest span covering it, ties broken by ``priority`` then by
    value name; ``none`` for a token no span covers. Tokens as in the token scheme (METRICS.md)."""
    tokens = Tokens(text)
    count = len(tokens.of(Span.of(0, len(text)))) if text else 0
    rank = {value: index for index, value in enumerate(priority)}
    best: list[tuple | None] = [None] * count
    for span, value in spans:
        key = (span.length, rank.get(value, len(rank)), value)
        for index in tokens.of(span):
            if best[index] is None or key < best[index]:
                best[index] = key
    return [NONE if key is None else key[2] for key in best]


def role_spans(annotations: Annotations) -> list[tuple[Span, str]]:
    return [
        (getattr(a, role), role) for a in annotations.attributions or () for role in ROLE_ORDER
        if getattr(a, role) is not None
    ]


def label_spans(annotations: Annotations) -> list[tuple[Span, str]]:
    return [(m.span, m.label) for m in annotations.entities or () if m.span is not None]


def _token_rows(sets: Sequence[Mapping[str, Annotations]], texts: Mapping[str, str], layer: str, spans, priority):
    """Coders x tokens over every document, concatenated; a coder without the document or layer gives None."""
    rows: list[list[str | None]] = [[] for _ in sets]
    for doc_id in sorted(set().union(*sets)):
        text = texts[doc_id]
        width = len(Tokens(text).of(Span.of(0, len(text)))) if text else 0
        for row, annotations in zip(rows, sets):
            found = annotations.get(doc_id)
            missing = found is None or found.layer(layer) is None
            row.extend([None] * width if missing else token_values(spans(found), text, priority))
    return rows


def token_alphas(sets, texts, name: str, layer: str, spans, priority=()) -> list[Alpha]:
    """Alpha over all values of a token-level labelling, then one binary alpha per value (value vs the rest)."""
    rows = _token_rows(sets, texts, layer, spans, priority)
    if not rows or not rows[0]:
        return []
    value, units = krippendorff_alpha(rows)
    out = [Alpha(name, value, units)]
    for label in sorted({v for row in rows for v in row if v not in (None, NONE)}):
        binary = [[None if v is None else (label if v == label else "other") for v in row] for row in rows]
        out.append(Alpha(f"{name}.{label}", *krippendorff_alpha(binary)))
    return out


def _item_key(layer: str, item) -> tuple | None:
    """Items of different annotators are one unit when their spans are identical (cue and content for relations)."""
    if layer == "attributions":
        if item.cue is None or item.content is None:
            return None
        return (item.cue.fragments, item.content.fragments)
    return None if item.span is None else (item.span.fragments,)


def attribute_alphas(sets, layer: str, names: Sequence[str]) -> list[Alpha]:
    """Alpha of each categorical attribute over items whose spans are identical across annotators."""
    units: dict[tuple, list] = {}
    for coder, annotations in enumerate(sets):
        for doc_id, found in annotations.items():
            for item in found.layer(layer) or ():
                key = _item_key(layer, item)
                if key is not None:
                    units.setdefault((doc_id, *key), [None] * len(sets))[coder] = item
    ordered = [units[key] for key in sorted(units)]
    out = []
    for name in names:
        rows = [[None if unit[c] is None else getattr(unit[c], name) for unit in ordered] for c in range(len(sets))]
        out.append(Alpha(f"{layer}.{name}", *krippendorff_alpha(rows)))
    return out


def alphas(sets: Sequence[Mapping[str, Annotations]], texts: Mapping[str, str], annotated, schema) -> tuple[Alpha, ...]:
    """Every alpha of annotation sets over the layers and fields ``annotated`` (layer -> fields) declares;
    the categorical attributes are the schema's (and the entity label)."""
    out: list[Alpha] = []
    if "attributions" in annotated:
        out += token_alphas(sets, texts, "roles", "attributions", role_spans, ROLE_ORDER)
    if "entities" in annotated:
        out += token_alphas(sets, texts, "entity tokens", "entities", label_spans)
    for layer in schema.layers:
        if layer in annotated:
            names = ["label"] * (layer == "entities") + [n for n in schema.attributes.get(layer, {}) if n in annotated[layer]]
            out += attribute_alphas(sets, layer, names)
    return tuple(out)


def agree_many(
    paths: Sequence, corpus=None, schemes: tuple[str, ...] = ("strict", "partial"), progress: bool | None = None,
    alpha: bool = True,
) -> MultiAgreement:
    """Pairwise F1 of every two annotation sets (the later scored against the earlier; F1 is symmetric)
    and, with ``alpha``, the alphas of all of them together; raises InputError for an invalid file.
    ``progress``: a bar over the pairs on stderr (None: only on a terminal)."""
    from .corpus import Corpus
    from .io.errors import InputError
    from .stats import agreement, score_pair
    from .validate import load_checked

    if len(paths) < 2:
        raise UsageError("agreement needs at least two annotation sets")
    corpus = corpus or Corpus.bundled(paths[0])
    count = len(paths)
    matrices: dict[str, dict[str, list[list[float | None]]]] = {}
    signature = ""
    pairs = [(i, j) for i in range(count) for j in range(i + 1, count)]
    with progress_bar(len(pairs), "agreement", progress, unit="pair") as bar:
        for i, j in pairs:
            found = agreement(score_pair(paths[i], paths[j], schemes, corpus=corpus))
            bar.update()
            signature = found.signature
            for task, by_scheme in found.spans.items():
                for scheme, prf in by_scheme.items():
                    matrix = matrices.setdefault(task, {}).setdefault(scheme, [[None] * count for _ in range(count)])
                    matrix[i][j] = matrix[j][i] = prf["f1"]
    f1 = {task: {scheme: tuple(tuple(row) for row in m) for scheme, m in by.items()} for task, by in matrices.items()}
    names = tuple(str(p) for p in paths)
    signature = Signature.parse(signature).extended(("annotators", count))
    if not alpha:
        return MultiAgreement(names, str(signature), f1, None)
    sets = []
    for path in paths:
        loaded = load_checked(path, "predictions", documents=corpus.documents, schema=corpus.schema, corpus=corpus)
        if loaded.problems:
            raise InputError(loaded.problems)
        sets.append(loaded.annotations)
    texts = {doc_id: document.text for doc_id, document in corpus.documents.items()}
    signature = str(signature.extended(("alpha", "nominal")))
    return MultiAgreement(names, signature, f1, alphas(sets, texts, corpus.annotated, corpus.schema))
