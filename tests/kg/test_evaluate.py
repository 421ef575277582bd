"""Scoring against gold (EVALUATION.md): exact figures on hand-made cases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import Gold, format_report, load_gold, normalize_name, score
from kg.records import Actor, Document, Event, Extraction, Mention

GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"

ACTORS = [
    {"key": "ana", "type": "Person", "name": "Ana Lópes", "aliases": ["Lopes", "the Foo president"],
     "country": "FOO"},
    {"key": "bo", "type": "Person", "name": "Bo Brand", "aliases": ["Brand"], "country": "BAR"},
    {"key": "FOO", "type": "Country", "name": "Fooland", "iso3": "FOO"},
    {"key": "BAR", "type": "Country", "name": "Barland", "iso3": "BAR"},
    {"key": "QUX", "type": "Country", "name": "Quxia", "iso3": "QUX"},
    {"key": "un", "type": "IGO", "name": "United Nations", "aliases": ["UN"]},
]
SYS = {
    "ana": Actor(id="person/ana-lopes", type="Person", label="Ana Lopes", country="FOO"),
    "bo": Actor(id="person/bo-brand", type="Person", label="Bo Brand", country="BAR"),
    "FOO": Actor(id="country/FOO", type="Country", label="Foo Republic", iso3="FOO"),
    "BAR": Actor(id="country/BAR", type="Country", label="Barland", iso3="BAR"),
    "QUX": Actor(id="country/QUX", type="Country", label="Quxia", iso3="QUX"),
    "un": Actor(id="igo/united-nations", type="IGO", label="The United Nations"),
}


def gold(*events: dict, ignore: tuple[str, ...] = ()) -> dict[str, Gold]:
    evs = [{"id": f"e{i}", "recipients": [], **ev} for i, ev in enumerate(events)]
    return {"d1": Gold.from_dict({"doc": "d1.txt", "published": "2021-01-05", "actors": ACTORS,
                                  "ignore": list(ignore), "events": evs})}


def ev(type_: str, actors: list[str], recipients: tuple[str, ...] = (), **kw) -> Event:
    return Event(type=type_, actors=[SYS[k].id for k in actors],
                 recipients=[SYS[k].id for k in recipients], evidence=f"{type_} text", **kw)


def run(g: dict[str, Gold], *events: Event, mentions: tuple[Mention, ...] = ()):
    ex = Extraction(document=Document(id="d1", text="x"), actors=list(SYS.values()),
                    events=list(events), mentions=list(mentions))
    return score([ex], g)


def prf(report, level="strict"):
    s = report.levels[level]
    return round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)


def test_normalize_name_drops_case_accents_and_leading_the():
    assert normalize_name("The  Élysée") == "elysee"
    assert normalize_name("Theodore") == "theodore"
    assert normalize_name("Donetsk People\u2019s Republic") == "donetsk people's republic"


def test_reciprocal_event_expands_to_unordered_pairs_over_all_parties():
    g = gold({"type": "CONSULT", "reciprocal": True, "actors": ["ana", "bo", "QUX"]})
    r = run(g, ev("CONSULT", ["bo", "ana"], reciprocal=True),   # {ana, bo}
            ev("CONSULT", ["QUX"], ["ana"]))                     # directed, matches {ana, QUX}
    assert (r.levels["strict"].hits_gold, r.levels["strict"].n_sys,
            r.levels["strict"].n_gold) == (2, 2, 3)
    assert prf(r) == (1.0, 0.6667, 0.8)


def test_a_gold_pair_is_hit_once_the_second_direction_is_a_false_alarm():
    g = gold({"type": "CONSULT", "reciprocal": True, "actors": ["ana", "bo"]})
    r = run(g, ev("CONSULT", ["ana"], ["bo"]), ev("CONSULT", ["bo"], ["ana"]))
    assert prf(r) == (0.5, 1.0, 0.6667)


def test_same_dyad_stated_twice_counts_once():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]},
             {"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]})
    r = run(g, ev("ACCUSE", ["ana"], ["BAR"]), ev("ACCUSE", ["ana"], ["BAR"]))
    assert (r.levels["strict"].n_sys, r.levels["strict"].n_gold) == (1, 1)
    assert prf(r) == (1.0, 1.0, 1.0)


def test_alt_types_are_accepted_other_types_are_not():
    g = gold({"type": "SUPPORT", "alt_types": ["AID"], "actors": ["FOO"], "recipients": ["BAR"]})
    assert prf(run(g, ev("AID", ["FOO"], ["BAR"]))) == (1.0, 1.0, 1.0)
    r = run(g, ev("AGREE", ["FOO"], ["BAR"]))
    assert prf(r) == (0.0, 0.0, 0.0)
    assert prf(r, "untyped") == (1.0, 1.0, 1.0)


def test_optional_events_are_neither_hits_nor_false_alarms_nor_misses():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]},
             {"type": "THREATEN", "actors": ["bo"], "recipients": ["ana"], "optional": True})
    assert prf(run(g, ev("THREATEN", ["bo"], ["ana"]))) == (0.0, 0.0, 0.0)
    assert run(g, ev("THREATEN", ["bo"], ["ana"])).levels["strict"].n_sys == 0
    r = run(g, ev("THREATEN", ["bo"], ["ana"]), ev("ACCUSE", ["ana"], ["BAR"]),
            ev("REJECT", ["QUX"]))
    assert prf(r) == (0.5, 1.0, 0.6667)


def test_a_dyad_required_by_one_event_stays_required():
    g = gold({"type": "AGREE", "actors": ["ana"], "optional": True},
             {"type": "AGREE", "actors": ["ana"]})
    assert run(g).levels["strict"].n_gold == 1


def test_gold_without_recipient_accepts_any_recipient_not_the_reverse():
    g = gold({"type": "ACCUSE", "actors": ["ana"]})
    assert prf(run(g, ev("ACCUSE", ["ana"], ["BAR"]))) == (1.0, 1.0, 1.0)
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]})
    assert prf(run(g, ev("ACCUSE", ["ana"]))) == (0.0, 0.0, 0.0)


def test_one_dyad_per_actor_and_recipient():
    g = gold({"type": "REQUEST", "actors": ["ana"], "recipients": ["BAR", "un"]})
    r = run(g, ev("REQUEST", ["ana"], ["un"]))
    assert prf(r) == (1.0, 0.5, 0.6667)


def test_country_level_maps_persons_to_their_state():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["bo"]},
             {"type": "SUPPORT", "actors": ["un"], "recipients": ["FOO"]})
    r = run(g, ev("ACCUSE", ["FOO"], ["BAR"]), ev("SUPPORT", ["un"], ["ana"]))
    assert prf(r) == (0.0, 0.0, 0.0)
    assert prf(r, "country") == (1.0, 1.0, 1.0)


def test_country_level_merges_dyads_that_map_to_the_same_states():
    g = gold({"type": "CONSULT", "reciprocal": True, "actors": ["ana", "bo"]},
             {"type": "CONSULT", "reciprocal": True, "actors": ["FOO", "BAR"]})
    r = run(g, ev("CONSULT", ["BAR", "FOO"], reciprocal=True))
    assert r.levels["country"].n_gold == 1
    assert prf(r, "country") == (1.0, 1.0, 1.0)
    assert prf(r) == (1.0, 0.5, 0.6667)


def test_actor_matching_by_alias_accents_the_and_iso3():
    g = gold({"type": "AGREE", "actors": ["ana", "FOO", "un"]})
    # "Ana Lopes" = "Ana Lópes"; "The United Nations" = "United Nations"; FOO by ISO3.
    assert prf(run(g, ev("AGREE", ["ana", "FOO", "un"]))) == (1.0, 1.0, 1.0)


def test_date_accuracy_at_gold_precision():
    g = gold({"type": "CONSULT", "actors": ["ana"], "recipients": ["bo"], "date": "2019-08"},
             {"type": "AGREE", "actors": ["ana"], "recipients": ["bo"], "date": "2019"},
             {"type": "REJECT", "actors": ["ana"], "recipients": ["bo"], "date": None},
             {"type": "ACCUSE", "actors": ["ana"], "recipients": ["bo"], "date": "2021-01-05"})
    r = run(g, ev("CONSULT", ["ana"], ["bo"], date="2019-08-14"),
            ev("AGREE", ["ana"], ["bo"], date="2019-08"),
            ev("REJECT", ["ana"], ["bo"], date="2020"),
            ev("ACCUSE", ["ana"], ["bo"], date="2021-01"))
    assert (r.date_right, r.date_total) == (2, 3)
    assert round(r.date_accuracy, 4) == 0.6667


def test_duplicate_rate():
    g = gold({"type": "CONSULT", "reciprocal": True, "actors": ["ana", "bo"], "date": "2021-01-05"})
    r = run(g, ev("CONSULT", ["ana", "bo"], reciprocal=True, date="2021-01-05"),
            ev("CONSULT", ["bo", "ana"], reciprocal=True, date="2021-01-05"),
            ev("CONSULT", ["ana", "bo"], reciprocal=True, date="2020"),
            ev("AGREE", ["ana", "bo"], reciprocal=True, date="2021-01-05"))
    assert (r.duplicates, r.events) == (1, 4)
    assert r.duplicate_rate == 0.25
    assert (r.gold_duplicates, r.gold_events) == (0, 1)


def test_actor_linking_leaves_ignore_names_out():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]}, ignore=("Wire Agency",))
    agency = Actor(id="organization/wa", type="Organization", label="WA News")
    stray = Actor(id="organization/stray", type="Organization", label="Stray Org")
    ex = Extraction(document=Document(id="d1.txt", text="x"),
                    actors=[*SYS.values(), agency, stray],
                    events=[ev("ACCUSE", ["ana"], ["BAR"])],
                    mentions=[Mention("organization/wa", 0, 11, "Wire Agency"),
                              Mention("organization/stray", 0, 5, "Stray"),
                              Mention(SYS["un"].id, 0, 2, "UN")])
    r = score([ex], g)
    # system: ana, BAR, UN match; stray does not; the agency is ignored.
    assert (r.linking.hits_sys, r.linking.n_sys) == (3, 4)
    assert (r.linking.hits_gold, r.linking.n_gold) == (3, 6)
    assert round(r.linking.f1, 4) == round(2 * 0.75 * 0.5 / 1.25, 4)


def test_missing_document_scores_as_empty_and_is_listed():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"]})
    r = score([], g)
    assert r.missing == ["d1"]
    assert (r.levels["strict"].n_gold, r.levels["strict"].hits_gold) == (1, 0)


def test_gold_of_the_wrong_shape_is_an_input_error_not_a_missing_field():
    with pytest.raises(InputError, match=r"^g.json: malformed gold record \(list indices"):
        Gold.from_dict([1, 2], source="g.json")
    with pytest.raises(InputError, match=r"^g.json: gold record lacks field 'actors'"):
        Gold.from_dict({"doc": "d1.txt"}, source="g.json")


def test_unknown_actor_key_in_gold_is_an_input_error():
    with pytest.raises(InputError, match="'nobody'"):
        gold({"type": "ACCUSE", "actors": ["nobody"]})


def test_verbose_report_lists_misses_and_false_alarms_with_evidence():
    g = gold({"type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"], "evidence": "gold words"})
    r = run(g, ev("THREATEN", ["QUX"], ["ana"]))
    text = format_report(r, verbose=True)
    assert "MISS  ACCUSE Ana Lópes -> Barland\n        gold words" in text
    assert "FALSE THREATEN Quxia -> Ana Lopes\n        THREATEN text" in text
    assert "MISS" not in format_report(r)
    data = json.loads(json.dumps(r.to_dict()))
    assert data["levels"]["strict"]["n_gold"] == 1
    assert data["documents"][0]["misses"][0]["evidence"] == "gold words"


def _perfect(g: Gold) -> Extraction:
    actors = [Actor(id=a.key, type=a.type, label=a.name, alt_labels=a.aliases, iso3=a.iso3,
                    country=a.country) for a in g.actors.values()]
    events = [Event(type=e.type, actors=e.actors, recipients=e.recipients,
                    reciprocal=e.reciprocal, date=e.date, evidence=e.evidence) for e in g.events]
    mentions = [Mention(a.key, 0, 1, a.name) for a in g.actors.values()]
    return Extraction(document=Document(id=g.doc_id, text=""), actors=actors, events=events,
                      mentions=mentions)


def test_dev_gold_scores_perfect_against_itself():
    golds = load_gold(GOLD_DIR)
    assert len(golds) == 9
    assert sum(len(g.events) for g in golds.values()) == 102
    r = score([_perfect(g) for g in golds.values()], golds)
    for level in ("strict", "country", "untyped"):
        assert prf(r, level) == (1.0, 1.0, 1.0), level
    assert r.date_accuracy == 1.0
    assert (r.linking.precision, r.linking.recall) == (1.0, 1.0)
    assert r.missing == []


def test_optional_pairs_do_not_steal_required_matches():
    # Required AGREE {ana, bo} and CONCEDE bo->ana (alt AGREE); optional AGREE bo->ana.
    g = gold({"type": "AGREE", "reciprocal": True, "actors": ["ana", "bo"]},
             {"type": "CONCEDE", "alt_types": ["AGREE"], "actors": ["bo"], "recipients": ["ana"]},
             {"type": "AGREE", "actors": ["bo"], "recipients": ["ana"], "optional": True})
    r = run(g, ev("AGREE", ["bo"], ["ana"]), ev("AGREE", ["ana", "bo"], reciprocal=True),
            ev("CONCEDE", ["bo"], ["ana"]))
    assert prf(r) == (1.0, 1.0, 1.0)


# ---------------------------------------------------------------- reference suites
SUITE_LINES = [
    {"id": "p1", "suite": "plover_gsr", "text": "Fooland criticized Japan.", "date": None,
     "expected": [{"source": "FOOGOV", "target": "JAP", "code": "DISAPPROVE"}],
     "noevents": False, "evaluate": True},
    {"id": "p2", "suite": "plover_gsr", "text": "Barland and Fooland met.", "date": None,
     "expected": [{"source": "BAR", "target": "FOO", "code": "CONSULT"},
                  {"source": "FOO", "target": "BAR", "code": "CONSULT"}],
     "noevents": False, "evaluate": True},
    {"id": "c1", "suite": "petr2_gsr", "text": "Fooland eased curbs.", "date": "2008-08-04",
     "expected": [{"source": "FOO", "target": None, "code": "0841"}],
     "noevents": False, "evaluate": True},
    {"id": "c2", "suite": "petr2_gsr", "text": "Barland said things.", "date": "2008-08-04",
     "expected": [{"source": "BAR", "target": "---", "code": "010"}],
     "noevents": False, "evaluate": True},
    {"id": "c3", "suite": "petr2_gsr", "text": "Nothing happened.", "date": None, "expected": [],
     "noevents": True, "evaluate": True},
    {"id": "c4", "suite": "petr2_gsr", "text": "Not scored.", "date": None, "expected": [],
     "noevents": False, "evaluate": False},
]


@pytest.fixture()
def suite_file(tmp_path):
    path = tmp_path / "suites.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in SUITE_LINES) + "\n", encoding="utf-8")
    return path


def _sx(case_id, *events):
    return Extraction(document=Document(id=case_id, text="x"), actors=list(SYS.values())
                      + [Actor(id="country/JPN", type="Country", label="Japan", iso3="JPN")],
                      events=list(events))


def test_load_suite_maps_codes_and_slips(suite_file):
    from kg.suites import Expected, load_suite

    plover = load_suite(suite_file, "plover_gsr")
    assert plover[0].expected == [Expected(frozenset({"ACCUSE"}), "FOO", "JPN")]
    petr = load_suite(suite_file, "petr2_gsr")
    assert [c.id for c in petr] == ["c1", "c2", "c3"]
    assert petr[0].expected == [Expected(frozenset({"CONCEDE", "RETREAT"}), "FOO", "*")]
    assert petr[1].expected == [Expected(frozenset(), "BAR", "*")]
    with pytest.raises(InputError, match="'nope'"):
        load_suite(suite_file, "nope")


def test_load_suite_malformed_file_is_an_input_error_naming_the_line(tmp_path, suite_file):
    from kg.suites import load_suite

    bad = tmp_path / "bad.jsonl"
    bad.write_text(suite_file.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{bad}:{len(SUITE_LINES) + 1}: not a reference suite record"):
        load_suite(bad, "petr2_gsr")
    bad.write_text('{"suite": "petr2_gsr"}\n', encoding="utf-8")  # no id/text
    with pytest.raises(InputError, match=rf"^{bad}:1: .*KeyError"):
        load_suite(bad, "petr2_gsr")
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="cannot read reference suites"):
        load_suite(bad, "petr2_gsr")


def test_score_suite_type_recall_dyads_and_no_event_precision(suite_file):
    from kg.suites import format_suite, load_suite, score_suite, suite_documents

    plover = load_suite(suite_file, "plover_gsr")
    assert [d.id for d in suite_documents(plover)] == ["p1", "p2"]
    jpn = Event(type="ACCUSE", actors=["person/ana-lopes"], recipients=["country/JPN"])
    met = ev("CONSULT", ["FOO", "BAR"], reciprocal=True)
    r = score_suite(plover, [_sx("p1", jpn), _sx("p2", met)], name="plover_gsr")
    assert (r.type_recall.hits_gold, r.type_recall.n_gold) == (2, 2)
    assert (r.dyads.hits_gold, r.dyads.n_sys, r.dyads.n_gold) == (3, 3, 3)

    petr = load_suite(suite_file, "petr2_gsr")
    r = score_suite(petr, [_sx("c1", ev("RETREAT", ["FOO"], ["BAR"])),
                           _sx("c2", ev("REQUEST", ["BAR"], ["FOO"])),
                           _sx("c3", ev("ACCUSE", ["QUX"]))], name="petr2_gsr")
    # c1 hit (any target); c2 is a statement: excused; c3 should have had no event.
    assert (r.dyads.hits_gold, r.dyads.n_sys, r.dyads.n_gold) == (1, 2, 1)
    assert (r.no_event.hits_sys, r.no_event.n_sys) == (0, 1)
    assert (r.type_recall.hits_gold, r.type_recall.n_gold) == (1, 1)
    assert "no-event precision     0.000 (0/1)" in format_suite(r)
    assert r.to_dict()["no_event_precision"] == 0.0


# ---------------------------------------------------------------- CLI (pipeline stubbed)
@pytest.fixture()
def cli_env(tmp_path, monkeypatch):
    import kg.cli.evaluate as cli_eval

    gold_dir, texts = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    texts.mkdir()
    data = {"doc": "talks.txt", "published": "2021-01-05", "actors": ACTORS, "events": [
        {"id": "e1", "type": "ACCUSE", "actors": ["ana"], "recipients": ["BAR"],
         "date": "2021-01-05", "evidence": "Lopes criticized Barland."},
        {"id": "e2", "type": "CONSULT", "reciprocal": True, "actors": ["ana", "bo"],
         "evidence": "Lopes met Brand."}]}
    (gold_dir / "talks.gold.json").write_text(json.dumps(data), encoding="utf-8")
    (texts / "talks.txt").write_text("Lopes criticized Barland on Monday. Lopes met Brand.\n",
                                     encoding="utf-8")

    def fake_extract(documents, *, model=None, n_process=1):
        return [Extraction(document=d, actors=list(SYS.values()),
                           events=[ev("ACCUSE", ["ana"], ["BAR"], date="2021-01-05"),
                                   ev("REJECT", ["QUX"], ["bo"])]) for d in documents]

    monkeypatch.setattr(cli_eval, "_extract", fake_extract)
    return gold_dir, texts, tmp_path


def test_cli_eval_prints_report_and_writes_json(cli_env):
    from typer.testing import CliRunner

    from kg.cli import app

    gold_dir, texts, tmp = cli_env
    out = tmp / "eval.json"
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--texts", str(texts),
                                      "--json", str(out), "-v"])
    assert result.exit_code == 0, result.output
    assert "strict         0.500   0.500   0.500     1    2     2" in result.output
    assert "MISS  CONSULT Ana Lópes <-> Bo Brand\n        Lopes met Brand." in result.output
    assert "FALSE REJECT Quxia -> Bo Brand" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["levels"]["strict"]["f1"] == 0.5
    assert data["date_accuracy"] == 1.0


def test_cli_eval_counts_the_gold_of_an_unreadable_text_as_missed(cli_env):
    from typer.testing import CliRunner

    from kg.cli import app

    gold_dir, texts, _ = cli_env
    (texts / "talks.txt").write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--texts", str(texts)])
    assert result.exit_code == 0, result.output
    assert "talks.txt" in result.output  # the one-line reason
    assert "strict           -     0.000   0.000     0    0     2" in result.output
    assert "no extraction for: talks" in result.output


def test_cli_eval_without_matching_texts_is_one_error_line(cli_env, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    gold_dir, _, _ = cli_env
    empty = tmp_path / "none"
    empty.mkdir()
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--texts", str(empty)])
    assert result.exit_code == 1
    assert result.output.startswith("dipkg: error: no text in ")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_eval_suite_scores_or_skips_when_file_absent(cli_env, suite_file, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["eval", "--suite", "petr2_gsr", "--reference",
                                      str(suite_file)])
    assert result.exit_code == 0, result.output
    assert "suite petr2_gsr: 3 sentences" in result.output
    assert "no-event precision     0.000 (0/1)" in result.output
    monkeypatch.setenv("DIPKG_REFERENCE", str(suite_file.parent / "absent.jsonl"))
    result = CliRunner().invoke(app, ["eval", "--suite", "plover_gsr"])
    assert result.exit_code == 0
    assert "not found: suite plover_gsr skipped" in result.output


def test_the_exact_shape_takes_the_gold_dyad_the_other_is_a_false_alarm():
    g = gold({"type": "SANCTION", "actors": ["ana"], "date": "2021-01-05"})
    r = run(g, ev("SANCTION", ["ana"], date="2020-12-31"),
            ev("SANCTION", ["ana"], ["FOO"], date="2021-01-05"))
    assert prf(r) == (0.5, 1.0, 0.6667)
    assert r.documents[0].false_alarms[0]["dyad"] == "SANCTION Ana Lopes -> Foo Republic"
    assert (r.date_right, r.date_total) == (0, 1)


def test_suite_codes_stateless_actors_by_cameo_international_codes():
    from kg.suites import Case, Expected, score_suite

    case = Case("s", "x", None, [Expected(frozenset({"ACCUSE"}), "USA", "IMG"),
                                 Expected(frozenset({"SUPPORT"}), "NGO", "IGO")])
    actors = [Actor(id="country/USA", type="Country", label="United States", iso3="USA"),
              Actor(id="armedgroup/x", type="ArmedGroup", label="X Front"),
              Actor(id="organization/y", type="Organization", label="Y Watch"),
              Actor(id="igo/z", type="IGO", label="Z Union")]
    ex = Extraction(document=Document(id="s", text="x"), actors=actors, events=[
        Event(type="ACCUSE", actors=["country/USA"], recipients=["armedgroup/x"]),
        Event(type="SUPPORT", actors=["organization/y"], recipients=["igo/z"])])
    r = score_suite([case], [ex])
    assert (r.dyads.hits_gold, r.dyads.n_sys, r.dyads.n_gold) == (2, 2, 2)
