"""`make eval`: detection quality on the labelled corpus, printed (never asserted).

Runs backcheck in-process (one translator, one cache) over CORPUS/clean and
CORPUS/corrupted, writes one JSON report per article named after the file's stem,
scores them with the corpus's own score.py and prints its figures; then runs
benchmarks/eval_align.py (alignment on the Bleualign test set) when it is present.

usage: eval.py [--shared ../shared] [--corpus DIR] [--scorer FILE] [--engine apertium]
               [--out DIR] [--no-align]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import backcheck
from backcheck import config

HERE = Path(__file__).resolve().parent


def run_corpus(corpus: Path, out: Path, cfg) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    checker = backcheck.Checker(cfg)
    counts: Counter = Counter()
    files = sorted(corpus.glob("clean/*.json")) + sorted(corpus.glob("corrupted/*.json"))
    t0 = time.perf_counter()
    for path in files:
        try:
            rep = checker.check(backcheck.load(path, config=cfg))
        except backcheck.InputError as e:
            print(f"  input error: {e}")
            counts["errors"] += 1
            continue
        (out / f"{path.stem}.json").write_text(
            json.dumps(rep.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        counts[rep.verdict] += 1
        for i in rep.issues:
            counts[f"{i.type}/{i.severity}"] += 1
    counts["articles"] = len(files)
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return dict(counts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="the shared data directory")
    ap.add_argument("--corpus", default=None, help="corpus dir (default: SHARED/corpus/dev)")
    ap.add_argument("--scorer", default=None, help="score.py (default: CORPUS/../score.py)")
    ap.add_argument("--engine", default="apertium")
    ap.add_argument("--cache-dir", default=None, help="translation cache directory")
    ap.add_argument("--out", default="/tmp/backcheck-eval", help="where the reports go")
    ap.add_argument("--no-align", action="store_true", help="skip eval_align.py")
    ap.add_argument("--heldout", default=str(HERE / "heldout"),
                    help="own held-out corpus, scored as a second set ('' to skip)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    corpus = Path(args.corpus) if args.corpus else shared / "corpus" / "dev"
    scorer = Path(args.scorer) if args.scorer else corpus.parent / "score.py"
    if not (corpus / "clean").is_dir() or not scorer.is_file():
        print(f"eval: {corpus}/clean or {scorer} not found", file=sys.stderr)
        return 2
    cfg = config.load(None, engine=args.engine, cache_dir=args.cache_dir)
    out = Path(args.out)
    sets = [("dev", corpus, out)]
    heldout = Path(args.heldout) if args.heldout else None
    if heldout and (heldout / "clean").is_dir() and heldout.resolve() != corpus.resolve():
        sets.append(("own held-out", heldout, out.with_name(out.name + "-heldout")))
    rc = 0
    for label, cdir, odir in sets:
        print(f"== [{label}] backcheck on {cdir} (engine {args.engine}) -> {odir}", flush=True)
        counts = run_corpus(cdir, odir, cfg)
        print(f"{counts.pop('articles')} articles in {counts.pop('seconds')} s; "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), flush=True)
        print(f"== [{label}] {scorer}", flush=True)
        rc |= subprocess.call([sys.executable, str(scorer), str(cdir), str(odir)])
    align_eval = HERE / "eval_align.py"
    if align_eval.is_file() and not args.no_align:
        print(f"== {align_eval.name}", flush=True)
        # the corpus's alignment_unit_recall is already printed above: Bleualign set only
        rc |= subprocess.call([sys.executable, str(align_eval), "--shared", str(shared),
                               "--skip-corpus"])
    return rc


if __name__ == "__main__":
    sys.exit(main())
