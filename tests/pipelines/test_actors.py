"""dipkg_actors: recognition, titles, linking, coreference and noise, on sentences written here."""
from __future__ import annotations

import pytest

from pipelines.coref import desc_key
from pipelines.titles import roles_compatible


@pytest.fixture(scope="module")
def nlp_actors():
    """The model with dipkg_actors (events not needed here); cached by load_pipeline."""
    from pipelines.nlp import load_pipeline

    return load_pipeline(events=False)


def run(nlp, text: str, date: str | None = "2021-06-01"):
    doc = nlp.make_doc(text)
    doc._.dip_date = date
    return nlp(doc)


def links(doc) -> dict[str, str]:
    """surface -> actor id (last wins; plural mentions joined)."""
    out: dict[str, list[str]] = {}
    for m in doc._.dip_mentions:
        out.setdefault(m.surface, []).append(m.actor_id)
    return {k: "+".join(sorted(v)) for k, v in out.items()}


# -- without the model (blank pipeline: KB matcher only) ---------------------------
def test_blank_pipeline_kb_matches_and_token_extension():
    import spacy

    from pipelines.actors import make_actor_linker

    nlp = spacy.blank("en")
    linker = make_actor_linker(nlp, "dipkg_actors")
    doc = linker(nlp("Canada and the UN told us that NATO would meet."))
    assert links(doc) == {"Canada": "country/CAN", "UN": "igo/united-nations",
                          "NATO": "igo/north-atlantic-treaty-organization"}
    assert doc[0]._.dip_actor_ids == ("country/CAN",)
    assert doc[5]._.dip_actor_ids == ()  # "us" is not the United States
    m = doc._.dip_mentions[1]
    assert doc.text[m.char_start:m.char_end] == "UN"


def test_helpers():
    assert desc_key("the UN-recognised Government") == desc_key("UN backed government")
    assert roles_compatible("Leader", "Prime Minister") and not roles_compatible("King", "President")


# -- recognition and noise -----------------------------------------------------------
@pytest.mark.slow
def test_noise_sources_credits_and_buttons(nlp_actors):
    doc = run(nlp_actors, "Photo: Reuters/Anna Kowalska, Pool\nShare this story Close Button\n"
                          "Reuters and AFP reported that Japan protested.")
    assert set(doc._.dip_actors) == {"country/JPN"}


@pytest.mark.slow
def test_capitals_act_or_locate(nlp_actors):
    doc = run(nlp_actors, "Officials gathered in Moscow on Tuesday. Later Moscow rejected the offer, "
                          "and the Kremlin said talks at the Paris summit were over.")
    assert links(doc) == {"Moscow": "country/RUS", "Kremlin": "country/RUS"}
    assert [m.char_start for m in doc._.dip_mentions][0] == doc.text.index("Moscow rejected")


@pytest.mark.slow
def test_countries_are_actors_when_topics(nlp_actors):
    doc = run(nlp_actors, "The ministers discussed the war in Yemen and the crisis in Venezuela.")
    assert {"country/YEM", "country/VEN"} <= set(doc._.dip_actors)


# -- titles ---------------------------------------------------------------------------
@pytest.mark.slow
def test_title_before_name_gives_role_and_country(nlp_actors):
    doc = run(nlp_actors, "Dutch Foreign Minister Pieter Janssen called Canadian Prime Minister "
                          "Justin Trudeau on Monday.", date="2021-06-01")
    jans = doc._.dip_actors["person/pieter-janssen"]
    assert (jans.role, jans.country) == ("Foreign Minister", "NLD")
    assert "Dutch Foreign Minister Pieter Janssen" in jans.alt_labels
    trudeau = doc._.dip_actors["person/justin-trudeau"]
    assert (trudeau.role, trudeau.country) == ("Prime Minister", "CAN")
    assert "country/NLD" not in doc._.dip_actors  # a demonym inside a title is not a mention


