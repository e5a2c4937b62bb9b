"""Tag sequences -> chunks: the conlleval rule (seqeval's default mode) and the strict rule (seqeval's strict
mode), compared with seqeval on every sequence hypothesis draws; hand-checked malformed sequences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, IOBES, Entities

from saidbench.formats.tagging import decode, encode

PREFIXES = {"iob1": "BI", "iob2": "BI", "bioes": "BIES"}


def sequences(scheme):
    tags = st.sampled_from(["O"] + [f"{p}-{t}" for p in PREFIXES[scheme] for t in ("PER", "LOC")])
    return st.lists(tags, min_size=1, max_size=10)


@pytest.mark.parametrize(
    "tags, conlleval, strict",
    [
        # I- after O: conlleval opens a chunk there; strict IOB2 drops the stray tag
        (["O", "I-PER", "I-PER", "O"], [(1, 3, "PER")], []),
        # a type change inside a chunk: conlleval splits it; strict keeps B-PER and drops I-LOC
        (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")], [(0, 1, "PER")]),
        (["B-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")], [(0, 1, "PER"), (1, 3, "PER")]),
    ],
)
def test_malformed_iob2_by_hand(tags, conlleval, strict):
    assert decode(tags, "iob2", "conlleval") == conlleval
    assert decode(tags, "iob2", "strict") == strict


def test_malformed_bioes_by_hand():
    tags = ["B-PER", "I-PER", "O", "S-LOC", "E-LOC", "B-PER", "E-PER"]
    # conlleval: an unclosed B-PER I-PER still is a chunk, and E-LOC after S-LOC opens one
    assert decode(tags, "bioes", "conlleval") == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "PER")]
    # strict: the unclosed chunk and the stray E-LOC are dropped
    assert decode(tags, "bioes", "strict") == [(3, 4, "LOC"), (5, 7, "PER")]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["iob1", "iob2", "bioes"]).flatmap(lambda s: st.tuples(st.just(s), sequences(s))))
def test_conlleval_decoder_equals_seqeval_default_mode(case):
    scheme, tags = case
    expected = sorted((start, end + 1, kind) for kind, start, end in get_entities(tags))
    assert sorted(decode(tags, scheme, "conlleval")) == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["iob2", "bioes"]).flatmap(lambda s: st.tuples(st.just(s), sequences(s))))
def test_strict_decoder_equals_seqeval_strict_mode(case):
    scheme, tags = case
    reference = Entities([tags], {"iob2": IOB2, "bioes": IOBES}[scheme]).entities[0]
    assert sorted(decode(tags, scheme, "strict")) == sorted((e.start, e.end, e.tag) for e in reference)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["PER", "LOC"])), max_size=6),
       st.sampled_from(["iob1", "iob2", "bioes"]), st.sampled_from(["conlleval", "strict"]))
def test_encode_then_decode_gives_the_chunks_back(gaps, scheme, decoder):
    chunks, position = [], 0
    for gap_and_length, kind in gaps:  # chunks of 1-3 tokens, touching or apart
        start = position + (gap_and_length % 2)
        chunks.append((start, start + 1 + gap_and_length, kind))
        position = start + 1 + gap_and_length
    if scheme == "iob1" and decoder == "strict":
        return
    assert decode(encode(chunks, position + 1, scheme), scheme, decoder) == chunks


def test_iob1_marks_b_only_between_touching_chunks_of_one_type():
    assert encode([(0, 2, "PER"), (2, 3, "PER"), (3, 4, "LOC")], 5, "iob1") == ["I-PER", "I-PER", "B-PER", "I-LOC", "O"]
    assert encode([(0, 1, "PER"), (1, 3, "LOC")], 3, "bioes") == ["S-PER", "B-LOC", "E-LOC"]


def test_a_tag_outside_the_scheme_is_refused():
    with pytest.raises(ValueError, match="'E-PER' is not a tag of IOB2"):
        decode(["B-PER", "E-PER"], "iob2")
    with pytest.raises(ValueError, match="strict decoder is defined for IOB2 and BIOES"):
        decode(["I-PER"], "iob1", "strict")
