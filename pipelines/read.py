"""Read input files and folders into cleaned :class:`~kg.records.Document` records.

Formats, chosen by extension:

- ``.txt`` / ``.md``: plain text with optional YAML front matter
  (``id``, ``title``, ``date``, ``url``, ``publisher``; other keys ignored)
  or, instead, a header block of ``URL:``, ``TITLE:``, ``DATE:``,
  ``PUBLISHER:``, ``LICENSE:`` (...) lines ended by a blank line;
- ``.html`` / ``.htm``: article pages; main text and metadata (title, date,
  url, site name as publisher) extracted with trafilatura;
- ``.jsonl``: one JSON object per line, ``text`` required, ``id``, ``title``,
  ``date``, ``url``, ``publisher`` optional.

Document id: the metadata ``id``, else the file stem; a JSONL record without
``id`` gets ``<stem>-<line number>``. Title: the metadata title, else the
headline line kept at the top of the cleaned text, if any. Date (ISO
``YYYY-MM-DD``): the metadata date, else a date stamp line at the top of the
page ("Published On 2 May 2023", :func:`pipelines.clean.page_date`), else
``default_date``, else the date of a credited photo caption at the top (not a
file photo), else None. The text is cleaned of page furniture
(:func:`pipelines.clean.clean_text`) and must be English.

Folders are read recursively in sorted order; hidden entries, files of
other types and documentation files (``README``, ``SOURCES``, ``LICENSE``...
any extension) are skipped. A named file of another type is
an error.

Bad inputs raise :class:`~kg.errors.InputError` with one line naming the file
(and line) and the reason, or are passed to ``on_error`` so that reading goes
on with the next document:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("---\\nid: talks\\n---\\nNorway and Chile met in Oslo.\\n")
>>> _ = (folder / "b.txt").write_text("")
>>> errors = []
>>> [(d.id, d.text) for d in read_inputs([folder], on_error=errors.append)]
[('talks', 'Norway and Chile met in Oslo.')]
>>> [str(e).replace(str(folder), "DIR") for e in errors]
['DIR/b.txt: empty file']
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Document
from pipelines.clean import caption_date, clean_text, is_sentence, page_date
from pipelines.language import detect_language, is_english

__all__ = ["MAX_BYTES", "MAX_CHARS", "SUFFIXES", "normalize_date", "read_inputs"]

#: Extensions read; any other file in a folder is skipped.
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
#: Default size limit of one document (a file, or one JSONL line), in bytes.
MAX_BYTES = 5_000_000
#: Longest cleaned text the NLP stage takes, in characters (spaCy's default ``nlp.max_length``).
MAX_CHARS = 1_000_000

#: Stems of documentation files skipped in folders (name the file to read it anyway).
_DOC_STEMS = frozenset(
    "README SOURCES LICENSE LICENCE NOTICE CHANGELOG CHANGES AUTHORS CONTRIBUTING COPYING".split()
)
_FIELDS = ("id", "title", "date", "url", "publisher")
#: A JSON escape such as "\ud800" without its pair decodes to a lone surrogate: no Unicode text.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Header-block keys (as in ``URL: ...`` lines opening a text) and the fields they fill.
_HEADER_KEYS = {
    "ID": "id", "TITLE": "title", "DATE": "date", "URL": "url", "PUBLISHER": "publisher",
    "LICENSE": None, "LICENCE": None, "SOURCE": None, "AUTHOR": None, "LANGUAGE": None,
}
_HEADER_LINE = re.compile(r"^(%s): (.*)$" % "|".join(_HEADER_KEYS))
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_SUFFIX_LIST = ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]

PathLike = str | os.PathLike[str]


def normalize_date(value: Any) -> str | None:
    """Return ``value`` (a date, datetime or date string) as ISO ``YYYY-MM-DD``.

    Raises ``ValueError`` when it is not a date.

    >>> normalize_date("2020-06-26T10:30:00Z"), normalize_date(dt.date(2021, 11, 15))
    ('2020-06-26', '2021-11-15')
    >>> normalize_date("26 June 2020")
    '2020-06-26'
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        match = _ISO.match(text)
        if match:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        import dateparser

        parsed = dateparser.parse(
            text, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
        )
        if parsed is not None:
            return parsed.date().isoformat()
    raise ValueError(f"{value!r} is not a date")