@pytest.mark.slow
def test_title_with_complement_and_org_head(nlp_actors):
    doc = run(nlp_actors, "President of the Republic of Chile Carla Soto welcomed Head of the DPR "
                          "Ivan Morozov.")
    soto = doc._.dip_actors["person/carla-soto"]
    assert (soto.role, soto.country) == ("President", "CHL")
    morozov = doc._.dip_actors["person/ivan-morozov"]
    assert morozov.role == "Head of the DPR" and morozov.country == "UKR"
    assert links(doc)["President of the Republic of Chile Carla Soto"] == "person/carla-soto"
    assert "country/CHL" in doc._.dip_actors  # named state inside the title: nested mention
    assert doc[0]._.dip_actor_ids == ("person/carla-soto",)


@pytest.mark.slow
def test_abbreviated_title_catches_untagged_surname(nlp_actors):
    doc = run(nlp_actors, "PM Kowalczyk said the vote would go ahead.")
    actor = doc._.dip_actors["person/kowalczyk"]
    assert actor.role == "Prime Minister"


# -- linking and date-aware offices ------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("date,who", [("2019-05-01", "person/donald-trump"),
                                      ("2022-03-01", "person/joe-biden")])
def test_bare_title_resolves_to_office_holder_at_date(nlp_actors, date, who):
    doc = run(nlp_actors, "The U.S. President warned against new tariffs.", date=date)
    assert links(doc) == {"U.S. President": who, "U.S.": "country/USA"}  # the named state nests
    assert [t._.dip_actor_ids for t in doc][1:3] == [(who,), (who,)]


@pytest.mark.slow
def test_president_of_country_and_demonym_leader(nlp_actors):
    doc = run(nlp_actors, "The President of Russia met the Turkish leader.", date="2020-02-01")
    assert links(doc) == {"President of Russia": "person/vladimir-putin",
                          "Turkish leader": "person/recep-tayyip-erdogan",
                          "Russia": "country/RUS"}


@pytest.mark.slow
def test_new_person_gets_stable_id_and_surname_coref(nlp_actors):
    doc = run(nlp_actors, "Maria Novak, a senator, flew to Lima. Novak later met Peruvian officials.")
    assert links(doc)["Novak"] == "person/maria-novak"
    assert doc._.dip_actors["person/maria-novak"].alt_labels == ["Novak"]
    assert links(doc)["Peruvian officials"] == "government/PER"


# -- coreference --------------------------------------------------------------------------
@pytest.mark.slow
def test_misspelled_surname_and_french_leader(nlp_actors):
    doc = run(nlp_actors, "Emmanuel Macron spoke with Olaf Scholz. Macon insisted on the budget. "
                          "The French leader left early.", date="2022-05-01")
    got = links(doc)
    assert got["Macon"] == got["French leader"] == "person/emmanuel-macron"
    assert {"Macon", "French leader"} <= set(doc._.dip_actors["person/emmanuel-macron"].alt_labels)


@pytest.mark.slow
def test_president_of_the_republic_picks_the_republic(nlp_actors):
    doc = run(nlp_actors, "Vladimir Putin called Emmanuel Macron. The President of the Republic "
                          "stressed the dialogue.", date="2021-01-10")
    assert links(doc)["President of the Republic"] == "person/emmanuel-macron"


@pytest.mark.slow
def test_plural_groups_give_one_mention_per_person(nlp_actors):
    doc = run(nlp_actors, "Joe Biden phoned Vladimir Putin. Both leaders agreed to talk again. "
                          "The presidents of Russia and the United States also discussed trade.",
              date="2021-12-01")
    pair = "person/joe-biden+person/vladimir-putin"
    got = links(doc)
    assert got["Both leaders"] == pair
    assert got["presidents of Russia and the United States"] == pair
    both = [m for m in doc._.dip_mentions if m.surface == "Both leaders"]
    assert len(both) == 2 and both[0].char_start == both[1].char_start
    both_tok = next(t for t in doc if t.text == "Both")
    assert set(both_tok._.dip_actor_ids) == set(pair.split("+"))
    assert "Both leaders" not in doc._.dip_actors["person/joe-biden"].alt_labels


