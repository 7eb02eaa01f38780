"""Loaders: JSON articles, mixed-language pages, two plain files, and bad input."""
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcheck import article
from backcheck.config import Config
from backcheck.errors import InputError
from conftest import EXAMPLES, ROOT

PT_BODY = [
    "O governo anunciou nesta segunda-feira um novo programa de habitação popular.",
    "Segundo o ministro, as obras começam em março e devem gerar dez mil empregos.",
]
EN_BODY = [
    "The government announced a new affordable housing programme on Monday.",
    "According to the minister, work will start in March and should create ten thousand jobs.",
]


def write(tmp_path, name, content, mode="w"):
    p = tmp_path / name
    if mode == "w":
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


def obj(**over):
    d = {"id": "a1", "pt": {"headline": "Governo lança programa", "body": [[s] for s in PT_BODY]},
         "en": {"headline": "Government launches programme", "body": [[s] for s in EN_BODY]}}
    d.update(over)
    return d


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "backcheck", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT, timeout=120)


# --- JSON ------------------------------------------------------------------------------

def test_json_units_are_joined_and_extra_keys_ignored(tmp_path):
    d = obj(gold=[{"type": "number"}], topic="x")
    d["pt"]["body"] = [["Primeira frase.", "Segunda frase."], "Parágrafo como texto."]
    d["pt"]["credit"] = "Foto: Fulano/Agência"
    art = article.load(write(tmp_path, "x.json", json.dumps(d)))
    assert art.id == "a1"
    # a paragraph's items are its lines; the segmenter re-splits them (units never trusted)
    assert art.pt.body == ["Primeira frase.\nSegunda frase.", "Parágrafo como texto."]
    assert art.pt.credit == "Foto: Fulano/Agência"
    assert art.en.headline == "Government launches programme"


def test_json_lines_without_a_full_stop_are_sentences_of_their_own():
    from backcheck import segment
    d = obj()
    d["pt"]["body"] = [["Estrangeiros pagarão mais impostos segundo o novo plano",
                        "A mudança entra em vigor em abril", "e vale para todos."]]
    art = article.from_dict(d)
    assert segment.split(art.pt.body[0], "pt") == [
        "Estrangeiros pagarão mais impostos segundo o novo plano",
        "A mudança entra em vigor em abril e vale para todos."]


def test_json_id_falls_back_to_file_stem(tmp_path):
    d = obj()
    del d["id"]
    assert article.load(write(tmp_path, "my-article.json", json.dumps(d))).id == "my-article"


def test_json_id_is_cleaned_like_the_text(tmp_path):
    # an id goes into terminal and Markdown output: no escape sequences, no line breaks
    p = write(tmp_path, "a.json", json.dumps(obj(id=" a\n\x1b[2Jb\u0000 c ")))
    assert article.load(p).id == "a [2Jb c"
    r = cli("check", p, "--engine", "none", "--format", "markdown")
    assert r.returncode in (0, 1) and "\x1b" not in r.stdout
    head = r.stdout.splitlines()[0]               # the whole id stays on the heading line
    assert head.startswith("## backcheck: a ") and "2Jb c — **" in head


def test_check_on_a_jsonl_file_points_to_batch(tmp_path):
    p = write(tmp_path, "feed.jsonl", json.dumps(obj()) + "\n" + json.dumps(obj(id="a2")) + "\n")
    r = cli("check", p, "--engine", "none")
    assert r.returncode == 2 and "backcheck batch" in r.stderr and "Traceback" not in r.stderr


def test_from_dict_for_jsonl_lines():
    art = article.from_dict(obj(id="line-7"), source="batch.jsonl")
    assert art.id == "line-7" and art.source == "batch.jsonl"
    assert art.en.body == EN_BODY


def test_json_with_utf8_bom_and_utf16(tmp_path):
    text = json.dumps(obj(), ensure_ascii=False)
    a = article.load(write(tmp_path, "bom.json", b"\xef\xbb\xbf" + text.encode(), "b"))
    b = article.load(write(tmp_path, "u16.json", text.encode("utf-16"), "b"))
    assert a.pt.body == b.pt.body == PT_BODY


def test_json_sniffed_without_extension(tmp_path):
    assert article.load(write(tmp_path, "article", json.dumps(obj()))).id == "a1"


