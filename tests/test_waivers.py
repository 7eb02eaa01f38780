"""Fingerprints and waivers (issue 10, 'Why' 5): flag -> waive -> the rerun shows it waived
and exits 0; a changed sentence raises it again. Through the CLI (check, waive, batch) and an
editor's click in the HTML report (headless Chromium). --engine none throughout: what is
tested is the bookkeeping, not the engine."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tomllib

import pytest

from backcheck import cli
from backcheck.report import waivers
from backcheck.report.model import Issue, Loc

FAST = ["--engine", "none", "--no-cache"]
JUNK = "The centres serve 300 children. [TK]"
ARTICLE = {
    "id": "creches",
    "pt": {"headline": "Prefeitura abre novas creches",
           "body": ["A prefeitura abriu três creches no bairro nesta segunda-feira.",
                    "As unidades atendem 300 crianças."]},
    "en": {"headline": "City hall opens new day-care centres",
           "body": ["The city hall opened three day-care centres in the district on Monday.",
                    JUNK]},
}


def write(path, art=ARTICLE):
    path.write_text(json.dumps(art, ensure_ascii=False), "utf-8")
    return path


def check(capsys, *args):
    status = cli.main(["check", *map(str, args), *FAST])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def report_of(capsys, path, *more):
    status, out, err = check(capsys, path, "--format", "json", *more)
    assert status in (0, 1), err
    return status, json.loads(out)


def junk_issue(rep):
    [issue] = [i for i in rep["issues"] if "[TK]" in json.dumps(i["evidence"])]
    return issue


def test_fingerprint_ignores_place_and_typography_not_the_text():
    def issue(text, paragraph=0, items=("60%",)):
        return Issue("number", "major", Loc("body", 0, "Dos quais 60% virão do BID."),
                     Loc("body", paragraph, text), "m", {"en_items": list(items)})
    base = waivers.fingerprint(issue("Of which 40% will come from the “IDB”."))
    assert len(base) == 12 and int(base, 16) >= 0
    assert waivers.fingerprint(issue("Of which 40% will come from the \"IDB\".", 7)) == base
    assert waivers.fingerprint(issue("Of  which 40%  will come from the “IDB”.")) == base
    assert waivers.fingerprint(issue("Of which 45% will come from the “IDB”.")) != base
    assert waivers.fingerprint(issue("Of which 40% will come from the “IDB”.",
                                     items=("50%",))) != base
    moved = issue("Of which 40% will come from the “IDB”.")
    moved.type = "entity"
    assert waivers.fingerprint(moved) != base


def test_every_format_prints_the_fingerprint(tmp_path, capsys):
    art = write(tmp_path / "creches.json")
    _, rep = report_of(capsys, art)
    fp = junk_issue(rep)["fingerprint"]
    assert all(len(i["fingerprint"]) == 12 for i in rep["issues"])
    for fmt in ("text", "markdown", "junit", "html"):
        _, out, _ = check(capsys, art, "--format", fmt)
        assert fp in out, fmt


def test_round_trip_flag_waive_rerun_change(tmp_path, capsys):
    art = write(tmp_path / "creches.json")
    status, rep = report_of(capsys, art)
    issue = junk_issue(rep)
    assert status == 1 and issue["severity"] == "major" and issue["waived"] is None
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(rep), "utf-8")

    status = cli.main(["waive", str(saved), issue["fingerprint"][:8], "--by", "ana",
                       "--reason", "placeholder kept on purpose"])
    out = capsys.readouterr().out
    assert status == 0 and issue["fingerprint"] in out
    wfile = tmp_path / "creches.waivers.toml"
    [entry] = tomllib.loads(wfile.read_text("utf-8"))["waiver"]
    assert entry["fingerprint"] == issue["fingerprint"] and entry["article"] == "creches"
    assert (entry["by"], entry["reason"], entry["type"]) == \
        ("ana", "placeholder kept on purpose", "artifact")

    status, rep = report_of(capsys, art)
    waived = junk_issue(rep)
    assert status == 0 and rep["verdict"] != "fail"
    assert waived["waived"]["by"] == "ana" and waived["waived"]["reason"].startswith("placeholder")
    _, text, _ = check(capsys, art)
    assert "WAIVED" in text and "waived by ana" in text and "1 waived" in text
    # waiving it again adds nothing
    assert cli.main(["waive", str(saved), issue["fingerprint"]]) == 0
    assert len(tomllib.loads(wfile.read_text("utf-8"))["waiver"]) == 1
    capsys.readouterr()

    changed = json.loads(json.dumps(ARTICLE))
    changed["en"]["body"][1] = "The centres serve 350 children. [TK]"
    write(art, changed)
    status, rep = report_of(capsys, art)
    assert status == 1 and junk_issue(rep)["waived"] is None


def test_waive_from_the_html_report_and_with_a_configured_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "backcheck.toml").write_text('waivers = "review/accepted.toml"\n', "utf-8")
    art = write(tmp_path / "creches.json")
    status, _, _ = check(capsys, art, "--format", "html", "-o", tmp_path / "r.html")
    _, rep = report_of(capsys, art)
    fp = junk_issue(rep)["fingerprint"]
    assert status == 1
    assert cli.main(["waive", "r.html", fp, "--reason", "ok"]) == 0
    assert "review/accepted.toml" in capsys.readouterr().out
    assert (tmp_path / "review" / "accepted.toml").is_file()
    assert not (tmp_path / "creches.waivers.toml").exists()
    status, rep = report_of(capsys, art)
    assert status == 0 and junk_issue(rep)["waived"]["reason"] == "ok"


@pytest.mark.parametrize("fingerprints, reason", [
    (["0123456789ab"], "is not the fingerprint of an issue"),
    (["abc"], "is not the fingerprint of an issue"),       # too short to be a prefix
])
def test_waive_refuses_what_is_not_in_the_report(tmp_path, capsys, fingerprints, reason):
    art = write(tmp_path / "creches.json")
    _, rep = report_of(capsys, art)
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(rep), "utf-8")
    assert cli.main(["waive", str(saved), *fingerprints]) == 2
    assert reason in capsys.readouterr().err
    assert not (tmp_path / "creches.waivers.toml").exists()


def test_waive_needs_a_file_for_stdin_and_a_report(tmp_path, capsys):
    rep = {"schema_version": "1.1", "id": "x", "source": "<stdin>", "engine": None,
           "issues": [], "alignment": []}
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(rep), "utf-8")
    assert cli.main(["waive", str(saved), "0123456789ab"]) == 2
    assert "standard input" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    assert cli.main(["waive", str(tmp_path / "notes.txt"), "0123456789ab"]) == 2
    assert "not a backcheck report" in capsys.readouterr().err


def test_a_malformed_waivers_file_is_an_input_error_naming_it(tmp_path, capsys):
    art = write(tmp_path / "creches.json")
    bad = tmp_path / "creches.waivers.toml"
    for text, reason in (("[[waiver]]\nfingerprint = 3\n", "needs fingerprint"),
                         ("[[waiver\n", "invalid TOML"),
                         ('colour = "red"\n', "only [[waiver]] entries")):
        bad.write_text(text, "utf-8")
        status, _, err = check(capsys, art)
        assert status == 2 and str(bad) in err and reason in err


def test_batch_reads_waivers_and_applies_new_ones_when_it_resumes(tmp_path, capsys,
                                                                    monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    write(src / "creches.json")
    other = json.loads(json.dumps(ARTICLE))
    other["id"] = "other"
    write(src / "other.json", other)
    out = tmp_path / "out"
    args = ["batch", str(src), "--out", str(out), "--html", "--no-progress", *FAST]
    assert cli.main(args) == 1
    fp = junk_issue(json.loads((out / "creches.json").read_text("utf-8")))["fingerprint"]
    monkeypatch.chdir(out)             # a batch report says where its input was, from anywhere
    assert cli.main(["waive", "creches.json", fp, "--reason", "known"]) == 0
    assert (src / "creches.waivers.toml").is_file()
    capsys.readouterr()
    # the same issue in another article is that article's own: still counted
    assert cli.main(args) == 1
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    rows = {r["name"]: r for r in summary["reports"]}
    assert rows["creches"]["skipped"] and rows["creches"]["verdict"] != "fail"
    assert rows["other"]["verdict"] == "fail"
    rep = json.loads((out / "creches.json").read_text("utf-8"))
    assert junk_issue(rep)["waived"]["reason"] == "known"
    assert "waived" in (out / "creches.html").read_text("utf-8")


@pytest.mark.browser
def test_an_editor_clicks_waive_in_the_html_report(tmp_path, capsys, browser):
    """The HTML report builds the `backcheck waive` command from the issues ticked; run as
    copied, it waives them."""
    from selenium.webdriver.common.by import By
    art = write(tmp_path / "creches.json")
    page = tmp_path / "report.html"
    assert check(capsys, art, "--format", "html", "-o", page)[0] == 1
    _, rep = report_of(capsys, art)
    fp = junk_issue(rep)["fingerprint"]

    b = browser
    b.get(page.as_uri())
    assert not b.find_element(By.ID, "waive-bar").is_displayed()
    panel = b.find_element(By.XPATH, f"//details[.//code[text()='{fp}']]")
    panel.find_element(By.TAG_NAME, "summary").click()
    panel.find_element(By.CSS_SELECTOR, "input.waive").click()
    assert b.find_element(By.ID, "waive-bar").is_displayed()
    b.find_element(By.ID, "waive-reason").send_keys("it's a placeholder we keep")
    b.find_element(By.ID, "waive-copy").click()
    command = b.find_element(By.ID, "waive-command").text
    b.save_screenshot(str(tmp_path / "waive.png"))
    argv = shlex.split(command)
    assert argv[:2] == ["backcheck", "waive"] and argv[2] == str(page) and fp in argv
    p = subprocess.run([sys.executable, "-m", "backcheck", *argv[1:]], capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    status, rep = report_of(capsys, art)
    assert status == 0 and junk_issue(rep)["waived"]["reason"] == "it's a placeholder we keep"