def read_inputs(
    paths: Iterable[PathLike] | PathLike,
    *,
    default_date: str | dt.date | None = None,
    on_error: Callable[[InputError], None] | None = None,
    max_bytes: int = MAX_BYTES,
    english_only: bool = True,
) -> Iterator[Document]:
    """Yield one cleaned :class:`Document` per input text, in order.

    ``paths`` are files and folders. Each bad input becomes an ``InputError``
    given to ``on_error`` (reading goes on) or, when it is None, raised.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.jsonl"
    >>> line = '{"id": "n1", "text": "Peru and Chile signed a deal.", "date": "2023-05-02"}'
    >>> _ = path.write_text(line + "\\n")
    >>> [(d.id, d.date) for d in read_inputs([path], default_date="2023-01-01")]
    [('n1', '2023-05-02')]
    """
    try:
        default = normalize_date(default_date)
    except ValueError:
        raise InputError(f"date {default_date!r} is not a date: use YYYY-MM-DD") from None
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]

    def report(message: str) -> None:
        err = InputError(message)
        if on_error is None:
            raise err
        on_error(err)

    seen: dict[str, str] = {}
    for path in _iter_files(paths, report):
        reader = _read_jsonl if path.suffix.lower() == ".jsonl" else _read_file
        for item in reader(path, max_bytes, report):
            meta, text, source = item
            try:
                doc = _document(meta, text, source, path.stem, default, english_only)
            except InputError as err:
                report(str(err))
                continue
            if doc.id in seen:
                report(f"{source}: duplicate document id {doc.id!r} (also {seen[doc.id]}); "
                       "give one of them another 'id'")
                continue
            seen[doc.id] = source
            yield doc


def _iter_files(paths: Iterable[PathLike], report: Callable[[str], None]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                os.listdir(path)
            except OSError as err:
                report(_unreadable(path, err))
                continue
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file() and not _skipped(p.relative_to(path))
            )
            if not found:
                report(f"{path}: no {_SUFFIX_LIST} file in this folder")
            yield from found
        elif path.is_symlink() and not path.exists():
            report(f"{path}: broken or looping symbolic link; point it at an existing file")
        elif not path.exists():
            report(f"{path}: no such file or directory")
        elif path.suffix.lower() not in SUFFIXES:
            report(f"{path}: unsupported file type {path.suffix or '(none)'!r} (use {_SUFFIX_LIST})")
        elif not path.is_file():
            report(f"{path}: not a regular file (a pipe or device?); save the text to a file")
        else:
            yield path


def _unreadable(path: Path | str, err: OSError) -> str:
    """One line for a file or folder that cannot be opened ("Permission denied"...)."""
    return f"{path}: cannot read ({err.strerror or err})"


def _skipped(relative: Path) -> bool:
    """Hidden entries and documentation files such as README.md or SOURCES.md."""
    return any(part.startswith(".") for part in relative.parts) or relative.stem in _DOC_STEMS


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data:
        raise InputError(f"{where}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where}: not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save it as UTF-8"
        ) from None


def _read_file(
    path: Path, max_bytes: int, report: Callable[[str], None]
) -> Iterator[tuple[dict[str, Any], str, str]]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            report(f"{where}: file too large ({size:,} bytes; limit {max_bytes:,})")
            return
        data = path.read_bytes()
    except OSError as err:
        report(_unreadable(where, err))
        return
    try:
        if not data.strip():
            raise InputError(f"{where}: empty file")
        text = _decode(data, where)
        if path.suffix.lower() in (".html", ".htm"):
            meta, body = _parse_html(text, where)
        else:
            meta, body = _parse_front_matter(text, where)
    except InputError as err:
        report(str(err))
        return
    yield meta, body, where


def _read_jsonl(
    path: Path, max_bytes: int, report: Callable[[str], None]
) -> Iterator[tuple[dict[str, Any], str, str]]:
    try:
        handle = path.open("rb")
    except OSError as err:
        report(_unreadable(path, err))
        return
    records = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            records += 1
            try:
                if len(raw) > max_bytes:
                    raise InputError(
                        f"{where}: record too large ({len(raw):,} bytes; limit {max_bytes:,})"
                    )
                line = _decode(raw, where)
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    reason = re.sub(r"\s+at$", "", err.msg).lower()
                    raise InputError(f"{where}: malformed JSON ({reason}, column {err.colno})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{where}: a record must be a JSON object with a \"text\" field")
                text = record.get("text")
                if not isinstance(text, str):
                    raise InputError(f"{where}: record has no \"text\" string")
                if not text.strip():
                    raise InputError(f"{where}: empty text")
            except InputError as err:
                report(str(err))
                continue
            meta = {key: record[key] for key in _FIELDS if key in record}
            meta.setdefault("id", f"{path.stem}-{number}")
            yield meta, text, where
    if not records:
        report(f"{path}: empty file")


