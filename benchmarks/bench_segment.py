"""Segmentation and language identification figures.

Prints, per language:
- exact-match accuracy of the whole split on tests/segmentation_cases.py, for backcheck's
  `split` and for raw sentencex (the cases were written while developing `split`, so they
  are not a held-out set);
- on ../shared/corpus/dev/clean (when present): the share of the corpus' sentence-unit
  boundaries that `split` also splits at, and the number of extra splits inside units
  (a unit may hold two sentences, so some extras are right);
- speed of `split` (sentences per second);
- language identification accuracy on the case sentences (each labelled by its set) and
  its speed, for lingua's high- and low-accuracy modes.

usage: bench_segment.py [--shared DIR]
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from sentencex import segment as sentencex  # noqa: E402

from backcheck import segment  # noqa: E402
from backcheck.lang.detect import detect  # noqa: E402
from segmentation_cases import EN, PT  # noqa: E402


def exact(cases, lang, fn) -> float:
    return sum(fn(t, lang) == exp for t, exp in cases) / len(cases)


def raw(text, lang):
    return [s.strip() for s in sentencex(lang, text) if s.strip()]


def corpus_boundaries(shared: Path):
    files = sorted(glob.glob(str(shared / "corpus" / "dev" / "clean" / "*.json")))
    if not files:
        return None
    res = {}
    for lang in ("pt", "en"):
        for name, fn in (("backcheck", segment.split), ("sentencex", raw)):
            kept = total = extra = 0
            for f in files:
                d = json.load(open(f, encoding="utf-8"))
                for para in d[lang]["body"]:
                    units = para if isinstance(para, list) else [para]
                    units = [" ".join(u.split()) for u in units]
                    want, pos = set(), 0
                    for u in units[:-1]:
                        pos += len("".join(u.split()))
                        want.add(pos)
                    got, pos = set(), 0
                    for s in fn(" ".join(units), lang)[:-1]:
                        pos += len("".join(s.split()))
                        got.add(pos)
                    kept += len(want & got)
                    total += len(want)
                    extra += len(got - want)
            res[(lang, name)] = (kept, total, extra)
    return res


def lid(mode: str):
    from lingua import Language, LanguageDetectorBuilder
    b = LanguageDetectorBuilder.from_languages(Language.PORTUGUESE, Language.ENGLISH)
    if mode == "low":
        b = b.with_low_accuracy_mode()
    det = b.build()
    det.compute_language_confidence_values("aquecimento warm-up")
    samples = [(s, "pt") for _, exp in PT for s in exp] + [(s, "en") for _, exp in EN for s in exp]
    t = time.perf_counter()
    ok = 0
    for s, lang in samples:
        best = det.compute_language_confidence_values(s)[0].language
        ok += (best == Language.PORTUGUESE) == (lang == "pt")
    dt = time.perf_counter() - t
    return ok / len(samples), len(samples) / dt, len(samples)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)

    print("segmentation, exact match of the whole split on tests/segmentation_cases.py")
    for lang, cases in (("pt", PT), ("en", EN)):
        print(f"  {lang}: backcheck {exact(cases, lang, segment.split):.3f}   "
              f"sentencex {exact(cases, lang, raw):.3f}   ({len(cases)} cases)")

    res = corpus_boundaries(Path(args.shared))
    if res is None:
        print("corpus: ../shared absent, skipped")
    else:
        print("dev corpus (clean): unit boundaries kept / total, extra splits inside units")
        for (lang, name), (kept, total, extra) in res.items():
            print(f"  {lang} {name:9s}: {kept}/{total} kept, {extra} extra")

    text = " ".join(t for t, _ in PT * 20)
    segment.split("Aquecimento.", "pt")
    t = time.perf_counter()
    n = len(segment.split(text, "pt"))
    dt = time.perf_counter() - t
    print(f"speed: split {n} pt sentences in {dt:.3f} s = {n / dt:,.0f} sentences/s")

    print("language identification (lingua, pt vs en) on the case sentences")
    t = time.perf_counter()
    detect("primeira chamada carrega os modelos")
    print(f"  first call of detect (loads the models): {time.perf_counter() - t:.2f} s")
    for mode in ("high", "low"):
        acc, rate, n = lid(mode)
        print(f"  lingua {mode}-accuracy mode: accuracy {acc:.3f} on {n} sentences, {rate:,.0f} sentences/s")
    samples = [(s, "pt") for _, exp in PT for s in exp] + [(s, "en") for _, exp in EN for s in exp]
    for name, cut in (("whole sentences", None), ("first 4 words", 4), ("first 2 words", 2)):
        got = [(detect(" ".join(s.split()[:cut])), lang) for s, lang in samples]
        right = sum(g == lang for g, lang in got)
        none = sum(g is None for g, _ in got)
        print(f"  backcheck detect, {name}: right {right / len(got):.3f}, "
              f"undecided {none / len(got):.3f}, wrong {(len(got) - right - none) / len(got):.3f}")


if __name__ == "__main__":
    main()