@pytest.mark.parametrize("mutate, reason", [
    (lambda d: d.pop("pt"), "missing 'pt' side"),
    (lambda d: d.update(pt="texto"), "'pt' must be an object"),
    (lambda d: d["en"].update(body=3), "'en.body' must be a list"),
    (lambda d: d["en"].update(body=[[1, 2]]), "'en.body[0]' must be a string or a list"),
    (lambda d: d["pt"].update(headline=["x"]), "'pt.headline' must be a string"),
    (lambda d: d.update(pt={"body": []}), "no Portuguese text"),
    (lambda d: d.update(en={"body": ["  "]}), "no English text"),
    (lambda d: d.update(pt={}, en={}), "empty article"),
])
def test_json_wrong_shapes(tmp_path, mutate, reason):
    d = obj()
    mutate(d)
    with pytest.raises(InputError) as e:
        article.load(write(tmp_path, "bad.json", json.dumps(d)))
    assert reason in e.value.reason


def test_malformed_json_names_line_and_column(tmp_path):
    p = write(tmp_path, "bad.json", '{\n  "pt": {"body": []},\n  "en": oops\n}')
    with pytest.raises(InputError) as e:
        article.load(p)
    assert "line 3, column 9" in e.value.reason and e.value.path == str(p)


def test_json_top_level_not_object(tmp_path):
    with pytest.raises(InputError, match="expected a JSON object"):
        article.load(write(tmp_path, "list.json", "[1, 2]"))


def test_max_article_chars(tmp_path):
    p = write(tmp_path, "a.json", json.dumps(obj()))
    with pytest.raises(InputError, match="article too long"):
        article.load(p, config=Config(max_article_chars=50))
    assert article.load(p, config=Config()).id == "a1"


# --- files ---------------------------------------------------------------------------

def test_missing_file_directory_and_encoding(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        article.load(tmp_path / "nope.json")
    with pytest.raises(InputError, match="is a directory"):
        article.load(tmp_path)
    with pytest.raises(InputError, match="not UTF-8"):
        article.load(write(tmp_path, "latin.txt", "Não é UTF-8".encode("latin-1"), "b"))
    with pytest.raises(InputError, match="NUL"):
        article.load(write(tmp_path, "bin.txt", b"abc\x00def", "b"))
    with pytest.raises(InputError, match="empty file"):
        article.load(write(tmp_path, "empty.txt", "\n  \n"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    p = write(tmp_path, "secret.json", json.dumps(obj()))
    p.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        article.load(p)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), ext=st.sampled_from([".json", ".txt", ".md", ""]))
def test_any_bytes_raise_only_input_error(tmp_path, data, ext):
    p = tmp_path / f"fuzz{ext}"
    p.write_bytes(data)
    try:
        art = article.load(p)
    except InputError as e:
        assert e.reason and "\n" not in e.reason
    else:
        assert not art.pt.is_empty() and not art.en.is_empty()


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(
                        st.sampled_from(["pt", "en", "body", "headline", "id", "credit"]),
                        c, max_size=4), max_leaves=20))
def test_any_json_value_raises_only_input_error(value):
    try:
        article.from_dict(value)
    except InputError:
        pass


# --- mixed page ------------------------------------------------------------------------

PAGE = """# Government launches housing programme

Governo lança programa de habitação popular com **dez mil** moradias

The government launches an affordable housing programme with ten thousand homes | Photo: Ana Lima/Agência

The government announced a new affordable housing programme on Monday, with ten thousand homes to be built in three years.

According to the minister, work will start in March and should create ten thousand jobs in the construction sector.
"""


def test_page_headline_caption_credit_and_markdown(tmp_path):
    art = article.load(write(tmp_path, "page.md", PAGE))
    assert art.en.headline == "Government launches housing programme"
    assert art.pt.caption == "Governo lança programa de habitação popular com dez mil moradias"
    assert art.en.caption.endswith("ten thousand homes")
    assert art.en.credit == "Photo: Ana Lima/Agência"
    assert all("Photo" not in p and "**" not in p for p in art.en.body)
    assert len(art.en.body) == 2 and not art.pt.body


def test_page_splits_lines_of_different_languages(tmp_path):
    text = ("Câmara aprova reforma\nHouse passes reform\n\n"
            "A Câmara aprovou nesta quarta-feira a reforma administrativa por ampla maioria.\n"
            "The House passed the administrative reform by a wide majority on Wednesday.\n")
    art = article.load(write(tmp_path, "two.txt", text))
    assert art.pt.headline == "Câmara aprova reforma" and art.en.headline == "House passes reform"
    assert art.pt.body == ["A Câmara aprovou nesta quarta-feira a reforma administrativa por ampla maioria."]
    assert art.en.body == ["The House passed the administrative reform by a wide majority on Wednesday."]


