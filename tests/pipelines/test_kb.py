"""The actor knowledge base: data validity and the loader's lookups (no spaCy)."""
from __future__ import annotations

import os
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
    ("Zelenskyy", "person/volodymyr-zelensky"), ("Zelensky", "person/volodymyr-zelensky"),
    ("al-Sisi", "person/abdel-fattah-el-sisi"), ("El-Sisi", "person/abdel-fattah-el-sisi"),
    ("Assad", "person/bashar-al-assad"), ("al-Assad", "person/bashar-al-assad"),
    ("Sergei Lavrov", "person/sergey-lavrov"), ("Haftar", "person/khalifa-haftar"),
    ("Sarraj", "person/fayez-al-sarraj"), ("Dbeibah", "person/abdul-hamid-dbeibah"),
    ("Pushilin", "person/denis-pushilin"), ("Pasechnik", "person/leonid-pasechnik"),
    ("Lugansk People's Republic", "government/luhansk-peoples-republic"), ("DPR", "government/donetsk-peoples-republic"),
    ("Ansar Allah", "armedgroup/houthis"), ("Daesh", "armedgroup/islamic-state"),
    ("Armed Forces of Ukraine", "armedgroup/armed-forces-of-ukraine"), ("Wagner", "armedgroup/wagner-group"),
    ("North Atlantic Treaty Organisation", "igo/north-atlantic-treaty-organization"),
    ("OSCE", "igo/organization-for-security-and-co-operation-in-europe"),
    ("UN Security Council", "igo/united-nations-security-council"), ("UNSMIL", "igo/united-nations-support-mission-in-libya"),
    ("Arab League", "igo/league-of-arab-states"), ("African Union", "igo/african-union"),
    ("Muammar Gaddafi", "person/muammar-gaddafi"), ("Qaddafi", "person/muammar-gaddafi"),
    # generated spellings: Arabic article alternation, given-name transliterations
    ("Bashar el-Assad", "person/bashar-al-assad"), ("Fayez Sarraj", "person/fayez-al-sarraj"),
    ("Mohamed bin Salman", "person/mohammed-bin-salman"), ("Dmitri Peskov", "person/dmitry-peskov"),
    ("Yuri Ushakov", "person/yury-ushakov"), ("Abdul Fattah el-Sisi", "person/abdel-fattah-el-sisi"),
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
    ("Secretary-General", "igo/united-nations", "2015-06-01", "Ban Ki-moon"),
    ("NATO Secretary General", None, "2025-01-01", "Mark Rutte"),
    ("Secretary of State", "USA", "2019-01-01", "Mike Pompeo"),
    ("Foreign Secretary", "GBR", "2020-01-01", "Dominic Raab"),
    ("Minister of Foreign Affairs", "RUS", "2021-11-15", "Sergey Lavrov"),
    ("foreign minister", "TUR", "2021-12-03", "Mevlüt Çavuşoğlu"),
    ("Chancellor", "DEU", "2020-01-01", "Angela Merkel"),
    ("Chancellor", "DEU", "2022-01-01", "Olaf Scholz"),
    ("Premier", "CHN", "2020-01-01", "Li Keqiang"),
    ("President", "UKR", "2019-06", "Volodymyr Zelensky"),
    ("President", "UKR", "2018", "Petro Poroshenko"),
    ("President", "SYR", "2022-02-25", "Bashar al-Assad"),
    ("President", "EGY", "2021-12-25", "Abdel Fattah el-Sisi"),
    ("President", "BLR", "2021-11-15", "Alexander Lukashenko"),
    ("Head of the DPR", None, "2022-02-21", "Denis Pushilin"),
    ("Head of the LPR", None, "2016-01-01", "Igor Plotnitsky"),
    ("President of the European Commission", None, "2018-01-01", "Jean-Claude Juncker"),
    ("High Representative", "igo/european-union", "2022-01-01", "Josep Borrell"),
    ("Leader", "IRN", "2020-01-01", "Ali Khamenei"),
    ("Head of State", "GBR", "2021-01-01", "Elizabeth II"),
    ("Head of State", "GBR", "2023-01-01", "Charles III"),
    ("Prime Minister", "government/government-of-national-accord", "2020-06-26", "Fayez al-Sarraj"),
    ("leader", "armedgroup/libyan-national-army", "2020-06-26", "Khalifa Haftar"),
    ("leader", "armedgroup/hezbollah", "2023-01-01", "Hassan Nasrallah"),
    ("leader", "DEU", "2024-01-01", "Olaf Scholz"),
    ("leader", "ALB", "2024-01-01", "Edi Rama"),
    ("Taoiseach", "IRL", "2024-06-01", "Simon Harris"),
])
def test_office_holder(kb, role, country, date, label):
    holder = kb.office_holder(role, country, date)
    assert holder is not None and holder.label == label


