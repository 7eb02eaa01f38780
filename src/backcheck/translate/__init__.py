"""Back-translation engines behind one protocol, plus a translation cache.

Entry point: `get_translator(config) -> Translator`.
"""
from backcheck.translate.base import Translator


def get_translator(config) -> Translator:
    """Pick the engine named in config.engine ("auto": ct2 > marian > apertium)."""
    raise NotImplementedError("translation engines are not implemented yet")


__all__ = ["Translator", "get_translator"]
