"""The event trigger lexicon: PLOVER types, CAMEO codes and argument frames as data.

The lexicon lives in ``pipelines/lexicons/triggers.yaml`` (package data) and is
read once, on first use (the ``dipkg_events`` component reads it when it is created).

>>> verb_spec("back").type, verb_spec("back").cameo
('SUPPORT', '051')
>>> phrase_spec("express", "concern").recip[:2]
('about', 'over')
>>> type_info("ACCUSE")
(3, -3.0)
>>> verb_spec("sing") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import DipkgError

__all__ = [
    "PLOVER_TYPES",
    "TriggerSpec",
    "adjective_spec",
    "context_of",
    "lexicon",
    "noun_spec",
    "phrase_spec",
    "type_info",
    "verb_spec",
    "word_set",
]

LEXICON_PATH = Path(__file__).resolve().parent / "lexicons" / "triggers.yaml"

#: The 16 PLOVER event types, cooperative to conflictual.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Types whose future-tense statement is an AGREE (PLOVER manual).
COOPERATIVE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: Material conflict types whose conditional statement is a THREATEN.
THREAT_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})


@dataclass(frozen=True)
class TriggerSpec:
    """One lexicon entry: what a trigger word means and where its parties are.

    ``recip``: prepositions whose object is a recipient; ``obj``: ``"recipient"``
    or ``"none"`` (the direct object is a thing); ``absorb``: the trigger takes
    an event complement that is part of this event ("urged X to cease").
    """

    key: str
    type: str
    cameo: str
    mode: str | None = None
    detail: str | None = None
    recip: tuple[str, ...] = ()
    obj: str = "recipient"
    reciprocal: bool = False
    absorb: bool = False
    strength: float = 0.85
    needs: tuple[str, ...] = ()
    needs_agent: bool = False
    needs_recipient: bool = False
    plural: bool = False


def _words(values: Any) -> tuple[str, ...]:
    """Word lists as strings (YAML 1.1 reads a bare ``on`` as True)."""
    return tuple("on" if v is True else "off" if v is False else str(v) for v in values or ())


def _spec(key: str, raw: dict[str, Any]) -> TriggerSpec:
    etype = raw.get("type")
    if etype not in PLOVER_TYPES:
        raise DipkgError(f"trigger {key!r} in {LEXICON_PATH} has type {etype!r}: use one of {PLOVER_TYPES}")
    return TriggerSpec(
        key=key,
        type=etype,
        cameo=str(raw.get("cameo") or ""),
        mode=raw.get("mode"),
        detail=raw.get("detail"),
        recip=_words(raw.get("recip")),
        obj=raw.get("obj", "recipient"),
        reciprocal=bool(raw.get("reciprocal", False)),
        absorb=bool(raw.get("absorb", False)),
        strength=float(raw.get("strength", 0.85)),
        needs=_words(raw.get("needs")),
        needs_agent=bool(raw.get("needs_agent", False)),
        needs_recipient=bool(raw.get("needs_recipient", False)),
        plural=bool(raw.get("plural", False)),
    )


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed lexicon: ``types``, ``verbs``, ``phrases``, ``nouns`` and word lists."""
    import yaml

    try:
        raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DipkgError(f"cannot read the trigger lexicon {str(LEXICON_PATH)!r}: {exc}; reinstall dipkg") from exc
    out: dict[str, Any] = {"types": raw["types"]}
    for section in ("verbs", "phrases", "nouns", "adjectives"):
        out[section] = {key: _spec(key, val) for key, val in (raw.get(section) or {}).items()}
    out["contexts"] = {name: frozenset(_words(words)) for name, words in (raw.get("contexts") or {}).items()}
    for section in ("speech", "negative", "directive", "cooperative_future", "positive", "convergent",
                    "convergent_noun"):
        out[section] = frozenset(_words(raw.get(section)))
    return out


def verb_spec(lemma: str) -> TriggerSpec | None:
    """The entry for a verb lemma, or None."""
    return lexicon()["verbs"].get(lemma.lower())


def phrase_spec(verb: str, word: str) -> TriggerSpec | None:
    """The entry for a light verb + noun/particle pair ("express", "concern"), or None."""
    return lexicon()["phrases"].get(f"{verb.lower()} {word.lower()}")


def adjective_spec(lemma: str) -> TriggerSpec | None:
    """The entry for a predicative adjective ("willing", "ready"), or None."""
    return lexicon()["adjectives"].get(lemma.lower())


def noun_spec(lemma: str) -> TriggerSpec | None:
    """The entry for an event nominal ("conversation", "visit"), or None."""
    return lexicon()["nouns"].get(lemma.lower())


def word_set(name: str) -> frozenset[str]:
    """A word list of the lexicon: ``speech``, ``negative``, ``directive``, ``cooperative_future``."""
    return lexicon()[name]


#: Contexts implied by a CAMEO code prefix when the words give none (longest prefix first).
_CAMEO_CONTEXTS = (("1723", "pro_autocracy"), ("1724", "pro_autocracy"), ("0871", "military"), ("075", "asylum"),
                   ("15", "military"), ("19", "military"), ("18", "military"), ("1621", "economic"),
                   ("163", "economic"), ("16", "diplomatic"), ("04", "diplomatic"), ("05", "diplomatic"),
                   ("174", "migration"), ("173", "legal"), ("115", "legal"), ("116", "legal"))  # fmt: skip


def context_of(words: set[str] | frozenset[str], cameo: str | None = None) -> str | None:
    """The PLOVER context the words around a trigger point to, else the one its CAMEO code implies.

    >>> context_of({"troops", "troop", "deploy"}), context_of({"talks"}, "041"), context_of(set())
    ('military', 'diplomatic', None)
    """
    best, hits = None, 0
    for name, cues in lexicon()["contexts"].items():
        n = len(cues & words)
        if n > hits:
            best, hits = name, n
    if best is None and cameo:
        best = next((ctx for prefix, ctx in _CAMEO_CONTEXTS if cameo.startswith(prefix)), None)
    return best


def type_info(etype: str) -> tuple[int, float]:
    """``(quad class, PLOVER score)`` of a type."""
    entry = lexicon()["types"][etype]
    return int(entry["quad"]), float(entry["score"])


def default_cameo(etype: str) -> str:
    """The CAMEO code of a type when no trigger gives a finer one."""
    return str(lexicon()["types"][etype]["cameo"])
