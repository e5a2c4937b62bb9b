"""saidbench: who said what, about whom, and how sure. The public API."""

from ._version import __version__
from .io.errors import InputError, Problem
from .report import present as _present  # noqa: F401  (gives Result its summary() and _repr_html_())
from .scoring import Result, evaluate
from .validate import load_documents, validate
from .usage import UsageError

#: Names imported on first use, so that scoring a file (the command line's eval) does not load the extractor machinery.
_LAZY = {"Extractor": "extractors", "run": "runs"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = globals()[name] = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    return value


def load(config: str = "documents"):
    """The ``test`` split of a Hugging Face config (``documents``, ``entities``, ``claims``, ``attributions``,
    ``coreference``, ``ner_bio``) as a ``datasets.Dataset``, built from the bundled corpus and gold.

    Equal to ``datasets.load_dataset(<repository>, config, split="test")``; raises KeyError for an
    unknown config. Imports ``datasets`` only when called.
    """
    from .formats.hf import load as load_config

    return load_config(config)


__all__ = [
    "Extractor", "InputError", "Problem", "Result", "UsageError", "__version__", "evaluate", "load", "load_documents",
    "run", "validate",
]