@pytest.mark.slow
def test_ambassador_and_prime_minister_corefer(nlp_actors):
    doc = run(nlp_actors, "Ambassador Helen Brandt arrived in Oslo. The Ambassador then met Prime "
                          "Minister Lars Eide. The Prime Minister thanked her.")
    got = links(doc)
    assert got["Ambassador"] == "person/helen-brandt"
    assert got["Prime Minister"] == "person/lars-eide"


@pytest.mark.slow
def test_demonyms_side_government_and_militants(nlp_actors):
    doc = run(nlp_actors, "The Egyptian side proposed a truce; the Iraqi government agreed, "
                          "but Syrian militants refused.")
    got = links(doc)
    assert got["Egyptian side"] == "country/EGY"
    assert got["Iraqi government"] == "government/IRQ"
    assert got["Syrian militants"] == "armedgroup/syrian-militants"
    assert doc._.dip_actors["armedgroup/syrian-militants"].country == "SYR"


# -- faction descriptions ------------------------------------------------------------------
@pytest.mark.slow
def test_forces_led_by_a_leader_are_his_group(nlp_actors):
    doc = run(nlp_actors, "Egypt supports troops commanded by Khalifa Haftar, while Qatar backs the "
                          "UN-recognised government in Tripoli.", date="2020-01-15")
    got = links(doc)
    assert got["troops commanded by Khalifa Haftar"] == "armedgroup/libyan-national-army"
    assert "armedgroup/libyan-national-army" in doc._.dip_actors["person/khalifa-haftar"].leader_of
    gna = [s for s, i in got.items() if i == "government/government-of-national-accord"]
    assert gna and gna[0].startswith("UN-recognised government")
    assert "Tripoli" not in got


@pytest.mark.slow
def test_unknown_leader_gives_new_group(nlp_actors):
    doc = run(nlp_actors, "Fighters led by Omar Dahir seized the port.")
    got = links(doc)
    assert got["Fighters led by Omar Dahir"] == "armedgroup/fighters-led-by-omar-dahir"
    assert doc._.dip_actors["person/omar-dahir"].leader_of == ["armedgroup/fighters-led-by-omar-dahir"]


@pytest.mark.slow
def test_related_list_and_page_buttons_are_not_body(nlp_actors):
    text = ("Chile and Peru signed a fisheries accord on Monday in Lima.\n\n"
            "The deal ends a long dispute over catch quotas, officials said.\n\n"
            "Subscribe Button\n\nRelated\n\nBrazil and Argentina clash over tariffs\n")
    doc = run(nlp_actors, text)
    assert set(doc._.dip_actors) == {"country/CHL", "country/PER"}


@pytest.mark.slow
def test_headline_parse_does_not_make_body_capitals_locations(nlp_actors):
    doc = run(nlp_actors, "Ministers gather for summit in Lisbon\n\nOttawa and Canberra signed a defence "
                          "pact on Friday, officials in Lisbon said.")
    got = links(doc)
    assert got["Ottawa"] == "country/CAN" and got["Canberra"] == "country/AUS"
    assert "Lisbon" not in got


@pytest.mark.slow
def test_org_inside_unknown_org_name_and_journalist_byline(nlp_actors):
    doc = run(nlp_actors, "The Supreme National Security Council of Ruritania met on Sunday. "
                          "Reuters correspondent Paul Hartley contributed reporting.")
    assert "igo/united-nations-security-council" not in doc._.dip_actors
    assert not any(a.type == "Person" for a in doc._.dip_actors.values())


@pytest.mark.slow
def test_bare_title_without_known_holder_stands_for_government(nlp_actors):
    doc = run(nlp_actors, "The Mongolian President condemned the decision.", date="2030-01-01")
    assert links(doc) == {"Mongolian President": "government/MNG"}
    assert "Mongolian President" in doc._.dip_actors["government/MNG"].alt_labels


