"""The HTML error report: one self-contained page (inline CSS and SVG, no script, no request) per Result.

For each document and layer, the gold and the predicted spans are marked in the text, coloured by outcome
under the primary scheme (``strict`` when scored): correct, boundary error, type error, missed, spurious. The
outcomes come from ``Result.errors`` (the alignments that produced the counts); an item in scope with no error
is correct. Attribution relations are listed as source → cue → content, claims carry their certainty band.
Then the score tables, the entity type confusion matrix, per-type F1 bars and the Yardstick band confusion.
Everything taken from input is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Mapping

from ..corpus import Corpus
from ..counts import Key
from ..io.normalize import DEFAULT_ALIGN
from ..model import Annotations, Document, Span
from ..outcomes import ItemOutcome
from ..schema import Schema
from ..scoring import Result, evaluate
from . import Block, blocks, scored_tasks
from .html import blocks_html, table
from .summary import schemes_shown, summarize
from .svg import bars, heatmap

#: Outcome classes of the page and what they mean (the legend).
OUTCOMES = {
    "correct": "correct",
    "boundary": "boundary error (spans differ)",
    "type": "type error (same spans, label or source differs)",
    "missed": "missed (gold only)",
    "spurious": "spurious (predicted only)",
}
_LAYER = {"entities": "entities", "claims": "claims", "attribution": "attributions"}
_ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class Mark:
    """One item to mark in the text: its fragments, outcome class, the tag shown after it, a key and a tooltip."""

    fragments: tuple[tuple[int, int], ...]
    outcome: str
    tag: str
    key: str
    tip: str


def classify(found: ItemOutcome) -> str:
    """The page's class of a recorded outcome: a pair whose spans (source aside) agree is a type error."""
    if found.outcome in ("missed", "spurious"):
        return found.outcome
    spans = lambda side: [(e.role, e.fragments) for e in side.spans if e.role != "source"]  # noqa: E731
    return "type" if found.outcome == "incorrect" and spans(found.gold) == spans(found.pred) else "boundary"


def outcome_maps(result: Result, task: str, scheme: str, doc_id: str):
    """Gold index -> class, predicted index -> class, gold index -> paired predicted index (non-correct only)."""
    gold, pred, pairs = {}, {}, {}
    for found in result.errors_for(task, scheme, doc_id=doc_id):
        kind = classify(found)
        if found.gold is not None:
            gold[found.gold.index] = kind
        if found.pred is not None:
            pred[found.pred.index] = kind
        if found.gold is not None and found.pred is not None:
            pairs[found.gold.index] = found.pred.index
    return gold, pred, pairs


def _in_scope(task: str, item, kinds: tuple[str, ...] | None) -> bool:
    return task != "entities" or kinds is None or (item.kind or "name") in kinds


def _span_of(task: str, item) -> tuple[Span | None, ...]:
    if task == "attribution":
        return tuple(getattr(item, role) for role in _ROLES)
    return (item.span,)


def _marks(task: str, items, side: str, classes: dict[int, str], kinds) -> list[Mark]:
    out = []
    for index, item in enumerate(items or ()):
        if not _in_scope(task, item, kinds):
            continue
        outcome = classes.get(index, "correct")
        key = f"{side[0]}-{task}-{index}"
        if task == "attribution":
            for role in _ROLES:
                span = getattr(item, role)
                if span is not None:
                    out.append(Mark(span.fragments, outcome, role, key, f"attribution {role} · {OUTCOMES[outcome]}"))
            continue
        if item.span is None:
            continue
        if task == "entities":
            tag, tip = item.label, f"{item.label} ({item.kind or 'name'}) · {OUTCOMES[outcome]}"
        else:
            certainty = item.certainty if item.certainty not in (None, "none") else ""
            tag = certainty
            tip = (f"claim · certainty {item.certainty or '-'} · commitment {item.commitment or '-'} · "
                   f"polarity {item.polarity or '-'} · {OUTCOMES[outcome]}")
        out.append(Mark(item.span.fragments, outcome, tag, key, tip))
    return out


def item_marks(result: Result | None, document: Document, gold: Annotations, pred: Annotations | None, task: str):
    """The gold and predicted marks of one layer of a document (outcomes under the primary scheme); without a
    result, every gold item of the layer (all mention kinds) as correct; None for a task with no spans to mark."""
    if task not in _LAYER:
        return None
    gold_items = gold.layer(_LAYER[task]) or ()
    if result is None:
        return _marks(task, gold_items, "gold", {}, None), []
    pred_items = (pred.layer(_LAYER[task]) if pred is not None else None) or ()
    gold_classes, pred_classes, _ = outcome_maps(result, task, schemes_shown(result)[0], document.id)
    kinds = result.settings.mention_kinds
    return _marks(task, gold_items, "gold", gold_classes, kinds), _marks(task, pred_items, "pred", pred_classes, kinds)


