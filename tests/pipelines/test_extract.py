"""Extraction: records cross process boundaries unchanged and in order (``n_process=2``)."""
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


@pytest.mark.slow
def test_workers_keep_input_order_over_many_small_batches(nlp):
    """More batches than workers can hold at once: results still stream back in input order,
    with the documents' texts (the workers send only the records)."""
    from pipelines.extract import extract

    docs = [Document(id=f"d{i}", text=TEXTS[i % len(TEXTS)], date="2023-05-04") for i in range(11)]
    one = [e.to_dict() for e in extract(docs, nlp=nlp, batch_size=2, n_process=1)]
    two = [e.to_dict() for e in extract(docs, nlp=nlp, batch_size=2, n_process=2)]
    assert [e["document"]["id"] for e in two] == [f"d{i}" for i in range(11)]
    assert two == one
    assert all(e["document"]["text"] for e in two)