@pytest.mark.slow
def test_component_builds_matchers_once(nlp_actors):
    linker = nlp_actors.get_pipe("dipkg_actors")
    matcher = linker.matcher
    run(nlp_actors, "Kenya and Ghana met.")
    run(nlp_actors, "Kenya and Ghana met again.")
    assert linker.matcher is matcher and len(matcher) > 1000


@pytest.mark.slow
def test_portfolio_titles_honorifics_and_bare_minister(nlp_actors):
    doc = run(nlp_actors, "Kenyan Health Minister Dr. Amina Wekesa met Secretary Paul Osei. "
                          "The Minister praised the plan.")
    wekesa = doc._.dip_actors["person/amina-wekesa"]
    assert (wekesa.role, wekesa.country) == ("Health Minister", "KEN")
    got = links(doc)
    assert got["Kenyan Health Minister Dr. Amina Wekesa"] == got["Minister"] == "person/amina-wekesa"
    assert got["Secretary Paul Osei"] == "person/paul-osei"


@pytest.mark.slow
def test_full_name_beats_kb_surname_and_possessive_bodies(nlp_actors):
    doc = run(nlp_actors, "Putin Hassanov, a local analyst, said Chile's parliament must act.")
    got = links(doc)
    assert got["Putin Hassanov"] == "person/putin-hassanov"  # not Vladimir Putin
    assert got["Chile's parliament"] == "government/chiles-parliament"
    assert doc._.dip_actors["government/chiles-parliament"].country == "CHL"


@pytest.mark.slow
def test_heads_of_state_need_leaders_and_headline_verbs_are_cut(nlp_actors):
    doc = run(nlp_actors, "Foreign Minister Ana Ruiz met Foreign Minister Jon Berg. The two heads of "
                          "state did not attend. Both sides signed a memorandum.")
    got = links(doc)
    assert "two heads of state" not in got  # no head of state is in the doc
    assert got["Both sides"] == "person/ana-ruiz+person/jon-berg"
    doc = run(nlp_actors, "Emmanuel Macron Meets Ministers\n\nThe talks ended.", date="2022-06-01")
    assert links(doc) == {"Emmanuel Macron": "person/emmanuel-macron"}


@pytest.mark.slow
def test_bare_office_of_an_organization_in_the_doc(nlp_actors):
    doc = run(nlp_actors, "NATO allies met in Vilnius. The Secretary-General said the door stays open.",
              date="2023-07-11")
    assert links(doc)["Secretary-General"] == "person/jens-stoltenberg"


@pytest.mark.slow
def test_title_case_headline_words_are_not_surnames(nlp_actors):
    doc = run(nlp_actors, "Senate Votes Ban On Fishing Near Reefs\n\nBan Ki-moon welcomed the vote.",
              date="2015-01-01")
    assert [m.surface for m in doc._.dip_mentions] == ["Ban Ki-moon"]


# -- officials named by their state, appositions, ministries and state bodies ----------------
@pytest.mark.slow
def test_titles_in_apposition_give_the_person_role_and_state(nlp_actors):
    doc = run(nlp_actors, "Kwame Asante Boateng, the Ghanaian foreign minister, said the talks failed.")
    got = links(doc)
    assert got["Ghanaian foreign minister"] == got["Kwame Asante Boateng"] == "person/kwame-asante-boateng"
    boateng = doc._.dip_actors["person/kwame-asante-boateng"]
    assert (boateng.role, boateng.country) == ("Foreign Minister", "GHA")
    doc = run(nlp_actors, "The Foreign Minister of Ghana, Kwame Asante Boateng, met his counterpart.")
    got = links(doc)
    assert got["Foreign Minister of Ghana"] == "person/kwame-asante-boateng"
    assert doc._.dip_actors["person/kwame-asante-boateng"].country == "GHA"


