"""dipkg's graph library: extraction records -> RDF, store, query, export.

``kg`` never imports spaCy; the NLP stage lives in :mod:`pipelines`.
"""
from __future__ import annotations

__version__ = "0.1.0"
