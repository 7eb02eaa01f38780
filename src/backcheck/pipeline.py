"""load → segment → translate → align → check → report, for one article or many.

Entry points: `check(article, translator=None, config=None, scorer=None) -> Report` and
`check_many(articles, translator=None, config=None, scorer=None, return_exceptions=False)
-> list[Report]`, which translates the sentences of all the articles in one engine call per
direction (engines are much faster on one big batch than on many small ones).
The library's face over this module is `backcheck.Checker` (backcheck/api.py).
"""
from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from backcheck import align, checks, segment
from backcheck.article import Article
from backcheck.checks import calibration
from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.report import score
from backcheck.report.model import BeadLoc, Report

WORD = re.compile(r"\w+")


def check(article: Article, translator=None, config: Config | None = None,
          scorer=None, observations: dict | None = None) -> Report:
    """Check one article; raises InputError when it cannot be checked. `observations`,
    when given, collects every check's scores for `backcheck calibrate` (see
    checks.calibration)."""
    return check_many([article], translator, config, scorer, observations=observations)[0]


@dataclass
class Prepared:
    """An article on its way through: its sentences, their translations, time spent."""
    article: Article
    seg: segment.Segmented
    seconds: float
    pt2en: list[str] | None = None
    en2pt: list[str] | None = None


def check_many(articles: Sequence[Article], translator=None, config: Config | None = None,
               scorer=None, return_exceptions: bool = False,
               observations: dict | None = None) -> list:
    """The reports of many articles, in order. With return_exceptions an article that
    cannot be checked gives its exception in its place instead of stopping the others."""
    config = config or Config()
    work: list = []
    for art in articles:
        t = time.perf_counter()
        try:
            work.append(Prepared(art, segmented(art, config), time.perf_counter() - t))
        except Exception as e:
            if not return_exceptions:
                raise
            work.append(e)
    if translator is not None:
        translate_together([w for w in work if isinstance(w, Prepared)], translator)
    out: list = []
    for w in work:
        if isinstance(w, Prepared):
            try:
                w = report(w, translator, config, scorer, observations)
            except Exception as e:
                if not return_exceptions:
                    raise
                w = e
        out.append(w)
    return out


def segmented(article: Article, config: Config) -> segment.Segmented:
    """The article's sentences; an InputError when one is longer than the configuration
    allows (max_sentence_chars)."""
    seg = segment.segment(article)
    longest = max((len(s.text) for s in seg.pt + seg.en), default=0)
    if longest > config.max_sentence_chars:
        raise InputError(article.source or article.id,
                         f"a sentence of {longest} characters exceeds max_sentence_chars "
                         f"({config.max_sentence_chars})")
    return seg


def translate_together(work: list[Prepared], translator) -> None:
    """Translate the sentences of all the articles in one call per direction (each distinct
    sentence once); each article is charged its share of the time. When the call fails (one
    article's text broke the engine) nothing is set: `report` then translates article by
    article, so the error lands on that article alone."""
    if not work:
        return
    t = time.perf_counter()
    done = {}
    try:
        for src, tgt in (("pt", "en"), ("en", "pt")):
            texts = list(dict.fromkeys(s.text for w in work for s in getattr(w.seg, src)))
            done[src] = dict(zip(texts, translator.translate(texts, src, tgt), strict=True))
    except Exception:
        return
    total = sum(len(w.seg.pt) + len(w.seg.en) for w in work) or 1
    spent = time.perf_counter() - t
    for w in work:
        w.pt2en = [done["pt"][s.text] for s in w.seg.pt]
        w.en2pt = [done["en"][s.text] for s in w.seg.en]
        w.seconds += spent * (len(w.seg.pt) + len(w.seg.en)) / total


def report(w: Prepared, translator, config: Config, scorer=None,
           observations: dict | None = None) -> Report:
    """align → check → report for one segmented (and translated) article."""
    started = time.perf_counter()
    article, seg = w.article, w.seg
    pt_texts = [s.text for s in seg.pt]
    en_texts = [s.text for s in seg.en]
    pt2en, en2pt, engine = w.pt2en, w.en2pt, None
    if translator is not None:
        if pt2en is None:
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
    rep = Report(id=article.id, engine=engine, source=article.source)
    rep.issues = checks.run(ctx)
    rep.alignment = [BeadLoc(ctx.loc("pt", b.src), ctx.loc("en", b.tgt), b.score)
                     for b in beads]
    if partial:
        rep.notes.append("Partial source: the Portuguese is only a part of this page "
                         "(a headline or caption) and most of the English has no "
                         "Portuguese counterpart; the English body was not checked "
                         "for additions.")
    pt_words = sum(len(WORD.findall(t)) for t in pt_texts)
    en_words = sum(len(WORD.findall(t)) for t in en_texts)
    words = pt_words or en_words
    if partial:   # most of the English has no source: score per 100 words of what was read
        words = max(words, en_words)
    rep.stats = {"pt_sentences": len(pt_texts), "en_sentences": len(en_texts),
                 "pt_words": pt_words, "en_words": en_words,
                 "calibration": cal.signature(),
                 "seconds": round(w.seconds + time.perf_counter() - started, 3)}
    return score.apply(rep, words, config)
