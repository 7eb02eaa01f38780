"""`make eval`: detection quality on the labelled corpus, printed (never asserted).

Runs backcheck in-process (one translator, one cache) over CORPUS/clean and
CORPUS/corrupted, writes one JSON report per article named after the file's stem,
scores them with the corpus's own score.py and prints its figures; the same for our own
held-out set; then real translations: the clean NTREX articles (SHARED/corpus/ntrex/clean)
and errors injected into them by benchmarks/inject.py (generated at each run into
OUT-ntrex-corpus, never committed), with the counted alarms per clean real article, the
critical ones and the share of articles with none, and score.py's figures on both; then
benchmarks/eval_align.py (alignment on the Bleualign test set) when it is present.

usage: eval.py [--shared ../shared] [--corpus DIR] [--scorer FILE] [--engine apertium]
               [--out DIR] [--heldout DIR] [--ntrex DIR] [--inject-seed N] [--no-align]
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
sys.path.insert(0, str(HERE))
import inject  # noqa: E402  (benchmarks/inject.py, beside this script)

COUNTED = ("critical", "major", "minor")      # as score.py: info is never counted


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
    ap.add_argument("--ntrex", default=None,
                    help="clean real articles (default: SHARED/corpus/ntrex/clean; '' to skip)")
    ap.add_argument("--inject-seed", type=int, default=1,
                    help="seed of benchmarks/inject.py for the injected real-text set")
    ap.add_argument("--heldout", default=str(HERE / "heldout"),
                    help="own held-out corpus, scored as a second set ('' to skip)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    corpus = Path(args.corpus) if args.corpus else shared / "corpus" / "dev"
    scorer = Path(args.scorer) if args.scorer else corpus.parent / "score.py"
    if not (corpus / "clean").is_dir() or not scorer.is_file():
        print(f"eval: {corpus}/clean or {scorer} not found", file=sys.stderr)
        return 2
    if args.ntrex is None:
        args.ntrex = str(shared / "corpus" / "ntrex" / "clean")
    t0 = time.perf_counter()
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
    ntrex = Path(args.ntrex) if args.ntrex else None
    if ntrex and ntrex.is_dir():
        rc |= run_ntrex(ntrex, out, cfg, scorer, args.inject_seed)
    elif ntrex:
        print(f"== [ntrex] {ntrex} not found: real-text figures skipped", flush=True)
    align_eval = HERE / "eval_align.py"
    if align_eval.is_file() and not args.no_align:
        print(f"== {align_eval.name}", flush=True)
        # the corpus's alignment_unit_recall is already printed above: the Bleualign set
        # and the seed-like pages made of NTREX articles only
        rc |= subprocess.call([sys.executable, str(align_eval), "--shared", str(shared),
                               "--skip-corpus"])
    print(f"== eval took {time.perf_counter() - t0:.0f} s", flush=True)
    return rc


# ---- real translations (NTREX): clean alarms and injected errors

def run_ntrex(clean_dir: Path, out: Path, cfg, scorer: Path, seed: int) -> int:
    """Inject errors into the real articles, check clean + corrupted, print the figures."""
    corpus = out.with_name(out.name + "-ntrex-corpus")
    reports = out.with_name(out.name + "-ntrex")
    try:
        injected = inject.inject(clean_dir, corpus, seed=seed, force=True)
    except inject.InjectError as e:
        print(f"== [ntrex] cannot inject: {e}", flush=True)
        return 1
    print(f"== [ntrex] {sum(injected.values())} errors injected by inject.py (seed {seed}) "
          f"into {corpus}/corrupted: " + ", ".join(f"{t} {injected[t]}" for t in inject.TYPES),
          flush=True)
    print(f"== [ntrex] backcheck on {corpus} -> {reports}", flush=True)
    counts = run_corpus(corpus, reports, cfg)
    print(f"{counts.pop('articles')} articles in {counts.pop('seconds')} s", flush=True)
    print_clean_alarms(clean_alarms(corpus / "clean", reports))
    print(f"== [ntrex] {scorer} (clean: false alarms, alignment; corrupted: recall, "
          f"precision)", flush=True)
    return subprocess.call([sys.executable, str(scorer), str(corpus), str(reports)])


def clean_alarms(clean_dir: Path, reports: Path) -> dict:
    """Counted alarms in the reports on clean articles (none expected), by type/severity."""
    res = {"articles": 0, "alarms": 0, "critical": 0, "with_none": 0, "missing": 0,
           "by": Counter()}
    for path in sorted(clean_dir.glob("*.json")):
        res["articles"] += 1
        rp = reports / f"{path.stem}.json"
        if not rp.exists():
            res["missing"] += 1
            continue
        issues = json.loads(rp.read_text(encoding="utf-8")).get("issues") or []
        counted = [i for i in issues if i.get("severity") in COUNTED]
        res["alarms"] += len(counted)
        res["critical"] += sum(i["severity"] == "critical" for i in counted)
        res["with_none"] += not counted
        res["by"].update(f"{i.get('type')}/{i['severity']}" for i in counted)
    return res


def print_clean_alarms(res: dict) -> None:
    n = res["articles"] or 1
    print(f"== [ntrex] {res['articles']} clean real articles: "
          f"{res['alarms'] / n:.2f} counted alarms per article ({res['alarms']}), "
          f"{res['critical']} critical, {res['with_none']} articles "
          f"({100 * res['with_none'] / n:.0f}%) with none"
          + (f", {res['missing']} reports missing" if res["missing"] else ""), flush=True)
    by = res["by"]
    for kind in sorted({k.split("/")[0] for k in by}):
        parts = [f"{sev} {by[f'{kind}/{sev}']}" for sev in COUNTED if by[f"{kind}/{sev}"]]
        print(f"  {kind:15} {sum(by[f'{kind}/{s}'] for s in COUNTED):4}  ({', '.join(parts)})")


if __name__ == "__main__":
    sys.exit(main())
