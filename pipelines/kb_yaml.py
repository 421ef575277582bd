"""Reading and checking the YAML files of the knowledge base (used by :mod:`pipelines.kb_build`).

Every problem is one :class:`kg.errors.DipkgError` naming the file, the entry
and the fix.

>>> import pathlib, tempfile
>>> f = pathlib.Path(tempfile.mkdtemp()) / "people.yaml"
>>> _ = f.write_text("- name: Jane Roe\\n  offices: [{role: Envoy, start: 2019-05}]\\n", encoding="utf-8")
>>> entry = read_yaml(f, list)[0]
>>> check_keys(entry, "person", f, entry["name"])
>>> span(entry["offices"][0], f, "Jane Roe", what="the office")
('2019-05', None)
>>> try:
...     check_keys({"name": "Jane Roe", "variants": "Roe"}, "person", f, "Jane Roe")
... except DipkgError as exc:
...     print(str(exc).split(".yaml': ")[1])
`variants` of the person 'Jane Roe' is 'Roe', not a list of texts; write variants: ["...", "..."]
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from kg.errors import DipkgError

__all__ = ["bad", "check_keys", "check_types", "iso_date", "read_yaml", "require", "span"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _read(path: Path, *, required: bool = True) -> Any:
    import yaml

    if not path.is_file():
        if not required:
            return None
        raise DipkgError(f"knowledge base file {str(path)!r} is missing: restore it from the "
                         "repository's data/kb/ or set DIPKG_KB_DIR to a complete knowledge base")
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as exc:
        raise DipkgError(f"knowledge base file {str(path)!r} cannot be read ({exc.strerror or exc}): "
                         "make it readable or set DIPKG_KB_DIR to another knowledge base") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DipkgError(f"knowledge base file {str(path)!r} is not valid YAML ({exc}): "
                         "fix the syntax at the position shown") from exc


def bad(path: Path, what: str, fix: str) -> DipkgError:
    """The error for a bad entry: ``what`` is wrong, ``fix`` says what to write."""
    return DipkgError(f"knowledge base file {str(path)!r}: {what}; {fix}")


def require(entry: Any, key: str, path: Path, fix: str) -> Any:
    """``entry[key]``, after checking that the entry is a mapping with a non-empty ``key``.

    >>> require({"name": "Jane Roe"}, "name", Path("x.yaml"), "give every person a name")
    'Jane Roe'
    """
    if not isinstance(entry, dict) or not entry.get(key):
        raise bad(path, f"entry {entry!r} has no `{key}`", fix)
    return entry[key]


def iso_date(value: Any, path: Path, who: str) -> str | None:
    """An ISO date at any precision ("2019", "2019-05", "2019-05-01") from a YAML value, checked.

    >>> import datetime
    >>> iso_date(datetime.date(2019, 5, 1), Path("x.yaml"), "Jane Roe"), iso_date("2019-05", Path("x.yaml"), "Jane Roe")
    ('2019-05-01', '2019-05')
    """
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    text = str(value)
    if not _DATE.match(text):
        raise bad(path, f"date {text!r} of {who!r} is not ISO", 'write "YYYY-MM-DD" (or "YYYY-MM", "YYYY")')
    try:
        _dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError as exc:
        raise bad(path, f"date {text!r} of {who!r} does not exist", "correct the date") from exc
    return text


def span(entry: dict, path: Path, who: str, *, what: str) -> tuple[str | None, str | None]:
    """The checked ``start`` and ``end`` of an entry (an office, an organization's existence)."""
    start, end = iso_date(entry.get("start"), path, who), iso_date(entry.get("end"), path, who)
    if start and end and end < start:
        raise bad(path, f"{what} ends ({end}) before it starts ({start})", "swap or correct the dates")
    return start, end


#: The fields of each kind of entry.
_KEYS = {"person": {"name", "id", "country", "variants", "surname", "wikidata", "offices", "role"},
         "office": {"role", "country", "org", "start", "end", "titles"},
         "organization": {"label", "id", "type", "country", "variants", "descriptions", "leaders",
                          "member_of", "wikidata", "start", "end"}}
#: Fields holding one name or code, and fields holding a list of names.
_TEXT_KEYS = {"name", "label", "id", "type", "country", "org", "role", "wikidata", "actor", "kind", "state",
              "principal"}
_LIST_KEYS = {"variants", "descriptions", "leaders", "member_of", "titles", "hosts"}


def check_keys(entry: dict, kind: str, path: Path, who: Any) -> None:
    """Only the fields of ``kind`` (person, office, organization), each of its type."""
    unknown = sorted(set(entry) - _KEYS[kind])
    if unknown:
        raise bad(path, f"unknown field(s) {unknown} in the {kind} {who!r}",
                  f"use only {sorted(_KEYS[kind])}")
    check_types(entry, kind, path, who)


def check_types(entry: dict, kind: str, path: Path, who: Any) -> None:
    """Names must be texts, lists of names lists of texts (a number or a bare word is a typo)."""
    for key, value in entry.items():
        if value is None:
            continue
        text_ok = isinstance(value, str) or (key == "surname" and _texts(value))
        if (key in _TEXT_KEYS or key == "surname") and not text_ok:
            raise bad(path, f"`{key}` of the {kind} {who!r} is {value!r}, not a text", f'write {key}: "..."')
        if key in _LIST_KEYS and not _texts(value):
            raise bad(path, f"`{key}` of the {kind} {who!r} is {value!r}, not a list of texts",
                      f'write {key}: ["...", "..."]')
        if key == "offices" and not isinstance(value, list):
            raise bad(path, f"`offices` of the {kind} {who!r} is not a list",
                      "write offices: [{role: ..., start: ...}]")


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def read_yaml(path: Path, kind: type, *, required: bool = True) -> Any:
    """The top-level ``kind`` (dict or list) of the YAML file ``path``; empty when the file is."""
    data = _read(path, required=required)
    if data is None:
        return kind()
    if not isinstance(data, kind):
        raise bad(path, f"expected a YAML {kind.__name__} at top level, found {type(data).__name__}",
                  "see data/kb/README.md for the format")
    return data


