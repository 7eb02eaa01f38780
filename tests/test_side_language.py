"""The language of both sides, on every input form, through the CLI (issue 10, 'Why' 3):
a Portuguese side in another language is an input error naming the side and the language;
an English side in Portuguese is one critical `untranslated` finding, never an input error
nor one issue per sentence. --engine none: language identification needs no engine."""
from __future__ import annotations

import json

import pytest

from backcheck import cli
from backcheck.lang.detect import identify

PT = ["Prefeitura abre três creches novas no bairro nesta segunda-feira",
      "As novas unidades vão atender trezentas crianças de um a cinco anos, segundo a "
      "secretaria municipal de educação em nota enviada à imprensa.",
      "A secretária disse que a procura por vagas cresceu muito nos últimos dois anos e que o "
      "governo local pretende abrir mais quatro creches até o fim do ano que vem."]
EN = ["City hall opens three new day-care centres in the district on Monday",
      "The new units will serve three hundred children aged one to five, the municipal "
      "education department said in a note sent to the press.",
      "The secretary said demand for places had grown a great deal in the last two years and "
      "that the local government plans to open four more centres by the end of next year."]
ES = ["El ayuntamiento abre tres guarderías nuevas en el barrio este lunes",
      "Las nuevas unidades atenderán a trescientos niños de uno a cinco años, según la "
      "secretaría municipal de educación en una nota enviada a la prensa.",
      "La secretaria dijo que la demanda de plazas creció mucho en los últimos dos años y que "
      "el gobierno local planea abrir otras cuatro guarderías hasta el final del año que viene."]
FR = ["La mairie ouvre trois nouvelles crèches dans le quartier ce lundi",
      "Les nouvelles unités accueilleront trois cents enfants âgés de un à cinq ans, selon le "
      "service municipal de l'éducation dans une note envoyée à la presse.",
      "La secrétaire a dit que la demande de places avait beaucoup augmenté ces deux dernières "
      "années et que la mairie compte ouvrir quatre autres crèches avant la fin de l'an prochain."]
FAST = ["--engine", "none", "--no-cache"]


def as_json(paras):
    return {"headline": paras[0], "body": paras[1:]}


def page(paras):
    return "\n\n".join(paras) + "\n"


def run(capsys, *args):
    status = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def test_identify_names_the_language_of_a_side():
    assert identify(" ".join(PT))[:2] == ("pt", "Portuguese")
    assert identify(" ".join(EN))[:2] == ("en", "English")
    assert identify(" ".join(ES))[:2] == ("es", "Spanish")
    assert identify(" ".join(FR))[:2] == ("fr", "French")
    assert identify("Xi Jinping e Putin em Pequim") is None          # names, too short
    assert identify(PT[0])[0] == "pt"             # a caption-length side still says pt or en


@pytest.mark.parametrize("other, name", [(ES, "Spanish"), (FR, "French"), (EN, "English")])
def test_portuguese_side_in_another_language_is_an_input_error_in_every_form(
        tmp_path, capsys, other, name):
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "a", "pt": as_json(other), "en": as_json(EN)}), "utf-8")
    status, _, err = run(capsys, "check", art, *FAST)
    assert status == 2 and err == f"backcheck: error: {art}: the Portuguese side is {name}, " \
                                   "not Portuguese\n"
    pt, en = tmp_path / "a.pt.txt", tmp_path / "a.en.txt"
    pt.write_text(page(other), "utf-8")
    en.write_text(page(EN if other is not EN else FR), "utf-8")
    status, _, err = run(capsys, "check", "--pt", pt, "--en", en, *FAST)
    assert status == 2 and f"{pt}: the --pt file is {name}, not Portuguese" in err
    if other is not EN:            # a page is split by language: English is English there
        mixed = tmp_path / "page.txt"
        mixed.write_text(page([x for pair in zip(other, EN) for x in pair]), "utf-8")
        status, _, err = run(capsys, "check", mixed, *FAST)
        # Spanish paragraphs pass for Portuguese when splitting, French ones for English
        assert status == 2 and (f"the Portuguese side is {name}, not Portuguese" in err or
                                f"no Portuguese paragraph found: the text reads as {name}" in err)


def test_english_side_in_a_third_language_is_an_input_error(tmp_path, capsys):
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "a", "pt": as_json(PT), "en": as_json(ES)}), "utf-8")
    status, _, err = run(capsys, "check", art, *FAST)
    assert status == 2 and "the English side is Spanish, not English" in err


def test_swapped_sides(tmp_path, capsys):
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "a", "pt": as_json(EN), "en": as_json(PT)}), "utf-8")
    status, _, err = run(capsys, "check", art, *FAST)
    assert status == 2 and "swapped" in err


def test_english_side_in_portuguese_is_one_critical_untranslated_finding(tmp_path, capsys):
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "a", "pt": as_json(PT), "en": as_json(PT)}), "utf-8")
    pt, en = tmp_path / "b.pt.txt", tmp_path / "b.en.txt"
    pt.write_text(page(PT), "utf-8")
    en.write_text(page(PT), "utf-8")
    for args in ([art], ["--pt", pt, "--en", en]):
        status, out, _ = run(capsys, "check", *args, *FAST, "--format", "json")
        rep = json.loads(out)
        assert status == 1 and rep["verdict"] == "fail"
        assert [(i["type"], i["severity"]) for i in rep["issues"]] == \
            [("untranslated", "critical")]
        assert rep["issues"][0]["en"]["text"] == PT[0]
        assert "in Portuguese" in rep["issues"][0]["message"]
    # batch: the same one finding, and a Spanish side is that article's input error
    src = tmp_path / "in"
    src.mkdir()
    (src / "pt-pt.json").write_text(art.read_text("utf-8"), "utf-8")
    (src / "es.json").write_text(json.dumps({"pt": as_json(ES), "en": as_json(EN)}), "utf-8")
    status, _, _ = run(capsys, "batch", src, "--out", tmp_path / "out", "--no-progress", *FAST)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    rows = {r["name"]: r for r in summary["reports"]}
    assert rows["pt-pt"]["verdict"] == "fail" and rows["pt-pt"]["counts"]["critical"] == 1
    assert rows["es"]["verdict"] == "error"
    assert "the Portuguese side is Spanish, not Portuguese" in rows["es"]["error"]
    assert status in (1, 2)
