"""load → segment → translate → align → check → report, for one article.

Entry point: `check(article, translator=None, config=None) -> Report`.
"""
from __future__ import annotations

import re
import time

from backcheck import align, checks, segment
from backcheck.checks import calibration
from backcheck.article import Article
from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.report import score
from backcheck.report.model import BeadLoc, Report

WORD = re.compile(r"\w+")


def check(article: Article, translator=None, config: Config | None = None,
          scorer=None, observations: dict | None = None) -> Report:
    """Check one article. `observations`, when given, collects every check's scores for
    `backcheck calibrate` (see checks.calibration)."""
    config = config or Config()
    started = time.perf_counter()
    seg = segment.segment(article)
    longest = max((len(s.text) for s in seg.pt + seg.en), default=0)
    if longest > config.max_sentence_chars:
        raise InputError(article.source or article.id,
                         f"a sentence of {longest} characters exceeds max_sentence_chars "
                         f"({config.max_sentence_chars})")
    pt_texts = [s.text for s in seg.pt]
    en_texts = [s.text for s in seg.en]
    pt2en = en2pt = None
    engine = None
    if translator is not None:
        pt2en = translator.translate(pt_texts, "pt", "en")
        en2pt = translator.translate(en_texts, "en", "pt")
        engine = translator.info("pt", "en")
    beads, partial = align.align_article(seg, pt2en, en2pt)
    cal = calibration.load(config.calibration, engine["name"] if engine else "none")
    ctx = checks.Context(article, seg, pt2en, en2pt, beads, config, partial, scorer,
                         calibration=cal, observations=observations)
    if observations is not None:
        observations["units"] = observations.get("units", 0) + sum(
            1 for b in beads if b.src and b.tgt)
    report = Report(id=article.id, engine=engine, source=article.source)
    report.issues = checks.run(ctx)
    report.alignment = [BeadLoc(ctx.loc("pt", b.src), ctx.loc("en", b.tgt), b.score)
                        for b in beads]
    if partial:
        report.notes.append("The Portuguese side has no body: the English body had no "
                            "Portuguese source and was not checked for additions.")
    pt_words = sum(len(WORD.findall(t)) for t in pt_texts)
    en_words = sum(len(WORD.findall(t)) for t in en_texts)
    words = pt_words or en_words
    if partial:   # most of the English has no source: score per 100 words of what was read
        words = max(words, en_words)
    report.stats = {"pt_sentences": len(pt_texts), "en_sentences": len(en_texts),
                    "pt_words": pt_words, "en_words": en_words,
                    "calibration": cal.signature(),
                    "seconds": round(time.perf_counter() - started, 3)}
    return score.apply(report, words, config)
