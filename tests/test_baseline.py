"""The rule-based baseline: hand-checked output on small texts, and the bundled predictions are up to date."""

import pytest

from saidbench.extractors import make_baseline, predictions, rules
from saidbench.io.jsonl import write_jsonl
from saidbench.model import Document, Section, Span
from saidbench.schema import load_schema
from saidbench.validate import load_documents

TEXT = "The MoD said:\u00a0“Troops are almost certainly tired.”\n\nIn June, 11,000 Russian troops left."


def extract(text):
    first_end, second_start = text.index("\n"), text.index("In June")
    sections = (Section("s1", "paragraph", Span.of(0, first_end)), Section("s2", "paragraph", Span.of(second_start, len(text))))
    return rules.extract(Document("d", text, sections=sections), load_schema().annotatable)


def spans(items, text):
    return [text[i.span.start:i.span.end] for i in items]


def test_entities_values_and_names():
    found = extract(TEXT)
    assert [(TEXT[m.span.start:m.span.end], m.label) for m in found.entities] == [
        ("MoD", "GPE"), ("Troops", "GPE"),  # the baseline's known weakness: capitalised words become GPE
        ("June", "DATE"), ("11,000", "CARDINAL"), ("Russian", "NORP"),
    ]


def test_coreference_by_exact_string_match():
    text = "Kim Jong met Moon Jae. Kim Jong left."
    document = Document("d", text, sections=(Section("s1", "paragraph", Span.of(0, len(text))),))
    chains = [m.entity_id for m in rules.extract(document, load_schema().annotatable).entities]
    assert chains == ["E_kim_jong", "E_moon_jae", "E_kim_jong"]


def test_claims_certainty_and_hedge():
    found = extract(TEXT)
    assert spans(found.claims, TEXT) == ["The MoD said:\u00a0“Troops are almost certainly tired", "In June, 11,000 Russian troops left"]
    quoted, plain = found.claims
    assert (quoted.certainty, quoted.commitment, plain.certainty, plain.commitment) == (
        "almost_certain", "attributed", "none", "asserted")
    assert [TEXT[h.start:h.end] for h in quoted.hedges] == ["almost certainly"]


def test_direct_quote_attribution():
    (relation,) = extract(TEXT).attributions
    roles = [TEXT[s.start:s.end] for s in (relation.source, relation.cue, relation.content)]
    assert roles == ["The MoD", "said", "Troops are almost certainly tired"]
    assert relation.quote_type == "direct"


def test_unknown_baseline_suggests_the_closest():
    with pytest.raises(ValueError, match="unknown baseline 'rule'; did you mean 'rules'"):
        make_baseline("rule")


def test_bundled_baseline_predictions_are_regenerated_exactly(repo, tmp_path):
    documents = load_documents()
    out = tmp_path / "baseline.jsonl"
    write_jsonl(out, predictions(make_baseline("rules"), documents))
    committed = repo / "examples" / "baseline.jsonl"
    assert out.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "examples/baseline.jsonl is stale: run `saidbench baseline rules --out examples/baseline.jsonl`")


def test_rules_survive_an_abbreviation_before_according_to():
    from saidbench.extractors import rules
    from saidbench.model import Document, Section, Span

    text = "At 10 p.m., according to the police, it ended."
    document = Document("d", text, sections=(Section("p1", "paragraph", Span.of(0, len(text))),))
    found = rules.extract(document, {"paragraph": ("entities", "claims", "attributions")})
    for relation in found.attributions:
        assert all(span.start < span.end for span in (relation.source, relation.cue, relation.content))


def test_rules_on_a_section_with_claims_but_no_attributions():
    from saidbench.extractors import rules
    from saidbench.model import Document, Section, Span

    text = "Officials said the bridge was likely closed."
    document = Document("d", text, sections=(Section("h", "headline", Span.of(0, len(text))),))
    found = rules.extract(document, {"headline": ("entities", "claims")})
    assert found.attributions == () and [c.commitment for c in found.claims] == ["asserted"]
