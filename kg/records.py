"""Extraction records: the one seam between the NLP stage and the graph.

``pipelines/`` produces these plain dataclasses; ``kg/`` turns them into RDF.
Nothing here imports spaCy, so another extractor can feed the same records.

>>> doc = Document(id="a1", text="France and Russia met.", date="2020-06-26")
>>> fra = Actor(id="country/FRA", type="Country", label="France", iso3="FRA")
>>> ev = Event(type="CONSULT", actors=["country/FRA", "country/RUS"], reciprocal=True,
...            evidence="France and Russia met.", char_start=0, char_end=22)
>>> rec = Extraction(document=doc, actors=[fra], events=[ev])
>>> Extraction.from_dict(rec.to_dict()) == rec
True
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ACTOR_TYPES", "Actor", "Document", "Event", "Extraction", "Mention"]

#: Actor types of the public schema (``dip:<type>``).
ACTOR_TYPES = ("Person", "Country", "Government", "ArmedGroup", "IGO", "Organization")


@dataclass
class Document:
    """One input text, cleaned, with its metadata.

    ``date`` is the publication date as ISO ``YYYY-MM-DD`` (or None).
    ``source`` is the path (and line) the record came from, for messages.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None


@dataclass
class Actor:
    """A political actor, from the knowledge base or new in a text.

    ``id`` is the stable local part of its IRI: ``country/FRA``,
    ``person/emmanuel-macron``, ``igo/un``, ``armedgroup/libyan-national-army``.
    ``country`` is the ISO alpha-3 code of the actor's state (persons, groups).
    ``leader_of`` / ``member_of`` hold ids of other actors.
    """

    id: str
    type: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    iso3: str | None = None
    country: str | None = None
    role: str | None = None
    leader_of: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class Mention:
    """One mention of an actor in a document: code-point offsets into ``Document.text``.

    A plural mention ("the two heads of state") yields one Mention per actor.
    """

    actor_id: str
    char_start: int
    char_end: int
    surface: str


@dataclass
class Event:
    """A PLOVER event.

    ``date`` is ISO at the precision the text allows: ``2020-06-26``, ``2019-08``
    or ``2011``. ``topics`` are actor ids. ``mode`` is the PLOVER mode (``phone``,
    ``visit``...) or an auxiliary one (``historical``, ``future``...);
    ``detail`` keeps finer wording ("videoconference"). ``char_start``/``char_end``
    are the evidence sentence's offsets in the document text.
    """

    type: str
    actors: list[str]
    recipients: list[str] = field(default_factory=list)
    reciprocal: bool = False
    date: str | None = None
    mode: str | None = None
    context: str | None = None
    detail: str | None = None
    topics: list[str] = field(default_factory=list)
    cameo: str | None = None
    reported_by: str | None = None
    evidence: str = ""
    char_start: int = 0
    char_end: int = 0
    confidence: float = 0.5
    trigger: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extractor: str = "dipkg"
    model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serializable form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Inverse of :meth:`to_dict`."""
        return cls(
            document=Document(**data["document"]),
            actors=[Actor(**a) for a in data.get("actors", [])],
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            events=[Event(**e) for e in data.get("events", [])],
            extractor=data.get("extractor", "dipkg"),
            model=data.get("model"),
        )
