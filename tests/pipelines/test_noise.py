"""Page noise: photo credits are no actors, dateline slashes are no credits."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _mentions(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc._.dip_date = "2024-01-12"
    return [(m.surface, m.actor_id) for m in nlp(doc)._.dip_mentions]


def test_a_slash_in_a_dateline_keeps_the_line(nlp):
    mentions = _mentions(nlp, "ROME/BERLIN, Jan 12 - Italy criticized Hungary over the vote.")
    assert ("Italy", "country/ITA") in mentions
    assert ("Hungary", "country/HUN") in mentions


def test_a_photo_credit_slash_drops_the_name(nlp):
    mentions = _mentions(nlp, "Italy criticized Hungary over the vote.\nReuters/Maria Rossi\n")
    assert [m for m in mentions if "Rossi" in m[0]] == []
