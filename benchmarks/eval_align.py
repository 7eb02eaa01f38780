"""Alignment quality and speed; prints its figures.

1. Bleualign test set (../shared/external/bleualign-test): `backcheck align` on each
   document with both machine translations, scored by the set's own score.py
   (strict and lax F1, overall and per document).
2. Bilingual corpora (../shared/corpus/dev/clean, benchmarks/heldout/clean and the 124 real
   NTREX articles in ../shared/corpus/ntrex/clean): load, segment, back-translate with
   Apertium (through the translation cache), align_article, then the corpus scorer's
   align_recall (gold units found).
3. Speed: a synthetic 5,000-sentence document, and an unrelated (pathological) pair.

usage: eval_align.py [--shared DIR] [--skip-corpus]; importable as main(shared_dir) -> dict.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import random
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from backcheck import align

ROOT = Path(__file__).resolve().parents[1]


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(P, R):
    div = lambda a, b: a / b if b else 0.0    # noqa: E731
    ps, pl = div(P[0], P[0] + P[1]), div(P[2], P[2] + P[3])
    rs, rl = div(R[0], R[0] + R[1]), div(R[2], R[2] + R[3])
    return {"strict_f1": round(f1(ps, rs), 3), "lax_f1": round(f1(pl, rl), 3),
            "strict_p": round(ps, 3), "strict_r": round(rs, 3)}


def bleualign(shared: Path) -> dict | None:
    d = shared / "external" / "bleualign-test"
    if not (d / "score.py").exists():
        print(f"bleualign: {d} absent, skipped")
        return None
    score = load_module(d / "score.py", "bleualign_score")
    full = lambda bs: [b for b in bs if b[0] and b[1]]    # noqa: E731
    P, R, per = [0] * 4, [0] * 4, {}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for gold in sorted(d.glob("doc*.gold")):
            k = gold.stem
            out = Path(tmp) / f"{k}.out"
            align.cli(d / f"{k}.de", d / f"{k}.fr", d / f"{k}.de2fr", d / f"{k}.fr2de", out)
            g, t = score.read(gold), score.read(out)
            p, r = score.counts(g, t), score.counts(full(t), full(g))
            P = [a + b for a, b in zip(P, p)]
            R = [a + b for a, b in zip(R, r)]
            per[k] = _prf(p, r)["strict_f1"]
        elapsed = time.perf_counter() - t0
        # the set's own scorer, as published figures are computed
        args = [str(x) for k in per for x in (d / f"{k}.gold", Path(tmp) / f"{k}.out")]
        buf = io.StringIO()
        with redirect_stdout(buf):
            score.main(args)
    res = _prf(P, R) | {"per_document_strict_f1": per, "seconds": round(elapsed, 2)}
    print("Bleualign test set (de-fr, both translations), score.py:")
    print("  " + buf.getvalue().strip().replace("\n", "\n  "))
    print("  per document strict F1: " + ", ".join(f"{k} {v:.3f}" for k, v in per.items()))
    print(f"  {elapsed:.2f}s for 7 documents; published strict F1: Bleualign 0.809, "
          "Vecalign 0.902, Bertalign 0.936")
    return res


def _loc(seg, idx):
    if not idx:
        return None
    s = [seg[k] for k in idx]
    return {"field": s[0].field, "paragraph": s[0].paragraph, "text": " ".join(x.text for x in s)}


def corpus(shared: Path, translator=None, folder: Path | None = None,
           label: str = "Corpus dev/clean") -> dict | None:
    """Unit recall of align_article on a folder of clean articles in the corpus format
    (default: the dev corpus), with Apertium both ways and with no translation."""
    d = folder or shared / "corpus" / "dev" / "clean"
    if not d.is_dir():
        print(f"corpus: {d} absent, skipped")
        return None
    from backcheck import article, segment
    if translator is None:
        from backcheck.translate.apertium import ApertiumTranslator, installed
        if not installed():
            print("corpus: apertium not installed, skipped")
            return None
        translator = ApertiumTranslator()
    scorer = load_module(shared / "corpus" / "score.py", "corpus_score")
    hits = units = 0
    no_tr_hits = 0
    for path in sorted(d.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        seg = segment.segment(article.load(path))
        pt2en = translator.translate([s.text for s in seg.pt], "pt", "en")
        en2pt = translator.translate([s.text for s in seg.en], "en", "pt")
        for tr, counter in (((pt2en, en2pt), "with"), ((None, None), "without")):
            beads, _ = align.align_article(seg, *tr)
            rep = {"alignment": [{"pt": _loc(seg.pt, b.src), "en": _loc(seg.en, b.tgt)}
                                 for b in beads]}
            h, t = scorer.align_recall(gold, rep)
            if counter == "with":
                hits, units = hits + h, units + t
            else:
                no_tr_hits += h
    res = {"unit_recall": round(hits / units, 3) if units else 0.0,
           "unit_recall_no_translation": round(no_tr_hits / units, 3) if units else 0.0,
           "units": units}
    print(f"{label} alignment unit recall (Apertium both ways): {res['unit_recall']:.3f} "
          f"of {units} units; with no translation (length, numbers, names): "
          f"{res['unit_recall_no_translation']:.3f}")
    return res


def seed_like(folder: Path, translator, others: int = 6, seed: int = 2) -> dict | None:
    """Seed-like pages made from real articles: each article's Portuguese headline alone
    over its own English page (faithful: it should find its English counterpart) and over
    the pages of `others` other stories (unrelated: it should find none). The share of
    faithful headlines left unmatched is the share of such pages that get a false
    omission; the unrelated ones taken are untranslated lines that would go unreported."""
    import random
    from backcheck import article, segment
    from backcheck.segment import Segmented
    pages = []
    for path in sorted(folder.glob("*.json")):
        seg = segment.segment(article.load(path))
        head = [s for s in seg.pt if s.field == "headline"]
        if len(head) != 1 or not seg.en:
            continue
        story = path.stem.split("-", 2)[-1]        # NTREX: the br/pt twins share a story
        pages.append((story, head, seg.en, translator.translate([head[0].text], "pt", "en"),
                      translator.translate([s.text for s in seg.en], "en", "pt")))
    if not pages:
        return None

    def matched(head, pt2en, en, en2pt):
        beads, partial = align.align_article(Segmented(pt=head, en=en), pt2en, en2pt)
        return partial and any(b.src and b.tgt for b in beads)

    rng = random.Random(seed)
    faithful = sum(not matched(h, p2e, en, e2p) for _, h, en, p2e, e2p in pages)
    taken = n_unrelated = 0
    for story, h, _, p2e, _ in pages:
        for k in rng.sample(range(len(pages)), min(others, len(pages))):
            if pages[k][0] != story:
                n_unrelated += 1
                taken += matched(h, p2e, pages[k][2], pages[k][4])
    res = {"pages": len(pages), "faithful_unmatched": faithful,
           "unrelated": n_unrelated, "unrelated_taken": taken}
    print(f"Seed-like pages ({folder.name}: a Portuguese headline over an English page): "
          f"faithful headline left unmatched {faithful} of {len(pages)}; over another "
          f"story's page, taken for a translation {taken} of {n_unrelated}")
    return res


def corpora(shared: Path, translator=None) -> dict:
    """corpus() on the dev set, our own held-out set and the NTREX real articles."""
    sets = {"dev": (shared / "corpus" / "dev" / "clean", "Corpus dev/clean"),
            "heldout": (ROOT / "benchmarks" / "heldout" / "clean", "Own held-out clean"),
            "ntrex": (shared / "corpus" / "ntrex" / "clean", "NTREX real articles (124)")}
    if translator is None:
        from backcheck.translate import get_translator
        from backcheck.config import Config
        from backcheck.translate.apertium import installed
        if not installed():
            print("corpus: apertium not installed, skipped")
            return {}
        translator = get_translator(Config(engine="apertium"))    # with the cache
    return {k: corpus(shared, translator, d, label) for k, (d, label) in sets.items()}


def seed_like_ntrex(shared: Path) -> dict | None:
    """seed_like() on the NTREX development articles, with Apertium (cached)."""
    folder = shared / "corpus" / "ntrex" / "clean"
    from backcheck.translate.apertium import installed
    if not folder.is_dir() or not installed():
        print("seed-like pages: NTREX or apertium absent, skipped")
        return None
    from backcheck.config import Config
    from backcheck.translate import get_translator
    return seed_like(folder, get_translator(Config(engine="apertium")))


def _synthetic(n: int, seed: int = 7):
    """A document and its 'translation': shuffled-vocabulary sentences, word noise in the
    translations, some sentences split in two, dropped or inserted."""
    rnd = random.Random(seed)
    vocab = [f"w{k}" for k in range(3000)]
    src, tgt, s2t, t2s = [], [], [], []

    def noisy(words):
        return " ".join(w for w in words if rnd.random() > 0.2)

    for _ in range(n):
        words = rnd.sample(vocab, rnd.randint(6, 25))
        r = rnd.random()
        src.append(" ".join(words))
        s2t.append(noisy(words))
        if r < 0.02:          # omitted in the target
            continue
        if r < 0.1:           # split in two
            h = len(words) // 2
            for part in (words[:h], words[h:]):
                tgt.append(" ".join(part))
                t2s.append(noisy(part))
        else:
            tgt.append(" ".join(words))
            t2s.append(noisy(words))
        if rnd.random() < 0.02:   # an added target sentence
            extra = rnd.sample(vocab, 10)
            tgt.append(" ".join(extra))
            t2s.append(noisy(extra))
    return src, tgt, s2t, t2s


def speed(n: int = 5000) -> dict:
    src, tgt, s2t, t2s = _synthetic(n)
    t0 = time.perf_counter()
    align.align(src, tgt, s2t, t2s)
    t_doc = time.perf_counter() - t0
    rnd = random.Random(3)
    junk = [" ".join(rnd.choice("abcdefgh") * 3 for _ in range(8)) for _ in range(n)]
    t0 = time.perf_counter()
    align.align(src, junk, s2t, junk)
    t_bad = time.perf_counter() - t0
    half = _synthetic(n // 2)
    t0 = time.perf_counter()
    align.align(*half)
    t_half = time.perf_counter() - t0
    print(f"Speed: {n} sentences {t_doc:.2f}s ({len(src)}x{len(tgt)}), {n // 2} sentences "
          f"{t_half:.2f}s (about linear if ~half), unrelated {n}x{n} pair {t_bad:.2f}s")
    return {"seconds_5000": round(t_doc, 2), "seconds_2500": round(t_half, 2),
            "seconds_unrelated_5000": round(t_bad, 2)}


def main(shared_dir=None, with_corpus: bool = True) -> dict:
    shared = Path(shared_dir) if shared_dir else ROOT.parent / "shared"
    out = {"bleualign": bleualign(shared)}
    if with_corpus:
        out |= corpora(shared)
    out["seed_like"] = seed_like_ntrex(shared)
    out["speed"] = speed()
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=None)
    ap.add_argument("--skip-corpus", action="store_true")
    a = ap.parse_args()
    main(a.shared, not a.skip_corpus)
    sys.exit(0)
