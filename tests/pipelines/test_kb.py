"""The actor knowledge base: data validity and the loader's lookups (no spaCy)."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pycountry
import pytest

from kg.errors import DipkgError
from pipelines.kb import load_kb, normalize, slugify

KB_DIR = Path(__file__).resolve().parents[2] / "data" / "kb"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_normalize_and_slugify():
    assert normalize("The U.S.") == normalize("US") == "us"
    assert normalize("Russia's") == "russia"
    assert normalize("ERDOĞAN") == "erdogan"
    assert slugify("Emmanuel Macron") == "emmanuel-macron"
    assert slugify("Lugansk People's Republic") == "lugansk-peoples-republic"


@pytest.mark.parametrize("name, expected", [
    ("the U.S.", "country/USA"), ("USA", "country/USA"), ("United States of America", "country/USA"),
    ("Russian Federation", "country/RUS"), ("Türkiye", "country/TUR"), ("turkey", "country/TUR"),
    ("Syrian Arab Republic", "country/SYR"), ("Republic of Korea", "country/KOR"),
    ("Kosovo", "country/XKX"), ("Ivory Coast", "country/CIV"), ("Britain", "country/GBR"),
    ("Erdogan", "person/recep-tayyip-erdogan"), ("Erdoğan", "person/recep-tayyip-erdogan"),
    ("Putin", "person/vladimir-putin"), ("UN", "igo/united-nations"), ("U.N.", "igo/united-nations"),
    ("NATO", "igo/north-atlantic-treaty-organization"), ("LNA", "armedgroup/libyan-national-army"),
    ("Russian Foreign Ministry", "government/RUS"), ("Government of the Russian Federation", "government/RUS"),
    ("the Turkish government", "government/TUR"), ("UN-backed government", "government/government-of-national-accord"),
])
def test_lookup(kb, name, expected):
    assert expected in [a.id for a in kb.lookup(name)]


def test_lookup_unknown(kb):
    assert kb.lookup("Button") == []


@pytest.mark.parametrize("word, iso3", [("French", "FRA"), ("Turkish", "TUR"), ("Emirati", "ARE"),
                                         ("Russian", "RUS"), ("Ukrainian", "UKR"), ("American", "USA"),
                                         ("British", "GBR"), ("Israeli", "ISR"), ("Palestinian", "PSE")])
def test_demonyms(kb, word, iso3):
    assert kb.demonym(word) == iso3


@pytest.mark.parametrize("name, actor", [("the Kremlin", "country/RUS"), ("Kremlin", "country/RUS"),
                                          ("Elysee", "country/FRA"), ("Élysée Palace", "country/FRA"),
                                          ("the White House", "country/USA"), ("Kiev", "country/UKR"),
                                          ("Kyiv", "country/UKR"), ("Tripoli", None), ("Springfield", None)])
def test_metonyms(kb, name, actor):
    assert kb.metonym(name) == actor


@pytest.mark.parametrize("role, country, date, label", [
    ("President", "RUS", "2020-06-26", "Vladimir Putin"),
    ("president", "USA", "2019-03-01", "Donald Trump"),
    ("President", "USA", "2022-05-01", "Joe Biden"),
    ("President", "USA", "2025-06-01", "Donald Trump"),
    ("Prime Minister", "GBR", "2019-06-15", "Theresa May"),
    ("PM", "GBR", "2019-08", "Boris Johnson"),
    ("Premier", "GBR", "2019-08-01", "Boris Johnson"),
    ("Leader", "GBR", "2019-08-01", "Boris Johnson"),
    ("Head of State", "FRA", "2020-01-01", "Emmanuel Macron"),
    ("Secretary-General", "igo/united-nations", "2020-01-01", "António Guterres"),
])
def test_office_holder(kb, role, country, date, label):
    holder = kb.office_holder(role, country, date)
    assert holder is not None and holder.label == label


def test_office_holder_none(kb):
    assert kb.office_holder("President", "RUS", "1890-01-01") is None
    assert kb.office_holder("Grand Vizier", "TUR", "2020-01-01") is None


def test_offices_of(kb):
    offices = kb.offices_of("person/vladimir-putin")
    assert [(o.role, o.country, o.start, o.end) for o in offices] == [
        ("President", "RUS", "2000-05-07", "2008-05-07"), ("Prime Minister", "RUS", "2008-05-08", "2012-05-07"),
        ("President", "RUS", "2012-05-07", None)]


def test_every_pycountry_state_present(kb):
    for c in pycountry.countries:
        actor = kb.country(c.alpha_3)
        assert actor is not None and actor.iso3 == c.alpha_3 and actor.type == "Country"
        assert kb.government(c.alpha_3).country == c.alpha_3


def test_labels_are_short_names(kb):
    assert kb.country("RUS").label == "Russia"
    assert kb.country("USA").label == "United States"
    assert kb.government("RUS").label == "Government of Russia"


def test_sources_are_not_actors(kb):
    assert kb.is_source("AFP") and kb.is_source("Reuters") and kb.is_source("AP Photo/Jane Roe")
    assert not kb.is_source("France")
    for s in kb.sources:
        assert kb.lookup(s) == [], s


def test_leader_of(kb):
    assert "armedgroup/libyan-national-army" in kb.actors["person/khalifa-haftar"].leader_of


def test_data_valid(kb):
    for office in kb._offices:
        assert office.holder in kb.actors and kb.actors[office.holder].type == "Person"
        assert office.country is None or kb.country(office.country)
        assert office.org is None or office.org in kb.actors
        if office.start and office.end:
            assert office.start <= office.end, office
    for actor in kb.actors.values():
        assert actor.id.split("/")[0] in {"person", "country", "government", "armedgroup", "igo", "organization"}
        for ref in actor.leader_of + actor.member_of:
            assert ref in kb.actors


def test_aliases_cover_all_actors(kb):
    ids = {i for _, i in kb.aliases()}
    assert ids == set(kb.actors)


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "kb"
    shutil.copytree(KB_DIR, dst)
    return dst


def test_malformed_file_is_a_clear_error(tmp_path):
    d = _copy(tmp_path)
    (d / "igos.yaml").write_text("- label: [unclosed\n", encoding="utf-8")
    with pytest.raises(DipkgError, match="igos.yaml.*not valid YAML"):
        load_kb(d)


def test_missing_file_is_a_clear_error(tmp_path):
    d = _copy(tmp_path)
    (d / "demonyms.yaml").unlink()
    with pytest.raises(DipkgError, match="demonyms.yaml.*missing"):
        load_kb(d)


def test_bad_dates_are_rejected(tmp_path):
    d = _copy(tmp_path)
    (d / "persons" / "zz_test.yaml").write_text(
        "- name: Jane Roe\n  country: FRA\n  offices:\n    - {role: President, start: 2020-05-01, end: 2019-01-01}\n",
        encoding="utf-8")
    with pytest.raises(DipkgError, match="Jane Roe.*ends"):
        load_kb(d)


def test_load_time(tmp_path):
    d = _copy(tmp_path)
    t = time.perf_counter()
    load_kb(d)
    assert time.perf_counter() - t < 1.0