@pytest.mark.slow
def test_official_titled_by_state_is_the_holder_else_the_government(nlp_actors):
    doc = run(nlp_actors, "The Chadian defence minister told reporters the army had withdrawn.")
    assert links(doc) == {"Chadian defence minister": "government/TCD"}
    doc = run(nlp_actors, "The Swedish defence minister spoke to the Finnish foreign minister.", date="2020-03-01")
    got = links(doc)
    assert got["Swedish defence minister"] == "person/peter-hultqvist"
    assert got["Finnish foreign minister"] == "person/pekka-haavisto"
    doc = run(nlp_actors, "Ghanaian Defence Minister Kwame Asante Boateng met his counterpart.")
    boateng = doc._.dip_actors["person/kwame-asante-boateng"]
    assert (boateng.role, boateng.country) == ("Defence Minister", "GHA")


@pytest.mark.slow
def test_ministries_and_bodies_of_a_state(nlp_actors):
    got = links(run(nlp_actors, "Peru's Ministry of Energy and Mines said exports rose."))
    assert got["Peru's Ministry of Energy"] == "government/PER"
    assert "Ministry of Energy" not in got
    got = links(run(nlp_actors, "The Ghanaian Ministry of Health issued a statement."))
    assert got["Ghanaian Ministry of Health"] == "government/GHA"
    got = links(run(nlp_actors, "The Ministry of Foreign Affairs of Ghana issued a statement on Monday."))
    assert got == {"Ministry of Foreign Affairs of Ghana": "government/GHA"}
    doc = run(nlp_actors, "Kenya's national intelligence agency said the plot was foiled.")
    body = doc._.dip_actors[links(doc)["Kenya's national intelligence agency"]]
    assert (body.type, body.country) == ("Government", "KEN")
    doc = run(nlp_actors, "Kyiv police said the two men were armed.")
    assert doc._.dip_actors[links(doc)["Kyiv police"]].country == "UKR"


@pytest.mark.slow
def test_bare_ministry_belongs_to_the_state_the_doc_is_about(nlp_actors):
    got = links(run(nlp_actors, "Ghana protested to Togo. The Foreign Ministry said that Ghana would not attend."))
    assert got["Foreign Ministry"] == "government/GHA"


@pytest.mark.slow
def test_lone_surname_is_the_person_named_in_full(nlp_actors):
    doc = run(nlp_actors, "Anna Blair, a local teacher, joined the march. Blair said she was hopeful.",
              date="2024-01-01")
    assert links(doc)["Blair"] == "person/anna-blair"


@pytest.mark.slow
def test_de_facto_states_act_only_when_named_as_actors(nlp_actors):
    doc = run(nlp_actors, "Abkhazia rejected the proposal, while fighting continued in Abkhazia.")
    assert [m.actor_id for m in doc._.dip_mentions] == ["government/republic-of-abkhazia"]
    assert doc._.dip_actors["government/republic-of-abkhazia"].country == "GEO"


@pytest.mark.slow
def test_multiword_demonyms_title_persons_and_stand_for_states(nlp_actors):
    got = links(run(nlp_actors, "Sri Lankan Foreign Minister Ali Sabry visited New Delhi.", date="2024-06-01"))
    assert got["Sri Lankan Foreign Minister Ali Sabry"] == "person/ali-sabry"
    assert "Sri Lankan" not in got
    got = links(run(nlp_actors, "The South African foreign minister met the Costa Rican president.",
                    date="2024-06-01"))
    assert got["South African foreign minister"] == "person/naledi-pandor"
    assert got["Costa Rican president"] == "person/rodrigo-chaves"
    got = links(run(nlp_actors, "Sri Lankan officials said the talks went well."))
    assert got == {"Sri Lankan officials": "government/LKA"}


@pytest.mark.slow
def test_counterparts_hold_the_possessors_office_in_the_state_named(nlp_actors):
    got = links(run(nlp_actors, "Russian Foreign Minister Sergey Lavrov spoke by phone with his Iranian "
                                "counterpart on Monday.", date="2021-09-01"))
    assert got["Iranian counterpart"] == "person/hossein-amir-abdollahian"
    assert "Iranian" not in got
    doc = run(nlp_actors, "Chadian Foreign Minister Jean Doe met his Nigerien counterpart, Paul Roe, in Niamey.")
    got = links(doc)
    assert got["Nigerien counterpart"] == got["Paul Roe"] == "person/paul-roe"
    roe = doc._.dip_actors["person/paul-roe"]
    assert (roe.role, roe.country) == ("Foreign Minister", "NER")
    got = links(run(nlp_actors, "Chadian Foreign Minister Jean Doe met his Nigerien counterpart in Niamey.",
                    date="2030-01-01"))
    assert got["Nigerien counterpart"] == "government/NER"


