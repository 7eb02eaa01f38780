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


def cli_untranslated(tmp_path, art):
    """`backcheck check a.json --engine apertium --format json` on `art`: its
    untranslated issues."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine",
                          "apertium", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert out.returncode in (0, 1), out.stderr
    return [i for i in json.loads(out.stdout)["issues"] if i["type"] == "untranslated"]


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
    s = "Os sindicatos prometem protestos em frente ao Senado no dia 17 de julho."
    # language identification alone: major
    [i] = run([("A reação ao texto foi dividida.", s)])
    assert i.severity == "major" and i.en.text == s
    # and the English-to-Portuguese translation leaves it as it is: critical
    [i] = run([("A reação ao texto foi dividida.", s)], pt2en=["The reaction was divided."],
              en2pt=["Vos sindicatos prometem protestos em frente ao Senado Não dia 17 de julho."])
    assert i.severity == "critical"
    # or it is copied from elsewhere in the Portuguese article: critical
    found = run([("A reação ao texto foi dividida.", s), (s, "The reaction was divided.")])
    assert [i.severity for i in found] == ["critical"]


def test_english_grammar_with_brazilian_words_is_english():
    # lingua alone calls it Portuguese (0.68); its function words are English
    pairs = [("O festival celebra o maracatu e o frevo.", "The festival celebrates maracatu and frevo.")]
    assert run(pairs) == []
    assert untranslated.sentence_score("The festival celebrates maracatu and frevo.",
                                       pairs[0][0], untranslated.Keep(Config()), 0.5) == 0.0


def test_english_words_the_dictionary_knows_are_not_flagged():
    # "final" and "regular" are English too: the English dictionary knows them
    from conftest import need_apertium
    need_apertium()
    pairs = [("O apresentador regular deixou o programa na fase final.",
              "The regular presenter left the show in its final stages.")]
    assert run(pairs, pt2en=["The usual presenter left the programme in the last phase."],
               en2pt=["O apresentador regular deixou o programa nas suas fases final."]) == []


def test_scores_are_observed_once_per_pair():
    s = "Os pesquisadores que não participaram do estudo pedem cautela."
    pt = [Segment("pt", "body", 0, s), Segment("pt", "body", 1, "O governo agiu.")]
    en = [Segment("en", "body", 0, s), Segment("en", "body", 1, "The government acted.")]
    ctx = checks.Context(None, Segmented(pt, en), None, None,
                         [Bead((0,), (0,), 0.7), Bead((1,), (1,), 0.7)], Config(),
                         observations={})
    untranslated.check(ctx)
    obs = ctx.observations["untranslated"]["pt-sentence"]
    assert len(obs) == 1 and obs[0] > 0.9      # "The government acted." has too few words


def test_calibrated_clause_thresholds():
    from backcheck.checks.calibration import Calibration
    pairs = [("Ele convidou o americano para uma visita a Pequim no primeiro semestre do próximo ano.",
              "He invited his American counterpart to visit Beijing no primeiro semestre do próximo ano.")]
    pt = [Segment("pt", "body", 0, pairs[0][0])]
    en = [Segment("en", "body", 0, pairs[0][1])]

    def ctx(values):
        return checks.Context(None, Segmented(pt, en), None, None, [Bead((0,), (0,), 0.7)],
                              Config(), calibration=Calibration(values={"untranslated": values}))
    assert [i.severity for i in untranslated.check(ctx({}))] == ["major"]          # 6 words
    assert [i.severity for i in untranslated.check(ctx({"clause_critical": 6}))] == ["critical"]
    assert untranslated.check(ctx({"clause": 7})) == []


def _keep_file(tmp_path, *lines):
    p = tmp_path / "keep.txt"
    p.write_text("# words English keeps\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_user_keep_list_through_the_api(tmp_path):
    from conftest import need_apertium
    need_apertium()
    import backcheck
    from backcheck.article import Article, Side
    art = Article("k", Side(body=["Os turistas visitaram o Parque Estadual da Serra do Mar no domingo.",
                                  "Os vaqueiros conduziram o gado."]),
                  Side(body=["The tourists visited the Parque Estadual da Serra do Mar on Sunday.",
                             "The vaqueiros drove the cattle."]))

    def found(cfg):
        rep = backcheck.check(art, config=cfg)
        return sorted((i.severity, i.evidence["en_items"][0]) for i in rep.issues
                      if i.type == "untranslated")
    cfg = Config(engine="apertium", cache_dir=str(tmp_path / "cache"))
    assert found(cfg) == [("major", "vaqueiros"), ("minor", "Parque Estadual da Serra do Mar")]
    # a name kept as a whole, a word kept alone
    cfg.keep = str(_keep_file(tmp_path, "Parque Estadual da Serra do Mar", "vaqueiros"))
    assert found(cfg) == []
    # part of the name kept: the rest ("Parque Estadual") is still Portuguese
    cfg.keep = str(_keep_file(tmp_path, "Serra do Mar"))
    assert found(cfg) == [("major", "vaqueiros"), ("minor", "Parque Estadual da Serra do Mar")]


def test_keep_phrase_keeps_its_connectors_only_there(tmp_path):
    # "Praça da Sé" kept does not make "da" a kept word: the clause stays Portuguese
    cfg = Config(keep=str(_keep_file(tmp_path, "Praça da Sé")))
    pt = [Segment("pt", "body", 0, "O ato na Praça da Sé reuniu a população da cidade de São Paulo.")]
    en = [Segment("en", "body", 0, "The rally in Praça da Sé reuniu a população da cidade de São Paulo.")]
    found = untranslated.check(checks.Context(None, Segmented(pt, en), None, None,
                                              [Bead((0,), (0,), 0.7)], cfg))
    assert [i.evidence["en_items"] for i in found] == [["reuniu a população da cidade de São Paulo"]]


def test_cli_keep_list_from_the_configuration(tmp_path):
    from conftest import need_apertium
    need_apertium()
    art = {"id": "keep", "pt": {"body": [["Os vaqueiros conduziram o gado pelo sertão."]]},
           "en": {"body": [["The vaqueiros drove the cattle across the sertão."]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")

    def untranslated_found(*args):
        r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine",
                            "apertium", "--format", "json", "--cache-dir", str(tmp_path / "c"), *args],
                           capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert r.returncode in (0, 1), r.stderr
        return [i["evidence"]["en_items"] for i in json.loads(r.stdout)["issues"]
                if i["type"] == "untranslated"]
    assert untranslated_found() == [["vaqueiros"]]        # "sertão" is a built-in loanword
    (tmp_path / "lists").mkdir()
    _keep_file(tmp_path / "lists", "Vaqueiros")
    cfg = tmp_path / "backcheck.toml"
    cfg.write_text('keep = "lists/keep.txt"\n', encoding="utf-8")   # relative to the file
    assert untranslated_found("--config", str(cfg)) == []
    # a keep file that is not there is an input error naming it
    cfg.write_text('keep = "lists/missing.txt"\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "none",
                        "--config", str(cfg)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("backcheck: error: ") and "missing.txt" in r.stderr
    assert "lexicon file not found" in r.stderr and "Traceback" not in r.stderr


def test_names_english_writes_as_portuguese_does_are_not_untranslated(tmp_path):
    """The gazetteer's English forms are English: a Brazilian state keeps its Portuguese
    name in English news ("Rio Grande do Sul", "Mato Grosso do Sul"), unlike a long
    institution name left in Portuguese."""
    from backcheck.lang.words import tokens
    keep = untranslated.Keep(Config())
    toks = tokens("The rains hit Rio Grande do Sul and the sul of the state.")
    assert [toks[i].text for i in sorted(keep.names(toks))] == ["Rio", "Grande", "do", "Sul"]
    pairs = [("A polícia do Rio Grande do Norte prendeu o suspeito.",
              "Police in Rio Grande do Norte arrested the suspect.")]
    assert run(pairs, pt2en=["The police of the Big River of the North arrested the suspect."],
               en2pt=["A polícia em Rio Grande do Norte prendeu o suspeito."]) == []
    art = {"pt": {"body": [["As chuvas deixaram milhares de desalojados no Mato Grosso do Sul."],
                           ["A maioria tem base no art. 14 do Código de Defesa do Consumidor."]]},
           "en": {"body": [["The rains left thousands homeless in the state of Mato Grosso do Sul."],
                           ["Most are based on Article 14 of the Código de Defesa do Consumidor."]]}}
    from conftest import need_apertium
    need_apertium()
    found = cli_untranslated(tmp_path, art)
    assert [i["en"]["text"] for i in found] == [art["en"]["body"][1][0]]


def test_places_named_after_saints_and_words_wordnet_knows_are_english(tmp_path):
    """"São José do Rio Preto" opens with a given name (the analyser's anthroponyms): a
    place English keeps, unlike "Código de Defesa do Consumidor"; "centavo" is in WordNet
    ("a single centavo"), unlike "prefeitura". Through the API and the CLI."""
    from conftest import need_apertium
    need_apertium()
    from backcheck.lang import thesaurus
    if not thesaurus.available():
        import pytest
        pytest.skip("WordNet is not installed")
    place = ("Ribeirão Preto, São José do Rio Preto e Bauru lideram o ranking de casos.",
             "Ribeirão Preto, São José do Rio Preto and Bauru top the list of cases.")
    assert run([place], pt2en=["Ribeirão Black, Saint José of the River Black and Bauru lead the ranking of cases."],
               en2pt=["Ribeirão Preto, São José do Rio Preto e Bauru superior a lista de casos."]) == []
    words = [("Ele jamais recebeu um centavo da empresa.", "He never received a single centavo from the company."),
             ("A prefeitura anunciou a obra.", "The prefeitura announced the works.")]
    found = run(words, pt2en=["He never received a cent of the company.", "The city hall announced the work."],
                en2pt=["Nunca recebeu um solteiro centavo da companhia.", "O prefeitura anunciou os trabalhos."])
    assert [i.en.text for i in found] == [words[1][1]]
    art = {"pt": {"body": [[place[0]], [words[0][0]], [words[1][0]]]},
           "en": {"body": [[place[1]], [words[0][1]], [words[1][1]]]}}
    found = cli_untranslated(tmp_path, art)
    assert [i["en"]["text"] for i in found] == [words[1][1]]


def test_a_term_of_several_words_glossed_after_a_comma_is_no_untranslated_word(tmp_path):
    """"alojamento local, the short-term holiday lets": the translator keeps the term and
    glosses it; the same term left without a gloss is still reported. API and CLI."""
    pt = "Dizem-nos que a culpa é dos estrangeiros e do alojamento local."
    glossed = "We are told the blame lies with foreigners and alojamento local, the short-term holiday lets."
    bare = "We are told the blame lies with foreigners and alojamento local in the city centre."
    tr = dict(pt2en=["They tell us that the fault is of the foreigners and of the local lodging."],
              en2pt=["Dizem-nos que a culpa está com estrangeiros e alojamento local, os aluguéis."])
    assert run([(pt, glossed)], **tr) == []
    [i] = run([(pt, bare)], **tr)
    assert "alojamento" in i.message
    from conftest import need_apertium
    need_apertium()
    art = {"pt": {"body": [[pt]]}, "en": {"body": [[glossed]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine",
                          "apertium", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_word_portuguese_does_not_know_is_no_untranslated_portuguese(tmp_path):
    """"Couples dance forró": Apertium's Portuguese analyser does not know the genre, and
    the pivot through Spanish garbles it ("lined", Spanish "forró"): no evidence that the
    English left Portuguese in place. "prefeitura", which Portuguese knows, still is."""
    from conftest import need_apertium
    need_apertium()
    pairs = [("Casais dançam forró diante do palco principal.", "Couples dance forró in front of the main stage."),
             ("A prefeitura anunciou a obra.", "The prefeitura announced the works.")]
    found = run(pairs, pt2en=["Couples dance lined in front of the main stage.", "The city hall announced the work."],
                en2pt=["Pares dançam forró em frente ao palco principal.", "O prefeitura anunciou os trabalhos."])
    assert [i.en.text for i in found] == [pairs[1][1]]
    art = {"pt": {"body": [[p] for p, _ in pairs]}, "en": {"body": [[e] for _, e in pairs]}}
    found = cli_untranslated(tmp_path, art)
    assert [i["en"]["text"] for i in found] == [pairs[1][1]]


def test_a_word_quoted_as_a_word_is_a_mention(tmp_path):
    """"front men known as 'laranjas'": the translator names the Portuguese term on
    purpose; the same word unquoted is Portuguese left in place. API and CLI."""
    from conftest import need_apertium
    need_apertium()
    pt = "Os dados eram usados para fazer transferências via Pix para contas de laranjas."
    quoted = "The data were used to make transfers through Pix to accounts held by front men known as 'laranjas'."
    bare = "The data were used to make transfers through Pix to accounts held by laranjas."
    tr = dict(pt2en=["The data were used to do transfers via Pix for accounts of oranges."],
              en2pt=["Os dados eram usados para fazer transferências através de Pix a contas de laranjas."])
    assert run([(pt, quoted)], **tr) == []
    [i] = run([(pt, bare)], **tr)
    assert "laranjas" in i.message
    found = cli_untranslated(tmp_path, {"pt": {"body": [[pt], [pt]]}, "en": {"body": [[quoted], [bare]]}})
    assert [i["en"]["text"] for i in found] == [bare]
