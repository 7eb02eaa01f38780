"""Batch throughput in articles per minute on the dev corpus (../shared/corpus/dev).

- apertium through the CLI (start-up included): cold cache, warm cache, cold with --jobs 2,
  and a resumed rerun (every report already there);
- ct2 int8 on the random-weight full-size OPUS-MT model built by bench_translate.py, with a
  fixed output length of 40 tokens per sentence (random weights would otherwise stop at
  arbitrary lengths), no cache, in-process, --jobs 1.

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
    print(f"{label:<34} {n:>3} articles {seconds:7.2f} s  {60 * n / seconds:8.1f} articles/min"
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


def bench_ct2(corpus: Path, tmp: Path) -> None:
    sys.path.insert(0, str(HERE))
    import bench_translate                     # the translation engineer's model builder
    import backcheck.translate as translate
    from backcheck import batch
    from backcheck.config import Config
    from backcheck.translate.ct2 import Ct2Translator

    t = time.perf_counter()
    model_dir = bench_translate.build_full_model(tmp / "model")
    print(f"(built the random-weight full-size model in {time.perf_counter() - t:.0f} s)")

    class FixedLength:
        """Forces every hypothesis to FIXED_LEN tokens, so the work per sentence is known."""

        def __init__(self, inner):
            self.inner = inner

        def translate_batch(self, batch_, **kw):
            kw.update(min_decoding_length=FIXED_LEN, max_decoding_length=FIXED_LEN)
            return self.inner.translate_batch(batch_, **kw)

    class BenchCt2(Ct2Translator):
        def _load(self, src, tgt):
            tok, tr, *rest = super()._load(src, tgt)
            if not isinstance(tr, FixedLength):
                tr = FixedLength(tr)
                self._loaded[f"{src}-{tgt}"] = (tok, tr, *rest)
            return (tok, tr, *rest)

    translate.get_translator = lambda config: BenchCt2(config.model, beam=1)
    cfg = Config(engine="ct2", model=str(model_dir), cache=False, fail_on="never")
    t = time.perf_counter()
    batch.run([corpus], tmp / "ct2", cfg, jobs=1, progress=False)
    elapsed = time.perf_counter() - t
    s = json.loads((tmp / "ct2" / "summary.json").read_text("utf-8"))
    line(f"ct2 int8, fixed {FIXED_LEN} tokens, --jobs 1", s["articles"], elapsed,
         "(model load included)")


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
