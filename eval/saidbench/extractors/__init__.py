"""Extractors: the Extractor protocol, running one over a corpus, and the registry of named baselines."""

from .protocol import Extractor
from .registry import BASELINES, Baseline, make_baseline
from .runner import as_documents, check_lines, predictions

__all__ = ["BASELINES", "Baseline", "Extractor", "as_documents", "check_lines", "make_baseline", "predictions"]
