"""Placing text-only prediction items: word bounds, normalisation, occurrence, context, parents, document order."""

import pytest

from saidbench.io.near_miss import near_miss
from saidbench.io.normalize import fold
from saidbench.io.text_only import Finder, Placer, Request
from saidbench.model import Document, Section, Span

TEXT = "The MoD said. The MoD continued. the MoD"


def starts(placer_or_finder, text):
    finder = placer_or_finder.finder if isinstance(placer_or_finder, Placer) else placer_or_finder
    return [span.fragments for span in finder.find(text)]


def test_items_with_the_same_text_take_occurrences_in_order():
    placer = Placer(TEXT)
    first = placer.place("entities", Request("The MoD"))
    second = placer.place("entities", Request("The MoD"))
    third = placer.place("entities", Request("The MoD"))
    assert (first.span.start, second.span.start, third.span) == (0, 14, None)
    assert third.reason == "is given 3 times but occurs only 2 time(s)"


def test_counters_are_per_field():
    placer = Placer(TEXT)
    placer.place("entities", Request("MoD"))
    assert placer.place("attributions.source", Request("MoD")).span.start == 4


def test_explicit_occurrence_and_context():
    placer = Placer(TEXT)
    assert placer.place("entities", Request("MoD", occurrence=3)).span.start == 37
    assert placer.place("entities", Request("MoD", occurrence=4)).reason == "occurs 3 time(s), fewer than occurrence=4"
    assert placer.place("entities", Request("MoD", context="MoD continued")).span.start == 18


def test_missing_or_ambiguous_context():
    placer = Placer(TEXT)
    assert placer.place("entities", Request("Kim")).reason == "does not occur in the document"
    assert placer.place("entities", Request("MoD", context="The MoD")).reason == (
        "has a context that occurs 2 times, expected exactly once"
    )
    assert placer.place("entities", Request("said", context="MoD continued")).reason == "does not occur inside its context"


def test_a_match_may_not_cut_a_word():
    finder = Finder("Russian troops in Russia, Russia’s army; RussiaX")
    assert starts(finder, "Russia") == [((18, 24),), ((26, 32),)]
    # the item itself may begin or end with a non-word character: then that edge is free
    assert starts(finder, "’s army") == [((32, 39),)]
    assert starts(finder, "n troops") == []


def test_exact_policy_folds_nothing_but_keeps_word_bounds():
    finder = Finder("Putin’s troops\u00a0said", "exact")
    assert starts(finder, "Putin's troops") == []
    assert starts(finder, "Putin’s troops\u00a0said") == [((0, 19),)]
    assert starts(finder, "Put") == []


def test_normalized_policy_folds_quotes_dashes_and_spaces_on_both_sides():
    text = "Putin’s “war” – said\u00a0the  MoD"
    finder = Finder(text)
    assert starts(finder, "Putin's \"war\" - said the MoD") == [((0, len(text)),)]
    assert starts(finder, "“war” — said") == [((8, 20),)]


def test_fold_maps_every_character_back():
    folded = fold("a\u00a0 …b", "normalized")
    assert folded.text == "a ...b"
    assert folded.original(2, 5) == (3, 4)  # the three dots are the one ellipsis character
    assert folded.original(0, 6) == (0, 5)


def test_an_omission_makes_a_discontinuous_span_of_the_pieces():
    text = "He said that the deal, signed in June, was final."
    finder = Finder(text)
    (span,) = finder.find("the deal ... was final")
    assert span.slices(text) == ("the deal", "was final")
    assert finder.find("the deal … was final") == [span]
    assert finder.find("the deal ... was not") == []


