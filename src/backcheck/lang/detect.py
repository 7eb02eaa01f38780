"""Language identification: is a piece of text Portuguese or English?

Entry points: `detect(text) -> "pt" | "en" | None`, `confidence(text) -> {"pt": p, "en": q}`.
lingua (high-accuracy mode, restricted to the two languages) decides; names carry no
language, so mostly-capitalised short texts are left undecided.
"""
from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 3          # fewer letters than this: no decision
MIN_CONFIDENCE = 0.6     # lingua's relative confidence for the winner (two languages)
_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _detector():
    # Built once, lazily: lingua loads its n-gram models on first use (~0.3 s).
    from lingua import Language, LanguageDetectorBuilder
    return LanguageDetectorBuilder.from_languages(Language.PORTUGUESE, Language.ENGLISH).build()


def confidence(text: str) -> dict[str, float]:
    """{"pt": p, "en": 1 - p} from lingua (both 0.0 when it sees no letters)."""
    from lingua import Language
    vals = {c.language: c.value for c in _detector().compute_language_confidence_values(text)}
    return {"pt": vals.get(Language.PORTUGUESE, 0.0), "en": vals.get(Language.ENGLISH, 0.0)}


@lru_cache(maxsize=8192)
def detect(text: str) -> str | None:
    """Return "pt", "en" or None when the text is too short or unclear
    (digits, punctuation, or only capitalised words, which are usually names)."""
    words = _WORDS.findall(text or "")
    if sum(len(w) for w in words) < MIN_LETTERS:
        return None
    if all(w[0].isupper() for w in words) and len(words) <= 4:
        return None                      # "Xi Jinping", "EFE/EPA": names carry no language
    # Capitalised words after the first are mostly names (São Paulo, Xi Jinping): they
    # say little about the language of the sentence, so leave them out when enough
    # other words remain.
    plain = words[:1] + [w for w in words[1:] if not w[0].isupper()]
    if len(plain) >= 3:
        words = plain
    conf = confidence(" ".join(words))
    best = max(conf, key=conf.get)
    return best if conf[best] >= MIN_CONFIDENCE else None
