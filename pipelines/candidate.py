"""The event candidate: an event under construction, still tied to its tokens.

>>> Candidate.__dataclass_fields__["confidence"].default
0.85
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.records import Event
from pipelines.triggers import TriggerSpec

__all__ = ["Candidate", "to_event"]


@dataclass
class Candidate:
    """An event under construction (tokens still attached)."""

    spec: TriggerSpec
    type: str
    token: Token
    sent: Span
    actors: list[str]
    recipients: list[str] = field(default_factory=list)
    reciprocal: bool = False
    mode: str | None = None
    context: str | None = None
    detail: str | None = None
    cameo: str | None = None
    confidence: float = 0.85
    noun: Token | None = None
    topics: list[str] = field(default_factory=list)
    reported_by: str | None = None
    date: str | None = None
    future: bool = False
    main: bool = False
    topic_only: bool = False
    complement_targets: bool = False
    trigger: str = ""

    @property
    def anchors(self) -> set[int]:
        """Token indices that stand for the event (trigger and its noun)."""
        return {self.token.i} | ({self.noun.i} if self.noun is not None else set())


def to_event(cand: Candidate, text: str) -> Event:
    """The record for a settled candidate; ``text``: its document's text (``doc.text``)."""
    sent = cand.sent
    start, end = sent.start_char, sent.end_char
    return Event(
        type=cand.type, actors=list(cand.actors), recipients=list(cand.recipients),
        reciprocal=cand.reciprocal, date=cand.date, mode=cand.mode, context=cand.context, detail=cand.detail,
        topics=list(cand.topics), cameo=cand.cameo, reported_by=cand.reported_by,
        evidence=text[start:end], char_start=start, char_end=end,
        confidence=round(cand.confidence, 2), trigger=cand.trigger,
    )  # fmt: skip
