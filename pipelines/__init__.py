"""dipkg's NLP stage: read inputs, run spaCy, link actors, extract PLOVER events.

The output is :class:`kg.records.Extraction` records, the seam to :mod:`kg`.
"""
from __future__ import annotations