def test_page_credit_line_on_its_own(tmp_path):
    text = ("Ministra visita obras no Recife\n\n"
            "A ministra visitou as obras do metrô na manhã desta terça-feira, acompanhada do prefeito.\n\n"
            "Foto: Carlos Souza\n\n"
            "The minister visited the subway works on Tuesday morning, accompanied by the mayor.\n")
    art = article.load(write(tmp_path, "credit.txt", text))
    assert art.pt.credit == "Foto: Carlos Souza"
    assert "Carlos Souza" not in " ".join(art.pt.body + art.en.body)


def test_page_in_one_language_only(tmp_path):
    with pytest.raises(InputError, match="no Portuguese paragraph"):
        article.load(write(tmp_path, "en.txt", "\n\n".join(EN_BODY)))


def test_seed_page_structure(shared):
    art = article.load(shared("seed", "000_fe25936ff1d3ac08.txt"))
    assert art.en.headline.startswith("Xi Jinping and Putin meet")
    assert art.pt.caption.startswith("Ditador chinês disse") and not art.pt.body
    assert art.en.credit.startswith("Photo: EFE/EPA")
    assert "Photo" not in art.en.caption and art.en.caption.endswith("democracy”")
    assert len(art.en.body) == 9


# --- two files -------------------------------------------------------------------------

def test_pair_headline_rule(tmp_path):
    pt = write(tmp_path, "n.pt.txt", "Governo lança programa\n\n" + "\n\n".join(PT_BODY))
    en = write(tmp_path, "n.en.txt", "\n\n".join(EN_BODY))
    art = article.load_pair(pt, en)
    assert art.id == "n"
    assert art.pt.headline == "Governo lança programa" and art.pt.body == PT_BODY
    assert art.en.headline == "" and art.en.body == EN_BODY     # first line ends in a period


def test_pair_swapped_and_empty(tmp_path):
    pt = write(tmp_path, "pt.txt", "\n\n".join(PT_BODY * 2))
    en = write(tmp_path, "en.txt", "\n\n".join(EN_BODY * 2))
    with pytest.raises(InputError, match="swapped"):
        article.load_pair(en, pt)
    with pytest.raises(InputError, match="empty file"):
        article.load_pair(pt, write(tmp_path, "e.txt", ""))
    with pytest.raises(InputError, match="file not found"):
        article.load_pair(pt, tmp_path / "missing.txt")


# --- CLI -------------------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    ('{"pt": {"body": ["Oi."]}, "en": {"body": 5}}', "'en.body' must be a list"),
    ('{"pt": ', "malformed JSON at line 1"),
])
def test_cli_bad_input_one_line_exit_2(tmp_path, content, reason):
    p = write(tmp_path, "bad.json", content)
    r = cli("check", p, "--engine", "apertium")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and reason in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_missing_pair_file(tmp_path):
    pt = write(tmp_path, "pt.txt", "\n\n".join(PT_BODY))
    r = cli("check", "--pt", pt, "--en", tmp_path / "none.txt", "--engine", "apertium")
    assert r.returncode == 2 and "file not found" in r.stderr and "Traceback" not in r.stderr


def test_example_article_loads():
    art = article.load(EXAMPLES / "article.json")
    assert 5 <= len(art.pt.body) <= 8 and len(art.en.body) == len(art.pt.body)
    assert all((art.pt.headline, art.pt.standfirst, art.pt.caption, art.pt.credit))
    page = article.load(EXAMPLES / "article.txt")
    assert page.pt.body or page.pt.caption or page.pt.headline
    assert page.en.body


