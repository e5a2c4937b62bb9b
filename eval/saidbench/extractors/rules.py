"""A transparent rule-based baseline: regular expressions and small closed word lists, no learned model.

It exists to give every metric a reference point a reader can reproduce and understand, not to be good.
Every rule is generic English news heuristics; none names a person or place of the corpus.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Annotations, Attribution, Claim, Document, Mention, Span

NAME = "rules"

# --- entities ---------------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|several|hundreds|thousands"
_VALUE_PATTERNS = (
    ("DATE", rf"\b(?:{_MONTHS})(?: \d{{1,2}})?\b|\b(?:{_NUMBER_WORDS}|\d+) (?:years|months|weeks|days)\b"),
    ("MONEY", r"\b(?:billions|millions) of dollars\b|[$£€]\d[\d,.]*(?: (?:million|billion))?"),
    ("PERCENT", r"\b\d+(?:\.\d+)?(?:%| per ?cent)"),
    ("CARDINAL", r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b"),
)
_ORG_WORDS = r"Ministry|Department|Agency|Press|Council|Party|Army|Office|Committee|Union|Bank|News"
_CAPITALISED = r"[A-Z][\w’'-]*"
_CONNECTOR = r"(?: of(?: the)?| and)?"
_NAME_RUN = re.compile(rf"{_CAPITALISED}(?:{_CONNECTOR} {_CAPITALISED})*")
_NORP = re.compile(r"(?:ian|ean|ese|ish|ch)$")
_STOP = {"The", "A", "An", "But", "While", "And", "That", "This", "In", "For", "Both", "It", "He", "She", "They",
         "We", "His", "Her", "Their", "President", "Are", "Is", "Says", "Said", "With", "New"}


def _strip_stopwords(start: int, words: str) -> tuple[int, str]:
    parts = words.split(" ")
    while parts and parts[0] in _STOP:
        start += len(parts[0]) + 1
        parts = parts[1:]
    while parts and parts[-1] in _STOP:
        parts = parts[:-1]
    return start, " ".join(parts)


def _name_label(words: str) -> str:
    if re.search(rf"\b(?:{_ORG_WORDS})\b", words) or (words.isupper() and len(words) > 1):
        return "ORG"
    if _NORP.search(words) and " of " not in words:
        return "NORP"
    return "PERSON" if len(words.split()) == 2 else "GPE"


def _chain(words: str) -> str:
    """Coreference by exact string match: mentions with the same surface form share an entity."""
    return "E_" + "_".join(words.lower().split())


def entities(text: str, region: Span) -> Iterator[Mention]:
    """Values by pattern, then capitalised runs labelled by their shape; chains by exact string match."""
    start, end = region.start, region.end
    chunk = text[start:end]
    taken: list[tuple[int, int]] = []
    for label, pattern in _VALUE_PATTERNS:
        for match in re.finditer(pattern, chunk):
            a, b = start + match.start(), start + match.end()
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                yield Mention(span=Span.of(a, b), label=label, entity_id=_chain(text[a:b]))
    for match in _NAME_RUN.finditer(chunk):
        a, words = _strip_stopwords(start + match.start(), match.group())
        words = re.sub(r"(?:’s|'s)$", "", words)
        if not words or any(a < y and x < a + len(words) for x, y in taken):
            continue
        yield Mention(span=Span.of(a, a + len(words)), label=_name_label(words), entity_id=_chain(words))


# --- claims -----------------------------------------------------------------------------------------

# Yardstick terms, longest first so "highly likely" wins over "likely".
_YARDSTICK = (
    ("almost certain(?:ly)?", "almost_certain"),
    ("highly unlikely", "highly_unlikely"),
    ("highly likely", "highly_likely"),
    ("realistic possibility", "realistic_possibility"),
    ("remote chance", "remote_chance"),
    ("unlikely", "unlikely"),
    ("(?:likely|probabl[ey])", "likely"),
)
_DISTANCING = re.compile(r"\b(?:reportedly|suggest(?:s|ed)?|claimed|an estimated|alleged(?:ly)?)\b")
_NEGATION = re.compile(r"\b(?:not|never|neither|no)\b|n’t|n't")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?](?=[\s”\"]|$)[”\"]?|$)")


def sentences(text: str, region: Span) -> Iterator[Span]:
    """Sentence spans inside a region, without outer quote marks, spaces or final punctuation."""
    chunk = text[region.start:region.end]
    for match in _SENTENCE.finditer(chunk):
        body = match.group()
        left = len(body) - len(body.lstrip(" \u00a0“\""))
        right = len(body.rstrip(" \u00a0.!?”\""))
        if right > left:
            yield Span.of(region.start + match.start() + left, region.start + match.start() + right)


def claim(text: str, sentence: Span, attributed: bool) -> Claim:
    body = text[sentence.start:sentence.end]
    certainty, hedges = "none", ()
    for pattern, band in _YARDSTICK:
        found = re.search(rf"\b{pattern}\b", body)
        if found:
            certainty = band
            hedges = (Span.of(sentence.start + found.start(), sentence.start + found.end()),)
            break
    commitment = "distanced" if _DISTANCING.search(body) else "attributed" if attributed else "asserted"
    return Claim(
        span=sentence,
        certainty=certainty,
        hedges=hedges,
        commitment=commitment,
        polarity="negative" if _NEGATION.search(body) else "positive",
        claim_type="assessment" if certainty != "none" else "event",
        modality="actual",
    )


# --- attributions -----------------------------------------------------------------------------------

_CUES = r"said|says|say|warned|claimed|continued|suggested|added|told"
_SOURCE = r"(?:[Tt]he |[Aa]n? )?(?:[\w’'-]+ ){0,3}[\w’'-]+"
_QUOTE_AFTER = re.compile(rf"(?P<source>{_SOURCE}) (?P<cue>{_CUES}):?[ \u00a0]“(?P<content>[^”\n]+)")
_REPORTED = re.compile(rf"(?P<source>{_SOURCE}) (?P<cue>{_CUES}) (?:that )?(?P<content>[^.\n]+)")
_ACCORDING = re.compile(r"(?P<content>[^.\n]+?),? (?P<cue>according to) (?P<source>[^.\n]+)")
_TRAILING = re.compile(rf"(?P<content>[^\n]+?), (?P<source>{_SOURCE}) (?P<cue>{_CUES})\b(?P<rest>[^\n]*)$")


def _span_of(region: Span, match: re.Match, group: str, text: str) -> Span | None:
    """The group's span without edge spaces, quotes and punctuation; None if nothing is left."""
    a, b = region.start + match.start(group), region.start + match.end(group)
    while b > a and text[b - 1] in " .,”\u00a0":
        b -= 1
    while a < b and text[a] in " “\u00a0":
        a += 1
    return Span.of(a, b) if a < b else None