def marked(text: str, start: int, end: int, marks: list[Mark]) -> str:
    """``text[start:end]`` escaped, with each mark's fragments inside it wrapped in properly nested ``<mark>``s.

    Overlapping marks nest (the longer outside); a mark that crosses another is split into pieces; the piece
    opening its first fragment carries its tag. The text content of the result is exactly ``text[start:end]``.
    """
    pieces = [(max(s, start), min(e, end), m) for m in marks for s, e in m.fragments if s < end and e > start]
    cuts = sorted({start, end} | {s for s, _, _ in pieces} | {e for _, e, _ in pieces})
    out, stack, opened = [], [], set()
    for a, b in zip(cuts, cuts[1:]):
        want = [p for p in sorted(pieces, key=lambda p: (p[0], -p[1], p[2].key)) if p[0] <= a and b <= p[1]]
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        stack = stack[:keep]
        for piece in want[keep:]:
            mark = piece[2]
            # the tag goes on the piece that opens the item's first fragment (not a piece reopened after a cross)
            first = mark.key not in opened and a == mark.fragments[0][0]
            opened.add(mark.key)
            tag = f' data-tag="{escape(mark.tag)}"' if first and mark.tag else ""
            out.append(f'<mark class="o-{mark.outcome}" data-key="{escape(mark.key)}"{tag} '
                       f'title="{escape(mark.tip)}">')
            stack.append(piece)
        out.append(escape(text[a:b]))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _extent(document: Document, span: Span | None) -> str:
    return "—" if span is None else escape(" … ".join(document.text[s:e] for s, e in span.fragments))


def _relation(document: Document, item) -> str:
    if item is None:
        return "—"
    return " → ".join(f'<span class="role {role}">{_extent(document, getattr(item, role))}</span>' for role in _ROLES)


