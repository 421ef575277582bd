"""Language identification of input texts (dipkg reads English only).

Uses ``py3langid`` (a maintained fork of langid.py, ~5 MB, 97 languages),
loaded lazily once per process. Very short texts carry too little evidence
to judge and are accepted.

>>> detect_language("The foreign ministers met in Geneva on Tuesday to discuss the treaty.")[0]
'en'
>>> is_english("Le ministre a rencontré son homologue à Genève mardi pour discuter du traité.")
False
>>> is_english("NATO, EU")  # too short to judge
True
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["MIN_WORDS", "detect_language", "is_english"]

#: Texts with fewer words than this are not judged (accepted as English).
MIN_WORDS = 8

#: A text is rejected only when another language wins with at least this probability.
CONFIDENCE = 0.9

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, probability)`` of the most likely language.

    >>> detect_language("Der Kanzler traf gestern den Präsidenten in Berlin zu langen Gesprächen.")[0]
    'de'
    """
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def is_english(text: str, *, min_words: int = MIN_WORDS, confidence: float = CONFIDENCE) -> bool:
    """True unless ``text`` is confidently in another language.

    Texts under ``min_words`` words are accepted (too short to judge).

    >>> is_english("Russia and Turkey agreed to keep talking about the situation in Syria.")
    True
    """
    if len(_WORD.findall(text)) < min_words:
        return True
    lang, prob = detect_language(text)
    return lang == "en" or prob < confidence
