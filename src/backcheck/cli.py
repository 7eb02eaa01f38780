"""Command line: argument parsing and dispatch only; the work lives in the stage modules.

Exit status: 0 clean, 1 an issue reached --fail-on, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backcheck import __version__
from backcheck.errors import InputError
from backcheck.report import FORMATS


def _engine_opts(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("translation")
    g.add_argument("--engine", choices=["auto", "marian", "ct2", "apertium", "none"], default=None,
                   help="back-translation engine (default: auto = ct2 > marian > apertium; "
                        "none = only the checks that need no translation)")
    g.add_argument("--model", default=None, metavar="DIR",
                   help="local model directory for marian/ct2 (default: models/)")
    g.add_argument("--beam", type=int, default=None, help="beam size (1 = greedy)")
    g.add_argument("--cache-dir", default=None, metavar="DIR", help="translation cache directory")
    g.add_argument("--no-cache", dest="cache", action="store_const", const=False, default=None,
                   help="do not read or write the translation cache")
    g.add_argument("--allow-pickle", action="store_const", const=True, default=None,
                   help="allow loading pickle (.bin) checkpoints: only for models you trust")
    p.add_argument("--config", default=None, metavar="FILE", help="configuration file")
    p.add_argument("--fail-on", default=None,
                   choices=["critical", "major", "minor", "info", "never"],
                   help="exit 1 when an issue of this severity or worse is found (default: major)")
    p.add_argument("--glossary", default=None, metavar="CSV", help="terminology CSV (pt,en)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="backcheck", description="Check a Portuguese news article against its English translation.")
    ap.add_argument("--version", action="version", version=f"backcheck {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check one article")
    c.add_argument("path", nargs="?", help="article: JSON, or a mixed-language .txt/.md page")
    c.add_argument("--pt", metavar="FILE", help="Portuguese plain-text file")
    c.add_argument("--en", metavar="FILE", help="English plain-text file")
    c.add_argument("--format", "-f", choices=FORMATS, default=None)
    c.add_argument("--output", "-o", metavar="FILE", help="write the report here (default: stdout)")
    _engine_opts(c)

    b = sub.add_parser("batch", help="check many articles into a report directory")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories or JSONL files of articles")
    b.add_argument("--out", required=True, metavar="DIR")
    b.add_argument("--html", action="store_true", help="also write an HTML report per article")
    b.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes (default: jobs in the config file, else 1)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="where the work runs: local worker processes (default), or a Dask "
                        "cluster (needs backcheck[cluster])")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --executor dask: the scheduler of a running cluster "
                        "(tcp://HOST:8786); default: a local cluster of --jobs workers")
    _engine_opts(b)

    a = sub.add_parser("align", help="align two sentence-per-line files (Bleualign-style)")
    a.add_argument("--src", required=True)
    a.add_argument("--tgt", required=True)
    a.add_argument("--src2tgt", required=True, help="translation of --src, line by line")
    a.add_argument("--tgt2src", help="translation of --tgt, line by line")
    a.add_argument("--output", "-o", metavar="FILE")

    k = sub.add_parser("calibrate", help="recompute the checks' thresholds for the engine in "
                                         "use from clean, published translation pairs")
    k.add_argument("inputs", nargs="+", metavar="CLEAN_INPUT",
                   help="clean article files, directories of JSON articles, or JSONL files")
    k.add_argument("--output", "-o", required=True, metavar="FILE",
                   help="calibration file to write (name it in the config: calibration = FILE)")
    k.add_argument("--rate", type=float, default=None, metavar="R",
                   help="false alarms allowed per aligned sentence pair of clean text "
                        "(default 0.002: 99.8%% of faithful pairs stay below each threshold)")
    _engine_opts(k)

    m = sub.add_parser("models", help="download or list translation models")
    msub = m.add_subparsers(dest="models_command", required=True)
    md = msub.add_parser("download", help="fetch the pinned models into models/ and convert them")
    md.add_argument("--dir", default=None, help="models directory (default: ./models)")
    md.add_argument("--no-convert", action="store_true", help="skip the CTranslate2 conversion")
    md.add_argument("--allow-pickle", action="store_true")
    ml = msub.add_parser("list", help="show the manifest and what is present")
    ml.add_argument("--dir", default=None)

    cf = sub.add_parser("config", help="configuration")
    csub = cf.add_subparsers(dest="config_command", required=True)
    cs = csub.add_parser("show", help="print the effective configuration")
    cs.add_argument("--config", default=None, metavar="FILE")
    return ap


def _config(args):
    from backcheck import config
    over = {k: getattr(args, k, None) for k in
            ("engine", "model", "beam", "cache", "cache_dir", "allow_pickle", "fail_on",
             "glossary", "format")}
    return config.load(getattr(args, "config", None), **over)


def cmd_check(args) -> int:
    import backcheck
    from backcheck import article
    from backcheck.report import score

    if args.path and (args.pt or args.en):
        raise InputError(None, "give either PATH or --pt/--en, not both")
    if not args.path and not (args.pt and args.en):
        raise InputError(None, "give an article PATH, or both --pt FILE and --en FILE")
    out_path = Path(args.output).resolve() if args.output else None
    for given in (args.path, args.pt, args.en):
        if given and out_path == Path(given).resolve():
            raise InputError(args.output, "is also the input: the report would replace the "
                                          "article; write it somewhere else")
    cfg = _config(args)
    art = backcheck.load(Path(args.path), config=cfg) if args.path else \
        article.load_pair(args.pt, args.en, config=cfg)
    rep = backcheck.Checker(cfg).check(art)
    # colour only for a terminal: never into an -o file
    out = backcheck.render(rep, cfg.format, color=False if args.output else None)
    if args.output:
        from backcheck.batch import write_atomic
        try:
            write_atomic(Path(args.output), out)
        except OSError as e:
            raise InputError(args.output, f"cannot write the report: {e.strerror or e}") from None
    else:
        sys.stdout.write(out)
    return 1 if score.fails(rep, cfg.fail_on) else 0


def cmd_batch(args) -> int:
    from backcheck import batch
    cfg = _config(args)
    executor = None
    if args.executor == "dask":
        try:
            from backcheck.batch.cluster import DaskExecutor
        except ImportError:
            raise InputError(None, "--executor dask needs Dask: pip install "
                                   "'backcheck[cluster]'") from None
        executor = DaskExecutor(args.scheduler, workers=args.jobs or cfg.jobs or 1)
    elif args.scheduler:
        raise InputError(None, "--scheduler needs --executor dask")
    return batch.run(args.inputs, Path(args.out), cfg, html=args.html, jobs=args.jobs,
                     progress=not args.no_progress, executor=executor)


def cmd_align(args) -> int:
    from backcheck import align
    return align.cli(args.src, args.tgt, args.src2tgt, args.tgt2src, args.output)


def cmd_calibrate(args) -> int:
    from backcheck import calibrate
    from backcheck.checks.calibration import DEFAULT_RATE
    calibrate.run(args.inputs, _config(args), args.output,
                  DEFAULT_RATE if args.rate is None else args.rate)
    return 0


def cmd_models(args) -> int:
    from backcheck.translate import models
    if args.models_command == "download":
        return models.download(args.dir, convert=not args.no_convert,
                               allow_pickle=args.allow_pickle)
    return models.list_models(args.dir)


def cmd_config(args) -> int:
    import json
    from backcheck import config
    cfg = config.load(args.config)
    sys.stdout.write(json.dumps(cfg.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return 0


COMMANDS = {"check": cmd_check, "batch": cmd_batch, "align": cmd_align,
            "calibrate": cmd_calibrate,
            "models": cmd_models, "config": cmd_config}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as e:
        print(f"backcheck: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("backcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
