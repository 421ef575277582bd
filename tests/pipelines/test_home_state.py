"""Unnamed office holders of official readouts: the publisher's state names them.

Sentences written here (not from the dev or probe texts).
"""
from __future__ import annotations

import pytest

from kg.errors import DipkgError
from kg.records import Document
from pipelines.kb import load_kb


# -- the knowledge base: publishers -> home state -------------------------------------------
@pytest.mark.parametrize(("publisher", "url", "state", "principal"), [
    ("Prime Minister's Office, 10 Downing Street (GOV.UK)", None, "GBR", "Prime Minister"),
    ("Foreign, Commonwealth & Development Office (GOV.UK)", None, "GBR", "Foreign Minister"),
    ("GOV.UK", None, "GBR", None),
    ("U.S. Department of State", None, "USA", "Foreign Minister"),
    ("The White House", None, "USA", "President"),
    ("U.S. Department of Defense", None, "USA", "Defence Minister"),
    ("President of Russia (Presidential Executive Office), en.kremlin.ru", None, "RUS", "President"),
    ("Élysée", None, "FRA", "President"),
    (None, "https://www.gov.uk/government/news/some-readout", "GBR", None),
    (None, "https://www.state.gov/secretary-call", "USA", "Foreign Minister"),
    ("Some Blog", "https://en.kremlin.ru/events/president/news/1", "RUS", "President"),
])
def test_home_state(publisher, url, state, principal):
    home = load_kb().home_state(publisher=publisher, url=url)
    assert (home.state, home.principal) == (state, principal)


@pytest.mark.parametrize(("publisher", "url"), [
    ("Reuters", None), ("Euronews", None), (None, None), (None, "https://example.com/gov.uk"),
    ("composed for a test (wire style)", "https://www.notgov.uk.example.org/x"),
])
def test_no_home_state(publisher, url):
    assert load_kb().home_state(publisher=publisher, url=url) is None


def test_own_wordings():
    kb = load_kb()
    assert "secretary" in kb.own_wordings("Foreign Minister", "USA")
    assert kb.own_wordings("Prime Minister", "GBR") == set()


def test_publisher_with_unknown_state_is_rejected(tmp_path):
    from pipelines.kb_build import build_kb

    src = load_kb().path
    for f in src.iterdir():
        target = tmp_path / f.name
        if f.is_dir():
            target.symlink_to(f, target_is_directory=True)
        elif f.name != "publishers.yaml":
            target.symlink_to(f)
    (tmp_path / "publishers.yaml").write_text("- {name: Ministry of Nowhere, state: XXY}\n")
    with pytest.raises(DipkgError, match="XXY"):
        build_kb(tmp_path.resolve())


# -- the pipeline -------------------------------------------------------------------------
def _run(nlp, text: str, *, date: str, publisher: str | None = None, url: str | None = None):
    from pipelines.extract import extract

    doc = Document(id="t", text=text, date=date, publisher=publisher, url=url)
    return next(extract([doc], nlp=nlp))


def _links(ex) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for m in ex.mentions:
        out.setdefault(m.surface, []).append(m.actor_id)
    return {k: "+".join(sorted(set(v))) for k, v in out.items()}


_PM_CALL = "The Prime Minister spoke with President Emmanuel Macron of France by telephone this afternoon."


@pytest.mark.slow
@pytest.mark.parametrize(("date", "holder"), [
    ("2022-03-09", "person/boris-johnson"), ("2023-03-01", "person/rishi-sunak"),
])
def test_prime_minister_of_the_publisher_at_the_date(nlp, date, holder):
    ex = _run(nlp, _PM_CALL, date=date, publisher="GOV.UK")
    assert _links(ex)["Prime Minister"] == holder
    consult = [e for e in ex.events if e.type == "CONSULT"]
    assert [sorted(e.actors) for e in consult] == [sorted([holder, "person/emmanuel-macron"])]


@pytest.mark.slow
def test_no_publisher_leaves_the_title_unlinked(nlp):
    ex = _run(nlp, _PM_CALL, date="2022-03-09")
    assert "Prime Minister" not in _links(ex)
    assert not any(a.id in ("person/boris-johnson", "person/rishi-sunak") for a in ex.actors)


