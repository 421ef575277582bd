"""Reading inputs: formats, metadata precedence, every bad-input message, batches."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records import Document
from pipelines.read import normalize_date, read_inputs

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "tests" / "data" / "inputs"
DEV = ROOT.parent / "shared" / "data" / "dev"


def read_all(paths, **options):
    errors: list[str] = []
    docs = list(read_inputs(paths, on_error=lambda e: errors.append(str(e)), **options))
    return docs, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- formats -------------------------------------------------------------------------------


def test_markdown_with_front_matter():
    docs, errors = read_all([INPUTS / "front_matter.md"], default_date="2000-01-01")
    assert errors == []
    assert docs == [
        Document(
            id="fm-sample",
            text=(
                "Malaysia and Singapore settle water deal\n\n"
                "Malaysia and Singapore signed a new agreement on Wednesday on the price of raw "
                "water that Singapore buys from the state of Johor."
            ),
            title="Malaysia and Singapore settle water deal",
            date="2022-08-17",
            url="https://example.org/malaysia-singapore-water",
            publisher="Straits Test Wire",
            source=str(INPUTS / "front_matter.md"),
        )
    ]


def test_plain_text_takes_id_from_stem_and_the_default_date():
    docs, errors = read_all([INPUTS / "plain.txt"], default_date="2023-03-02")
    assert errors == []
    assert [(d.id, d.date, d.title, d.url, d.publisher) for d in docs] == [
        ("plain", "2023-03-02", None, None, None)
    ]
    assert docs[0].text == (
        "Vietnam and the Philippines held talks in Hanoi on Thursday about fishing in the "
        "South China Sea."
    )


def test_no_date_anywhere_is_none(tmp_path):
    docs, _ = read_all([write(tmp_path / "x.txt", "Chile and Peru signed a fishing accord.\n")])
    assert docs[0].date is None


def test_metadata_date_beats_default_date_and_yaml_datetimes_are_normalized(tmp_path):
    path = write(tmp_path / "dated.md", "---\ndate: 2019-08-19 14:30:00\nid: 7\n---\nTalks were held.\n")
    docs, errors = read_all([path], default_date=dt.date(2024, 1, 1))
    assert errors == []
    assert (docs[0].id, docs[0].date) == ("7", "2019-08-19")


def test_html_article_text_and_metadata():
    docs, errors = read_all([INPUTS / "ap_style_article.html"])
    assert errors == []
    (doc,) = docs
    assert (doc.id, doc.title, doc.date, doc.url, doc.publisher) == (
        "ap_style_article",
        "Ghana and Togo agree to reopen border crossings",
        "2023-06-05",
        "https://news.example.org/africa/ghana-togo-border",
        "Coastline News",
    )
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Ghana and Togo agree to reopen border crossings"
    # the agency dateline is cut; caption, byline, share bar, ad, related list, footer are gone
    assert paragraphs[1].startswith("Ghana and Togo agreed on Monday to reopen three border crossings")
    assert len(paragraphs) == 5
    for furniture in ("AP Photo", "ADVERTISEMENT", "Share", "Related", "Benin", "Privacy", "cookies"):
        assert furniture not in doc.text


def test_jsonl_records_ids_dates_and_line_errors():
    path = INPUTS / "records.jsonl"
    docs, errors = read_all([path], default_date="2020-01-01")
    assert [(d.id, d.date, d.title, d.publisher, d.source) for d in docs] == [
        ("rec-a", "2023-07-13", "Egypt hosts Sudan talks", "Nile Test Wire", f"{path}:1"),
        ("records-2", "2023-04-13", None, None, f"{path}:2"),
    ]
    assert errors == [
        f"{path}:3: malformed JSON (invalid control character, column 81)",
        f'{path}:4: record has no "text" string',
        f'{path}:6: a record must be a JSON object with a "text" field',
        f"{path}:7: no article text left after removing page furniture",
    ]


def test_jsonl_unpaired_surrogate_escape_is_a_line_error(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "a", "text": "Chile and Peru met. \\ud800 End."}\n'
                    '{"id": "b", "title": "Talks \\udfff", "text": "Chile and Peru met on Monday."}\n'
                    '{"id": "c", "text": "Chile and Peru met again. \\ud83c\\udf0d"}\n', encoding="utf-8")
    docs, errors = read_all([path], default_date="2020-01-01")
    assert [d.id for d in docs] == ["c"]  # a surrogate pair is one character: fine
    assert errors == [
        f'{path}:1: "text" has an unpaired surrogate escape (\\ud800), not Unicode text',
        f'{path}:2: "title" has an unpaired surrogate escape (\\udfff), not Unicode text',
    ]


def test_normalize_date():
    assert normalize_date("2020-06-26") == "2020-06-26"
    assert normalize_date("2020-06-26T23:10:00+02:00") == "2020-06-26"
    assert normalize_date("June 26, 2020") == "2020-06-26"
    assert normalize_date(dt.datetime(2020, 6, 26, 8, 0)) == "2020-06-26"
    assert normalize_date(None) is None
    with pytest.raises(ValueError):
        normalize_date("next week or so")
    with pytest.raises(ValueError):
        normalize_date("2020-13-45")


# --- bad inputs: one line naming the file and the reason ------------------------------------

BAD_CASES = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\n\t\n", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    "latin1.txt": (b"Caf\xe9 talks in Paris.", "not UTF-8 text (byte 0xe9 at offset 3); save it as UTF-8"),
    "only_meta.md": (b"---\nid: x\n---\n\n", "no text after the front matter"),
    "bad_yaml.md": (
        b"---\ntitle: Talks: a summit\n---\nTalks.\n",
        "malformed front matter (mapping values are not allowed in this context, line 2)",
    ),
    "list_yaml.md": (b"---\n- a\n- b\n---\nTalks.\n", "malformed front matter (expected 'key: value' lines)"),
    "bad_date.md": (b"---\ndate: soon\n---\nTalks were held.\n", "date 'soon' is not a date: use YYYY-MM-DD"),
    "list_id.md": (b"---\nid: [a, b]\n---\nTalks were held.\n", "'id' must be a single value, not ['a', 'b']"),
    "furniture.txt": (
        b"Share this article\nComments\nADVERTISEMENT\n",
        "no article text left after removing page furniture",
    ),
    "french.txt": (
        "Le ministre des affaires étrangères a rencontré mardi son homologue allemand à Berlin.\n".encode(),
        "not English (detected 'fr'); dipkg reads English text only",
    ),
    "menu.html": (
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "no article text found in the HTML",
    ),
    "empty.jsonl": (b"\n\n", "empty file"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input_message(tmp_path, name):
    content, reason = BAD_CASES[name]
    path = write(tmp_path / name, content)
    docs, errors = read_all([path])
    assert docs == []
    assert errors == [f"{path}: {reason}"]


def test_missing_path_and_unsupported_named_file(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4")
    docs, errors = read_all([tmp_path / "nope.txt", pdf])
    assert docs == []
    assert errors == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{pdf}: unsupported file type '.pdf' (use .txt, .md, .html, .htm or .jsonl)",
    ]


def test_broken_and_looping_links_are_one_line(tmp_path):
    loop, gone = tmp_path / "loop.txt", tmp_path / "gone.txt"
    loop.symlink_to(loop)
    gone.symlink_to(tmp_path / "missing.txt")
    docs, errors = read_all([loop, gone])
    assert docs == []
    assert errors == [
        f"{loop}: broken or looping symbolic link; point it at an existing file",
        f"{gone}: broken or looping symbolic link; point it at an existing file",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_not_read(tmp_path):
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    docs, errors = read_all([pipe])
    assert docs == [] and errors == [f"{pipe}: not a regular file (a pipe or device?); save the text to a file"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_says_so(tmp_path):
    locked = tmp_path / "locked"
    write(locked / "a.txt", "Chile and Peru met in Lima.\n")
    locked.chmod(0)
    try:
        docs, errors = read_all([locked])
    finally:
        locked.chmod(0o755)
    assert docs == [] and errors == [f"{locked}: cannot read (Permission denied)"]


def test_too_large_file_and_record(tmp_path):
    big = write(tmp_path / "big.txt", "Chile and Peru talk. " * 10)
    rec = write(tmp_path / "big.jsonl", '{"text": "%s"}\n{"text": "Peru and Chile met."}\n' % ("x " * 60))
    docs, errors = read_all([big, rec], max_bytes=100)
    assert [d.id for d in docs] == ["big-2"]
    assert errors == [
        f"{big}: file too large (210 bytes; limit 100)",
        f"{rec}:1: record too large (133 bytes; limit 100)",
    ]


def test_text_longer_than_the_nlp_limit_is_skipped(tmp_path):
    # under the byte limit but over spaCy's max_length: was a ValueError traceback in `dipkg build`
    long = write(tmp_path / "long.txt", "a" * 1_000_001)
    ok = write(tmp_path / "ok.txt", "Chile and Peru held talks in Lima on Monday.\n")
    docs, errors = read_all([long, ok], default_date="2024-01-01")
    assert [d.id for d in docs] == ["ok"]
    assert errors == [f"{long}: text too long (1,000,001 characters; limit 1,000,000); split it into several files"]


def test_folder_without_inputs(tmp_path):
    write(tmp_path / "notes.pdf", b"%PDF")
    docs, errors = read_all([tmp_path])
    assert docs == [] and errors == [f"{tmp_path}: no .txt, .md, .html, .htm or .jsonl file in this folder"]


def test_duplicate_ids_are_reported(tmp_path):
    a = write(tmp_path / "a" / "talks.txt", "Chile and Peru met in Lima.\n")
    b = write(tmp_path / "b" / "talks.txt", "Chile and Peru met in Lima again.\n")
    docs, errors = read_all([tmp_path])
    assert [d.source for d in docs] == [str(a)]
    assert errors == [f"{b}: duplicate document id 'talks' (also {a}); give one of them another 'id'"]


def test_without_on_error_the_first_bad_input_raises(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    with pytest.raises(InputError, match=r"empty\.txt: empty file$"):
        list(read_inputs([path]))


def test_bad_default_date_raises():
    with pytest.raises(InputError, match=r"date 'tomorrow-ish' is not a date: use YYYY-MM-DD"):
        list(read_inputs([INPUTS / "plain.txt"], default_date="tomorrow-ish"))


# --- batches and folders ---------------------------------------------------------------------


def test_batch_skips_bad_files_and_reads_the_good_one(tmp_path):
    write(tmp_path / "a_empty.txt", b"")
    write(tmp_path / "b_binary.txt", b"\x00\x01\x02binary")
    write(tmp_path / "c_good.txt", "---\nid: good\n---\nKenya and Uganda agreed to build a railway.\n")
    docs, errors = read_all([tmp_path])
    assert [(d.id, d.text) for d in docs] == [("good", "Kenya and Uganda agreed to build a railway.")]
    assert errors == [
        f"{tmp_path / 'a_empty.txt'}: empty file",
        f"{tmp_path / 'b_binary.txt'}: binary file (NUL bytes), not text",
    ]


def test_folders_are_read_recursively_in_order_skipping_other_files(tmp_path):
    write(tmp_path / "b.txt", "Peru and Chile met.\n")
    write(tmp_path / "a" / "c.md", "Ghana and Togo met.\n")
    write(tmp_path / "a" / "d.HTM", (INPUTS / "ap_style_article.html").read_bytes())
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / "README.md", "How this folder is organised.\n")
    write(tmp_path / "SOURCES.md", "Where the texts come from.\n")
    write(tmp_path / ".hidden.txt", "Norway and Chile met.\n")
    docs, errors = read_all([tmp_path])
    assert errors == []
    assert [d.id for d in docs] == ["c", "d", "b"]
    assert [d.source for d in docs] == [
        str(tmp_path / "a" / "c.md"), str(tmp_path / "a" / "d.HTM"), str(tmp_path / "b.txt")
    ]


def test_a_single_path_string_is_accepted():
    docs, _ = read_all(str(INPUTS / "plain.txt"))
    assert [d.id for d in docs] == ["plain"]


# --- the sample corpus ---------------------------------------------------------------------


def test_sample_corpus_reads_with_dev_ids_and_dates():
    docs, errors = read_all([ROOT / "data" / "articles"])
    assert errors == []
    assert len(docs) == 9
    assert all(d.id == Path(d.source).stem for d in docs)
    assert docs[0].id == "00_euronews_macron-putin-libya-2020-06-26"
    assert (docs[0].date, docs[0].publisher) == ("2020-06-26", "Euronews")
    assert all(d.publisher.startswith("President of Russia") and d.url for d in docs[1:])
    assert all(d.date and d.title for d in docs)


@pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not available")
def test_sample_corpus_bodies_match_the_dev_texts():
    docs = {d.id: d for d in read_inputs([ROOT / "data" / "articles"])}
    assert sorted(docs) == sorted(p.stem for p in DEV.glob("*.txt"))
    for path in sorted(DEV.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        article = (ROOT / "data" / "articles" / path.name).read_text(encoding="utf-8")
        if raw.startswith("URL:"):
            header, body = raw.split("\n\n", 1)
            fields = dict(line.split(": ", 1) for line in header.splitlines())
            doc = docs[path.stem]
            assert (doc.title, doc.date, doc.url) == (fields["TITLE"], fields["DATE"], fields["URL"])
            assert doc.text == body.strip()  # official texts: cleaning changes nothing
        else:
            body = raw
        assert article.endswith("\n---\n" + body)  # body byte-identical after the front matter


def test_title_falls_back_to_the_headline_line(tmp_path):
    page = write(
        tmp_path / "page.txt",
        "Share this article\nFiji and Tonga agree on fisheries\nFiji and Tonga signed a fisheries pact.\n",
    )
    one_line = write(tmp_path / "one.txt", "Fiji and Tonga agree on fisheries\n")
    docs, errors = read_all([page, one_line])
    assert errors == []
    assert [(d.title, d.text) for d in docs] == [
        ("Fiji and Tonga agree on fisheries", "Fiji and Tonga agree on fisheries\nFiji and Tonga signed a fisheries pact."),
        (None, "Fiji and Tonga agree on fisheries"),
    ]


def test_header_block_is_metadata(tmp_path):
    path = write(
        tmp_path / "readout.txt",
        "URL: https://example.org/r/1\nPUBLISHER: Ministry of Foreign Affairs\nDATE: 2023-02-01\n"
        "TITLE: Minister meets envoy\nLICENSE: CC BY 4.0\n\nThe minister met the Swiss envoy in Bern.\n",
    )
    not_a_header = write(tmp_path / "body.txt", "DATE: 2023-02-01\n\nThe minister met the envoy.\n")
    docs, errors = read_all([path, not_a_header])
    assert errors == []
    assert [(d.id, d.title, d.date, d.url, d.publisher, d.text) for d in docs] == [
        ("readout", "Minister meets envoy", "2023-02-01", "https://example.org/r/1",
         "Ministry of Foreign Affairs", "The minister met the Swiss envoy in Bern."),
        ("body", None, "2023-02-01", None, None, "The minister met the envoy."),  # a date stamp line
    ]


@pytest.mark.skipif(not DEV.is_dir(), reason="shared dev texts not available")
def test_raw_dev_texts_read_like_the_corpus():
    corpus = {d.id: d for d in read_inputs([ROOT / "data" / "articles"])}
    raw = list(read_inputs([DEV]))
    assert [d.id for d in raw] == sorted(corpus)
    for doc in raw[1:]:  # texts with a header block: same document as the front-matter file
        expected = corpus[doc.id]
        assert (doc.text, doc.title, doc.date, doc.url, doc.publisher) == (
            expected.text, expected.title, expected.date, expected.url, expected.publisher
        )
    assert raw[0].text == corpus[raw[0].id].text
    assert raw[0].date == corpus[raw[0].id].date  # no header: the credited caption's date


def test_caption_date_is_the_last_resort(tmp_path):
    page = (
        "Fiji and Tonga agree on fisheries\n"
        "The two ministers in Suva, Fiji, Monday, May 8, 2023. (AP Photo/Jo Roe)\n"
        "Fiji and Tonga signed a fisheries pact.\n"
    )
    path = write(tmp_path / "caption.txt", page)
    assert [d.date for d in read_inputs([path])] == ["2023-05-08"]
    assert [d.date for d in read_inputs([path], default_date="2023-05-09")] == ["2023-05-09"]


def test_date_stamp_of_the_page_comes_before_the_default_date(tmp_path):
    page = write(
        tmp_path / "page.txt",
        "Fiji and Tonga agree on fisheries\nUpdated 9 May 2023\nPublished On 8 May 2023\n"
        "Fiji and Tonga signed a fisheries pact.\n",
    )
    dated = write(tmp_path / "dated.md", "---\ndate: 2023-05-07\n---\n" + page.read_text())
    docs, _ = read_all([page, dated, INPUTS / "plain.txt"], default_date="2000-01-01")
    assert [(d.id, d.date) for d in docs] == [("page", "2023-05-08"), ("dated", "2023-05-07"), ("plain", "2000-01-01")]
