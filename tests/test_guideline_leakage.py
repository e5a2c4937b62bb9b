"""The guidelines give no answers away: no sentence, and no run of 8 words, of a bundled document appears in them.

Guideline v1.0 quoted the bundled article throughout (its examples were the gold's own spans), so anyone prompted
with it was shown the answers. From v1.1 on, every example is written for the guidelines. The check reads the
documents through the package API, so documents added to the corpus later are covered too, and it compares
normalised text (case, quote and apostrophe styles, dashes and whitespace do not hide a copy).
"""

from __future__ import annotations

import re

import pytest

from saidbench import load_documents
from saidbench.resources import data_root

RUN = 8  # words: a clause-length stretch
MIN_SENTENCE_WORDS = 3  # a shorter "sentence" (a lone name or word) is not a clause

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[\w']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_FOLD).casefold())


def sentences(text: str) -> list[str]:
    """The sentences of a document: split at line breaks and at . ! ? followed by space."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def leaks(document_text: str, guideline_text: str) -> list[str]:
    """Sentences and 8-word runs of the document that occur in the guideline text (after normalisation)."""
    haystack = " " + " ".join(words(guideline_text)) + " "
    found = []
    for sentence in sentences(document_text):
        tokens = words(sentence)
        if len(tokens) >= MIN_SENTENCE_WORDS and f" {' '.join(tokens)} " in haystack:
            found.append(sentence)
    tokens = words(document_text)
    for i in range(len(tokens) - RUN + 1):
        run = " ".join(tokens[i : i + RUN])
        if f" {run} " in haystack:
            found.append(run)
    return found


# The adjudication log is a record about the gold, not part of what annotators or systems are given: it quotes the
# article by necessity (each decision names its item) and the prompt command never reads it.
NOT_GUIDELINES = {"ADJUDICATION.md"}


def guideline_files(version: str) -> list:
    folder = data_root() / "guidelines" / f"v{version}"
    return sorted(p for p in folder.glob("*.md") if p.name not in NOT_GUIDELINES) + [folder / "schema.yaml"]


def leaks_in_version(version: str) -> dict[str, list[str]]:
    documents = load_documents()
    assert documents, "no bundled documents to check against"
    result = {}
    for path in guideline_files(version):
        text = path.read_text(encoding="utf-8")
        for doc_id, document in documents.items():
            found = leaks(document.text, text)
            if found:
                result[f"{path.name} / {doc_id}"] = found
    return result


def test_sentence_splitting_on_a_hand_written_sample():
    text = "Rain fell. “It will stop,” she said. Then what?\nA new line here"
    assert sentences(text) == ["Rain fell.", "“It will stop,” she said.", "Then what?", "A new line here"]


def test_leaks_finds_a_copied_sentence_and_a_long_run_but_not_common_words():
    document = "The harbour closed at noon on Friday. Officials said the ferries would not sail again before the storm ended."
    assert leaks(document, "As the text says, THE HARBOUR CLOSED AT NOON ON FRIDAY!") == [
        "The harbour closed at noon on Friday."
    ]
    # A copied stretch of nine words holds two runs of eight.
    assert leaks(document, "Example: the ferries would not sail again before the storm passed.") == [
        "the ferries would not sail again before the",
        "ferries would not sail again before the storm",
    ]
    # Seven words in a row, different quote styles and scattered common words are not a leak.
    assert leaks(document, "said the ferries would not sail again; the harbour at noon") == []


def test_normalisation_does_not_hide_a_copy():
    document = "The minister’s “final” offer – rejected on Monday – was withdrawn by the cabinet."
    assert leaks(document, 'the minister\'s "final" offer - rejected on monday - was withdrawn by the cabinet')


@pytest.mark.parametrize("version", ["1.1"])
def test_guidelines_quote_no_bundled_document(version):
    assert leaks_in_version(version) == {}


def test_the_check_catches_the_v1_0_guidelines():
    # v1.0 quoted the article in its examples; the check must see that, or it could never fail.
    found = leaks_in_version("1.0")
    assert "GUIDELINES.md / nk-troops-uk-says" in found
    assert len(found["GUIDELINES.md / nk-troops-uk-says"]) > 50
