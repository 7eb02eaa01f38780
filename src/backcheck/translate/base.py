"""The Translator protocol every engine implements."""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Translator(Protocol):
    name: str                  # "marian" | "ct2" | "apertium"

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate `texts` from `src` to `tgt` ("pt"/"en"): batched, same order and
        length as the input, "" for "" input."""
        ...

    def info(self, src: str, tgt: str) -> dict:
        """{"name", "model", "revision"} for the report's `engine` field."""
        ...
