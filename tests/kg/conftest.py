"""The hand-written fixture dataset, on both backends (in-memory rdflib and an Oxigraph store)."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixture.trig"


@pytest.fixture(scope="module")
def memory():
    """tests/data/fixture.trig parsed into an in-memory rdflib Dataset."""
    from kg.store import open_dataset

    return open_dataset(FIXTURE)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """The same data in a persistent Oxigraph store (closed after the module)."""
    from kg.store import close_dataset, open_dataset

    ds = open_dataset(tmp_path_factory.mktemp("fixture") / "store", create=True)
    ds.parse(FIXTURE, format="trig")
    yield ds
    close_dataset(ds)
