"""Word-level support on real translations, source by source; prints its figures.

On ../shared/corpus/ntrex/clean (professional translations, aligned unit by unit), for
every content word of each side: is it supported by the other side of its own unit?
Sources, measured one by one and together:
  bt     the Apertium back-translation of the other side (`lang.words.supported`: the
         word or an inflection of it in the translation)
  dict   Apertium's dictionaries (`lang.dictionary`): one of the word's lemmas (or the
         word itself) among the translations of the other side's content words, or one of
         its own translations among their lemmas; multiword translations count word by word
  same   the word or an inflection of it verbatim on the other side (names, numbers)
  cog    `same`, or a cognate (`lang.words.cognate`: presidente/president)
and unions of them ("all" = bt or dict or cog; "all,known" = all, a word the
dictionaries cannot translate (names, gaps) counting as supported). Content words, stop
words, inflections and cognates are lang.words' own. For comparison, the same figures for
`lang.support.support` as composed on main ("main:copy+mt+dict" etc.).
Then a substitution test: one English content word per unit replaced by a content word of
another document (and, harder, of another unit of the same document); how often the new
word is unsupported (recall) against how often an original word is (false-alarm base
rate), and how often a Portuguese word loses its support (the other side of the error).

Also the dictionary's speed: words/s cold (fresh processes and cache) and warm.

With --aligner (eflomal installed), eflomal's word alignment as one more source, trained on
the evaluated pairs, the dev corpus and Apertium's translations of both.

usage: eval_dictionary.py [--shared DIR] [--seed N] [--limit N] [--json FILE]
                          [--cache-dir DIR] [--dict-inflections] [--aligner]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from backcheck.config import Config
from backcheck.lang import dictionary
from backcheck.lang import support as lang_support
from backcheck.lang import words as lw
from backcheck.translate import get_translator

INFLECTIONS = False      # --dict-inflections
SOURCES = ("bt", "dict", "dict_fwd", "dict_rev", "same", "cog", "bt+same", "bt+cog",
           "dict+cog", "all", "all,known")
# lang.support as composed on main (its own sources), for comparison
COMPOSED = {"copy": ("copy",), "mt": ("mt",), "dict": ("dict",), "copy+mt": ("copy", "mt"),
            "copy+mt+dict": ("copy", "mt", "dict")}


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


def surface(text: str) -> list[str]:
    return [t.text for t in lw.tokens(text)]


def _content(lemma_set, lang: str) -> set[str]:
    """Content lemmas: the lemmas and the words of multiword lemmas ("police officer" ->
    also police, officer), less function words (lang.words' stop list): "Toyota's"
    (lemmas 's, be) or "por" support nothing."""
    every = set(lemma_set) | {w for x in lemma_set if " " in x for w in x.split()}
    stop = lw.stopwords(lang)
    return {w for w in every if w not in stop and (len(w) >= 3 or w.isdigit())}


def _match(keys: set[str], pool: set[str]) -> bool:
    """Lemmas match exactly; with --dict-inflections by lang.words' inflection rule too
    (looser: luck/lucky, but also superar/superfluo)."""
    if INFLECTIONS:
        return any(lw.supported(k, pool) for k in keys)
    return bool(keys & pool)


class Side:
    """What one unit side offers as support for words of the other language: its
    content words verbatim, its back-translation's content words, and the dictionary
    translations and lemmas of all its words (function words included, as the
    back-translation translates them too)."""

    def __init__(self, text, lang, back_translation):
        olang = "en" if lang == "pt" else "pt"
        every = surface(text)
        lem, tr = lookups(every, lang)
        self.folded = set(lw.content(text, lang))
        self.bt = set(lw.content(back_translation, olang))
        self.translations = _content(set().union(*tr.values()), olang)
        self.lemmas = _content(set().union(*(lem[w] | {lw.fold(w)} for w in every)), lang)


def support(tok: lw.Token, lang: str, other: Side) -> dict[str, bool]:
    """Whether each source supports the content word `tok` (of language `lang`). bt and
    same match by lang.words' rule (the same word or an inflection), cog by its cognate
    rule, dict compares lemmas (`_match`)."""
    f = tok.fold
    olang = "en" if lang == "pt" else "pt"
    lem, tr = lookups([tok.text], lang)
    keys = _content(lem[tok.text] | {f}, lang)
    s = {"bt": lw.supported(f, other.bt),
         "dict_fwd": _match(keys, other.translations),
         "dict_rev": _match(_content(tr[tok.text], olang), other.lemmas),
         "same": lw.supported(f, other.folded)}
    s["dict"] = s["dict_fwd"] or s["dict_rev"]
    s["cog"] = s["same"] or any(lw.cognate(f, o) for o in other.folded)
    s["bt+same"] = s["bt"] or s["same"]
    s["bt+cog"] = s["bt"] or s["cog"]
    s["dict+cog"] = s["dict"] or s["cog"]
    s["all"] = s["bt"] or s["dict"] or s["cog"]
    # unsupported only counts for a word the dictionaries translate (not a name, not a
    # word they lack): where the dictionary had an opinion
    s["all,known"] = s["all"] or not tr[tok.text]
    return s


def lookups(words, lang):
    olang = "en" if lang == "pt" else "pt"
    return dictionary.lemmas(words, lang), dictionary.translations(words, lang, olang)


def speed(articles) -> dict:
    """Article by article, as the product would call it: first in a fresh process (the
    lt-proc processes start, the cache fills as articles go), then warm, then each
    article with an empty cache (processes up: the worst case per article)."""
    per = [([w for p, _ in u for w in surface(p)], [w for _, e in u for w in surface(e)])
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


def unit_flags(p: str, e: str, pt2en: str, en2pt: str, links=None):
    """Support of each content word of a unit: ([en flags], [pt flags]), each flag a dict
    source -> bool over SOURCES, the composed lang.support variants ("main:NAME") and,
    given eflomal's links of the unit, the aligner ("align∩": linked to a Portuguese
    content word both ways; "align∪": either way)."""
    s_pt, s_en = Side(p, "pt", pt2en), Side(e, "en", en2pt)
    en_t, pt_t = lw.content_tokens(e, "en"), lw.content_tokens(p, "pt")
    en = [support(t, "en", s_pt) for t in en_t]
    pt = [support(t, "pt", s_en) for t in pt_t]
    for name, sources in COMPOSED.items():
        got = lang_support.support(p, e, pt2en, en2pt, dictionary=dictionary, sources=sources)
        for flags, words in ((en, got.en), (pt, got.pt)):
            for f, w in zip(flags, words):
                f["main:" + name] = w.supported
    if links is not None:
        fwd, rev, seen = links
        # token positions of the content words (a figure starts at its first token)
        tp, te = lw.tokens(p), lw.tokens(e)
        pos_pt = {t.start: i for i, t in enumerate(tp)}
        pos_en = {t.start: j for j, t in enumerate(te)}
        c_pt = {pos_pt[t.start] for t in pt_t if t.start in pos_pt}
        c_en = {pos_en[t.start] for t in en_t if t.start in pos_en}
        both, either = fwd & rev, fwd | rev
        for flags, toks, pos, other, side in ((en, en_t, pos_en, c_pt, 1), (pt, pt_t, pos_pt, c_en, 0)):
            for f, t in zip(flags, toks):
                k = pos.get(t.start)
                for name, ls in (("align∩", both), ("align∪", either)):
                    f[name] = any(lk[side] == k and lk[1 - side] in other for lk in ls)
                # a link whose word pair is also linked in another document
                f["align∩lex"] = any(lk[side] == k and lk[1 - side] in other
                                     and seen((tp[lk[0]].fold, te[lk[1]].fold)) for lk in both)
                for name in ("align∩", "align∪", "align∩lex"):
                    f["all+" + name] = f["all"] or f[name]
    return en, pt


ALL = list(SOURCES + tuple("main:" + k for k in COMPOSED))
ALIGNER = ("align∩", "align∪", "align∩lex", "all+align∩", "all+align∪", "all+align∩lex")


def eflomal_links(pairs: list[tuple[str, str]]) -> list[tuple[set, set]]:
    """eflomal's forward and reverse links, {(pt token, en token)}, for each (pt, en) pair,
    all aligned in one run (an unsupervised aligner learns from the pairs it aligns)."""
    import tempfile

    import eflomal
    src = [" ".join(t.fold for t in lw.tokens(p)) or "_" for p, _ in pairs]
    trg = [" ".join(t.fold for t in lw.tokens(e)) or "_" for _, e in pairs]
    with tempfile.TemporaryDirectory() as d:
        fwd, rev = Path(d) / "fwd", Path(d) / "rev"
        eflomal.Aligner().align(src, trg, links_filename_fwd=str(fwd),
                                links_filename_rev=str(rev), quiet=True)

        def read(path):
            return [{tuple(map(int, x.split("-"))) for x in line.split()}
                    for line in path.read_text().splitlines()]
        f, r = read(fwd), read(rev)
    return list(zip(f, r))


def unsupported_share(flags, src: str) -> float:
    words = flags[0] + flags[1]
    return sum(not f[src] for f in words) / len(words)


def auc(neg: list[float], pos: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half (Mann-Whitney)."""
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg], key=lambda x: x[0])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(lab for _, lab in allv[i:j])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0) if n1 and n0 else 0.0


VARIANTS = ("other document", "same document")


def plan_substitutions(articles, units, seed: int, variant: str):
    """One English content word per unit replaced by a content word of another document
    (or of another unit of the same document): [(unit index, changed English, start)]."""
    rnd = random.Random(seed)
    pool = {}          # document -> [(unit, English content word)]
    for ai, ui, _, e in units:
        pool.setdefault(articles[ai][0], []).extend(
            ((ai, ui), t) for t in lw.content_tokens(e, "en"))
    docs = sorted(pool)
    subs = []
    for n, (ai, ui, p, e) in enumerate(units):
        toks = lw.content_tokens(e, "en")
        if not toks:
            continue
        old = toks[rnd.randrange(len(toks))]
        doc = articles[ai][0]
        while True:
            if variant == "other document":
                cand = pool[rnd.choice([d for d in docs if d != doc])]
            else:
                cand = [c for c in pool[doc] if c[0] != (ai, ui)] or pool[doc]
            new = rnd.choice(cand)[1]
            if new.fold != old.fold:
                break
        subs.append((n, e[:old.start] + new.text + e[old.end:], old.start))
    return subs


def evaluate(articles, translator, seed: int, extra_pairs=None) -> dict:
    """`extra_pairs`: more (pt, en, document) sentence pairs for the aligner to learn
    from; None: no aligner."""
    units = [(ai, ui, p, e) for ai, (_, _, us) in enumerate(articles) for ui, (p, e) in enumerate(us)]
    t0 = time.perf_counter()
    pt2en = translator.translate([u[2] for u in units], "pt", "en")
    en2pt = translator.translate([u[3] for u in units], "en", "pt")
    subs = {v: plan_substitutions(articles, units, seed, v) for v in VARIANTS}
    en2pt_new = {v: translator.translate([c for _, c, _ in subs[v]], "en", "pt") for v in VARIANTS}
    print(f"Back-translation (Apertium, cached): {len(units)} units each way and "
          f"{sum(len(x) for x in subs.values())} substituted English units in "
          f"{time.perf_counter() - t0:.1f}s")
    links = None
    if extra_pairs is not None:
        pairs = [(p, e) for _, _, p, e in units]
        pairs += [(units[n][2], c) for v in VARIANTS for n, c, _ in subs[v]]
        t0 = time.perf_counter()
        got = eflomal_links(pairs + [(p, e) for p, e, _ in extra_pairs])
        # the aligner's lexicon: in how many sentence pairs each word pair is linked both
        # ways, leaving out the pairs of the unit's own document (both Portuguese
        # variants of it and Apertium's translations of them share its English): what
        # the aligner learnt from other articles. Substituted units teach nothing.
        docs = [articles[ai][0] for ai, _, _, _ in units]
        docs += [None] * (len(pairs) - len(units)) + [d for _, _, d in extra_pairs]
        everything = pairs + [(p, e) for p, e, _ in extra_pairs]
        lex, by_doc = Counter(), {}
        for k, (fw, rv) in enumerate(got):
            if docs[k] is None:
                continue
            tp, te = lw.tokens(everything[k][0]), lw.tokens(everything[k][1])
            keys = {(tp[i].fold, te[j].fold) for i, j in fw & rv if i < len(tp) and j < len(te)}
            lex.update(keys)
            by_doc.setdefault(docs[k], Counter()).update(keys)
        owner = [articles[ai][0] for ai, _, _, _ in units]
        owner += [articles[units[n][0]][0] for v in VARIANTS for n, _, _ in subs[v]]
        links = iter((fw, rv, (lambda key, d=by_doc[owner[k]]: lex[key] - d[key] >= 1))
                     for k, (fw, rv) in enumerate(got[:len(pairs)]))
        print(f"eflomal: {len(pairs) + len(extra_pairs)} sentence pairs aligned in "
              f"{time.perf_counter() - t0:.1f}s ({len(pairs)} evaluated, "
              f"{len(extra_pairs)} more to learn from)")
        for name in ALIGNER:
            if name not in ALL:
                ALL.append(name)
    flags = [unit_flags(p, e, a, b, next(links) if links else None)
             for (_, _, p, e), a, b in zip(units, pt2en, en2pt)]
    total = {"en": sum(len(f[0]) for f in flags), "pt": sum(len(f[1]) for f in flags)}
    sup = {side: {src: round(sum(w[src] for f in flags for w in f[k]) / total[side], 3)
                  for src in ALL} for k, side in enumerate(("en", "pt"))}
    res = {"units": len(units), "words": total, "supported": sup}
    print(f"\nSupport of content words by the other side of their unit ({len(units)} units, "
          f"{total['en']} English and {total['pt']} Portuguese content words):")
    print(f"  {'source':18} {'en words':>9} {'pt words':>9}")
    for src in ALL:
        print(f"  {src:18} {sup['en'][src]:9.3f} {sup['pt'][src]:9.3f}")
    res["substitution"] = {}
    for v in VARIANTS:
        res["substitution"][v] = score_substitutions(units, flags, pt2en, subs[v], en2pt_new[v],
                                                     links, seed, v, sup)
    return res


def score_substitutions(units, flags, pt2en, subs, en2pt_new, links, seed, variant, sup) -> dict:
    recall, lost = dict.fromkeys(ALL, 0), dict.fromkeys(ALL, 0)
    clean_scores = {src: [unsupported_share(f, src) for f in flags if f[0] or f[1]]
                    for src in ALL}
    sub_scores = {src: [] for src in ALL}
    m = 0
    for (n, c, start), tr in zip(subs, en2pt_new):
        _, _, p, _ = units[n]
        after = unit_flags(p, c, pt2en[n], tr, next(links) if links else None)
        i = next((k for k, t in enumerate(lw.content_tokens(c, "en")) if t.start == start), None)
        if i is None:        # the new word merged into a figure: not a content word here
            continue
        m += 1
        for src in ALL:
            recall[src] += not after[0][i][src]
            lost[src] += any(b[src] and not a[src] for b, a in zip(flags[n][1], after[1]))
            sub_scores[src].append(unsupported_share(after, src))
    res = {"substitutions": m,
           "recall": {s: round(v / m, 3) for s, v in recall.items()},
           "false_alarm_base": {s: round(1 - v, 3) for s, v in sup["en"].items()},
           "pt_word_loses_support": {s: round(v / m, 3) for s, v in lost.items()},
           "unit_auc": {s: round(auc(clean_scores[s], sub_scores[s]), 3) for s in ALL}}
    print(f"\nSubstitution test, replacement from the {variant} ({m} units, one English "
          f"content word each, seed {seed}):")
    print(f"  {'source':18} {'new word':>10} {'original':>10} {'a pt word':>11} {'unit AUC':>9}")
    print(f"  {'':18} {'unsupp.':>10} {'unsupp.':>10} {'loses supp.':>11}")
    for src in ALL:
        print(f"  {src:18} {res['recall'][src]:10.3f} {res['false_alarm_base'][src]:10.3f} "
              f"{res['pt_word_loses_support'][src]:11.3f} {res['unit_auc'][src]:9.3f}")
    return res


def aligner_data(shared: Path, articles, translator) -> list[tuple[str, str, str]]:
    """What we have to teach an aligner besides the evaluated pairs: the dev corpus's
    sentence pairs, and Apertium's translations of both (Portuguese with its English
    translation, the English's Portuguese translation with the English); as (pt, en,
    document)."""
    dev = []
    for path in sorted((shared / "corpus" / "dev" / "clean").glob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        doc = "dev:" + a["id"]
        dev += [(a["pt"][f], a["en"][f], doc) for f in ("headline", "standfirst", "caption")
                if a["pt"].get(f) and a["en"].get(f)]
        dev += [(p, e, doc) for pp, ee in zip(a["pt"]["body"], a["en"]["body"])
                for p, e in zip(pp, ee)]
    both = dev + [(p, e, d) for d, _, u in articles for p, e in u]
    pt2en = translator.translate([p for p, _, _ in both], "pt", "en")
    en2pt = translator.translate([e for _, e, _ in both], "en", "pt")
    return (dev + [(p, t, d) for (p, _, d), t in zip(both, pt2en)]
            + [(t, e, d) for (_, e, d), t in zip(both, en2pt)])


def main(shared: Path, seed: int = 1, limit: int | None = None,
         cache_dir: Path | None = None, aligner: bool = False) -> dict | None:
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
    extra = None
    if aligner:
        try:
            import eflomal  # noqa: F401
        except ImportError:
            print("eval_dictionary: --aligner needs eflomal (pip install eflomal), skipped")
        else:
            extra = aligner_data(shared, articles, translator)
    res |= evaluate(articles, translator, seed, extra)
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--cache-dir", type=Path, help="translation cache (default: the user's)")
    ap.add_argument("--aligner", action="store_true",
                    help="also measure eflomal word alignment as a source (needs eflomal)")
    ap.add_argument("--dict-inflections", action="store_true",
                    help="dictionary lemmas also match by the checks' inflection rule")
    a = ap.parse_args()
    INFLECTIONS = a.dict_inflections
    out = main(a.shared, a.seed, a.limit, a.cache_dir, a.aligner)
    if a.json and out:
        a.json.write_text(json.dumps(out, indent=1))
    sys.exit(0)
