"""The CLI on hostile and broken input: a clear one-line error (exit 2) or a valid report,
never a traceback. docs/robustness.md lists each case and the behaviour guaranteed."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import article, assert_clean_error, assert_report, run_cli

PT = [["A prefeitura de Curitiba anunciou nesta terça-feira (3) um plano de R$ 12 milhões "
       "para reformar 40 escolas.", "As obras começam em março."]]
EN = [["Curitiba city hall announced on Tuesday (3rd) a R$12 million plan to renovate "
       "40 schools.", "The works begin in March."]]
GOOD = article(PT, EN, headline=("Curitiba vai reformar 40 escolas", "Curitiba to renovate 40 schools"))

# Engine "none" keeps these tests about input handling, not translation speed.
FAST = ("--engine", "none", "--format", "json", "--no-cache")


def test_missing_file(tmp_path):
    p = tmp_path / "nope.json"
    assert_clean_error(run_cli("check", p, *FAST), p, "not found")


def test_directory_given_to_check(tmp_path):
    assert_clean_error(run_cli("check", tmp_path, *FAST), tmp_path, "directory")


@pytest.mark.parametrize("name", ["empty.json", "empty.txt"])
def test_empty_file(write, name):
    p = write(name, "")
    assert_clean_error(run_cli("check", p, *FAST), p, "empty")


@pytest.mark.parametrize("name", ["blank.json", "blank.txt"])
def test_whitespace_only(write, name):
    p = write(name, "  \n\t\n   \r\n")
    assert_clean_error(run_cli("check", p, *FAST), p, "empty")


@pytest.mark.parametrize("name", ["junk.json", "junk.txt", "junk.bin"])
def test_binary_data(write, name):
    p = write(name, bytes(range(256)) * 8)
    assert_clean_error(run_cli("check", p, *FAST), p)


def test_utf16_json_is_read(write):
    p = write("u16.json", json.dumps(GOOD, ensure_ascii=False).encode("utf-16"))
    rep = assert_report(run_cli("check", p, *FAST))
    assert any("Curitiba" in (b["pt"] or {}).get("text", "") for b in rep["alignment"])


def test_latin1_is_refused_with_reason(write):
    p = write("latin1.json", json.dumps(GOOD, ensure_ascii=False).encode("latin-1"))
    assert_clean_error(run_cli("check", p, *FAST), p, "utf-8")


def test_utf8_bom_is_read(write):
    p = write("bom.json", b"\xef\xbb\xbf" + json.dumps(GOOD, ensure_ascii=False).encode())
    assert_report(run_cli("check", p, *FAST))


def test_malformed_json_gives_line_and_column(write):
    p = write("bad.json", '{\n  "pt": {"body": ["Olá."]},\n  "en": {"body": ["Hi."],\n}\n')
    err = assert_clean_error(run_cli("check", p, *FAST), p, "line", "column")
    assert "4" in err


@pytest.mark.parametrize("obj,why", [
    ({"pt": {"body": 42}, "en": {"body": ["Hello."]}}, "body"),
    ({"en": {"body": ["Hello there."]}}, "pt"),
    ({"pt": {"body": ["Olá."]}, "en": "Hello"}, "en"),
    ([1, 2, 3], "object"),
    ({"pt": {"body": [["ok", 7]]}, "en": {"body": ["Hello."]}}, "body"),
])
def test_json_with_wrong_types(write, obj, why):
    p = write("types.json", obj)
    assert_clean_error(run_cli("check", p, *FAST), p, why)


def test_only_portuguese_page(write):
    p = write("pt.txt", "A câmara municipal aprovou ontem o novo orçamento da cidade.\n\n"
                        "O texto segue agora para sanção do prefeito, que tem quinze dias para decidir.\n")
    assert_clean_error(run_cli("check", p, *FAST), p, "english")


def test_only_english_page(write):
    p = write("en.txt", "The city council approved the new budget yesterday.\n\n"
                        "The bill now goes to the mayor, who has fifteen days to sign it.\n")
    assert_clean_error(run_cli("check", p, *FAST), p, "portuguese")


def test_empty_article_json(write):
    p = write("hollow.json", {"id": "x", "pt": {"body": []}, "en": {"body": [[""]]}})
    assert_clean_error(run_cli("check", p, *FAST), p, "empty")


def test_two_files_one_missing(write, tmp_path):
    pt = write("a.pt.txt", "A escola reabriu ontem.\n")
    missing = tmp_path / "a.en.txt"
    assert_clean_error(run_cli("check", "--pt", pt, "--en", missing, *FAST), missing, "not found")


def test_ten_thousand_sentence_body(write):
    pt = [[f"O conselho aprovou a proposta número {i} por maioria."] for i in range(10_000)]
    en = [[f"The council approved proposal number {i} by a majority."] for i in range(10_000)]
    p = write("huge.json", article(pt, en))
    rep = assert_report(run_cli("check", p, *FAST, timeout=600))
    body = [b for b in rep["alignment"] if (b["pt"] or b["en"] or {}).get("field") == "body"]
    assert len(body) >= 10_000


def test_single_five_thousand_char_sentence(write):
    clause_pt = "e a comissão discutiu o orçamento da cidade com os vereadores "
    clause_en = "and the committee discussed the city budget with the councillors "
    pt = "Ontem " + clause_pt * (5000 // len(clause_pt) + 1) + "até tarde."
    en = "Yesterday " + clause_en * (5000 // len(clause_en) + 1) + "until late."
    assert len(pt) >= 5000
    p = write("long.json", article([pt], [en]))
    rep = assert_report(run_cli("check", p, *FAST))
    assert rep["alignment"]


def test_sentence_of_one_emoji(write):
    p = write("emoji.json", article(PT + [["🎉"]], EN + [["🎉"]]))
    assert_report(run_cli("check", p, *FAST))


def test_zero_width_and_rtl_characters(write):
    pt = [["A\u200b prefeitura\u200d anunciou o plano \u202eem março\u202c.", "\u200fAs obras começam."]]
    en = [["The\u200b city hall\u200d announced the plan \u202ein March\u202c.", "\u200fThe works begin."]]
    p = write("zw.json", article(pt, en))
    assert_report(run_cli("check", p, *FAST))


def test_html_in_page_is_reported_not_executed(write):
    text = ("Curitiba vai reformar 40 escolas\n\n"
            "<script>alert('x')</script>A prefeitura de Curitiba anunciou um plano de R$ 12 milhões "
            "para reformar 40 escolas &amp; creches.\n\n"
            "Curitiba city hall announced a R$12 million plan to renovate 40 schools &amp; "
            "nurseries.<strong></strong>\n")
    p = write("page.txt", text)
    rep = assert_report(run_cli("check", p, *FAST))
    assert any(i["type"] == "artifact" for i in rep["issues"])


def test_html_file_is_read_as_a_page(write):
    page = ("<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style></head><body>"
            "<h1>Curitiba vai reformar 40 escolas</h1><h2>Curitiba to renovate 40 schools</h2>"
            "<p>A prefeitura de Curitiba anunciou um plano de R$ 12 milhões para reformar "
            "40 escolas &amp; creches.</p><script>document.title='pwned'</script>"
            "<p onclick=\"alert(1)\">Curitiba city hall announced a R$12 million plan to "
            "renovate 40 schools &amp; nurseries.</p></body></html>")
    rep = assert_report(run_cli("check", write("page.html", page), *FAST))
    texts = [(b[s] or {}).get("text", "") for b in rep["alignment"] for s in ("pt", "en")]
    assert any("schools & nurseries" in t for t in texts)
    assert not any("pwned" in t or "color" in t or "<" in t for t in texts)


def test_windows_line_endings_equal_unix(write):
    page = ("Curitiba vai reformar 40 escolas\n\nCuritiba to renovate 40 schools\n\n"
            "A prefeitura de Curitiba anunciou um plano de R$ 12 milhões para reformar 40 escolas.\n\n"
            "Curitiba city hall announced a R$12 million plan to renovate 40 schools.\n")
    unix = assert_report(run_cli("check", write("unix.txt", page), *FAST))
    dos = assert_report(run_cli("check", write("dos.txt", page.replace("\n", "\r\n")), *FAST))
    texts = lambda r: [((b["pt"] or {}).get("text"), (b["en"] or {}).get("text")) for b in r["alignment"]]
    assert texts(unix) == texts(dos)


def test_batch_directory_with_no_articles(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "notes.csv").write_text("a,b\n")
    assert_clean_error(run_cli("batch", d, "--out", tmp_path / "out", "--engine", "none",
                               "--no-progress"), d, "no articles")


def test_unreadable_file(write):
    p = write("secret.json", GOOD)
    p.chmod(0)
    args = ["check", p, *FAST]
    if os.geteuid() == 0:
        # root reads anything: drop the capabilities that bypass file permissions
        setpriv = shutil.which("setpriv")
        if not setpriv:
            pytest.skip("running as root and util-linux setpriv is absent")
        drop = "-dac_override,-dac_read_search"
        proc = subprocess.run([setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}",
                               sys.executable, "-m", "backcheck", *map(str, args)],
                              capture_output=True, text=True, timeout=120)
    else:
        proc = run_cli(*args)
    assert_clean_error(proc, p, "permission")


def test_symlink_loop_in_batch_input(tmp_path, write):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    os.symlink(d, d / "sub" / "loop")
    os.symlink(d / "sub" / "self", d / "sub" / "self")      # dangling self-reference
    out = tmp_path / "out"
    proc = run_cli("batch", d, "--out", out, "--engine", "none", "--no-progress", timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert (out / "a.json").exists()
    assert len(list(out.glob("*.json"))) - len(list(out.glob("summary*.json"))) == 1


def test_bad_config_file(tmp_path, write):
    cfg = write("backcheck.toml", "engine = \n")
    p = write("good.json", GOOD)
    assert_clean_error(run_cli("check", p, "--config", cfg, *FAST), cfg, "toml")


def test_article_size_limit(tmp_path, write):
    cfg = write("backcheck.toml", "max_article_chars = 100\n")
    p = write("good.json", GOOD)
    assert_clean_error(run_cli("check", p, "--config", cfg, *FAST), p, "max_article_chars")


def test_sentence_length_limit(tmp_path, write):
    cfg = write("backcheck.toml", "max_sentence_chars = 50\n")
    p = write("good.json", GOOD)
    assert_clean_error(run_cli("check", p, "--config", cfg, *FAST), p, "max_sentence_chars")


def test_usage_errors_exit_2(tmp_path):
    proc = run_cli("check")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run_cli("check", "--format", "pdf", tmp_path / "x.json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("target", ["a_directory", "under_a_file"])
def test_unwritable_report_path(tmp_path, write, target):
    p = write("good.json", GOOD)
    out = tmp_path if target == "a_directory" else p / "report.json"
    proc = run_cli("check", p, *FAST, "-o", out)
    assert_clean_error(proc, out, "cannot write")
    assert not list(tmp_path.glob(".*.tmp"))


def test_report_written_with_o_is_readable_like_any_new_file(tmp_path, write):
    p = write("good.json", GOOD)
    out = tmp_path / "new" / "report.json"
    assert_report(run_cli("check", p, *FAST))
    proc = run_cli("check", p, *FAST, "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_batch_out_that_cannot_be_created(tmp_path, write):
    p = write("good.json", GOOD)
    out = p / "reports"
    proc = run_cli("batch", p, "--out", out, "--engine", "none", "--no-progress")
    assert_clean_error(proc, out, "cannot")


def test_config_path_that_is_a_directory(tmp_path, write):
    p = write("good.json", GOOD)
    assert_clean_error(run_cli("check", p, "--config", tmp_path, *FAST), tmp_path, "cannot read")
    assert_clean_error(run_cli("config", "show", "--config", tmp_path), tmp_path, "cannot read")


def test_swapped_pt_and_en_files(write):
    pt = write("a.pt.txt", "O governo anunciou ontem um plano de três milhões de euros para as "
                           "escolas públicas do país. O ministro disse que o plano começa em "
                           "março e vai durar dois anos.\n")
    en = write("a.en.txt", "The government yesterday announced a three million euro plan for "
                           "the country's public schools. The minister said the plan starts "
                           "in March and will last two years.\n")
    assert_report(run_cli("check", "--pt", pt, "--en", en, *FAST))
    assert_clean_error(run_cli("check", "--pt", en, "--en", pt, *FAST), en, "swapped")


def test_ctrl_c_during_check(write):
    import signal
    import time
    body_pt = [f"A cidade número {i} recebeu {i * 3} novas escolas este ano." for i in range(15000)]
    body_en = [f"City number {i} received {i * 3} new schools this year." for i in range(15000)]
    p = write("big.json", article(body_pt, body_en))
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "backcheck", "check", p, *FAST],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err[-2000:]
    assert err.strip() == "backcheck: interrupted"


def test_output_into_a_closed_pipe(write):
    p = write("good.json", GOOD)
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "backcheck", "check", p, *FAST],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.close()                   # the reader went away before the report
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and "Traceback" not in err and "Exception" not in err, err


def test_report_path_that_is_the_input(write):
    p = write("good.json", GOOD)
    before = p.read_bytes()
    assert_clean_error(run_cli("check", p, *FAST, "-o", p), p, "is also the input")
    assert p.read_bytes() == before
