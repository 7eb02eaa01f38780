"""Sentence alignment by dynamic programming over back-translation similarity.

Language-agnostic and usable alone (like Bleualign). Entry points:
`align(src, tgt, src2tgt, tgt2src=None) -> list[Bead]` for two sentence lists, and
`align_article(seg, pt2en, en2pt) -> (beads, partial_source)` for an article.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bead:
    src: tuple[int, ...]       # indices into the source list (pt at article level)
    tgt: tuple[int, ...]       # indices into the target list (en at article level)
    score: float | None        # similarity in [0, 1], None when not computable


def align(src: list[str], tgt: list[str], src2tgt: list[str] | None = None,
          tgt2src: list[str] | None = None) -> list[Bead]:
    """Placeholder: monotone 1-1 pairing, leftovers as 1-0 / 0-1."""
    n = min(len(src), len(tgt))
    beads = [Bead((i,), (i,), None) for i in range(n)]
    beads += [Bead((i,), (), None) for i in range(n, len(src))]
    beads += [Bead((), (j,), None) for j in range(n, len(tgt))]
    return beads


def align_article(seg, pt2en, en2pt):
    """Align an article field by field. Returns (beads over seg.pt/seg.en indices,
    partial_source) where partial_source is True when pt has no body but en has."""
    pt_texts = [s.text for s in seg.pt]
    en_texts = [s.text for s in seg.en]
    return align(pt_texts, en_texts, pt2en, en2pt), False
