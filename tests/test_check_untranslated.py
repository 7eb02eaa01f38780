"""The untranslated check: Portuguese left in the English."""
import json
import subprocess
import sys

from backcheck import checks
from backcheck.align import Bead
from backcheck.checks import untranslated
from backcheck.config import Config
from backcheck.segment import Segment, Segmented


def run(pairs, pt2en=None, en2pt=None):
    pt = [Segment("pt", "body", i, p) for i, (p, _) in enumerate(pairs)]
    en = [Segment("en", "body", i, e) for i, (_, e) in enumerate(pairs)]
    beads = [Bead((i,), (i,), 0.7) for i in range(len(pairs))]
    return untranslated.check(checks.Context(None, Segmented(pt, en), pt2en, en2pt, beads, Config()))


def test_whole_sentence_left_in_portuguese_is_critical():
    s = "Os pesquisadores que não participaram do estudo pedem cautela."
    [i] = run([(s, s)])
    assert i.type == "untranslated" and i.severity == "critical" and "sentence" in i.message


def test_clause_left_in_portuguese():
    [i] = run([("Ele convidou o americano para uma visita a Pequim no primeiro semestre do próximo ano.",
                "He invited his American counterpart to visit Beijing no primeiro semestre do próximo ano.")])
    assert i.severity == "major"
    assert i.evidence["en_items"] == ["no primeiro semestre do próximo ano"]
    [j] = run([("O preço caiu, reflexo da supersafra, estimada pela Conab em 169,5 milhões de toneladas, e da queda.",
                "The price fell, reflecting the bumper crop, estimada pela Conab em 169,5 milhões de toneladas, and lower prices.")])
    assert j.severity == "critical" and "169,5 milhões" in j.message


def test_names_titles_and_loanwords_are_fine():
    pairs = [
        ("Ela escreveu para o Jornal do Brasil e publica pela Companhia das Letras.",
         "She wrote for the Jornal do Brasil and publishes with Companhia das Letras."),
        ("O ônibus parou na estação da Praça Rui Barbosa.", "The bus stopped at the Praça Rui Barbosa station."),
        ("Ele lança o romance “As Águas de Inhambane” no Brasil.",
         "He is launching his novel “As Águas de Inhambane” (The Waters of Inhambane) in Brazil."),
        ("O Copom elevou a Selic e o Ibovespa caiu.", "The Copom raised the Selic and the Ibovespa fell."),
        ("O relator buscou o apoio do centrão.", "The rapporteur sought the support of the centrão, a bloc of centrist parties."),
        ("Luís Inácio Lula da Silva falou com Ana Beatriz Fontes.", "Luís Inácio Lula da Silva spoke to Ana Beatriz Fontes."),
    ]
    assert run(pairs, pt2en=[p for p, _ in pairs], en2pt=[p for p, _ in pairs]) == []


def test_english_with_many_portuguese_names_is_english():
    pairs = [("Em seguida aparecem Mato Grosso, Amazonas e Rondônia.",
              "It is followed by Mato Grosso, Amazonas and Rondônia.")]
    assert run(pairs) == []


def test_single_word_needs_both_translations():
    pairs = [("Os modelos transportam até 170 passageiros.", "The models carry up to 170 passageiros.")]
    assert run(pairs) == []           # no translation: a single word is not judged
    [i] = run(pairs, pt2en=["The models carry up to 170 passengers."],
              en2pt=["Os modelos carregam até 170 passageiros."])
    assert i.severity == "major" and "passageiros" in i.message


def test_english_word_shared_with_portuguese_is_not_flagged():
    pairs = [("O volume investido em venture capital caiu.", "Venture capital investment fell.")]
    assert run(pairs, pt2en=["The volume invested in venture capital fell."],
               en2pt=["O investimento de venture capital caiu."]) == []


def test_long_institution_name_left_in_portuguese_is_minor():
    pairs = [("A maioria tem base no art. 14 do Código de Defesa do Consumidor.",
              "Most are based on Article 14 of the Código de Defesa do Consumidor.")]
    [i] = run(pairs, pt2en=["Most has base in the art. 14 of the Code of Defence of the Consumer."],
              en2pt=["A maioria é baseada no Artigo 14 do Código de Defesa do Consumidor."])
    assert i.severity == "minor" and "Código de Defesa do Consumidor" in i.message


def test_cli_reports_an_untranslated_sentence(tmp_path):
    art = {"id": "t4", "pt": {"body": [["A vacina é gratuita e está disponível nas salas de vacinação do SUS."]]},
           "en": {"body": [["A vacina é gratuita e está disponível nas salas de vacinação do SUS."]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "none",
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    unt = [i for i in json.loads(out.stdout)["issues"] if i["type"] == "untranslated"]
    assert len(unt) == 1 and unt[0]["severity"] == "critical"


def test_untranslated_sentence_found_even_when_aligned_to_another_sentence():
    [i] = run([("A reação ao texto foi dividida.",
                "Os sindicatos prometem protestos em frente ao Senado no dia 17 de julho.")])
    assert i.severity == "critical"
