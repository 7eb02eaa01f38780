"""backcheck batch as a pipeline gate (issue 10, 'Why' 2, 6, 7): an unchecked article wins the
exit status, --baseline fails only on new issues, stale reports are listed and pruned, the
index sorts and filters with headline and top-issue columns (as summary.csv), and --jobs is
capped by the work and the cores. Through the CLI, --engine none unless said otherwise."""
from __future__ import annotations

import csv
import json
import re
import shutil

import pytest
from conftest import need_shared

from backcheck import batch, cli

FAST = ["--engine", "none", "--no-cache", "--no-progress"]


def article(n: int, junk: bool = False, number: str = "300") -> dict:
    body_en = f"The centres serve {number} children in the district."
    return {"id": f"art-{n:02d}",
            "pt": {"headline": f"Prefeitura abre a creche número {n}",
                   "body": ["A prefeitura abriu a creche no bairro nesta segunda-feira.",
                            "As unidades atendem 300 crianças do bairro."]},
            "en": {"headline": f"City hall opens day-care centre number {n}",
                   "body": ["The city hall opened the centre in the district on Monday.",
                            body_en + (" [TK]" if junk else "")]}}


def write(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    return path


def run(capsys, *args):
    status = cli.main(["batch", *map(str, args), *FAST])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def summary(out):
    return json.loads((out / "summary.json").read_text("utf-8"))


def test_an_input_error_wins_over_a_failing_article(tmp_path, capsys):
    src = tmp_path / "in"
    write(src / "bad-number.json", article(1, number="350"))      # fails: 300 vs 350
    (src / "broken.json").write_text('{"id": "x", "pt": ', "utf-8")
    status, _ = run(capsys, src, "--out", tmp_path / "out")
    s = summary(tmp_path / "out")
    assert s["verdicts"]["fail"] == 1 and s["verdicts"]["error"] == 1
    assert status == 2 == s["exit_status"]


def test_baseline_over_the_dev_corpus_fails_only_on_the_newly_corrupted_article(tmp_path,
                                                                                 capsys):
    dev = need_shared("corpus", "dev")
    src = tmp_path / "dev"
    shutil.copytree(dev, src)
    old, new = tmp_path / "old", tmp_path / "new"
    first, _ = run(capsys, src, "--out", old)
    assert first == 1                               # the dev corpus has errors to find
    status, _ = run(capsys, src, "--out", new, "--baseline", old)
    assert status == 0, "nothing is new against the baseline"
    s = summary(new)
    assert s["baseline"] == str(old) and s["verdicts"]["fail"] == 0
    waived = [i for p in new.glob("dev-*.json")
              for i in json.loads(p.read_text("utf-8"))["issues"] if i["waived"]]
    assert waived and all(i["waived"]["by"] == "baseline" for i in waived)

    victim = src / "clean" / "dev-003.json"
    art = json.loads(victim.read_text("utf-8"))
    para = art["en"]["body"][1]
    text = para if isinstance(para, str) else " ".join(para)
    number = re.search(r"\d+", text).group(0)
    art["en"]["body"][1] = text.replace(number, str(int(number) + 7), 1)
    victim.write_text(json.dumps(art, ensure_ascii=False), "utf-8")
    status, _ = run(capsys, src, "--out", new, "--baseline", old)
    s = summary(new)
    assert status == 1
    assert [r["name"] for r in s["reports"] if r["verdict"] == "fail"] == ["dev-003"]
    # the same baseline given as its summary.json; a directory that is no batch output is refused
    assert run(capsys, src, "--out", new, "--baseline", old / "summary.json")[0] == 1
    status, err = run(capsys, src, "--out", new, "--baseline", src)
    assert status == 2 and "not the output of backcheck batch" in err


def test_stale_reports_listed_then_pruned(tmp_path, capsys):
    src = tmp_path / "in"
    write(src / "a.json", article(1))
    gone = write(src / "b.json", article(2))
    out = tmp_path / "out"
    assert run(capsys, src, "--out", out, "--html")[0] in (0, 1)
    gone.unlink()
    status, err = run(capsys, src, "--out", out, "--html")
    s = summary(out)
    assert s["stale"] == [{"name": "b", "input": str(gone), "pruned": False}]
    assert "1 stale report(s)" in err and "--prune" in err
    assert (out / "b.json").is_file() and "Stale reports" in (out / "index.html").read_text()
    assert [r["name"] for r in s["reports"]] == ["a"]
    status, err = run(capsys, src, "--out", out, "--html", "--prune")
    assert not (out / "b.json").exists() and not (out / "b.html").exists()
    assert summary(out)["stale"][0]["pruned"] is True and "removed" in err
    run(capsys, src, "--out", out, "--html")
    assert summary(out)["stale"] == []
    # a report whose input exists (another batch into the same directory) is not stale
    other = write(tmp_path / "other" / "c.json", article(3))
    run(capsys, other, "--out", out)
    run(capsys, src, "--out", out, "--prune")
    assert (out / "c.json").is_file() and summary(out)["stale"] == []


def test_jobs_capped_by_the_work_and_the_cores(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    for n in range(3):
        write(src / f"a{n}.json", article(n))
    seen = []

    class Spy(batch.LocalExecutor):
        def __init__(self, workers=1):
            seen.append(workers)
            super().__init__(1)                # run in this process: the count is the point

    monkeypatch.setattr(batch, "LocalExecutor", Spy)
    monkeypatch.setattr(batch, "cpu_count", lambda: 2)
    run(capsys, src, "--out", tmp_path / "o1", "--jobs", "64")
    monkeypatch.setattr(batch, "cpu_count", lambda: 16)
    run(capsys, src, "--out", tmp_path / "o2", "--jobs", "64")
    assert seen == [2, 3]                       # the cores, then the articles to check


def test_summary_csv_and_index_have_headline_and_top_issue(tmp_path, capsys):
    src = tmp_path / "in"
    write(src / "clean.json", article(1))
    write(src / "junk.json", article(2, junk=True))
    write(src / "number.json", article(3, number="350"))
    out = tmp_path / "out"
    run(capsys, src, "--out", out)
    with open(out / "summary.csv", encoding="utf-8") as f:
        rows = {r["name"]: r for r in csv.DictReader(f)}
    assert rows["junk"]["headline"] == "City hall opens day-care centre number 2"
    assert rows["junk"]["top_issue"].startswith("major artifact:") and "[TK]" in \
        rows["junk"]["top_issue"]
    assert "artifact" in rows["junk"]["types"].split()
    assert rows["number"]["top_issue"].startswith("major number:")
    index = (out / "index.html").read_text("utf-8")
    for r in rows.values():
        assert r["headline"] in index and r["top_issue"].replace("'", "&#39;") in index


@pytest.mark.browser
def test_index_sorts_and_filters(tmp_path, capsys, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    src = tmp_path / "in"
    write(src / "clean.json", article(1))
    write(src / "junk.json", article(2, junk=True))
    write(src / "number.json", article(3, number="350"))
    write(src / "both.json", article(4, junk=True, number="351"))
    (src / "broken.json").write_text("{", "utf-8")
    out = tmp_path / "out"
    run(capsys, src, "--out", out, "--html")
    rows = {r["name"]: r for r in summary(out)["reports"]}
    browser.get((out / "index.html").as_uri())

    def shown():
        return [tr.find_element(By.CSS_SELECTOR, "td").text.split("\n")[0]
                for tr in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr")
                if tr.is_displayed()]

    ids = {r["id"]: name for name, r in rows.items()}
    assert len(shown()) == 5
    browser.find_element(By.XPATH, "//th/button[text()='score']").click()     # high to low
    scores = [rows[ids[i]]["score"] for i in shown() if i in ids and rows[ids[i]]["score"]
              is not None]
    assert scores == sorted(scores, reverse=True)
    browser.find_element(By.XPATH, "//th/button[text()='score']").click()     # low to high
    scores = [rows[ids[i]]["score"] for i in shown() if i in ids and rows[ids[i]]["score"]
              is not None]
    assert scores == sorted(scores)
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("artifact")
    assert sorted(ids[i] for i in shown()) == ["both", "junk"]
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("")
    browser.find_element(By.CSS_SELECTOR, "input[data-filter-verdict='fail']").click()
    assert all(rows[ids[i]]["verdict"] != "fail" for i in shown() if i in ids)
    browser.find_element(By.CSS_SELECTOR, "input[data-filter-verdict='fail']").click()
    browser.find_element(By.ID, "filter-score").send_keys(str(rows["both"]["score"]))
    assert [ids[i] for i in shown()] == ["both"]
    browser.save_screenshot(str(tmp_path / "index.png"))
