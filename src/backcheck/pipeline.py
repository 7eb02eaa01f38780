"""load → segment → translate → align → check → report, for one article.

Entry point: `check(article, translator=None, config=None) -> Report`.
"""
from __future__ import annotations

import re
import time

from backcheck import align, checks, segment
from backcheck.article import Article, check_languages
from backcheck.checks import calibration
from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.report import score
from backcheck.report.model import BeadLoc, Issue, Report

WORD = re.compile(r"\w+")


def check(article: Article, translator=None, config: Config | None = None,
          scorer=None, observations: dict | None = None) -> Report:
    """Check one article. `observations`, when given, collects every check's scores for
    `backcheck calibrate` (see checks.calibration)."""
    config = config or Config()
    started = time.perf_counter()
    # InputError for a side in another language; an English side in Portuguese is checked
    # for nothing else: it is one untranslated finding, not one per sentence
    untranslated = check_languages(article)["en"] == "pt"
    if untranslated:
        translator = None
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
    report.issues = [untranslated_side(ctx)] if untranslated else checks.run(ctx)
    report.alignment = page_rows(ctx, beads)
    if partial:
        report.notes.append("The Portuguese side has no body: the English body had no "
                            "Portuguese source and was not checked for additions.")
    if untranslated:
        report.notes.append("The English side is in Portuguese: nothing else was checked.")
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


def page_rows(ctx: checks.Context, beads) -> list[BeadLoc]:
    """The report's rows: the beads, plus every English sentence that no bead holds (on a
    page whose Portuguese is partial, the English with no source, which nothing checked),
    as a row of its own marked unchecked; in the English page's order, a row with no English
    right after the row before it."""
    held = {j for b in beads for j in b.tgt}
    keyed, last = [], -1
    for n, b in enumerate(beads):
        last = min(b.tgt) if b.tgt else last
        keyed.append(((last, 0 if b.tgt else 1, n),
                      BeadLoc(ctx.loc("pt", b.src), ctx.loc("en", b.tgt), b.score)))
    keyed += [((j, 0, -1), BeadLoc(None, ctx.loc("en", [j]), None, checked=False))
              for j in range(len(ctx.seg.en)) if j not in held]
    return [row for _, row in sorted(keyed, key=lambda kv: kv[0])]


def untranslated_side(ctx: checks.Context) -> Issue:
    """The one finding for an English side that is Portuguese (placed on its first sentence)."""
    first = ctx.loc("en", [0]) if ctx.seg.en else None
    return Issue("untranslated", "critical", ctx.loc("pt", [0]) if ctx.seg.pt else None, first,
                 "the English side is in Portuguese: the article was not translated",
                 {"side": "en", "language": "pt"})
