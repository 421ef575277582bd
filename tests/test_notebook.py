"""notebooks/explore.ipynb runs top to bottom in a real kernel (on the fixture graph)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
FIXTURE = ROOT / "tests" / "data" / "fixture.trig"


def cell_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        elif "data" in out and "text/plain" in out["data"]:
            parts.append(out["data"]["text/plain"])
    return "".join(parts)


@pytest.fixture(scope="module")
def executed():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    old = os.environ.get("DIPKG_GRAPH")
    os.environ["DIPKG_GRAPH"] = str(FIXTURE)  # the kernel inherits the environment
    try:
        client = nbclient.NotebookClient(
            nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        )
        client.execute()
    finally:
        if old is None:
            os.environ.pop("DIPKG_GRAPH", None)
        else:
            os.environ["DIPKG_GRAPH"] = old
    return nb


def test_every_cell_ran_without_error(executed):
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert len(code) >= 10
    assert all(c.get("execution_count") for c in code)
    assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_libyan_alignment_output(executed):
    check = next(c for c in executed.cells if "check" in c.get("metadata", {}).get("tags", []))
    assert cell_text(check) == (
        "Backers of the Libyan National Army: France, Russia\n"
        "Backers of its opponents: Turkey\n"
    )


def test_queries_blocs_and_figures(executed):
    texts = [cell_text(c) for c in executed.cells if c.cell_type == "code"]
    assert "graph: fixture.trig\n" in texts[0]
    assert any("Recep Tayyip Erdogan" in t and "2021-12-03" in t for t in texts)
    assert any("bloc 1: France, Khalifa Haftar, Libyan National Army, Russia" in t for t in texts)
    assert "9 actors with events, 8 edges" in "".join(texts)
    images = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 2  # the network and the timeline