def _attribution_list(document: Document, gold, pred, classes, pairs) -> str:
    """Each gold relation with its outcome and the prediction paired with it, then the spurious predictions."""
    gold_classes, pred_classes = classes
    used = set(pairs.values())
    rows = []
    for index, g in enumerate(gold or ()):
        outcome = gold_classes.get(index, "correct")
        partner = pairs.get(index)
        if partner is None and outcome == "correct":  # a correct pair has identical spans
            partner = next((j for j, p in enumerate(pred or ()) if j not in used and _span_of("attribution", p)
                            == _span_of("attribution", g)), None)
            used.add(partner)
        p = None if partner is None else pred[partner]
        rows.append((outcome, _relation(document, g), _relation(document, p)))
    rows += [(pred_classes[j], "—", _relation(document, p)) for j, p in enumerate(pred or ())
             if pred_classes.get(j) == "spurious"]
    body = "".join(f'<tr class="o-{o}"><td>{escape(OUTCOMES[o])}</td><td>{g}</td><td>{p}</td></tr>' for o, g, p in rows)
    return ('<div class="scroll"><table class="relations"><caption>attribution relations: source → cue → content'
            '</caption><thead><tr><th>outcome</th><th>gold</th><th>predicted</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _unplaced(task: str, items) -> str:
    texts = [item.text or "" for item in items or () if task != "attribution" and item.span is None]
    if task == "attribution":
        texts = [" / ".join(f"{role}: {t}" for role, t in item.unplaced_texts) for item in items or ()
                 if item.unplaced_texts]
    if not texts:
        return ""
    listed = "".join(f"<li>{escape(t)}</li>" for t in texts)
    return f'<p>predictions not placed in the text (spurious):</p><ul class="unplaced">{listed}</ul>'


def _document(result: Result, number: int, document: Document, gold: Annotations, pred: Annotations | None,
              tasks, scheme) -> str:
    kinds = result.settings.mention_kinds
    sections = document.sections or ()
    ranges = [(s.id, s.label, s.span.start, s.span.end) for s in sections] or [("", "text", 0, len(document.text))]
    parts = [f'<section class="document" id="doc-{number}"><h2>{escape(document.title or document.id)} '
             f'<small>{escape(document.id)}</small></h2>']
    for task in tasks:
        if task not in _LAYER:
            continue
        gold_items = gold.layer(_LAYER[task]) or ()
        pred_items = (pred.layer(_LAYER[task]) if pred is not None else None) or ()
        gold_classes, pred_classes, pairs = outcome_maps(result, task, scheme, document.id)
        gold_marks = _marks(task, gold_items, "gold", gold_classes, kinds)
        pred_marks = _marks(task, pred_items, "pred", pred_classes, kinds)
        rows = "".join(
            f'<div class="row"><div class="where">{escape(label)} {escape(sid)}</div>'
            f'<div class="text gold" data-section="{escape(sid)}">{marked(document.text, a, b, gold_marks)}</div>'
            f'<div class="text pred" data-section="{escape(sid)}">{marked(document.text, a, b, pred_marks)}</div></div>'
            for sid, label, a, b in ranges
        )
        extra = _attribution_list(document, gold_items, pred_items, (gold_classes, pred_classes), pairs) \
            if task == "attribution" else ""
        parts.append(
            f'<details open class="layer" data-layer="{task}"><summary>{task}: gold | predicted '
            f'<small>({scheme})</small></summary><div class="heads"><div></div><div>gold</div><div>predicted</div>'
            f"</div>{rows}{_unplaced(task, pred_items)}{extra}</details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _type_confusion(result: Result, scheme: str) -> str:
    """Entity types: gold down, predicted across, from the scheme's alignment (matched pairs, misses, spurious)."""
    found = result.total.get(Key("entities", scheme, "attribute", "label"))
    counts: dict[tuple[str, str], int] = {}
    for g, p, n in found.cells if found is not None else ():
        counts[(g, p)] = counts.get((g, p), 0) + n
    for e in result.errors_for("entities", scheme):
        if e.outcome == "missed":
            counts[(e.gold.label, "(missed)")] = counts.get((e.gold.label, "(missed)"), 0) + 1
        elif e.outcome == "spurious":
            counts[("(spurious)", e.pred.label)] = counts.get(("(spurious)", e.pred.label), 0) + 1
    labels = sorted({g for g, _ in counts} | {p for _, p in counts} - {"(missed)", "(spurious)"})
    rows = [label for label in labels if label != "(spurious)"] + ["(spurious)"]
    columns = [label for label in labels if label != "(missed)"] + ["(missed)"]
    block = Block(f"entity type confusion ({scheme}): gold down, predicted across", "", ("gold \\ predicted", *columns),
                  tuple((r, *(str(counts.get((r, c), 0)) for c in columns)) for r in rows))
    return table(block)


def _plots(result: Result, scores: dict, tasks, scheme: str, schema: Schema | None) -> str:
    out = []
    if "entities" in tasks:
        per_type = scores["entities"][scheme]["per_type"]
        out.append(f"<figure>{bars(f'entity F1 per type ({scheme})', [(k, v['f1']) for k, v in per_type.items()])}"
                   f"<figcaption>F1 per entity type ({escape(scheme)})</figcaption></figure>")
    if "claims" in tasks:
        cells = scores["claims"][scheme]["attributes"]["certainty"]["confusion"]
        counts = {(g, p): n for g, p, n in cells}
        order = ["none"] + (sorted(schema.yardstick, key=lambda b: schema.yardstick[b].band) if schema else [])
        values = order + sorted({v for pair in counts for v in pair} - set(order))
        out.append(f"<figure>{heatmap('certainty: gold down, predicted across', values, values, counts)}"
                   f"<figcaption>Probability Yardstick bands of matched claims ({escape(scheme)}): gold down, "
                   f"predicted across</figcaption></figure>")
    return f'<div class="plots">{"".join(out)}</div>'


def build_page(pred, corpus: Corpus | None = None, *, offsets: str = "codepoint", **options) -> str:
    """Check and score ``pred`` (any form ``evaluate`` accepts) against the corpus's gold, then render the page.

    ``options`` are those of :func:`~saidbench.evaluate` (``task``, ``scheme``, ``align``, ...). Raises InputError.
    """
    from ..validate import load_checked

    corpus = corpus or Corpus.bundled()
    result = evaluate(pred, None, corpus=corpus, offsets=offsets, errors=True, **options)  # raises InputError
    # the same checked annotations again, to show every item (the result holds counts and errors only)
    where = dict(documents=corpus.documents, schema=corpus.schema, corpus=corpus)
    gold = load_checked(corpus.gold_path, "gold", **where)
    predicted = load_checked(pred, "predictions", offsets, align=options.get("align", DEFAULT_ALIGN), **where)
    return render_page(result, corpus.documents, gold.annotations, predicted.annotations, corpus.schema)


def render_page(result: Result, documents: Mapping[str, Document], gold: Mapping[str, Annotations],
                pred: Mapping[str, Annotations], schema: Schema | None = None) -> str:
    """The whole report as one HTML string."""
    scheme, _ = schemes_shown(result)
    tasks = scored_tasks(result)
    scores = result.scores()
    found = summarize(result)
    detail = [b for b in blocks(result) if b.title.split(" / ")[-1].split(":")[0] in (scheme, "exact-mentions")]
    docs = "".join(
        _document(result, n, documents[doc_id], gold[doc_id], pred.get(doc_id), tasks, scheme)
        for n, doc_id in enumerate(result.documents, 1)
    )
    nav = "".join(f'<a href="#doc-{n}">{escape(d)}</a>' for n, d in enumerate(result.documents, 1))
    legend = "".join(f'<span class="key"><mark class="o-{k}">{escape(k)}</mark> {escape(v)}</span>'
                     for k, v in OUTCOMES.items())
    metrics = blocks_html(detail) + (_type_confusion(result, scheme) if "entities" in tasks else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>saidbench report</title><style>{_CSS}</style></head><body>"
        f'<header><h1>saidbench report</h1><p class="signature"><code>{escape(result.signature())}</code></p>'
        f'<nav><a href="#summary">summary</a>{nav}<a href="#metrics">metrics</a></nav></header>'
        f'<section id="summary"><h2>summary</h2>{blocks_html(list(found.blocks), list(found.notes))}</section>'
        f'<p class="legend">{legend}</p>{docs}'
        f'<section id="metrics"><h2>metrics ({escape(scheme)})</h2>{_plots(result, scores, tasks, scheme, schema)}'
        f"{metrics}</section>"
        f'<footer><p class="signature"><code>{escape(result.signature())}</code></p></footer></body></html>\n'
    )


_CSS = """
:root{--correct:#1a7f37;--boundary:#b35c00;--type:#8250df;--missed:#cf222e;--spurious:#0969da}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:76rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem;margin:.8rem 0 .2rem}h2{font-size:1.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
h2 small{color:#656d76;font-weight:normal}
nav a{margin-right:.8rem}
.signature code{font-size:.75rem;word-break:break-all;color:#656d76}
table{border-collapse:collapse;margin:.6rem 0}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{padding:.15rem .55rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
.notes{color:#656d76}
.legend .key{display:inline-block;margin:0 1rem .3rem 0}
mark{background:none;color:inherit;border-bottom:3px solid;padding:0 1px}
mark[data-tag]::after{content:attr(data-tag);font-size:.65em;vertical-align:super;margin-left:2px;font-weight:600}
mark.o-correct{border-color:var(--correct);background:#dafbe1}
mark.o-boundary{border-color:var(--boundary);background:#fff1e5}
mark.o-type{border-color:var(--type);background:#fbefff}
mark.o-missed{border-color:var(--missed);border-bottom-style:dashed;background:#ffebe9}
mark.o-spurious{border-color:var(--spurious);border-bottom-style:dotted;background:#ddf4ff}
mark mark{padding-bottom:2px}
.layer{margin:.6rem 0;border:1px solid #d0d7de;border-radius:6px;padding:.3rem .6rem}
.layer summary{font-weight:600;cursor:pointer}
.heads,.row{display:grid;grid-template-columns:7rem 1fr 1fr;gap:.3rem 1rem}
.heads{font-weight:600;color:#656d76}
.row{border-top:1px solid #eaeef2;padding:.25rem 0}
.where{color:#656d76;font-size:.8rem;overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.9}
.relations td{max-width:32rem;overflow-wrap:anywhere}
.relations tr.o-correct td:first-child{color:var(--correct)}
.relations tr.o-boundary td:first-child{color:var(--boundary)}
.relations tr.o-type td:first-child{color:var(--type)}
.relations tr.o-missed td:first-child{color:var(--missed)}
.relations tr.o-spurious td:first-child{color:var(--spurious)}
.role.source{font-weight:600}.role.cue{font-style:italic}
.plots{display:flex;flex-wrap:wrap;gap:1.5rem}
.plot{max-width:100%;height:auto;font-size:12px}
.plot .bar{fill:#0969da}.plot .cell{fill:#8250df}
figure{margin:0}figcaption{font-size:.85rem;color:#656d76}
@media (max-width:40rem){
 .heads{display:none}
 .row{grid-template-columns:1fr}
 .text.gold::before{content:"gold";display:block;font-size:.75rem;color:#656d76}
 .text.pred::before{content:"predicted";display:block;font-size:.75rem;color:#656d76}
}
"""
