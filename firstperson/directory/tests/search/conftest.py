"""The fixed directory the search tests run on (corpus.py)."""

from .corpus import corpus  # noqa: F401 - a fixture
