"""The graph page (in headless Chromium, offline), the PNG pictures and ``dipkg viz``."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.store import open_dataset
from kg.viz import page_data, write_html, write_png, write_timeline

CHROMIUM = "/usr/bin/chromium"
DIP = "https://w3id.org/dipkg/ontology#"
DIPID = "https://w3id.org/dipkg/id/"
ACTOR_CLASSES = ("Actor", "Person", "Country", "Government", "ArmedGroup", "IGO", "Organization")
EXPECTED_EDGES = {
    ("person/emmanuel-macron", "person/vladimir-putin", "CONSULT", False),
    ("person/recep-tayyip-erdogan", "person/vladimir-putin", "CONSULT", False),
    ("person/emmanuel-macron", "country/TUR", "ACCUSE", True),
    ("person/vladimir-putin", "person/emmanuel-macron", "AGREE", True),
    ("country/RUS", "armedgroup/libyan-national-army", "SUPPORT", True),
    ("country/FRA", "armedgroup/libyan-national-army", "SUPPORT", True),
    ("country/TUR", "government/government-of-national-accord", "SUPPORT", True),
    ("person/khalifa-haftar", "government/government-of-national-accord", "ASSAULT", True),
}
HOSTILE = '<b>x</b></script><script>window.__pwned = 1</script><!--'


@pytest.fixture(scope="module")
def dataset(test_data: Path):
    return open_dataset(test_data / "fixture.trig")


def _actor_count(ds) -> int:
    """Actors of the graph, counted independently of kg.viz."""
    found = set()
    for cls in ACTOR_CLASSES:
        found.update(s for s in ds.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                            URIRef(DIP + cls)))
    return len(found)


def _embedded(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="dipkg-data">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


# ---------------------------------------------------------------- without a browser


def test_page_data_nodes_edges_and_types(dataset):
    data = page_data(dataset)
    assert len(data["actors"]) == _actor_count(dataset) == 13
    types = {a["id"]: a["type"] for a in data["actors"]}
    assert types["armedgroup/libyan-national-army"] == "ArmedGroup"
    assert types["government/government-of-national-accord"] == "Government"
    assert types["igo/united-nations"] == "IGO"
    assert types["person/vladimir-putin"] == "Person"
    assert {(e["source"], e["target"], e["type"], e["directed"]) for e in data["edges"]} == EXPECTED_EDGES
    accuse = next(e for e in data["events"] if e["type"] == "ACCUSE")
    assert accuse["reportedBy"] == "a presidential source"
    assert accuse["sources"][0]["publisher"] == "Example News"
    assert accuse["quad"] == 3
    assert all(0 <= a["x"] <= 1000 and 0 <= a["y"] <= 640 for a in data["actors"])


def test_html_is_self_contained_and_escapes_data(dataset, tmp_path):
    page = write_html(dataset, tmp_path / "g.html", title=HOSTILE)
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)  # nothing fetched from the network
    assert text.count("</script>") == 2  # the data block and the script block, nothing injected
    data = _embedded(page)
    assert data["title"] == HOSTILE
    assert len(data["actors"]) == 13 and len(data["events"]) == 8


def test_png_pictures(dataset, tmp_path):
    import matplotlib.image

    for writer, name in ((write_png, "net.png"), (write_timeline, "time.png")):
        path = writer(dataset, tmp_path / name)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        height, width, _ = matplotlib.image.imread(path).shape
        assert width > 800 and height > 200


def test_unwritable_or_unknown_picture_is_one_clear_error(tmp_path):
    from kg.errors import DipkgError

    ds = open_dataset()
    with pytest.raises(DipkgError, match=r"'xyz' is not a picture format matplotlib writes; end the name in \.png"):
        write_png(ds, tmp_path / "graph.xyz")
    with pytest.raises(DipkgError, match="cannot write .*choose a writable path"):
        write_html(ds, tmp_path / "no" / "such" / "graph.html")
    with pytest.raises(DipkgError, match="cannot write .*choose a writable path"):
        write_timeline(ds, tmp_path / "no" / "timeline.png")


def test_cli_viz_html_and_png(test_data, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["viz", str(test_data / "fixture.trig"), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    assert len(_embedded(tmp_path / "g.html")["actors"]) == 13
    result = runner.invoke(app, ["viz", str(test_data / "fixture.trig"), "-o", str(tmp_path / "t.png"), "--timeline"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    import pyoxigraph as ox

    from kg.store import close_dataset, native_store

    store = open_dataset(tmp_path / "store", create=True)  # the same graph in an Oxigraph store
    native_store(store).load(path=str(test_data / "fixture.trig"), format=ox.RdfFormat.TRIG)
    close_dataset(store)
    result = runner.invoke(app, ["viz", str(tmp_path / "store"), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output
    assert _embedded(tmp_path / "s.html")["edges"] == _embedded(tmp_path / "g.html")["edges"]
    result = runner.invoke(app, ["viz", str(test_data / "fixture.trig"), "-o", str(tmp_path / "g.svg")])
    assert result.exit_code == 1 and ".html or .png" in result.output


# ---------------------------------------------------------------- in headless Chromium


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a local page with every non-file request blocked; collects errors and blocked URLs."""
    contexts = []

    def _open(path: Path):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.problems = []  # console errors, page errors, network attempts

        def route(r):
            if r.request.url.startswith(("file://", "data:")):
                r.continue_()
            else:
                page.problems.append(f"network: {r.request.url}")
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", timeout=30_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def _visible_edges(page) -> int:
    return page.locator('.edge[data-visible="1"]').count()