def _parse_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    import frontmatter
    import yaml

    handler = frontmatter.YAMLHandler()
    if not handler.detect(text.lstrip()):
        return _parse_header_block(text)
    try:
        head, body = handler.split(text.lstrip())
        meta = handler.load(head)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        at = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{where}: malformed front matter ({problem}{at})") from None
    except ValueError:
        raise InputError(f"{where}: malformed front matter (no closing '---' line)") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"{where}: malformed front matter (expected 'key: value' lines)")
    if not body.strip():
        raise InputError(f"{where}: no text after the front matter")
    return meta, body


def _parse_header_block(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``KEY: value`` block (``URL:``, ``TITLE:``, ``DATE:``...) and a blank line."""
    lines = text.lstrip("\n").split("\n")
    meta: dict[str, Any] = {}
    for n, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        if match:
            key = _HEADER_KEYS[match.group(1)]
            if key:
                meta[key] = match.group(2).strip()
            continue
        if n >= 2 and not line.strip():
            return meta, "\n".join(lines[n + 1:])
        break
    return {}, text


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _parse_html(text: str, where: str) -> tuple[dict[str, Any], str]:
    import trafilatura

    try:
        with _quiet("trafilatura"), _quiet("htmldate"):
            result = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, include_tables=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except Exception as err:  # noqa: BLE001 - any parser failure is a bad input
        raise InputError(f"{where}: unparseable HTML ({type(err).__name__})") from None
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        raise InputError(f"{where}: no article text found in the HTML")
    meta = {
        "title": result.title,
        "date": result.date,
        "url": result.url,
        "publisher": result.sitename or result.hostname,
    }
    if not any(is_sentence(line) for line in body.splitlines()):
        raise InputError(f"{where}: no article text found in the HTML")
    paragraphs = (line.strip() for line in body.splitlines())
    return {k: v for k, v in meta.items() if v}, "\n\n".join(p for p in paragraphs if p)


def _headline(text: str) -> str | None:
    """The first line of a cleaned text when it is a headline (not a sentence)."""
    first = text.split("\n", 1)[0].strip()
    return first if "\n" in text and len(first.split()) >= 3 and not is_sentence(first) else None


def _document(
    meta: dict[str, Any], text: str, source: str, stem: str, default: str | None, english_only: bool
) -> Document:
    for key, value in (("text", text), *meta.items()):
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:  # from a JSON escape: no text can be written out with it
            raise InputError(f'{source}: "{key}" has an unpaired surrogate escape '
                             f'(\\u{ord(found.group()):04x}), not Unicode text')
    fields: dict[str, str | None] = {}
    for key in ("id", "title", "url", "publisher"):
        value = meta.get(key)
        if isinstance(value, (list, dict)):
            raise InputError(f"{source}: {key!r} must be a single value, not {value!r}")
        fields[key] = None if value is None or str(value).strip() == "" else str(value).strip()
    try:
        date = normalize_date(meta.get("date"))
    except ValueError:
        raise InputError(f"{source}: date {meta.get('date')!r} is not a date: use YYYY-MM-DD") from None
    cleaned = clean_text(text, title=fields["title"])
    if not cleaned.strip():
        raise InputError(f"{source}: no article text left after removing page furniture")
    if len(cleaned) > MAX_CHARS:
        raise InputError(
            f"{source}: text too long ({len(cleaned):,} characters; limit {MAX_CHARS:,}); split it into several files"
        )
    if english_only and not is_english(cleaned):
        lang, _ = detect_language(cleaned)
        raise InputError(f"{source}: not English (detected {lang!r}); dipkg reads English text only")
    return Document(
        id=fields["id"] or stem,
        text=cleaned,
        title=fields["title"] or _headline(cleaned),
        date=date or page_date(text) or default or caption_date(text),
        url=fields["url"],
        publisher=fields["publisher"],
        source=source,
    )