@pytest.mark.slow
def test_unknown_persons_keep_the_state_of_their_description(nlp_actors):
    for text in ("Kenyan human rights lawyer Jane Wambui Doe said the ruling was unjust.",
                 "Jane Wambui Doe, a Kenyan lawyer, said the ruling was unjust."):
        doc = run(nlp_actors, text)
        assert links(doc) == {"Jane Wambui Doe": "person/jane-wambui-doe"}  # "Kenyan" is no mention
        assert doc._.dip_actors["person/jane-wambui-doe"].country == "KEN"
    doc = run(nlp_actors, "Foreign Minister Jean Doe held talks with the Foreign Minister of Chad, who "
                          "thanked his host.")  # a state's title is another person than the one without
    assert links(doc)["Foreign Minister of Chad"] == "government/TCD"
    assert doc._.dip_actors["person/jean-doe"].country is None


@pytest.mark.slow
def test_state_officials_and_delegations_are_its_government(nlp_actors):
    got = links(run(nlp_actors, "US officials and New Zealand diplomats met the Chinese delegation."))
    assert got == {"US officials": "government/USA", "New Zealand diplomats": "government/NZL",
                   "Chinese delegation": "government/CHN"}


@pytest.mark.slow
def test_long_foreign_minister_titles_and_honorifics_in_apposition(nlp_actors):
    doc = run(nlp_actors, "The Minister of Foreign Affairs and International Cooperation, Ms. Grace Atieno, "
                          "met the press.")
    got = links(doc)
    assert got["Minister of Foreign Affairs and International Cooperation"] == "person/grace-atieno"
    assert doc._.dip_actors["person/grace-atieno"].role == "Foreign Minister"
    got = links(run(nlp_actors, "French Minister for Europe and Foreign Affairs Jean-Yves Le Drian spoke.",
                    date="2019-06-14"))
    assert got == {"French Minister for Europe and Foreign Affairs Jean-Yves Le Drian": "person/jean-yves-le-drian"}


@pytest.mark.slow
def test_departments_and_presidencies_of_states(nlp_actors):
    got = links(run(nlp_actors, "The Philippine Department of Foreign Affairs summoned the envoy."))
    assert got["Philippine Department of Foreign Affairs"] == "government/PHL"
    got = links(run(nlp_actors, "Manila protested. The Department of Foreign Affairs said the ship had left."))
    assert got["Department of Foreign Affairs"] == "government/PHL"
    assert links(run(nlp_actors, "The Nigerian Presidency said the trip was off."))["Nigerian Presidency"] \
        == "government/NGA"
    assert links(run(nlp_actors, "The Department of Economics at the university hosted the talk.")) == {}


@pytest.mark.slow
def test_title_with_a_state_complement_before_a_name(nlp_actors):
    doc = run(nlp_actors, "Minister of Foreign Affairs of Kenya Jane Wambui Doe met officials on Monday.")
    got = links(doc)
    assert got["Minister of Foreign Affairs of Kenya Jane Wambui Doe"] == "person/jane-wambui-doe"
    assert got["Kenya"] == "country/KEN"  # nested in the title
    doe = doc._.dip_actors["person/jane-wambui-doe"]
    assert (doe.role, doe.country) == ("Foreign Minister", "KEN")


