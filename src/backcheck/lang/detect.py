"""Language identification: is a piece of text Portuguese or English?

Entry points: `detect(text) -> "pt" | "en" | None`, `confidence(text) -> {"pt": p, "en": q}`,
and `identify(text)`: the language of a whole side of an article, which may be neither.
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
    (digits, punctuation, or only capitalised words, which are usually names). Where
    lingua is unsure, function words only one language has decide ("and", "on" against
    "de", "da")."""
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
    if conf[best] >= MIN_CONFIDENCE:
        return best
    # unsure (a line of Portuguese names: "São Paulo metro opens Orfanato and Água Rasa
    # stations"): function words that only one of the two languages has decide
    from backcheck.lang.words import own_function_words
    low = [w.lower() for w in words if not w[0].isupper()]
    own = {lang: sum(w in own_function_words(lang) for w in low) for lang in ("pt", "en")}
    if own["pt"] != own["en"] and min(own.values()) == 0:
        return max(own, key=own.get)
    return None


# The languages a side given as Portuguese or English may turn out to be in: the two, their
# neighbours and the languages news agencies most often carry. Not all 75 lingua knows:
# loading them all takes about ten times as long (~2 s per process here).
SIDE_LANGUAGES = ("PORTUGUESE", "ENGLISH", "SPANISH", "FRENCH", "ITALIAN", "CATALAN",
                  "ROMANIAN", "LATIN", "GERMAN", "DUTCH", "POLISH", "RUSSIAN", "TURKISH",
                  "ARABIC", "CHINESE", "JAPANESE")


@lru_cache(maxsize=1)
def _side_detector():
    # low-accuracy mode: a whole side of an article is long enough for it, and it is fast
    from lingua import Language, LanguageDetectorBuilder
    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, n) for n in SIDE_LANGUAGES)).with_low_accuracy_mode().build()


MIN_SIDE_WORDS = 8       # fewer plain words than this: no decision on a whole side
LONG_SIDE_WORDS = 30     # from this many, a third language is named (measured: no error at
#                          30 plain words on 2,778 windows of real pt and en news text; 3 at 20)
MAX_SIDE_WORDS = 200     # read at most this many words, spread over the whole side
SURE = 0.9


@lru_cache(maxsize=256)
def identify(text: str) -> tuple[str, str, float] | None:
    """The language of a whole side of an article: (ISO 639-1 code, English name,
    confidence), e.g. ("es", "Spanish", 0.99); None when it cannot be told with confidence.

    Names carry no language, so only the words that are not capitalised are read. Portuguese
    or English is decided by the two-language detector from MIN_SIDE_WORDS words; another
    language of SIDE_LANGUAGES is named only from LONG_SIDE_WORDS words, where even
    lingua's fast mode does not confuse Portuguese with Spanish or Catalan."""
    words = _WORDS.findall(text or "")
    plain = [w for w in words if not w[0].isupper()]
    # every k-th word: the sample spans the side (a side half left in Portuguese is mixed,
    # not Portuguese), and lingua reads character n-grams inside words, not word order
    plain = plain[::-(-len(plain) // MAX_SIDE_WORDS) or 1]
    if len(plain) < MIN_SIDE_WORDS:
        return None
    joined = " ".join(plain)
    if len(plain) >= LONG_SIDE_WORDS:
        values = _side_detector().compute_language_confidence_values(joined)
        if values and values[0].value >= SURE and \
                values[0].language.name not in ("PORTUGUESE", "ENGLISH"):
            top = values[0]
            return (top.language.iso_code_639_1.name.lower(), top.language.name.capitalize(),
                    top.value)
    conf = confidence(joined)
    best = max(conf, key=conf.get)
    if conf[best] < SURE:
        return None
    return (best, {"pt": "Portuguese", "en": "English"}[best], conf[best])
