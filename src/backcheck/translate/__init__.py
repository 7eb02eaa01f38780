"""Back-translation engines behind one protocol, plus a translation cache.

Entry point: `get_translator(config) -> Translator`.
"""
from __future__ import annotations

from backcheck.errors import InputError
from backcheck.translate.base import Translator

ENGINES = ("auto", "ct2", "marian", "apertium", "none")


def _engine(name: str, config):
    if name == "ct2":
        from backcheck.translate.ct2 import Ct2Translator
        return Ct2Translator(config.model, beam=config.beam)
    if name == "marian":
        from backcheck.translate.marian import MarianTranslator
        return MarianTranslator(config.model, beam=config.beam, allow_pickle=config.allow_pickle)
    if name == "apertium":
        from backcheck.translate.apertium import ApertiumTranslator
        return ApertiumTranslator()
    raise InputError(None, f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def pick(config) -> str:
    """The engine "auto" resolves to: ct2 if a converted model is present for both
    directions, else marian if a model is present, else apertium if installed."""
    from backcheck.translate import apertium, models
    if all(models.find(config.model, d, "ct2") for d in models.DIRECTIONS):
        return "ct2"
    if all(models.find(config.model, d, "hf") for d in models.DIRECTIONS):
        return "marian"
    if apertium.installed():
        return "apertium"
    where = config.model or models.default_dir()
    raise InputError(None, f"no translation engine available: no model in {where} and "
                           "apertium is not installed; run `backcheck models download` or "
                           "`apt-get install apertium apertium-es-pt apertium-eng-spa`")


def get_translator(config) -> Translator | None:
    """Pick the engine named in config.engine ("auto": ct2 > marian > apertium), wrapped
    in the translation cache unless config.cache is False."""
    name = config.engine or "auto"
    if name == "none":                   # check without translating (callers allow it)
        return None
    engine = _engine(pick(config) if name == "auto" else name, config)
    if config.cache is False:
        return engine
    from backcheck.translate.cache import CachedTranslator, TranslationCache
    return CachedTranslator(engine, TranslationCache(config.cache_dir))


def get_scorer(config, translator):
    """A forced-decoding scorer (English given Portuguese) sharing the translator's Marian
    model when the translator is a Marian engine (marian or ct2); None otherwise (Apertium
    has no scores)."""
    if translator is None or translator.name not in ("marian", "ct2"):
        return None
    from backcheck.translate import scorer
    from backcheck.translate.marian import MarianFamily
    engine = getattr(translator, "inner", translator)      # under the cache
    return scorer.load(config, engine=engine if isinstance(engine, MarianFamily) else None)


__all__ = ["Translator", "get_scorer", "get_translator", "pick"]