def test_office_holder_none(kb):
    assert kb.office_holder("President", "RUS", "1890-01-01") is None
    assert kb.office_holder("Grand Vizier", "TUR", "2020-01-01") is None
    # two organizations' secretaries-general at once: ambiguous without the organization
    assert kb.office_holder("Secretary-General", None, "2020-01-01") is None


def test_office_holder_on_handover_day_and_partial_dates(kb):
    assert kb.office_holder("Prime Minister", "GBR", "2019-07-24").label == "Boris Johnson"
    assert kb.office_holder("Prime Minister", "GBR", "2019-07-23").label == "Theresa May"
    assert kb.office_holder("President", "ETH", "2024-10-07").label == "Taye Atske Selassie"
    assert kb.office_holder("Foreign Minister", "ETH", "2024-02-20").label == "Taye Atske Selassie"


def test_office_holder_current(kb):
    assert kb.office_holder("President", "RUS").label == "Vladimir Putin"
    assert kb.office_holder("Foreign Minister", "RUS").label == "Sergey Lavrov"


def test_canonical_role(kb):
    assert kb.canonical_role("PM") == "Prime Minister"
    assert kb.canonical_role("Minister of Foreign Affairs") == "Foreign Minister"
    assert kb.canonical_role("Secretary of State", "USA") == "Foreign Minister"
    assert kb.canonical_role("Foreign Secretary", "GBR") == "Foreign Minister"


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
    assert "igo/united-nations" in kb.actors["person/antonio-guterres"].leader_of


def test_person_record(kb):
    putin = kb.actors["person/vladimir-putin"]
    assert (putin.type, putin.country, putin.role, putin.wikidata) == ("Person", "RUS", "President", "Q7747")
    assert "Putin" in putin.alt_labels
    pushilin = kb.actors["person/denis-pushilin"]
    assert (pushilin.country, pushilin.role) == ("UKR", "Head of the DPR")


def test_descriptions_are_aliases_not_labels(kb):
    gna = kb.actors["government/government-of-national-accord"]
    assert "UN-backed government" not in gna.alt_labels
    assert "UN-backed government" in kb.descriptions[gna.id]
    assert ("UN-backed government", gna.id) in set(kb.aliases())
    assert ("UN-backed government", gna.id) not in set(kb.aliases(descriptions=False))


def test_counts(kb):
    types = {t: sum(1 for a in kb.actors.values() if a.type == t) for t in ("Country", "Person", "IGO", "ArmedGroup")}
    assert types["Country"] >= 250 and types["Person"] >= 400 and types["IGO"] >= 40 and types["ArmedGroup"] >= 40
    states = {c.alpha_3 for c in pycountry.countries}
    assert len(states - set(kb._demonyms.values())) < 50
    g20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
           "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
    for iso3 in g20:
        assert kb.office_holder("Foreign Minister", iso3, "2022-06-01"), iso3
        assert kb.office_holder("Leader", iso3, "2022-06-01") or kb.office_holder("Head of Government", iso3, "2022-06-01"), iso3


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


def test_unknown_field_is_rejected(tmp_path):
    d = _copy(tmp_path)
    (d / "persons" / "zz_test.yaml").write_text("- name: Jane Roe\n  contry: FRA\n", encoding="utf-8")
    with pytest.raises(DipkgError, match="unknown field.*contry"):
        load_kb(d)