@pytest.mark.slow
def test_secretary_of_the_state_department(nlp):
    ex = _run(nlp, "The Secretary met Indian External Affairs Minister Subrahmanyam Jaishankar in "
                   "Washington today. The Secretary thanked the Foreign Minister for his time.",
              date="2022-06-01", publisher="U.S. Department of State")
    links = _links(ex)
    assert links["Secretary"] == "person/antony-blinken"
    # the U.S. says "Secretary", so "the Foreign Minister" stays the Indian minister
    assert links["Foreign Minister"] == "person/subrahmanyam-jaishankar"


@pytest.mark.slow
def test_secretary_of_the_defense_department_and_url_fallback(nlp):
    text = "The Secretary spoke with the Japanese defense minister about the alliance."
    ex = _run(nlp, text, date="2022-06-01", publisher="U.S. Department of Defense")
    assert _links(ex)["Secretary"] == "person/lloyd-austin"
    ex = _run(nlp, "The Prime Minister welcomed the agreement.", date="2022-03-09",
              url="https://www.gov.uk/government/news/x")
    assert _links(ex)["Prime Minister"] == "person/boris-johnson"


@pytest.mark.slow
def test_foreign_secretary_and_another_states_prime_minister(nlp):
    ex = _run(nlp, "The Foreign Secretary announced new sanctions on Belarus today.",
              date="2024-04-18", publisher="Foreign, Commonwealth & Development Office")
    assert _links(ex)["Foreign Secretary"] == "person/david-cameron"
    # a readout's "The Prime Minister" is its own, even when another prime minister is named after it
    ex = _run(nlp, "The Prime Minister met Canadian Prime Minister Justin Trudeau in London. "
                   "The Prime Minister thanked him for his support.", date="2023-03-01", publisher="GOV.UK")
    assert _links(ex)["Prime Minister"] == "person/rishi-sunak"


@pytest.mark.slow
def test_a_named_holder_wins(nlp):
    ex = _run(nlp, "Prime Minister Justin Trudeau of Canada arrived in Paris. The Prime Minister "
                   "praised the agreement.", date="2023-03-01", publisher="GOV.UK")
    assert _links(ex)["Prime Minister"] == "person/justin-trudeau"


@pytest.mark.slow
def test_both_leaders_are_the_parties_of_the_call(nlp):
    text = ("Vladimir Putin ordered new strikes overnight. Putin later repeated his demands, and Putin's "
            "envoy left the talks. The Prime Minister spoke with Ukrainian President Zelenskyy this "
            "evening. Both leaders condemned the strikes on the port of Odesa.")
    ex = _run(nlp, text, date="2022-03-09", publisher="10 Downing Street")
    assert _links(ex)["Both leaders"] == "person/boris-johnson+person/volodymyr-zelensky"
    text = ("Vladimir Putin ordered new strikes overnight. Putin later repeated his demands. "
            "Olaf Scholz met Ukrainian President Zelenskyy in Kyiv on Monday. The two leaders condemned the strikes.")
    ex = _run(nlp, text, date="2022-06-01")
    assert _links(ex)["two leaders"] == "person/olaf-scholz+person/volodymyr-zelensky"


@pytest.mark.slow
def test_a_portfolio_minister_is_not_the_principal(nlp):
    ex = _run(nlp, "The Minister for Development welcomed the agreement with Kenya.",
              date="2024-04-18", publisher="Foreign, Commonwealth & Development Office")
    assert "person/david-cameron" not in {m.actor_id for m in ex.mentions}
    ex = _run(nlp, "The Minister welcomed the agreement with Kenya.",
              date="2024-04-18", publisher="Foreign, Commonwealth & Development Office")
    assert _links(ex)["Minister"] == "person/david-cameron"


def test_organization_publishers():
    kb = load_kb()
    assert kb.home_state(url="https://www.eeas.europa.eu/eeas/statement").state == "igo/european-union"
    assert kb.home_state(publisher="NATO").principal == "Secretary-General"


@pytest.mark.slow
def test_high_representative_of_the_eeas(nlp):
    ex = _run(nlp, "The High Representative met the Foreign Minister of Jordan, Ayman Safadi, in Brussels today.",
              date="2023-05-10", publisher="European External Action Service")
    assert _links(ex)["High Representative"] == "person/josep-borrell"
    ex = _run(nlp, "The President welcomed the agreement on grain exports.", date="2023-05-10",
              publisher="European Commission")
    assert _links(ex)["President"] == "person/ursula-von-der-leyen"
