"""Each gold document with its prediction, as soon as both have been read (a merge of two streams).

The two sides are read in turn, a document from each. A document read on one side waits only until
the other side reaches it, so when both files list their documents in the same order nothing waits
and memory does not grow with the corpus; in any other order the waiting documents are held, and
the pairs are the same.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .model import Annotations


def paired(gold: Iterable[Annotations], predicted: Iterable[Annotations],
           unmatched: list[str]) -> Iterator[tuple[Annotations, Annotations | None]]:
    """``(gold, its prediction)`` of every gold document, the prediction None where there is none (those come
    once the predictions are all read, the rest in the order their pairs complete); the ids of predictions
    without gold are added to ``unmatched``, sorted."""
    gold_left: dict[str, Annotations] = {}
    predicted_left: dict[str, Annotations] = {}
    golds, predictions = iter(gold), iter(predicted)
    unmatched_ids: list[str] = []
    while golds is not None or predictions is not None:
        if golds is not None:
            found = next(golds, None)
            if found is None:
                golds = None
                unmatched_ids += predicted_left  # no gold is left to pair them with
                predicted_left.clear()
            elif found.doc_id in predicted_left:
                yield found, predicted_left.pop(found.doc_id)
            elif predictions is None:
                yield found, None
            else:
                gold_left[found.doc_id] = found
        if predictions is not None:
            found = next(predictions, None)
            if found is None:
                predictions = None
                for doc_id in sorted(gold_left):
                    yield gold_left[doc_id], None
                gold_left.clear()
            elif found.doc_id in gold_left:
                yield gold_left.pop(found.doc_id), found
            elif golds is None:
                unmatched_ids.append(found.doc_id)
            else:
                predicted_left[found.doc_id] = found
    unmatched += sorted(unmatched_ids)
