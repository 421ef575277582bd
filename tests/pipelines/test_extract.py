"""Extraction: records cross process boundaries unchanged (``n_process=2``)."""
from __future__ import annotations

import pytest

from kg.records import Document

TEXTS = [
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Tuesday.",
    "Norway condemned the attack on the embassy and urged Sudan to protect diplomats.",
    "Brazil and Argentina signed a trade agreement on Monday.",
]


@pytest.mark.slow
def test_two_processes_give_the_same_records_as_one(nlp):
    from pipelines.extract import extract

    docs = [Document(id=f"d{i}", text=t, date="2023-05-04") for i, t in enumerate(TEXTS)]
    one = [e.to_dict() for e in extract(docs, nlp=nlp, n_process=1)]
    two = [e.to_dict() for e in extract(docs, nlp=nlp, n_process=2)]
    assert two == one
    assert sum(len(e["events"]) for e in one) >= 3
