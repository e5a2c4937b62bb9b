"""saidbench: who said what, about whom, and how sure. The public API."""

__version__ = "0.1.0"

from .io.errors import InputError, Problem  # noqa: E402
from .validate import load_documents, validate  # noqa: E402

__all__ = ["InputError", "Problem", "__version__", "load_documents", "validate"]