@pytest.mark.slow
def test_organization_titles_and_plural_state_titles_resolve_to_holders(nlp_actors):
    got = links(run(nlp_actors, "The UN Secretary-General and the NATO chief urged restraint.", date="2024-11-01"))
    assert got["UN Secretary-General"] == "person/antonio-guterres"
    assert got["NATO chief"] == "person/mark-rutte"
    assert got["UN"] == "igo/united-nations"  # nested in the title
    got = links(run(nlp_actors, "A Hamas leader said the truce would hold."))
    assert got == {"Hamas": "armedgroup/hamas"}  # an indefinite title is anyone
    got = links(run(nlp_actors, "The foreign ministers of Egypt and Jordan called for a ceasefire.",
                    date="2024-10-01"))
    assert got["foreign ministers of Egypt and Jordan"] == "person/ayman-safadi+person/badr-abdelatty"
    got = links(run(nlp_actors, "The AU Commission chairperson urged dialogue.", date="2024-10-01"))
    assert got["AU Commission chairperson"] == "person/moussa-faki-mahamat"
    assert got["AU Commission"] == "igo/african-union"  # not the European Commission


@pytest.mark.slow
def test_spokespersons_by_seat_and_ministry(nlp_actors):
    got = links(run(nlp_actors, "The Kremlin spokesman and the Russian foreign ministry spokeswoman both "
                                "said the talks were useful.", date="2022-03-01"))
    assert got["Kremlin spokesman"] == "person/dmitry-peskov"
    assert got["Russian foreign ministry spokeswoman"] == "person/maria-zakharova"
    got = links(run(nlp_actors, "The White House press secretary said the talks were useful.",
                    date="2022-03-01"))
    assert got["White House press secretary"] == "person/jen-psaki"


@pytest.mark.slow
def test_month_names_and_longer_titles_and_bodies(nlp_actors):
    got = links(run(nlp_actors, "The agency had sent food to the region since May, but warned of hunger."))
    assert "May" not in got  # a date, not Theresa May
    got = links(run(nlp_actors, "Talks resumed in May 2019 between the two sides."))
    assert "May" not in got
    got = links(run(nlp_actors, "Theresa May met Angela Merkel in Berlin."))
    assert got["Theresa May"] == "person/theresa-may"
    got = links(run(nlp_actors, "Japan's chief cabinet secretary Yoshimasa Hayashi said Tokyo was watching.",
                    date="2022-06-01"))
    assert "government/JPN" not in got.values()  # a title, not the cabinet
    got = links(run(nlp_actors, "Pakistan cut the staff of India's High Commission to thirty."))
    assert "igo/european-commission" not in got.values()


@pytest.mark.slow
def test_a_leaders_regime_is_the_government(nlp_actors):
    got = links(run(nlp_actors, "The new measures punish the Putin regime for its actions.", date="2022-03-09"))
    assert got["Putin regime"] == "government/RUS"
    got = links(run(nlp_actors, "The Biden administration imposed sanctions on Iran.", date="2022-06-01"))
    assert got["Biden administration"] == "government/USA"
    assert got["Biden"] == "person/joe-biden"  # still mentioned inside


@pytest.mark.slow
def test_military_as_an_adjective_is_the_state(nlp_actors):
    got = links(run(nlp_actors, "Zelenskyy said UK military support was protecting power plants."))
    assert got["UK military"] == "country/GBR"
    got = links(run(nlp_actors, "Russia's military offensive stalled near the city."))
    assert got["Russia's military"] == "country/RUS"
    got = links(run(nlp_actors, "The Russian military shelled the town overnight."))
    assert got["Russian military"] == "armedgroup/armed-forces-of-the-russian-federation"


@pytest.mark.slow
def test_service_and_rank_are_no_name_and_portfolio_titles(nlp_actors):
    got = links(run(nlp_actors, "Deputy Press Secretary Navy Capt. John Smith provided the following statement."))
    assert set(got) == {"John Smith"}  # "Navy Capt" is no person
    got = links(run(nlp_actors, "U.K. Secretary of State for Defence Ben Wallace spoke with the Secretary.",
                    date="2021-01-23"))
    assert "government/GBR" not in got.values()  # the title is Wallace's, not the state's
    assert got["Ben Wallace"] == "person/ben-wallace"
