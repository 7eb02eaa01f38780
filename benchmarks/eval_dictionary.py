"""Word-level support on real translations, source by source; prints its figures.

On ../shared/corpus/ntrex/clean (professional translations, aligned unit by unit), for
every content word of each side: is it supported by the other side of its own unit?
Sources, measured one by one and together:
  bt     the Apertium back-translation of the other side (`coverage.supported`: the word
         or an inflection of it in the translation)
  dict   Apertium's dictionaries (`lang.dictionary`): one of the word's lemmas (or the
         word itself) among the translations of the other side's content words, or one of
         its own translations among their lemmas; multiword translations count word by word
  same   the word or an inflection of it verbatim on the other side (names, numbers)
  cog    `same`, or a cognate: folded similarity >= COGNATE (Indel, rapidfuzz) between
         words of at least COGNATE_LEN letters (presidente/president, vacina/vaccine)
and unions of them ("all" = bt or dict or cog; "all,known" = all, a word the
dictionaries cannot translate (names, gaps) counting as supported).
Then a substitution test: one English content word per unit replaced by a content word of
another document (and, harder, of another unit of the same document); how often the new
word is unsupported (recall) against how often an original word is (false-alarm base
rate), and how often a Portuguese word loses its support (the other side of the error).

Also the dictionary's speed: words/s cold (fresh processes and cache) and warm.

usage: eval_dictionary.py [--shared DIR] [--seed N] [--limit N] [--json FILE]
                          [--cache-dir DIR] [--dict-inflections]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Indel

from backcheck.checks import coverage
from backcheck.config import Config
from backcheck.lang import dictionary
from backcheck.lang.normalise import fold
from backcheck.translate import get_translator

COGNATE = 0.8            # fixed before measuring, not tuned on the data
COGNATE_LEN = 5
INFLECTIONS = False      # --dict-inflections
SOURCES = ("bt", "dict", "dict_fwd", "dict_rev", "same", "cog", "bt+same", "bt+cog",
           "dict+cog", "all", "all,known")


def load(shared: Path, limit: int | None):
    """[(document, article id, [(pt, en), ...])] with headline and body units."""
    d = shared / "corpus" / "ntrex" / "clean"
    if not d.is_dir():
        return None
    out = []
    for path in sorted(d.glob("*.json"))[:limit]:
        a = json.loads(path.read_text(encoding="utf-8"))
        units = [(a["pt"][f], a["en"][f]) for f in ("headline", "standfirst", "caption")
                 if a["pt"].get(f) and a["en"].get(f)]
        units += [(p, e) for pp, ee in zip(a["pt"]["body"], a["en"]["body"])
                  for p, e in zip(pp, ee)]
        doc = a["id"].split("-", 2)[2]       # ntrex-br-bbc-381646 -> bbc-381646 (both variants)
        out.append((doc, a["id"], units))
    return out


def spans(text: str, lang: str) -> list:
    """Surface content words as matches (the checks' own tokeniser and stop list)."""
    return [m for m in coverage.WORD.finditer(text or "")
            if (f := coverage.fold(m.group(0))) not in coverage.STOP[lang]
            and (len(f) >= 3 or f.isdigit())]


def tokens(text: str, lang: str) -> list[str]:
    return [m.group(0) for m in spans(text, lang)]


def _content(lemma_set, lang: str) -> set[str]:
    """Content lemmas: the lemmas and the words of multiword lemmas ("police officer" ->
    also police, officer), less function words (the checks' stop list): "Toyota's" (lemmas
    's, be) or "por" support nothing."""
    every = set(lemma_set) | {w for x in lemma_set if " " in x for w in x.split()}
    return {w for w in every if w not in coverage.STOP[lang] and (len(w) >= 3 or w.isdigit())}


def _match(keys: set[str], pool: set[str]) -> bool:
    """Lemmas match exactly; with --dict-inflections by the checks' inflection rule too
    (looser: luck/lucky, but also superar/superfluo)."""
    if INFLECTIONS:
        return any(coverage.supported(k, pool) for k in keys)
    return bool(keys & pool)


class Side:
    """What one unit side offers as support for words of the other language: its
    content words verbatim, its back-translation's content words, and the dictionary
    translations and lemmas of all its words (function words included, as the
    back-translation translates them too)."""

    def __init__(self, text, lang, back_translation, lem, tr):
        olang = "en" if lang == "pt" else "pt"
        every = coverage.words(text)
        self.folded = {coverage.fold(w) for w in tokens(text, lang)}
        self.bt = set(coverage.content(back_translation, olang))
        self.translations = _content(set().union(*(tr[w] for w in every)), olang)
        self.lemmas = _content(set().union(*(lem[w] | {fold(w)} for w in every)), lang)


def support(word: str, lang: str, other: Side, lem, tr) -> dict[str, bool]:
    """Whether each source supports `word` (of language `lang`). bt and same match with
    the checks' own rule (the same word or an inflection: `coverage.supported`), dict
    compares lemmas (`_match`)."""
    f = coverage.fold(word)
    olang = "en" if lang == "pt" else "pt"
    keys = _content(lem[word] | {fold(word)}, lang)
    s = {"bt": coverage.supported(f, other.bt),
         "dict_fwd": _match(keys, other.translations),
         "dict_rev": _match(_content(tr[word], olang), other.lemmas),
         "same": coverage.supported(f, other.folded)}
    s["dict"] = s["dict_fwd"] or s["dict_rev"]
    s["cog"] = s["same"] or (len(f) >= COGNATE_LEN and any(
        len(o) >= COGNATE_LEN and Indel.normalized_similarity(f, o) >= COGNATE
        for o in other.folded))
    s["bt+same"] = s["bt"] or s["same"]
    s["bt+cog"] = s["bt"] or s["cog"]
    s["dict+cog"] = s["dict"] or s["cog"]
    s["all"] = s["bt"] or s["dict"] or s["cog"]
    # unsupported only counts for a word the dictionaries translate (not a name, not a
    # word they lack): where the dictionary had an opinion
    s["all,known"] = s["all"] or not tr[word]
    return s


def lookups(words, lang):
    olang = "en" if lang == "pt" else "pt"
    return dictionary.lemmas(words, lang), dictionary.translations(words, lang, olang)


def speed(articles) -> dict:
    """Article by article, as the product would call it: first in a fresh process (the
    lt-proc processes start, the cache fills as articles go), then warm, then each
    article with an empty cache (processes up: the worst case per article)."""
    per = [([w for p, _ in u for w in coverage.words(p)], [w for _, e in u for w in coverage.words(e)])
           for _, _, u in articles]
    n = sum(len(p) + len(e) for p, e in per)
    res = {}
    for run in ("cold", "warm", "empty cache"):
        t0 = time.perf_counter()
        first = None
        for p, e in per:
            if run == "empty cache":
                dictionary.clear_cache()
            lookups(p, "pt")
            lookups(e, "en")
            first = first or time.perf_counter() - t0
        el = time.perf_counter() - t0
        res[run] = {"seconds": round(el, 3), "words_per_s": round(n / el),
                    "per_article_ms": round(el / len(per) * 1000, 1),
                    "first_article_ms": round(first * 1000, 1)}
    res["words"] = n
    res["words_per_article"] = round(n / len(per) / 2)
    print(f"Dictionary speed ({len(per)} articles, {n} words both sides, ~{res['words_per_article']} "
          "words per side per article; lemmas + translations of every word of both sides):")
    for run in ("cold", "warm", "empty cache"):
        r = res[run]
        print(f"  {run:12} {r['seconds']:6.2f}s  {r['words_per_s']:>10,} words/s  "
              f"{r['per_article_ms']:7.1f} ms/article  first article {r['first_article_ms']:.0f} ms")
    return res


def unit_flags(p: str, e: str, pt2en: str, en2pt: str):
    """Support of each content word of a unit, by source: ([en word flags], [pt word flags])."""
    lem_pt, tr_pt = lookups(coverage.words(p), "pt")
    lem_en, tr_en = lookups(coverage.words(e), "en")
    s_pt, s_en = Side(p, "pt", pt2en, lem_pt, tr_pt), Side(e, "en", en2pt, lem_en, tr_en)
    return ([support(w, "en", s_pt, lem_en, tr_en) for w in tokens(e, "en")],
            [support(w, "pt", s_en, lem_pt, tr_pt) for w in tokens(p, "pt")])


def unsupported_share(flags, src: str) -> float:
    words = flags[0] + flags[1]
    return sum(not f[src] for f in words) / len(words)


def auc(neg: list[float], pos: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half (Mann-Whitney)."""
    allv = sorted((v, 1) for v in pos) + sorted((v, 0) for v in neg)
    allv.sort(key=lambda x: x[0])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(lab for _, lab in allv[i:j])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0) if n1 and n0 else 0.0


def evaluate(articles, translator, seed: int) -> dict:
    units = [(ai, ui, p, e) for ai, (_, _, us) in enumerate(articles) for ui, (p, e) in enumerate(us)]
    t0 = time.perf_counter()
    pt2en = translator.translate([u[2] for u in units], "pt", "en")
    en2pt = translator.translate([u[3] for u in units], "en", "pt")
    print(f"Back-translation (Apertium, cached): {len(units)} units each way in "
          f"{time.perf_counter() - t0:.1f}s")
    flags = [unit_flags(p, e, a, b) for (_, _, p, e), a, b in zip(units, pt2en, en2pt)]
    total = {"en": sum(len(f[0]) for f in flags), "pt": sum(len(f[1]) for f in flags)}
    sup = {side: {src: round(sum(w[src] for f in flags for w in f[k]) / total[side], 3)
                  for src in SOURCES} for k, side in enumerate(("en", "pt"))}
    res = {"units": len(units), "words": total, "supported": sup}
    print(f"\nSupport of content words by the other side of their unit ({len(units)} units, "
          f"{total['en']} English and {total['pt']} Portuguese content words):")
    print(f"  {'source':10} {'en words':>9} {'pt words':>9}")
    for src in SOURCES:
        print(f"  {src:10} {sup['en'][src]:9.3f} {sup['pt'][src]:9.3f}")
    res["substitution"] = {}
    for variant in ("other document", "same document"):
        res["substitution"][variant] = substitution(articles, units, flags, pt2en, translator,
                                                    seed, variant, sup)
    return res


def substitution(articles, units, flags, pt2en, translator, seed, variant, sup) -> dict:
    """Replace one English content word per unit by a content word of another document
    (or of another unit of the same document); score the substituted units."""
    rnd = random.Random(seed)
    pool = {}          # document -> [(unit, English content word)]
    for ai, ui, _, e in units:
        pool.setdefault(articles[ai][0], []).extend(((ai, ui), w) for w in tokens(e, "en"))
    docs = sorted(pool)
    subs = []          # (index into units, word index, the changed English)
    for n, (ai, ui, p, e) in enumerate(units):
        sp = spans(e, "en")
        if not sp:
            continue
        i = rnd.randrange(len(sp))
        doc = articles[ai][0]
        while True:
            if variant == "other document":
                cand = pool[rnd.choice([d for d in docs if d != doc])]
            else:
                cand = [c for c in pool[doc] if c[0] != (ai, ui)] or pool[doc]
            new = rnd.choice(cand)[1]
            if coverage.fold(new) != coverage.fold(sp[i].group(0)):
                break
        subs.append((n, i, e[:sp[i].start()] + new + e[sp[i].end():]))
    en2pt_new = translator.translate([c for _, _, c in subs], "en", "pt")
    recall, lost = dict.fromkeys(SOURCES, 0), dict.fromkeys(SOURCES, 0)
    clean_scores = {src: [unsupported_share(f, src) for f in flags if f[0] or f[1]]
                    for src in SOURCES}
    sub_scores = {src: [] for src in SOURCES}
    for (n, i, c), tr in zip(subs, en2pt_new):
        _, _, p, _ = units[n]
        after = unit_flags(p, c, pt2en[n], tr)
        for src in SOURCES:
            recall[src] += not after[0][i][src]
            lost[src] += any(b[src] and not a[src] for b, a in zip(flags[n][1], after[1]))
            sub_scores[src].append(unsupported_share(after, src))
    m = len(subs)
    res = {"substitutions": m,
           "recall": {s: round(v / m, 3) for s, v in recall.items()},
           "false_alarm_base": {s: round(1 - v, 3) for s, v in sup["en"].items()},
           "pt_word_loses_support": {s: round(v / m, 3) for s, v in lost.items()},
           "unit_auc": {s: round(auc(clean_scores[s], sub_scores[s]), 3) for s in SOURCES}}
    print(f"\nSubstitution test, replacement from the {variant} ({m} units, one English "
          f"content word each, seed {seed}):")
    print(f"  {'source':10} {'new word':>10} {'original':>10} {'a pt word':>11} {'unit AUC':>9}")
    print(f"  {'':10} {'unsupp.':>10} {'unsupp.':>10} {'loses supp.':>11}")
    for src in SOURCES:
        print(f"  {src:10} {res['recall'][src]:10.3f} {res['false_alarm_base'][src]:10.3f} "
              f"{res['pt_word_loses_support'][src]:11.3f} {res['unit_auc'][src]:9.3f}")
    return res


def main(shared: Path, seed: int = 1, limit: int | None = None,
         cache_dir: Path | None = None) -> dict | None:
    articles = load(shared, limit)
    if articles is None:
        print(f"eval_dictionary: {shared}/corpus/ntrex/clean absent, skipped")
        return None
    if not dictionary.available():
        print("eval_dictionary: the Apertium dictionaries (lt-proc, apertium-es-pt, "
              "apertium-eng-spa) are not installed, skipped")
        return None
    res = {"speed": speed(articles)}
    translator = get_translator(Config(engine="apertium",
                                       cache_dir=str(cache_dir) if cache_dir else None))
    res |= evaluate(articles, translator, seed)
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--cache-dir", type=Path, help="translation cache (default: the user's)")
    ap.add_argument("--dict-inflections", action="store_true",
                    help="dictionary lemmas also match by the checks' inflection rule")
    a = ap.parse_args()
    INFLECTIONS = a.dict_inflections
    out = main(a.shared, a.seed, a.limit, a.cache_dir)
    if a.json and out:
        a.json.write_text(json.dumps(out, indent=1))
    sys.exit(0)