def attributions(text: str, region: Span) -> Iterator[Attribution]:
    """At most one relation per region, from the first pattern that fits (a match whose source, cue or content
    is only punctuation, as the "m.," of "At 10 p.m., according to ...", does not fit)."""
    chunk = text[region.start:region.end]
    for pattern, quote_type in ((_QUOTE_AFTER, "direct"), (_ACCORDING, "indirect"), (_TRAILING, "mixed"),
                                (_REPORTED, "indirect")):
        match = pattern.search(chunk)
        roles = {role: _span_of(region, match, role, text) for role in ("source", "cue", "content")} if match else {}
        if match and all(roles.values()):
            yield Attribution(
                source=roles["source"],
                cue=roles["cue"],
                content=roles["content"],
                quote_type=quote_type if "“" in chunk or quote_type != "mixed" else "indirect",
                source_type="organisation",
                cue_polarity="affirmed",
            )
            return


# --- the extractor ----------------------------------------------------------------------------------


def extract(document: Document, annotatable: dict[str, tuple[str, ...]]) -> Annotations:
    """Annotations of every layer for one document."""
    mentions, claims, relations = [], [], []
    for section in document.sections:
        layers = annotatable[section.label]
        found: list[Attribution] = []
        if "entities" in layers:
            mentions.extend(entities(document.text, section.span))
        if "attributions" in layers:
            found = list(attributions(document.text, section.span))
            relations.extend(found)
        if "claims" in layers:
            quoted = "“" in document.text[section.span.start:section.span.end]
            claims.extend(
                claim(document.text, sentence, attributed=bool(found) or quoted)
                for sentence in sentences(document.text, section.span)
            )
    return Annotations(
        doc_id=document.id, entities=tuple(mentions), claims=tuple(claims), attributions=tuple(relations)
    )
