"""backcheck batch: discovery, report names, summary files, resume, exit status, batching."""
import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_on_tty

from backcheck import article as article_mod, batch, segment
from backcheck.config import Config
from backcheck.errors import InputError

from test_glossary import terminology
from tiny_marian import tiny_model  # noqa: F401  (fixture)

CITIES = ["Recife", "Curitiba", "Manaus", "Belém", "Goiânia", "Natal", "Maceió", "Cuiabá"]


def article(i: int) -> dict:
    """A small article of our own; i varies the numbers and the city."""
    city = CITIES[i % len(CITIES)]
    return {
        "id": f"art-{i:02d}",
        "pt": {"headline": f"Chuva deixa {i + 3} bairros sem luz em {city}",
               "body": [[f"A prefeitura de {city} informou que {i + 3} bairros ficaram sem "
                         "energia na terça-feira.", f"O serviço deve voltar em {i + 2} horas."],
                        [f"Segundo a companhia, {10 * i + 5} equipes trabalham nos reparos."]]},
        "en": {"headline": f"Rain leaves {i + 3} neighbourhoods without power in {city}",
               "body": [[f"{city} city hall said {i + 3} neighbourhoods lost power on "
                         "Tuesday.", f"Service should return in {i + 2} hours."],
                        [f"According to the company, {10 * i + 5} crews are working on "
                         "repairs."]]},
    }


def write_articles(d: Path, n: int, start: int = 0) -> list[Path]:
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = d / f"art-{i:02d}.json"
        p.write_text(json.dumps(article(i), ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return paths


def cli(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "backcheck", "batch", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=timeout)


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text("utf-8"))


NONE = Config(engine="none", cache=False)


def test_directory_pairs_jsonl_and_bad_articles(tmp_path):
    src = tmp_path / "in"
    write_articles(src / "sub", 2)
    (src / "nota.pt.txt").write_text("Chuva em Natal\n\nA chuva parou ontem à noite.\n",
                                     encoding="utf-8")
    (src / "nota.en.txt").write_text("Rain in Natal\n\nThe rain stopped last night.\n",
                                     encoding="utf-8")
    (src / "sozinho.pt.txt").write_text("Sem tradução.\n", encoding="utf-8")
    (src / "broken.json").write_text('{"id": "broken", "pt": ', encoding="utf-8")
    lines = [dict(article(5), id="../../etc/x"), {k: v for k, v in article(6).items() if k != "id"},
             "not json", article(7)]
    (src / "feed.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    status = batch.run([src], out, Config(engine="none", cache=False, fail_on="never"),
                       progress=False)
    assert status == 2                       # input errors, nothing at fail_on
    names = {p.name for p in out.iterdir()}
    for name in ("art-00", "art-01", "nota", "etc_x", "feed-2", "art-07"):
        assert f"{name}.json" in names, names
        rep = json.loads((out / f"{name}.json").read_text("utf-8"))
        assert rep["verdict"] in ("pass", "warn", "fail")
        assert len(rep["stats"]["batch"]["input_sha256"]) == 64
    assert {"summary.json", "summary.csv", "index.html", "junit.xml"} <= names
    assert not any(p.suffix == ".html" for p in out.iterdir() if p.name != "index.html")
    assert not (tmp_path / "etc").exists()
    s = summary(out)
    assert s["articles"] == 9
    errors = {r["name"]: r["error"] for r in s["reports"] if r["verdict"] == "error"}
    assert set(errors) == {"broken", "sozinho", "feed-3"}
    assert "no matching sozinho.en.txt" in errors["sozinho"]
    assert "line 3" in errors["feed-3"]
    # worst first: the errors lead
    assert [r["verdict"] for r in s["reports"][:3]] == ["error"] * 3
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 9 and {r["name"] for r in rows if r["verdict"] == "error"} == set(errors)
    suite = ET.parse(out / "junit.xml").getroot()
    assert "broken" in ET.tostring(suite, encoding="unicode")
    index = (out / "index.html").read_text("utf-8")
    assert "art-00.json" in index and "broken" in index


@pytest.mark.parametrize("raw, expect", [
    ("../../etc/x", "etc_x"), ("/abs/path", "abs_path"), (".hidden", "hidden"),
    ("a\\b", "a_b"), ("", "article"), ("...", "article"), ("summary", "summary_"),
    ("Index", "Index_"), ("notícia 1", "notícia_1"), ("x" * 300, "x" * 100),
])
def test_safe_name(raw, expect):
    assert batch.safe_name(raw, set()) == expect


def test_safe_name_unique_case_insensitively():
    taken: set[str] = set()
    assert [batch.safe_name(n, taken) for n in ("a", "A", "a", "a-2")] == \
        ["a", "A-2", "a-3", "a-2-2"]


def test_empty_input_and_missing_input(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("x\n")
    with pytest.raises(InputError, match="no articles found"):
        batch.run([tmp_path / "empty"], tmp_path / "out", NONE, progress=False)
    with pytest.raises(InputError, match="no such file"):
        batch.run([tmp_path / "absent"], tmp_path / "out", NONE, progress=False)
    r = cli(tmp_path / "empty", "--out", tmp_path / "out", "--engine", "none")
    assert r.returncode == 2 and "no articles found" in r.stderr and "Traceback" not in r.stderr


def test_symlink_loop_and_out_inside_input(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 2)
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "deeper").mkdir()
    (src / "deeper" / "up").symlink_to(tmp_path, target_is_directory=True)
    out = src / "reports"
    for _ in range(2):           # the second run must not take the reports for articles
        assert batch.run([src], out, NONE, progress=False) == 0
        assert summary(out)["articles"] == 2


def test_resume_skips_done_and_redoes_changed(tmp_path):
    src = tmp_path / "in"
    paths = write_articles(src, 4)
    out = tmp_path / "out"
    batch.run([src], out, NONE, progress=False)
    assert summary(out)["skipped"] == 0
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("art-*.json")}
    paths[1].write_text(json.dumps(article(9)), encoding="utf-8")     # changed content
    (out / "art-02.json").unlink()                                    # lost report
    (out / "art-03.json").write_text('{"id": "art-03", "ver', encoding="utf-8")  # torn
    batch.run([src], out, NONE, progress=False)
    s = summary(out)
    assert {r["name"]: r["skipped"] for r in s["reports"]} == \
        {"art-00": True, "art-01": False, "art-02": False, "art-03": False}
    assert (out / "art-00.json").stat().st_mtime_ns == first["art-00.json"]
    assert json.loads((out / "art-01.json").read_text())["id"] == "art-09"
    # another configuration is another result: nothing is skipped
    batch.run([src], out, Config(engine="none", cache=False, warn_score=0.5), progress=False)
    assert summary(out)["skipped"] == 0