def test_punctuation_at_the_edges_is_optional_and_the_span_takes_what_the_document_has():
    text = "The MoD said: “Forces are tired.\nThey said “yes” to it"
    finder = Finder(text)
    # the prediction's final full stop and closing quote: the document has the stop, not the quote
    (span,) = finder.find("“Forces are tired.”")
    assert span.slices(text) == ("“Forces are tired.",)
    # a missing final full stop: the text occurs as it is, and is placed as it is
    assert finder.find("Forces are tired")[0].slices(text) == ("Forces are tired",)
    # a full stop the document does not have is dropped
    assert finder.find("yes.")[0].slices(text) == ("yes",)
    assert Finder(text, "exact").find("yes.") == []


def test_a_hedge_is_placed_inside_its_claim_else_nearest():
    text = "It is likely false. Later: it is likely true, likely."
    placer = Placer(text)
    claim = Span.of(27, 44)  # "it is likely true"
    assert placer.place("claims.hedges", Request("likely"), parent=claim).span == Span.of(33, 39)
    # a second hedge with the same text in the same claim has nowhere else to go inside it
    assert "inside its claim" in placer.place("claims.hedges", Request("likely"), parent=claim).reason
    # none inside: the nearest occurrence to the claim
    assert placer.place("claims.hedges", Request("likely"), parent=Span.of(20, 26)).span == Span.of(33, 39)


def _document(text):
    sections, start = [], 0
    for index, line in enumerate(text.split("\n")):
        sections.append(Section(f"s{index + 1}", "paragraph", Span.of(start, start + len(line))))
        start += len(line) + 1
    return Document("d", text, sections=tuple(sections))


def test_the_roles_of_an_attribution_are_placed_together():
    text = "The MoD said nothing.\nLater, the MoD reported that it was over. The MoD said: “It was over.”"
    placer = Placer(_document(text))
    placed = placer.place_jointly({"source": Request("The MoD"), "cue": Request("said"), "content": Request("It was over")})
    assert {role: p.span.slices(text)[0] for role, p in placed.items()} == {
        "source": "The MoD", "cue": "said", "content": "It was over"
    }
    assert placed["source"].span.start == text.rindex("The MoD")
    assert placed["cue"].span.start == text.rindex("said")
    # a second identical attribution cannot take the same combination: it gets the next best
    again = placer.place_jointly({"source": Request("The MoD"), "cue": Request("said"), "content": Request("It was over")})
    assert (again["source"].span.start, again["cue"].span.start) != (placed["source"].span.start, placed["cue"].span.start)


def test_joint_placement_honours_occurrence_context_and_given_spans():
    text = "A said x. B said y. A said y."
    placer = Placer(text)
    placed = placer.place_jointly({"source": Request("A", occurrence=1), "cue": Request("said"), "content": Request("y")})
    # the source is pinned to the first A; the closest cue and content to it follow
    assert [placed[r].span.start for r in ("source", "cue", "content")] == [0, 2, 17]
    fixed = placer.place_jointly({"source": Span.of(20, 21), "cue": Request("said"), "content": Span.of(27, 28)})
    assert list(fixed) == ["cue"] and fixed["cue"].span.start == 22


def test_an_unplaced_role_is_reported_and_the_others_are_still_placed():
    placer = Placer(TEXT)
    placed = placer.place_jointly({"source": Request("The MoD"), "cue": Request("stated"), "content": Request("continued")})
    assert placed["cue"].span is None and placed["cue"].reason.startswith("does not occur in the document")
    assert placed["source"].span.start == 14


def test_near_miss_names_what_differs():
    text = "Vladimir Putin’s troops\u00a0are"
    miss = near_miss(text, "Vladimir Putin's troops are")
    assert (miss.start, miss.end) == (0, len(text))
    assert miss.differences == ("’ in the document, ' in the prediction", '<no-break space> in the document, " " in the prediction')
    assert near_miss(text, "qqqq") is None
    placer = Placer(text, "exact")
    assert "’ in the document, ' in the prediction" in placer.place("entities", Request("Putin's troops")).reason


@pytest.mark.parametrize("bad", ["zzz", "   "])
def test_nothing_close_gives_no_near_miss(bad):
    assert Placer(TEXT).place("entities", Request(bad)).reason == "does not occur in the document"


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
