"""Extraction: records cross process boundaries unchanged and in order (``n_process=2``)."""
from __future__ import annotations

import os

import pytest

from kg.records import Document
from pipelines.extract import _extract_batch as _real_extract_batch

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


def _dies_on_d4(documents, batch_size):
    """A worker's batch function that kills its process on document d4 (as the OOM killer would)."""
    if any(d.id == "d4" for d in documents):
        os._exit(9)
    return _real_extract_batch(documents, batch_size)


@pytest.mark.slow
def test_a_worker_that_dies_is_a_one_line_error_not_a_hang(nlp, monkeypatch):
    import pipelines.extract as extract_module
    from kg.errors import WorkerError

    monkeypatch.setattr(extract_module, "_extract_batch", _dies_on_d4)
    docs = [Document(id=f"d{i}", text=TEXTS[i % len(TEXTS)], date="2023-05-04") for i in range(8)]
    got = []
    with pytest.raises(WorkerError, match=r"worker process stopped while extracting documents 'd4'..'d5'"):
        for ex in extract_module.extract(docs, nlp=nlp, batch_size=2, n_process=2):
            got.append(ex.document.id)
    assert got[:4] == ["d0", "d1", "d2", "d3"]