def test_resume_with_html_added_later(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 1)
    out = tmp_path / "out"
    batch.run([src], out, NONE, progress=False)
    batch.run([src], out, NONE, html=True, progress=False)
    assert summary(out)["skipped"] == 0 and (out / "art-00.html").is_file()
    batch.run([src], out, NONE, html=True, progress=False)
    assert summary(out)["skipped"] == 1


def test_stale_temp_files_removed_and_lock(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".art-00.json.abc123.tmp").write_text('{"half')
    with batch.state.lock(out):
        with pytest.raises(InputError, match="another backcheck batch"):
            batch.run([src], out, NONE, progress=False)
    batch.run([src], out, NONE, progress=False)
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_exit_status_follows_fail_on(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 2)
    gloss = tmp_path / "g.csv"
    gloss.write_text("prefeitura,city council\n", encoding="utf-8")     # EN says "city hall"
    cfg = dict(engine="none", cache=False, glossary=str(gloss), severity={"glossary": "major"})
    assert batch.run([src], tmp_path / "o1", Config(**cfg, fail_on="major"), progress=False) == 1
    assert batch.run([src], tmp_path / "o2", Config(**cfg, fail_on="critical"),
                     progress=False) == 0
    rep = json.loads((tmp_path / "o1" / "art-00.json").read_text())
    assert any(m.startswith("terminology: 'prefeitura'") for m in terminology(rep["issues"]))
    # a glossary that cannot be read stops the batch before any work
    gloss.write_text("a,b,c\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        batch.run([src], tmp_path / "o3", Config(**cfg), progress=False)


class CountingTranslator:
    """Test double: upper-cases text and counts calls, to observe batching."""
    name = "counting"

    def __init__(self):
        self.calls = []

    def translate(self, texts, src, tgt):
        self.calls.append((src, tgt, len(texts)))
        return [t.upper() for t in texts]

    def info(self, src, tgt):
        return {"name": "counting", "model": "upper", "revision": "1"}


def test_translation_batched_across_articles(tmp_path, monkeypatch):
    import backcheck.translate
    double = CountingTranslator()
    monkeypatch.setattr(backcheck.translate, "get_translator", lambda config: double)
    src = tmp_path / "in"
    paths = write_articles(src, 6)
    out = tmp_path / "out"
    assert batch.run([src], out, Config(engine="apertium", cache=False, fail_on="never"),
                     jobs=1, progress=False) == 0
    # one call per direction per chunk of articles, not one per article
    chunks = len(list(batch.executors.chunks([None] * 6, 1)))
    assert 1 < chunks < 6
    assert [(s, t) for s, t, _ in double.calls] == [("pt", "en"), ("en", "pt")] * chunks
    sentences = sum(len(segment.segment(article_mod.load(p)).pt) for p in paths)
    assert sum(n for s, t, n in double.calls if s == "pt") == sentences
    rep = json.loads((out / "art-03.json").read_text())
    assert rep["engine"]["name"] == "counting"


def test_cli_parallel_matches_serial(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 5)
    r1 = cli(src, "--out", tmp_path / "o1", "--engine", "none", "--no-cache")
    r2 = cli(src, "--out", tmp_path / "o2", "--engine", "none", "--no-cache", "--jobs", "2",
             "--html")
    assert r1.returncode == r2.returncode == 0, r1.stderr + r2.stderr
    # not a terminal: no progress bar, only the final line
    assert r2.stderr.strip().count("\n") == 0
    assert re.match(r"5 articles: \d+ pass, \d+ warn, \d+ fail, 0 error in [\d.]+s",
                    r2.stderr), r2.stderr
    for i in range(5):
        a = json.loads((tmp_path / "o1" / f"art-{i:02d}.json").read_text())
        b = json.loads((tmp_path / "o2" / f"art-{i:02d}.json").read_text())
        assert a["issues"] == b["issues"] and a["verdict"] == b["verdict"]
        assert "<html" in (tmp_path / "o2" / f"art-{i:02d}.html").read_text().lower()
    index = (tmp_path / "o2" / "index.html").read_text("utf-8")
    assert all(f'href="art-{i:02d}.html"' in index for i in range(5))
    r3 = cli(src, "--out", tmp_path / "o2", "--engine", "none", "--no-cache", "--html")
    assert "(5 already done)" in r3.stderr


def test_cli_jobs_zero_and_out_is_a_file(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 1)
    r = cli(src, "--out", tmp_path / "o", "--engine", "none", "--jobs", "0")
    assert r.returncode == 2 and "--jobs" in r.stderr
    (tmp_path / "f").write_text("x")
    r = cli(src, "--out", tmp_path / "f", "--engine", "none")
    assert r.returncode == 2 and "not a directory" in r.stderr


def test_cli_batch_jobs_from_config(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 3)
    (tmp_path / "backcheck.toml").write_text('engine = "none"\ncache = false\njobs = 2\n')
    r = cli("in", "--out", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert summary(tmp_path / "out")["articles"] == 3


def test_dev_corpus(tmp_path, shared):
    dev = shared("corpus", "dev")
    out = tmp_path / "out"
    status = batch.run([dev], out, Config(engine="none", cache=False), html=True, progress=False)
    n = len(list(dev.rglob("*.json")))
    s = summary(out)
    assert s["articles"] == n and s["verdicts"]["error"] == 0
    assert len(list(out.glob("*.html"))) == n + 1             # + index.html
    assert status in (0, 1)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_workers_get_their_own_cpus():
    from multiprocessing import Value
    before = os.sched_getaffinity(0)
    slot = Value("i", 0)
    try:
        shares = []
        for _ in range(2):
            os.sched_setaffinity(0, before)
            batch.executors.share_cpus(slot, 2)
            shares.append(os.sched_getaffinity(0))
    finally:
        os.sched_setaffinity(0, before)
    assert all(s <= before and len(s) == max(1, len(before) // 2) for s in shares)
    if len(before) >= 2:
        assert not shares[0] & shares[1]


def test_progress_bar_on_a_terminal(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 3)
    err, rc = run_on_tty([sys.executable, "-m", "backcheck", "batch", str(src), "--out",
                          str(tmp_path / "out"), "--engine", "none"], stream="stderr",
                         timeout=120)
    assert rc == 0
    assert "articles/min" in err and "3/3" in err           # count and rate while running
    assert "3 articles: " in err                            # and the final line


def test_engine_that_cannot_start_stops_the_batch(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 2)
    for jobs in ("1", "2"):
        r = cli(src, "--out", tmp_path / f"o{jobs}", "--engine", "ct2", "--model",
                tmp_path / "no-model", "--jobs", jobs, "--no-cache")
        assert r.returncode == 2, r.stderr
        assert "no-model" in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_out_must_not_overwrite_inputs(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 2)
    r = cli(src, "--out", src, "--engine", "none")
    assert r.returncode == 2 and "--out" in r.stderr
    r = cli(src / "art-00.json", "--out", src, "--engine", "none")
    assert r.returncode == 2 and "overwrite" in r.stderr
    assert json.loads((src / "art-00.json").read_text())["id"] == "art-00"     # untouched


def test_fifo_bom_jsonl_and_unreadable_entries_do_not_stop_the_batch(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 1)
    os.mkfifo(src / "pipe.json")
    (src / "dangling.json").symlink_to(tmp_path / "gone.json")
    (src / "feed.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps(article(4)).encode() + b"\n")
    out = tmp_path / "out"
    assert batch.run([src], out, NONE, progress=False) == 2
    rows = {r["name"]: r for r in summary(out)["reports"]}
    assert rows["art-04"]["verdict"] != "error"
    assert "not a regular file" in rows["pipe"]["error"]
    assert rows["dangling"]["verdict"] == "error"
    assert rows["art-00"]["verdict"] != "error"


def test_cli_marian_and_ct2_workers_on_the_tiny_model(tmp_path, tiny_model):
    """Real engines in worker processes: each loads the model once; stderr stays one line."""
    src = tmp_path / "in"
    write_articles(src, 4)
    for engine in ("marian", "ct2"):
        out = tmp_path / engine
        r = cli(src, "--out", out, "--engine", engine, "--model", tiny_model, "--jobs", "2",
                "--no-cache", "--fail-on", "never", timeout=300)
        assert r.returncode == 0, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert summary(out)["verdicts"]["error"] == 0
        rep = json.loads((out / "art-02.json").read_text())
        assert rep["engine"]["name"] == engine


def test_html_pages_in_a_directory_are_articles(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cms.html").write_text(
        "<html><body><h1>Curitiba vai reformar 40 escolas</h1>"
        "<p>A prefeitura de Curitiba anunciou um plano para reformar 40 escolas.</p>"
        "<p>Curitiba city hall announced a plan to renovate 40 schools.</p></body></html>",
        encoding="utf-8")
    r = cli(src, "--out", tmp_path / "out", "--engine", "none", "--no-progress")
    assert r.returncode in (0, 1), r.stderr
    rep = json.loads((tmp_path / "out" / "cms.json").read_text(encoding="utf-8"))
    assert rep["alignment"] and rep["id"] == "cms"


def test_a_model_replaced_in_place_is_not_resumed(tmp_path):
    models = tmp_path / "models"
    for d in ("pt-en", "en-pt"):
        (models / d).mkdir(parents=True)
        (models / d / "config.json").write_text("{}")
        (models / d / "backcheck-model.json").write_text(json.dumps({"id": "m", "revision": "r1"}))
    cfg = Config(engine="marian", model=str(models))
    before = batch.fingerprint(cfg)
    assert batch.fingerprint(cfg) == before                   # stable while nothing changes
    (models / "en-pt" / "backcheck-model.json").write_text(json.dumps({"id": "m", "revision": "r2"}))
    assert batch.fingerprint(cfg) != before


def test_summary_that_cannot_be_written_is_an_input_error(tmp_path, monkeypatch):
    write_articles(tmp_path / "in", 1)
    real = batch.summary.write_atomic

    def full_disk(path, text):
        if path.name == "summary.json":
            raise OSError(28, "No space left on device")
        real(path, text)
    monkeypatch.setattr(batch.summary, "write_atomic", full_disk)
    with pytest.raises(InputError, match="cannot write the summary: No space left"):
        batch.run([tmp_path / "in"], tmp_path / "out", NONE, progress=False)
    assert (tmp_path / "out" / "art-00.json").is_file()      # the report itself was kept
