"""Furniture cleaning: general rules on texts in several publishers' styles, and the dev gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.clean import caption_date, clean_text, is_sentence, page_date
from pipelines.language import detect_language, is_english

ROOT = Path(__file__).resolve().parents[2]
FURNITURE = ROOT / "tests" / "data" / "inputs" / "furniture"
DEV = ROOT.parent / "shared" / "data" / "dev"


@pytest.mark.parametrize("name", sorted(p.stem for p in FURNITURE.glob("*.txt")))
def test_publisher_style_pages_are_cleaned_exactly(name):
    raw = (FURNITURE / f"{name}.txt").read_text(encoding="utf-8")
    expected = (FURNITURE / f"{name}.expected").read_text(encoding="utf-8").strip()
    assert clean_text(raw) == expected


BODY = """Ministers sign railway pact

By the end of the talks, both sides had agreed to a ceasefire along the river.
Russia shares concerns about the treaty, its foreign ministry said.
"We agree."
Related talks in Geneva ended without agreement on Monday.
The leaders agreed to:
extend the truce for 30 days;
exchange prisoners.
Brussels criticised the platform's privacy policy and its cookie rules.
Both countries sign up to regular updates on troop movements.
NATO - Russia council meetings resumed in 2019, officials said.
Talks on the railway link
The railway will link the two capitals by 2030.
The two states disputed the copyright of the national anthem for years.
Source: a senior official told reporters the plan was agreed.
Research by the UN panel showed the river had shrunk.
Continue to talk, the envoy urged both sides."""


def test_body_lines_that_resemble_furniture_are_kept():
    assert clean_text(BODY) == BODY


def test_caption_repeating_a_later_body_sentence_is_dropped():
    text = (
        "Laos and Thailand open new bridge\n\n"
        "Laos and Thailand opened a bridge over the Mekong on Saturday.\n\n"
        "The Thai prime minister cuts the ribbon at the bridge in Nong Khai\n\n"
        "The Thai prime minister cuts the ribbon at the bridge in Nong Khai, officials said.\n"
    )
    assert clean_text(text) == (
        "Laos and Thailand open new bridge\n\n"
        "Laos and Thailand opened a bridge over the Mekong on Saturday.\n\n"
        "The Thai prime minister cuts the ribbon at the bridge in Nong Khai, officials said."
    )


def test_caption_repeating_the_headline_is_dropped_and_title_is_used():
    text = (
        "Mongolia signs gas deal with China\n"
        "Mongolia signs gas deal with China\n"
        "Mongolia signed a gas pipeline deal with China on Friday.\n"
    )
    assert clean_text(text) == (
        "Mongolia signs gas deal with China\nMongolia signed a gas pipeline deal with China on Friday."
    )
    body_only = "Mongolia signed a gas deal.\nMONGOLIA SIGNS GAS DEAL WITH CHINA\nChina welcomed it.\n"
    assert clean_text(body_only, title="Mongolia signs gas deal with China") == (
        "Mongolia signed a gas deal.\nChina welcomed it."
    )


def test_pull_quote_repeated_verbatim_is_dropped():
    quote = '"This is a new chapter," the Indian minister said.'
    text = (
        "Sri Lanka and India agree on ferry\n\n"
        "Sri Lanka and India agreed to restart a ferry service on Monday.\n\n"
        f"{quote}\n\nThe ferry will run twice a week.\n\n{quote}\n"
    )
    assert clean_text(text) == (
        "Sri Lanka and India agree on ferry\n\n"
        "Sri Lanka and India agreed to restart a ferry service on Monday.\n\n"
        f"{quote}\n\nThe ferry will run twice a week."
    )


def test_related_list_in_the_middle_goes_and_the_body_after_it_stays():
    text = (
        "Jordan hosts water talks\n\n"
        "Jordan hosted talks with Israel on water sharing on Sunday.\n\n"
        "Related stories\n\n"
        "Jordan river levels fall again\n\n"
        "What the drought means for farmers?\n\n"
        "Israel agreed to sell more water to Jordan this year, the ministry said.\n"
    )
    assert clean_text(text) == (
        "Jordan hosts water talks\n\n"
        "Jordan hosted talks with Israel on water sharing on Sunday.\n\n"
        "Israel agreed to sell more water to Jordan this year, the ministry said."
    )


def test_kicker_before_the_headline_and_short_lines_go():
    text = "World\nFiji and Tonga agree on fisheries\nTonga\nFiji and Tonga signed a fisheries pact.\nVideo\n"
    assert clean_text(text) == "Fiji and Tonga agree on fisheries\nFiji and Tonga signed a fisheries pact."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("MOSCOW (Reuters) - Russia said it would talk.", "Russia said it would talk."),
        ("PARIS, June 3 (AFP) -- France said it would talk.", "France said it would talk."),
        ("BEIRUT, Lebanon (AP) — Lebanon said it would talk.", "Lebanon said it would talk."),
        ("UNITED NATIONS — The council said it would talk.", "The council said it would talk."),
        ("MINSK, March 3. /TASS/. Belarus said it would talk.", "Belarus said it would talk."),
        ("NEW YORK, 12 May 2023 - The envoy said he would talk.", "The envoy said he would talk."),
        ("BEIJING, June 2 (Xinhua) -- China said it would talk.", "China said it would talk."),
        ("NATO - Russia talks resumed on Monday.", "NATO - Russia talks resumed on Monday."),
    ],
)
def test_agency_dateline_is_cut_from_the_first_body_line(line, expected):
    assert clean_text(f"Talks resume\n\n{line}\n\nParis — second line stays.") == (
        f"Talks resume\n\n{expected}\n\nParis — second line stays."
    )


def test_line_endings_and_blank_runs_are_normalized():
    assert clean_text("Chad and Niger met.\r\n\r\n\r\n\r\nNiger hosted the talks.\r\n") == (
        "Chad and Niger met.\n\nNiger hosted the talks."
    )


def test_is_sentence():
    assert is_sentence("The talks ended.")
    assert is_sentence('He said: "We will come back. "')
    assert is_sentence("Why now?")
    assert is_sentence("The treaty was signed in 1997.[3]")
    assert not is_sentence("Copyright AP Photo/Jane Roe, Pool")
    assert not is_sentence("Kenya and Tanzania sign border accord")


def test_language_detection():
    assert is_english("The foreign ministers met in Geneva on Tuesday to discuss the treaty.")
    assert not is_english("Der Außenminister traf am Dienstag seinen Amtskollegen in Genf zu Gesprächen.")
    assert detect_language("El ministro de Exteriores se reunió el martes con su homólogo en Ginebra.")[0] == "es"
    assert is_english("Gespräche in Genf")  # too short to judge


# --- dev texts: the body stays verbatim ---------------------------------------------------


def _dev_body(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return raw.split("\n\n", 1)[1] if raw.startswith("URL:") else raw


@pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not available")
@pytest.mark.parametrize("stem", sorted(p.stem for p in DEV.glob("*.txt")) if DEV.is_dir() else [])
def test_gold_evidence_survives_cleaning(stem):
    cleaned = clean_text(_dev_body(DEV / f"{stem}.txt"))
    gold = json.loads((DEV / f"{stem}.gold.json").read_text(encoding="utf-8"))
    missing = [e["evidence"] for e in gold["events"] if e["evidence"] not in cleaned]
    assert missing == []


@pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not available")
def test_page_furniture_of_the_sample_article_goes():
    (path,) = DEV.glob("00_*.txt")
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    raw_lines = [line.strip() for line in raw.splitlines() if line.strip()]
    kept = [line for line in cleaned.splitlines() if line]
    # kept lines are source lines, in order; the headline first, then sentences only
    assert kept[0] == raw_lines[0]
    assert all(is_sentence(line) for line in kept[1:])
    positions = [raw_lines.index(line) for line in kept]
    assert positions == sorted(positions)
    # every line dropped inside the body is a non-sentence (button, caption, credit, byline) ...
    last = raw_lines.index(kept[-1])
    dropped = [line for line in raw_lines[:last] if line not in kept]
    assert len(dropped) >= 6 and not any(is_sentence(line) for line in dropped)
    assert len(raw_lines) - last - 1 >= 4  # ... and the tail (share bar, link list) goes
    # ... and every sentence of the body is kept
    assert [line for line in raw_lines[1:last + 1] if is_sentence(line)] == kept[1:]
    for marker in ("ADVERTISEMENT", "Copyright", "Share this article", "Close Button", "You might also like"):
        assert marker not in cleaned


def test_hard_wrapped_plain_text_is_joined_back_into_paragraphs():
    import textwrap

    paragraphs = [
        "Norway and Chile agreed on Tuesday to resume talks on fishing rights in the southern ocean, "
        "the Norwegian foreign ministry said. The two governments broke off negotiations last year.",
        "Chilean officials said a delegation would travel to Oslo next month, and that the Chilean "
        "navy would stop inspecting Norwegian trawlers while the talks went on.",
        "Norway welcomed the decision and said it hoped for a treaty by the end of the year, "
        "according to a statement from the ministry in Oslo.",
    ]
    wrapped = "Norway and Chile agree to resume fishing talks\n\nBy Ingrid Olsen\n\n" + "\n\n".join(
        textwrap.fill(p, 72) for p in paragraphs
    )
    assert wrapped.count("\n") > 10
    assert clean_text(wrapped) == "\n\n".join(["Norway and Chile agree to resume fishing talks", *paragraphs])


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("agency_ap_style", "2023-05-09"),
        ("daily_paper_style", "2023-01-10"),
        ("foreign_broadcaster_style", "2023-04-14"),
        ("government_readout_style", "2023-04-03"),
        ("gulf_broadcaster_style", "2023-05-02"),
        ("public_broadcaster_style", "2022-09-12"),
        ("wire_reuters_style", None),  # "Updated 3 hours ago" has no date
    ],
)
def test_page_date_from_stamp_lines(name, date):
    assert page_date((FURNITURE / f"{name}.txt").read_text(encoding="utf-8")) == date


def test_caption_date_skips_file_photos_and_sentences():
    assert caption_date("T\nLeaders meet in Suva, June 2, 2023. Photo: Jo Roe/AFP\nThey met.") == "2023-06-02"
    assert caption_date("T\nFILE - Leaders in Suva, June 2, 2019. (AP Photo/Jo Roe, File)") is None
    assert caption_date("T\nThey met on June 2, 2023, Photo: the ministry said.") is None


def test_page_date_ignores_dates_in_sentences_and_impossible_dates():
    assert page_date("Talks\nThe two sides met on 2 May 2023 in Suva.") is None
    assert page_date("Talks\n31 February 2023\nThey met.") is None
