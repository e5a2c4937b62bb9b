"""The one version of saidbench (pyproject.toml reads it through hatch's dynamic version)."""

__version__ = "0.1.0"
