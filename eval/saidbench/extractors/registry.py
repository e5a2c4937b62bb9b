"""The named baselines (``saidbench baselines``): name -> how to build the Extractor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..registry import Registry
from ..usage import UsageError
from .protocol import Extractor


@dataclass(frozen=True, slots=True)
class Baseline:
    """A named baseline: a one-line summary, its factory, and whether it takes ``model``."""

    name: str
    summary: str
    factory: Callable[..., Extractor]
    takes_model: bool = False


def _rules(**_):
    from .baselines import RulesExtractor

    return RulesExtractor()


def _oracle(corpus=None, **_):
    from .baselines import OracleExtractor

    return OracleExtractor(corpus)


def _empty(**_):
    from .baselines import EmptyExtractor

    return EmptyExtractor()


def _spacy(model=None, **_):
    from .spacy_ner import DEFAULT_MODEL, SpacyExtractor

    return SpacyExtractor(model or DEFAULT_MODEL)


BASELINES: Registry[Baseline] = Registry("baseline", {
    b.name: b
    for b in (
        Baseline("rules", "regular expressions and closed word lists, all layers (the bundled baseline)", _rules),
        Baseline("spacy", "entities from an installed spaCy pipeline (--model NAME, default en_core_web_sm; "
                          "needs the 'spacy' extra)", _spacy, takes_model=True),
        Baseline("oracle", "the gold itself: the ceiling of every score", _oracle),
        Baseline("empty", "every layer predicted empty: the floor", _empty),
    )
})


def make_baseline(name: str, model: str | None = None, corpus=None) -> Extractor:
    """The Extractor of baseline ``name``; ``model`` only for baselines that take one (spacy); ``corpus``
    (default: the bundled article) only matters to the oracle. Raises UsageError (a ValueError) for an unknown name
    or a misplaced ``model``."""
    baseline = BASELINES[name]
    if model is not None and not baseline.takes_model:
        takers = ", ".join(b.name for b in BASELINES.values() if b.takes_model)
        raise UsageError(f"baseline {name!r} takes no model; --model applies to: {takers}")
    return baseline.factory(model=model, corpus=corpus)
