"""Batch throughput in articles per minute on the dev corpus (../shared/corpus/dev).

- apertium through the CLI (start-up included): cold cache, warm cache, cold with --jobs 2,
  and a resumed rerun (every report already there); then in-process through the library
  (backcheck.Checker) without a cache, chunks of 8 articles per engine call (as batch
  sends them) against one article per call;
- ct2 int8 on the random-weight full-size OPUS-MT model built by bench_translate.py, with a
  fixed output length of 40 tokens per sentence (random weights would otherwise stop at
  arbitrary lengths), no cache, in-process through backcheck.Checker, chunks of 8.

Prints figures; asserts nothing. Usage: python benchmarks/bench_batch.py [--shared DIR]
[--skip-ct2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_LEN = 40
CHUNK = 8          # articles per engine call, as backcheck batch sends them


def batch_cli(corpus: Path, out: Path, cache: Path, *extra) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "backcheck", "batch", str(corpus), "--out", str(out),
           "--engine", "apertium", "--cache-dir", str(cache), "--no-progress",
           "--fail-on", "never", *extra]
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"batch failed ({r.returncode}): {r.stderr}")
    return elapsed, json.loads((out / "summary.json").read_text("utf-8"))


def line(label: str, n: int, seconds: float, note: str = "") -> None:
    print(f"{label:<42} {n:>3} articles {seconds:7.2f} s  {60 * n / seconds:8.1f} articles/min"
          f"{'  ' + note if note else ''}", flush=True)


def bench_apertium(corpus: Path, tmp: Path) -> None:
    cache = tmp / "cache"
    t, s = batch_cli(corpus, tmp / "cold", cache)
    n = s["articles"]
    line("apertium, cold cache, --jobs 1", n, t, f"verdicts {s['verdicts']}")
    t, _ = batch_cli(corpus, tmp / "warm", cache)
    line("apertium, warm cache, --jobs 1", n, t)
    t, _ = batch_cli(corpus, tmp / "cold2", tmp / "cache2", "--jobs", "2")
    line("apertium, cold cache, --jobs 2", n, t)
    t, s = batch_cli(corpus, tmp / "warm", cache)
    line("apertium, resumed (all done)", n, t, f"{s['skipped']} skipped")
    # what batching across articles buys: the same cold run in-process through the library,
    # chunks of 8 articles (as batch sends them) against one article per engine call
    import backcheck
    arts = [backcheck.load(p) for p in sorted(corpus.rglob("*.json"))]
    cfg = backcheck.Config(engine="apertium", cache=False, fail_on="never")
    checker = backcheck.Checker(cfg)
    t = time.perf_counter()
    for i in range(0, len(arts), CHUNK):
        checker.check_many(arts[i:i + CHUNK])
    line("apertium, no cache, chunks of articles", len(arts), time.perf_counter() - t,
         "(in-process, Checker.check_many)")
    t = time.perf_counter()
    for a in arts:
        checker.check(a)
    line("apertium, no cache, one article per call", len(arts), time.perf_counter() - t,
         "(in-process, Checker.check)")


def bench_ct2(corpus: Path, tmp: Path) -> None:
    sys.path.insert(0, str(HERE))
    import bench_translate                     # the translation engineer's model builder
    import backcheck
    from backcheck.translate import get_scorer
    from backcheck.translate.ct2 import Ct2Translator

    t = time.perf_counter()
    model = bench_translate.build(bench_translate.WORK)     # cached between runs
    print(f"(random-weight full-size model ready in {time.perf_counter() - t:.0f} s)")
    cfg = backcheck.Config(engine="ct2", model=str(model), cache=False, fail_on="never")
    arts = [backcheck.load(p) for p in sorted(corpus.rglob("*.json"))]
    t = time.perf_counter()
    # random weights stop at arbitrary lengths: fix the work per sentence instead
    tr = Ct2Translator(cfg.model, beam=1, compute_type="int8")
    tr.decode_opts = {"min_decoding_length": FIXED_LEN, "max_decoding_length": FIXED_LEN}
    checker = backcheck.Checker(cfg, translator=tr, scorer=get_scorer(cfg, tr))
    reports = []
    for i in range(0, len(arts), CHUNK):
        reports += checker.check_many(arts[i:i + CHUNK], return_exceptions=True)
    elapsed = time.perf_counter() - t
    done = [r for r in reports if isinstance(r, backcheck.Report)]
    sents = sum(r.stats.get("pt_sentences", 0) for r in done)
    line(f"ct2 int8, {FIXED_LEN} tokens out, in-process", len(arts), elapsed,
         f"(model load included; {sents} pt sentences + their en, "
         f"{len(reports) - len(done)} errors)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--skip-ct2", action="store_true")
    args, _ = ap.parse_known_args()
    corpus = Path(args.shared) / "corpus" / "dev"
    if not corpus.is_dir():
        print(f"skipped: {corpus} is absent")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as d:
        tmp = Path(d)
        bench_apertium(corpus, tmp)
        if not args.skip_ct2:
            bench_ct2(corpus, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