@pytest.mark.browser
def test_page_renders_offline_one_node_per_actor(dataset, tmp_path, open_page):
    page = open_page(write_html(dataset, tmp_path / "g.html", title="Fixture"))
    assert page.locator("[data-actor]").count() == _actor_count(dataset) == 13
    assert _visible_edges(page) == len(EXPECTED_EDGES)
    assert page.locator(".dot").count() == 4  # dated events on the timeline
    assert page.locator("h1").inner_text() == "Fixture"
    assert page.problems == []


@pytest.mark.browser
def test_type_and_date_filters_change_the_visible_edges(dataset, tmp_path, open_page):
    page = open_page(write_html(dataset, tmp_path / "g.html"))
    page.locator('input[data-type-filter="SUPPORT"]').uncheck()
    assert _visible_edges(page) == 5
    assert not page.locator('.edge[data-type="SUPPORT"]').first.is_visible()
    page.click("#conflict-types")
    assert sorted(page.locator('.edge[data-visible="1"]').evaluate_all("els => els.map(e => e.dataset.type)")) == [
        "ACCUSE", "ASSAULT"]
    page.click("#all-types")
    page.fill("#date-from", "2021-01-01")
    page.dispatch_event("#date-from", "change")
    assert _visible_edges(page) == 5  # the 2021 call + 4 undated events
    page.uncheck("#undated")
    assert _visible_edges(page) == 1
    assert page.locator('.edge[data-visible="1"]').get_attribute("data-source") == "person/recep-tayyip-erdogan"
    assert page.locator(".dot").evaluate_all("ds => ds.filter(d => d.style.display !== 'none').length") == 1
    assert page.problems == []


@pytest.mark.browser
def test_tooltip_and_details_show_evidence_and_source(dataset, tmp_path, open_page):
    page = open_page(write_html(dataset, tmp_path / "g.html"))
    page.dispatch_event('.edge[data-type="ACCUSE"]', "mouseenter", {"clientX": 50, "clientY": 50})
    tip = page.locator("#tooltip").inner_text()
    assert "Macron voiced worry over the growing Turkish role in Libya" in tip
    assert "reported by a presidential source" in tip
    assert "French and Russian presidents talk about Libya by video link" in tip
    page.dispatch_event('[data-actor="person/vladimir-putin"]', "mousedown")
    page.evaluate("window.dispatchEvent(new MouseEvent('mouseup'))")
    assert page.locator("#details .event").count() == 3  # two calls and a promise
    assert page.problems == []


@pytest.mark.browser
def test_hostile_text_stays_text(tmp_path, test_data, open_page):
    ds = open_dataset(test_data / "fixture.trig")
    event = URIRef(DIPID + "event/fixture-call-2020-2")
    graph = next(g for g in ds.graphs() if (event, None, None) in g)
    graph.set((event, URIRef(DIP + "evidence"), Literal(HOSTILE)))
    page = open_page(write_html(ds, tmp_path / "g.html", title=HOSTILE))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("h1").inner_text() == HOSTILE
    page.dispatch_event('.edge[data-type="ACCUSE"]', "mouseenter", {"clientX": 50, "clientY": 50})
    assert HOSTILE in page.locator("#tooltip").inner_text()
    assert page.problems == []


@pytest.mark.browser
def test_empty_graph_page_loads(tmp_path, open_page):
    page = open_page(write_html(open_dataset(), tmp_path / "empty.html"))
    assert page.locator("[data-actor]").count() == 0
    assert page.text_content("#timeline") == "No dated events."
    assert page.problems == []
