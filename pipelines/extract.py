"""Run the spaCy pipeline over documents and collect extraction records.

With ``n_process > 1`` each worker process runs the whole pipeline (model,
actors, events) on batches of documents and sends back only the records, a few
kilobytes per document; the texts and spaCy ``Doc`` objects never cross the
process boundary (spaCy's own ``n_process`` ships every parsed ``Doc`` back to
the parent, which costs the parent as much time as the extraction). At most two
batches per worker are in flight, so memory stays bounded by the batch size.

>>> from kg.records import Document
>>> docs = [Document(id="d1", text="Canada and Japan held talks on Monday.", date="2024-05-08")]
>>> [e.document.id for e in extract(docs, nlp=load_pipeline())]  # doctest: +SKIP
['d1']
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from kg import __version__
from kg.errors import WorkerError
from kg.records import Document, Extraction
from pipelines.nlp import load_pipeline, register_extensions

__all__ = ["extract", "load_pipeline", "to_extraction"]


def _docs(documents: Iterable[Document], nlp: Language) -> Iterator[tuple[Doc, Document]]:
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.dip_date = document.date
        doc._.dip_publisher = document.publisher  # its home state names unnamed office holders
        doc._.dip_url = document.url
        yield doc, document


def to_extraction(doc: Doc, document: Document, *, model: str | None = None) -> Extraction:
    """The records the components left on ``doc``."""
    return Extraction(
        document=document,
        actors=list((doc._.dip_actors or {}).values()),
        mentions=list(doc._.dip_mentions or []),
        events=list(doc._.dip_events or []),
        extractor=f"dipkg {__version__}",
        model=model,
    )


def _model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def _extract_serial(documents: Iterable[Document], nlp: Language, batch_size: int) -> Iterator[Extraction]:
    model = _model_label(nlp)
    for doc, document in nlp.pipe(_docs(documents, nlp), as_tuples=True, batch_size=batch_size):
        yield to_extraction(doc, document, model=model)


# The pipeline of a worker process: inherited from the parent (fork) or loaded once (spawn).
_WORKER_NLP: Language | None = None


def _init_worker(model: str | None) -> None:
    global _WORKER_NLP
    if model is not None:
        _WORKER_NLP = load_pipeline(model)
    register_extensions()


def _extract_batch(documents: list[Document], batch_size: int) -> list[Extraction]:
    """Worker side: records of one batch, with the texts left out (the parent has them)."""
    assert _WORKER_NLP is not None
    out = []
    for ex in _extract_serial(documents, _WORKER_NLP, batch_size):
        ex.document = Document(id=ex.document.id, text="")
        out.append(ex)
    return out


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _extract_parallel(documents: Iterable[Document], nlp: Language, batch_size: int,
                      n_process: int) -> Iterator[Extraction]:
    global _WORKER_NLP
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:  # workers share the loaded pipeline, no reload
        context, model = multiprocessing.get_context("fork"), None
        _WORKER_NLP = nlp
    else:
        context, model = multiprocessing.get_context("spawn"), f"{nlp.lang}_{nlp.meta.get('name')}"
    try:
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker,
                                 initargs=(model,)) as pool:
            pending: deque[tuple[list[Document], Future]] = deque()
            for batch in _batches(documents, batch_size):
                pending.append((batch, pool.submit(_extract_batch, batch, batch_size)))
                if len(pending) >= 2 * n_process:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
    finally:
        _WORKER_NLP = None


def _collect(batch: list[Document], result: Future) -> Iterator[Extraction]:
    try:
        extractions = result.result()
    except BrokenProcessPool:  # killed (out of memory?) or crashed in native code
        raise WorkerError(
            f"a worker process stopped while extracting documents {batch[0].id!r}..{batch[-1].id!r} "
            "(out of memory?); run again with fewer processes (-j), the store keeps what was built"
        ) from None
    for document, ex in zip(batch, extractions):
        ex.document = document
        yield ex


def extract(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per document, in input order, streaming in batches."""
    register_extensions()
    nlp = nlp or load_pipeline()
    if n_process > 1:
        return _extract_parallel(documents, nlp, batch_size, n_process)
    return _extract_serial(documents, nlp, batch_size)
