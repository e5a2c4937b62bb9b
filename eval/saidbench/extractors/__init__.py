"""Extractors: the Extractor protocol, running one over a corpus, and the registry of named baselines."""

from .protocol import Extractor
from .registry import BASELINES, Baseline, make_baseline
from .runner import check_lines, corpus, predictions

__all__ = ["BASELINES", "Baseline", "Extractor", "check_lines", "corpus", "make_baseline", "predictions"]
