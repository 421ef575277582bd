"""Run the spaCy pipeline over documents and collect extraction records.

>>> from kg.records import Document
>>> docs = [Document(id="d1", text="Canada and Japan held talks on Monday.", date="2024-05-08")]
>>> [e.document.id for e in extract(docs, nlp=load_pipeline())]  # doctest: +SKIP
['d1']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg import __version__
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


def extract(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per document, streaming in batches."""
    register_extensions()
    nlp = nlp or load_pipeline()
    model = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    pairs = _docs(documents, nlp)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield to_extraction(doc, document, model=model)