def test_cli_reads_page_and_pair(tmp_path):
    page = write(tmp_path, "page.md", PAGE)
    r = cli("check", page, "--engine", "none", "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    rep = json.loads(r.stdout)
    assert rep["id"] == "page" and rep["stats"]["pt_sentences"] == 1
    assert rep["stats"]["en_sentences"] == 4
    pt = write(tmp_path, "n.pt.txt", "Governo lança programa\n\n" + "\n\n".join(PT_BODY))
    en = write(tmp_path, "n.en.txt", "Government launches programme\n\n" + "\n\n".join(EN_BODY))
    r = cli("check", "--pt", pt, "--en", en, "--engine", "none", "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    rep = json.loads(r.stdout)
    assert rep["id"] == "n" and rep["stats"]["pt_sentences"] == rep["stats"]["en_sentences"] == 3


def test_page_alternating_with_both_headlines_standfirsts_captions(tmp_path):
    text = ("Câmara aprova reforma tributária em segundo turno\n\n"
            "Chamber passes tax reform in second round\n\n"
            "Texto segue para o Senado, que deve votar a proposta até dezembro\n\n"
            "Bill goes to the Senate, which is expected to vote on it by December\n\n"
            "Deputados comemoram a aprovação no plenário | Foto: Pedro Lima/Agência\n\n"
            "Deputies celebrate the approval on the floor | Photo: Pedro Lima/Agência\n\n"
            "A Câmara aprovou nesta sexta-feira (7) a reforma tributária, por 375 votos a 113.\n\n"
            "The Chamber approved the tax reform on Friday (7), by 375 votes to 113.\n")
    art = article.load(write(tmp_path, "alt.txt", text))
    assert art.pt.headline.startswith("Câmara") and art.en.headline.startswith("Chamber")
    assert art.pt.standfirst.startswith("Texto") and art.en.standfirst.startswith("Bill")
    assert art.pt.caption == "Deputados comemoram a aprovação no plenário"
    assert art.en.credit == "Photo: Pedro Lima/Agência" and art.pt.credit == "Foto: Pedro Lima/Agência"
    assert len(art.pt.body) == len(art.en.body) == 1


def test_markdown_page_one_language_after_the_other(tmp_path):
    text = ("# Chuva deixa 12 mortos no litoral paulista\n\n"
            "*Defesa Civil alerta para novos deslizamentos nas próximas 48 horas*\n\n"
            "A chuva que atingiu o litoral norte de São Paulo deixou ao menos 12 mortos.\n\n"
            "## Buscas\n\n"
            "Equipes de resgate procuram desaparecidos em São Sebastião.\n\n"
            "# Rain leaves 12 dead on São Paulo coast\n\n"
            "*Civil Defense warns of new landslides over the next 48 hours*\n\n"
            "The rain that hit the northern coast of São Paulo left at least 12 people dead.\n\n"
            "## Search\n\n"
            "Rescue teams are searching for missing people in São Sebastião.\n")
    art = article.load(write(tmp_path, "blocks.md", text))
    assert art.pt.headline == "Chuva deixa 12 mortos no litoral paulista"
    assert art.en.headline == "Rain leaves 12 dead on São Paulo coast"
    assert art.en.standfirst.startswith("Civil Defense warns") and "*" not in art.en.standfirst
    assert art.pt.body == ["A chuva que atingiu o litoral norte de São Paulo deixou ao menos 12 mortos.",
                           "Buscas", "Equipes de resgate procuram desaparecidos em São Sebastião."]
    assert art.en.body[1] == "Search" and len(art.en.body) == 3


def test_special_files_and_utf16_without_bom(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        article.load("/dev/zero")
    p = write(tmp_path, "u16.txt", "Olá mundo, texto em português.".encode("utf-16-le"), "b")
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        article.load(p)
    with pytest.raises(InputError, match="file too large"):
        article.load(write(tmp_path, "big.txt", "x" * 200_000), config=Config(max_article_chars=10))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.binary(max_size=200), b=st.text(max_size=200))
def test_pair_any_content_raises_only_input_error(tmp_path, a, b):
    pt, en = tmp_path / "p.txt", tmp_path / "e.txt"
    pt.write_bytes(a)
    en.write_text(b, encoding="utf-8")
    try:
        art = article.load_pair(pt, en)
    except InputError:
        pass
    else:
        assert not art.pt.is_empty() and not art.en.is_empty()


def test_deeply_nested_json(tmp_path):
    with pytest.raises(InputError, match="malformed JSON"):
        article.load(write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000))


def test_pair_without_blank_lines_and_headline_above_text(tmp_path):
    pt = write(tmp_path, "x.pt.txt", "Governo lança programa\n" + "\n".join(PT_BODY) + "\n")
    en = write(tmp_path, "x.en.txt", "Government launches programme?\n" + "\n".join(EN_BODY) + "\n")
    art = article.load_pair(pt, en)
    assert art.pt.headline == "Governo lança programa" and art.pt.body == PT_BODY
    assert art.en.headline == "Government launches programme?" and art.en.body == EN_BODY
    en2 = write(tmp_path, "y.en.txt", "Government launches programme\n" + " ".join(EN_BODY)
                + "\n\nThe opposition criticised the plan.\n")
    art = article.load_pair(pt, en2)
    assert art.en.headline == "Government launches programme"
    assert art.en.body == [" ".join(EN_BODY), "The opposition criticised the plan."]


def test_hard_wrapped_file_keeps_its_paragraph(tmp_path):
    wrapped = ("A prefeitura anunciou nesta segunda-feira um plano para\n"
               "reformar quarenta escolas da rede municipal até o fim do\n"
               "ano, com investimento de doze milhões de reais.\n")
    pt = write(tmp_path, "w.pt.txt", wrapped)
    en = write(tmp_path, "w.en.txt", "City hall announced a plan to renovate forty schools by the end of the year.\n")
    art = article.load_pair(pt, en)
    assert art.pt.body == [" ".join(wrapped.split())]