@pytest.mark.parametrize("name, text, message", [
    ("persons/zz_test.yaml", "- name: Jane Roe\n  variants: Roe\n",
     "`variants` of the person 'Jane Roe' is 'Roe', not a list of texts"),
    ("persons/zz_test.yaml", "- name: 1234\n", "`name` of the person 1234 is 1234, not a text"),
    ("persons/zz_test.yaml", "- name: Jane Roe\n  surname: [Roe, 7]\n", "`surname` of the person 'Jane Roe'"),
    ("demonyms.yaml", "FRA: French\n", "demonyms of 'FRA' are 'French', not a list of texts"),
    ("countries.yaml", "FRA: France\n", "entry 'FRA' is 'France', not a mapping"),
    ("metonyms.yaml", "- {name: Quai, actor: 12}\n", "`actor` of the metonym 'Quai' is 12, not a text"),
    ("sources.yaml", "- 42\n", "entry 42 is neither a name nor a mapping"),
])
def test_wrong_value_types_are_one_clear_error(tmp_path, name, text, message):
    d = _copy(tmp_path)
    with (d / name).open("a", encoding="utf-8") as fh:
        fh.write(text)
    with pytest.raises(DipkgError) as info:
        load_kb(d)
    assert f"knowledge base file {str(d / name)!r}: {message}" in str(info.value)


def test_file_instead_of_folder(tmp_path):
    f = tmp_path / "kb.yaml"
    f.write_text("{}\n", encoding="utf-8")
    with pytest.raises(DipkgError, match="kb.yaml.*is a file"):
        load_kb(f)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_clear_error(tmp_path):
    d = _copy(tmp_path)
    (d / "igos.yaml").chmod(0)
    with pytest.raises(DipkgError, match="igos.yaml.*cannot be read"):
        load_kb(d)


def test_unknown_leader_is_rejected(tmp_path):
    d = _copy(tmp_path)
    with (d / "groups.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- {label: Test Front, country: FRA, leaders: [Nobody Known]}\n")
    with pytest.raises(DipkgError, match="Nobody Known"):
        load_kb(d)


def test_env_dir(tmp_path, monkeypatch):
    d = _copy(tmp_path)
    with (d / "igos.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- {label: Test Union, variants: [TSTU]}\n")
    monkeypatch.setenv("DIPKG_KB_DIR", str(d))
    assert [a.id for a in load_kb().lookup("TSTU")] == ["igo/test-union"]
    monkeypatch.setenv("DIPKG_KB_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(DipkgError, match="nowhere"):
        load_kb()


def test_load_time(tmp_path):
    d = _copy(tmp_path)
    t = time.process_time()  # CPU time: robust to a busy shared machine
    load_kb(d)
    assert time.process_time() - t < 1.0


def test_active_periods(kb):
    gna, gnu = "government/government-of-national-accord", "government/government-of-national-unity"
    shared = [a.id for a in kb.lookup("Tripoli-based government")]
    assert shared[0] == gna and gnu in shared
    assert [i for i in shared if kb.active(i, "2020-06-26")] == [gna]
    assert [i for i in shared if kb.active(i, "2023-01-10")] == [gnu]
    assert kb.active("country/FRA", "1900-01-01") and kb.active(gna, None)


def test_generated_forms_are_matched_but_not_labels(kb):
    rus = kb.government("RUS")
    assert rus.alt_labels[0] == "Russian government" and "Russian Foreign Ministry" not in rus.alt_labels
    assert "Russian Foreign Ministry" in kb.generated[rus.id]
    assert ("Russian Foreign Ministry", rus.id) in set(kb.aliases(descriptions=False))
    assad = kb.actors["person/bashar-al-assad"]
    assert "Bashar Hafez el-Assad" not in assad.alt_labels and kb.lookup("Bashar Hafez el-Assad") == [assad]


def test_yaml_entry_extends_a_generated_government(kb):
    pse = kb.government("PSE")
    assert pse.label == "Government of Palestine" and "Palestinian Authority" in pse.alt_labels
    assert [a.id for a in kb.lookup("Palestinian Authority")] == ["government/PSE"]
    assert "government/PSE" in kb.actors["person/mahmoud-abbas"].leader_of
    assert [a.id for a in kb.lookup("Biden administration")] == ["government/USA"]
