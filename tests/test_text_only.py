"""Placing text-only prediction items: occurrence, context, then document order; failures are reported."""

from saidbench.io.text_only import Placer, occurrences

TEXT = "The MoD said. The MoD continued. the MoD"


def test_occurrences_include_overlapping_ones():
    assert occurrences("aaa", "aa") == [0, 1]


def test_items_with_the_same_text_take_occurrences_in_order():
    placer = Placer(TEXT)
    first, _ = placer.place("entities", "The MoD", None, None)
    second, _ = placer.place("entities", "The MoD", None, None)
    third, reason = placer.place("entities", "The MoD", None, None)
    assert (first.start, second.start, third) == (0, 14, None)
    assert reason == "is given 3 times but occurs only 2 time(s)"


def test_counters_are_per_field():
    placer = Placer(TEXT)
    placer.place("entities", "MoD", None, None)
    assert placer.place("attributions.source", "MoD", None, None)[0].start == 4


def test_explicit_occurrence_and_context():
    placer = Placer(TEXT)
    assert placer.place("entities", "MoD", 3, None)[0].start == 37
    assert placer.place("entities", "MoD", 4, None) == (None, "occurs 3 time(s), fewer than occurrence=4")
    assert placer.place("entities", "MoD", None, "MoD continued")[0].start == 18


def test_missing_or_ambiguous_context():
    placer = Placer(TEXT)
    assert placer.place("entities", "Kim", None, None) == (None, "does not occur in the document")
    assert placer.place("entities", "MoD", None, "The MoD")[1] == "has a context that occurs 2 times, expected exactly once"
    assert placer.place("entities", "Kim", None, "MoD said") == (None, "does not occur in the document")
    assert placer.place("entities", "said", None, "MoD continued")[1] == "does not occur inside its context"


def test_reader_reports_unplaced_items(write_jsonl):
    from saidbench.validate import load_checked

    path = write_jsonl([{"doc_id": "nk-troops-uk-says", "entities": [
        {"text": "Vladimir Putin", "label": "PERSON"},
        {"text": "Boris Johnson", "label": "PERSON"},
    ]}])
    loaded = load_checked(path)
    assert loaded.problems == []
    mentions = loaded.annotations["nk-troops-uk-says"].entities
    assert (mentions[0].span.start, mentions[0].span.end) == (220 + len("Russian President "), 220 + 32)
    assert mentions[1].span is None and mentions[1].text == "Boris Johnson"
    (notice,) = loaded.unresolved
    assert notice.field == "entities[1]" and "does not occur in the document" in notice.message
