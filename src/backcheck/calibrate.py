"""`backcheck calibrate`: recompute every check's thresholds for the engine in use from a
newsroom's own clean, published translation pairs (orchestration only; the statistics
live in checks.calibration).

Entry point: `run(inputs, config, output, rate) -> Calibration`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from backcheck.errors import InputError


def _articles(inputs, config):
    """Every article under `inputs`: article files, directories of JSON articles, JSONL."""
    import json

    from backcheck import article
    files = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files += sorted(p.rglob("*.json")) + sorted(p.rglob("*.jsonl"))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(p, "no such file or directory")
    if not files:
        raise InputError(", ".join(map(str, inputs)), "no articles found")
    for f in files:
        if f.suffix.lower() != ".jsonl":
            yield f.stem, article.load(f, config=config)
            continue
        for k, line in enumerate(article.read_text(f).splitlines(), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f, f"line {k}: not a JSON article ({e})") from None
                yield f"{f.stem}-{k}", article.from_dict(obj, source=f"{f}:{k}", config=config)


def run(inputs, config, output, rate: float, progress=None):
    from backcheck import checks, pipeline
    from backcheck.checks import calibration
    from backcheck.translate import get_scorer, get_translator

    if not 0 < rate < 1:
        raise InputError(None, f"--rate must be between 0 and 1, not {rate}")
    translator = None if config.engine == "none" else get_translator(config)
    scorer = get_scorer(config, translator)
    engine = translator.info("pt", "en")["name"] if translator else "none"
    observations: dict = {}
    n = 0
    for name, art in _articles(inputs, config):
        pipeline.check(art, translator, config, scorer=scorer, observations=observations)
        n += 1
        if progress:
            progress(n, name)
    units = observations.pop("units", 0)
    if not units:
        raise InputError(", ".join(map(str, inputs)), "no aligned sentence pairs to calibrate on")
    corpus = f"{n} articles: " + ", ".join(Path(str(i)).name for i in inputs)
    cal = calibration.fit(observations, units, checks.modules(), rate, engine, corpus[:200])
    try:
        cal.save(output)
    except OSError as e:
        raise InputError(output, f"cannot write the calibration: {e.strerror or e}") from None
    print(f"calibrated {engine} on {n} articles ({units} aligned pairs, rate {rate:g}): "
          f"{output}", file=sys.stderr)
    return cal
