"""The entity check: names compared as names, translation only to tell names from words."""
import json
import subprocess
import sys

import pytest

from backcheck import checks
from backcheck.align import Bead
from backcheck.checks import entity
from backcheck.config import Config
from backcheck.segment import Segment, Segmented
from conftest import need_apertium


def run(pairs, pt2en=None, en2pt=None, beads=None):
    pt = [Segment("pt", "body", i, p) for i, (p, _) in enumerate(pairs)]
    en = [Segment("en", "body", i, e) for i, (_, e) in enumerate(pairs)]
    beads = beads or [Bead((i,), (i,), 0.7) for i in range(len(pairs))]
    return entity.check(checks.Context(None, Segmented(pt, en), pt2en, en2pt, beads, Config()))


def counted(issues):
    return [i for i in issues if i.severity != "info"]


def test_exonyms_acronyms_and_demonyms_are_the_same_names():
    pairs = [
        ("O presidente viajou de Pequim a Moscou e depois a Nova York.",
         "The president travelled from Beijing to Moscow and then to New York."),
        ("Os presidentes dos EUA e da China se reuniram em Genebra.",
         "The U.S. and Chinese presidents met in Geneva."),
        ("O meia uruguaio Nicolás Ferreyra abriu o placar.", "Uruguayan midfielder Nicolás Ferreyra scored first."),
        ("A CBF divulgará os áudios.", "The Brazilian Football Confederation (CBF) will release the audio."),
        ("O financiamento vem do BID.", "The loan comes from the IDB."),
        ("Disse o presidente do BC, Ricardo Menezes.", "Central Bank Governor Ricardo Menezes said."),
        ("A empresa de Jundiaí (SP) cresceu.", "The company from Jundiaí, São Paulo state, grew."),
        ("O líder ucraniano Volodimir Zelenski falou.", "Ukrainian leader Volodymyr Zelensky spoke."),
    ]
    assert counted(run(pairs)) == []


def test_reordered_clauses_keep_names():
    pairs = [("Em Nova York, o S&P 500 subiu; em Xangai, as bolsas fecharam.",
              "Markets in Shanghai had closed, while in New York the S&P 500 rose.")]
    assert counted(run(pairs)) == []


def test_swapped_surname_names_both():
    # engines copy names they do not know: that is how a name is told from a word
    [i] = counted(run([("Segundo o presidente do BC, Ricardo Menezes, a alta continua.",
                        "According to Central Bank Governor Ricardo Mendes, rates will keep rising.")],
                      pt2en=["According to the president of the BC, Ricardo Menezes, the rise continues."],
                      en2pt=["Segundo o governador do Banco Central Ricardo Mendes, as taxas vão subir."]))
    assert i.type == "entity" and i.severity == "major"
    assert "Menezes" in i.message and "Mendes" in i.message
    assert i.evidence["pt_items"] == ["Menezes"] and i.evidence["en_items"] == ["Mendes"]


def test_swapped_place_and_nationality():
    got = counted(run([("O poeta Rui Vasconcelos, de Lisboa, abre a Flip.", "Poet Rui Vasconcelos, from Porto, opens Flip."),
                       ("O meia uruguaio marcou.", "The Argentine midfielder scored.")],
                      pt2en=["The poet Rui Vasconcelos, from Lisbon, opens the Flip.", "The Uruguayan midfielder scored."],
                      en2pt=["Poeta Rui Vasconcelos, do Porto, abre Flip.", "O meio-campista argentino marcou."]))
    assert len(got) == 2
    assert "Lisboa" in got[0].message and "Porto" in got[0].message
    assert "uruguaio" in got[1].message and "Argentine" in got[1].message


def test_translated_common_words_are_not_names():
    # Apertium-style translations: the capitalised English words are in pt2en
    pairs = [("O Banco Central elevou a taxa.", "The Central Bank raised the rate.")]
    assert counted(run(pairs, pt2en=["The Central Bank raised the rate."],
                       en2pt=["O Banco Central elevou a taxa."])) == []
    # a name the engine turns into a common word is still checked as a name
    pairs = [("A saca era negociada em Sorriso (MT).", "A bag was trading in Sorriso, Mato Grosso.")]
    assert counted(run(pairs, pt2en=["The bag was negotiated in Smile (MT)."],
                       en2pt=["Uma saca era negociada em Sorriso, Mato Grosso."])) == []


def test_name_in_neighbouring_bead_is_slop_but_swap_still_found():
    pairs = [("Acompanharam o relator Cláudia Ribeiro e Otávio Mendes.", "Cláudia Ribeiro and Otávio Mendes sided with him."),
             ("Ficaram vencidos Renato Albuquerque e Marcos Tavares.", "Renato Albuquerque and Otávio Mendes dissented.")]
    [i] = counted(run(pairs, pt2en=[p for p, _ in pairs], en2pt=[e for _, e in pairs]))
    assert i.en.text.startswith("Renato") and "Marcos Tavares" in i.message and "Otávio Mendes" in i.message


def test_added_context_name_is_info_only():
    [i] = run([("O time perdeu a liderança.", "The Rio club lost the lead.")])
    assert i.severity == "info" and "Rio" in i.message
    # the home country added for foreign readers is not even a hint
    assert run([("O volume investido no país caiu 12%.", "Investment in Brazil fell 12%.")]) == []


def test_without_translation_only_known_names_and_acronyms_count():
    pairs = [("A proposta segue para o Senado e a Câmara.", "The bill goes to the Senate and the Chamber.")]
    assert counted(run(pairs)) == []
    [i] = counted(run([("O ministro embarca para Pequim.", "The minister leaves for Shanghai.")]))
    assert "Pequim" in i.message and "Shanghai" in i.message


def test_title_case_headline_without_translation():
    pt = [Segment("pt", "headline", None, "Banco Central eleva a Selic e sinaliza nova alta em maio")]
    en = [Segment("en", "headline", None, "Central Bank Raises Selic Rate And Signals Another Hike In May")]
    ctx = checks.Context(None, Segmented(pt, en), ["Central Bank raises Selic and signals new hike in May"],
                         ["Banco Central Levanta Taxa Selic E Sinaliza Outra Subida Em Maio"],
                         [Bead((0,), (0,), 0.9)], Config())
    assert entity.check(ctx) == []


def test_one_to_two_split_bead():
    pt = [Segment("pt", "body", 0, "O Palmeiras chegou a 58 pontos, dois a mais que o Flamengo, que perdeu a liderança.")]
    en = [Segment("en", "body", 0, "The result takes Palmeiras to 58 points, two more than Flamengo."),
          Segment("en", "body", 0, "Flamengo lost the lead.")]
    ctx = checks.Context(None, Segmented(pt, en), None, None, [Bead((0,), (0, 1), 0.8)], Config())
    assert entity.check(ctx) == []


def test_cli_reports_a_swapped_name(tmp_path):
    art = {"id": "t3", "pt": {"body": [["O ministro Ronaldo Fiúza embarca para Pequim no dia 22."]]},
           "en": {"body": [["Minister Ronaldo Fiúza leaves for Shanghai on the 22nd."]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "none",
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    ents = [i for i in json.loads(out.stdout)["issues"] if i["type"] == "entity"]
    assert len(ents) == 1 and "Pequim" in ents[0]["message"] and "Shanghai" in ents[0]["message"]


def test_a_name_dropped_at_one_end_and_another_added_at_the_other_is_not_a_swap():
    pairs = [("A Anvisa convocou a empresa para explicações sobre o caso.",
              "The regulator summoned the company to explain the case, officials in Brasília said.")]
    got = run(pairs, pt2en=["The Anvisa summoned the company for explanations about the case."],
              en2pt=["O regulador convocou a empresa para explicar o caso, disseram autoridades em Brasília."])
    assert [i.severity for i in got] == ["info"]
    assert "Anvisa" in got[0].message and "Brasília" in got[0].message


def test_a_seat_named_for_its_institution_is_not_a_name_to_account_for():
    # the Itamaraty palace is the Foreign Ministry (data/metonyms.tsv)
    pairs = [("O Itamaraty convocou o embaixador para explicações sobre o caso.",
              "The Foreign Ministry summoned the ambassador to explain the case, officials in Brasília said.")]
    got = run(pairs, pt2en=["The Itamaraty summoned the ambassador for explanations about the case."],
              en2pt=["O Ministério das Relações Exteriores convocou o embaixador, disseram autoridades em Brasília."])
    assert [(i.severity, i.evidence["pt_items"], i.evidence["en_items"]) for i in got] == \
        [("info", [], ["Brasília"])]


def test_demonym_rephrased_as_a_name_is_not_a_swap():
    pairs = [("Ciclistas cruzam o centro da capital mineira.", "Cyclists cross downtown Belo Horizonte.")]
    pt2en = ["Cyclists cross the centre of the mining capital."]
    en2pt = ["Ciclistas cruzam o centro de Belo Horizonte."]
    assert counted(run(pairs, pt2en, en2pt)) == []
    # but a demonym replaced by another known place is a swap
    pairs = [("A empresa paulista anunciou lucro.", "The Rio de Janeiro company announced a profit.")]
    pt2en = ["The company paulista announced profit."]
    en2pt = ["A empresa do Rio de Janeiro anunciou um lucro."]
    assert [i.severity for i in run(pairs, pt2en, en2pt)] == ["major"]


def test_country_or_demonym_for_its_capital_is_metonymy_not_a_swap():
    pairs = [("O governo argentino respondeu que nenhuma licença será emitida.",
              "Buenos Aires replied that no permits would be issued."),
             ("A Argentina respondeu ao pedido.", "Buenos Aires responded to the request.")]
    pt2en = ["The Argentinian government answered that no licence will be issued.",
             "Argentina answered to the request."]
    en2pt = ["Buenos Aires respondeu que nenhuma licença seria emitida.", "Buenos Aires respondeu ao pedido."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) == []
    # another country's capital is still a swap
    [i] = counted(run([("O governo argentino respondeu ao pedido.", "Santiago responded to the request.")],
                      pt2en=["The Argentinian government answered to the request."],
                      en2pt=["Santiago respondeu ao pedido."]))
    # two known places, the back-translation confirming the Portuguese one: critical
    assert i.severity == "critical"


def test_european_demonyms_are_known_names():
    # -ês demonyms inflect (dinamarquesa, dinamarqueses); a changed nationality is a swap
    pairs = [("A avançada dinamarquesa marcou.", "The Danish striker scored.")]
    assert counted(run(pairs, pt2en=["The Danish forward scored."], en2pt=["A avançada dinamarquesa marcou."])) == []
    [i] = counted(run([("O avançado dinamarquês Mads Holm empatou.", "Swedish striker Mads Holm equalised.")],
                      pt2en=["The Danish forward Mads Holm drew."],
                      en2pt=["O avançado sueco Mads Holm empatou."]))
    assert i.severity == "critical" and "Swedish" in i.message


def test_lone_local_name_made_of_common_words_replaced_by_another_name():
    # the engine translates "Afogados"/"Grêmio" (Drowned/Guild), so they only count
    # as names against a name that the other side gained
    [i] = counted(run([("O ônibus recarrega na garagem de Afogados.", "The bus recharges at the Casa Amarela depot.")],
                      pt2en=["The bus recharges in the garage of Drowned."],
                      en2pt=["O ônibus recarrega no depósito de Casa Amarela."]))
    assert i.severity == "major" and "Afogados" in i.message and "Casa Amarela" in i.message
    [i] = counted(run([("O Palmeiras visita o Grêmio no sábado.", "Palmeiras visit Internacional on Saturday.")],
                      pt2en=["The Palmeiras visits the Guild on Saturday."],
                      en2pt=["Palmeiras visita Internacional no sábado."]))
    assert "Grêmio" in i.message


def test_words_of_a_translated_institution_name_are_not_swaps():
    pairs = [("As conversas foram no Palácio das Nações.", "Talks were held at the Palais des Nations."),
             ("A Ordem dos Médicos considera a medida insuficiente.", "The Portuguese Medical Association says it is not enough."),
             ("O secretário do Tesouro dos EUA chega amanhã.", "U.S. Treasury Secretary Daniel Whitford arrives tomorrow.")]
    pt2en = ["The conversations were in the Palace of the Nations.", "The Order of the Doctors considers the measure insufficient.",
             "The secretary of the Treasure of the USA arrives tomorrow."]
    en2pt = ["Conversas foram em Palais des Nations.", "A Associação Médica Portuguesa diz que não é suficiente.",
             "Secretário de Treasury dos EUA Daniel Whitford chega amanhã."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) == []


def test_brussels_and_european_stand_for_the_eu():
    pairs = [("Bruxelas propõe fundo para a habitação.", "EU proposes housing fund."),
             ("O plano será financiado por fundos europeus.", "The plan will be paid for by EU funds.")]
    pt2en = ["Brussels proposes fund for the housing.", "The plan will be financed by European funds."]
    en2pt = ["UE propõe fundo de habitação.", "O plano será pago por fundos da UE."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) == []


def test_surname_the_engine_translates_and_acronym_replacing_a_lone_name():
    # "Lemos" is also a verb (we read): the engine translates it, but "Conceição" is copied
    [i] = counted(run([("A escritora Conceição Lemos autografou livros.", "The author Conceição Lima signed books.")],
                      pt2en=["The writer Conceição We read autographed books."],
                      en2pt=["A autora Conceição Lima assinou livros."]))
    assert "Lemos" in i.message and "Lima" in i.message
    [i] = counted(run([("Para o economista Fábio Nogueira, da consultoria Tendências, o mercado segue forte.",
                        "Economist Fábio Nogueira of consultancy LCA said the market remained strong.")],
                      pt2en=["For the economist Fábio Nogueira, of the consultancy Trends, the market remains strong."],
                      en2pt=["Economista Fábio Nogueira da consultoria LCA disse que o mercado permaneceu forte."]))
    assert "Tendências" in i.message and "LCA" in i.message


def test_home_country_and_acronym_compounds_are_context_not_swaps():
    # a translated programme name whose one copied word has no English counterpart,
    # next to "Portugal's EU-funded" added by the editor: not a replaced name
    pairs = [("A obra é financiada pelo Plano de Recuperação e Resiliência e pelo Orçamento do Estado.",
              "The work is paid for by Portugal's EU-funded recovery plan and the state budget.")]
    pt2en = ["The work is funded by the Plan of Recovery and Resiliencia and by the Budget of the State."]
    en2pt = ["A obra é paga pelo plano de recuperação financiado pela UE de Portugal e o orçamento do estado."]
    assert counted(run(pairs, pt2en, en2pt)) == []
    # a real place swap in the same shape is still a swap (critical: both places are in
    # the gazetteer and the back-translation confirms it)
    pairs = [("A obra é financiada pelo Plano de Recuperação e Resiliência e pela Câmara de Braga.",
              "The work is paid for by the recovery plan and by Porto city council.")]
    pt2en = ["The work is funded by the Plan of Recovery and Resiliencia and by the Chamber of Braga."]
    en2pt = ["A obra é paga pelo plano de recuperação e pela câmara municipal do Porto."]
    assert [i.severity for i in counted(run(pairs, pt2en, en2pt))] == ["critical"]


def test_party_acronyms_and_spelling_variants_are_the_same_names():
    pairs = [("O PS absteve-se e o PCP votou contra.", "The Socialists abstained and the Communists voted against."),
             ("O velório será no Theatro Municipal.", "His body will lie in state at the Municipal Theatre.")]
    pt2en = ["The PS abstained and the PCP voted against.", "The wake will be in the Theatro Municipal."]
    en2pt = ["Os socialistas abstiveram-se e os comunistas votaram contra.", "O seu corpo estará no Teatro Municipal."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) == []
    # a replaced name that differs early is still a swap
    [i] = counted(run([("A deputada Carla Menezes votou contra.", "Congresswoman Carla Mendes voted against.")],
                      pt2en=["The deputy Carla Menezes voted against."],
                      en2pt=["A deputada Carla Mendes votou contra."]))
    assert "Menezes" in i.message


def test_a_seat_for_its_country_is_metonymy_beside_another_name():
    pairs = [("O Planalto reagiu às críticas de Washington.", "The government hit back at US criticism.")]
    pt2en = ["The Planalto reacted to the critics of Washington."]
    en2pt = ["O governo respondeu às críticas dos EUA."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) == []
    pairs = [("O Planalto reagiu às críticas de Washington.", "The government hit back at French criticism.")]
    en2pt = ["O governo respondeu às críticas francesas."]
    assert counted(run(pairs, pt2en=pt2en, en2pt=en2pt)) != []


def test_a_name_shortened_in_english_is_a_variant():
    pairs = [("O Papa Francisco morreu em abril.", "Pope Francis died in April.")]
    assert counted(run(pairs, pt2en=["The Pope Francisco died in April."],
                       en2pt=["Papa Francis morreu em abril."])) == []


def test_league_names_as_english_reports_them():
    pairs = [("O Palmeiras assume a vice-liderança do Brasileirão.", "Palmeiras go second in Brazil's Série A.")]
    assert counted(run(pairs, pt2en=["The Palmeiras assumes the vice-leadership of the Brasileirão."],
                       en2pt=["Palmeiras vão segundo na Série A do Brasil."])) == []


def test_a_people_replaced_where_the_clause_moved_is_a_swap():
    # the English moved the clause to the front; "alemão" became "Dutch"
    pairs = [("A ronda de investimento, que a empresa anunciou hoje em Coimbra, foi liderada por um fundo alemão.",
              "A Dutch fund led the round, which the Coimbra company announced today.")]
    pt2en = ["The round of investment, that the company announced today in Coimbra, was led by a German fund."]
    en2pt = ["Um fundo holandês liderou a ronda, que a empresa de Coimbra anunciou hoje."]
    [i] = counted(run(pairs, pt2en=pt2en, en2pt=en2pt))
    assert i.severity == "critical" and "alemão" in i.message and "Dutch" in i.message


def check_cli(tmp_path, pt, en, *args, cwd=None):
    (tmp_path / "p.txt").write_text(pt + "\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text(en + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "p.txt"),
                          "--en", str(tmp_path / "e.txt"), "--format", "json", *args],
                         capture_output=True, text=True, cwd=cwd or tmp_path)
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, [i for i in json.loads(out.stdout)["issues"] if i["type"] == "entity"]


@pytest.mark.parametrize("pt, en, names", [
    ("O Ministério da Saúde anunciou a compra de vacinas.",
     "The Ministry of Defence announced the purchase of vaccines.", ("Saúde", "Defence")),
    ("O Parlamento Europeu aprovou a diretiva ontem.",
     "The European Council approved the directive yesterday.", ("Parlamento", "Council"))])
def test_cli_a_word_swapped_inside_an_institution_name(tmp_path, pt, en, names):
    # issue 9's reproducible miss: known institutions, whatever the engine
    rc, [i] = check_cli(tmp_path, pt, en, "--engine", "none")
    assert rc == 1 and i["severity"] == "major"
    assert names[0] in i["message"] and names[1] in i["message"]
    # and the faithful translation passes
    rc, got = check_cli(tmp_path, pt, en.replace("Defence", "Health").replace("Council", "Parliament"),
                        "--engine", "none")
    assert rc == 0 and got == []


def test_cli_a_swapped_institution_confirmed_by_the_back_translation_is_critical(tmp_path):
    need_apertium()
    rc, [i] = check_cli(tmp_path, "O Ministério da Saúde anunciou a compra de vacinas.",
                        "The Ministry of Defence announced the purchase of vaccines.", "--engine", "apertium")
    assert rc == 1 and i["severity"] == "critical" and "Saúde" in i["message"]


def test_cli_names_csv_accepts_a_newsroom_s_own_names(tmp_path):
    need_apertium()
    pt, en = "No domingo, o Timão venceu o clássico.", "On Sunday, Corinthians won the derby."
    rc, [i] = check_cli(tmp_path, pt, en, "--engine", "apertium")
    assert i["severity"] == "major" and "Timão" in i["message"] and "Corinthians" in i["message"]
    (tmp_path / "names.csv").write_text("pt,en\nTimão,Corinthians|the Timão\n", encoding="utf-8")
    (tmp_path / "backcheck.toml").write_text('names = "names.csv"\n', encoding="utf-8")
    rc, got = check_cli(tmp_path, pt, en, "--engine", "apertium")
    assert rc == 0 and got == []
    # a broken names file is an input error naming it
    (tmp_path / "names.csv").write_text("portuguese;english\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", "p.txt", "--en", "e.txt",
                          "--engine", "none"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2 and "names.csv" in out.stderr and "Traceback" not in out.stderr


def test_api_names_csv_through_the_config(tmp_path):
    (tmp_path / "names.csv").write_text("pt,en\nCidade Maravilhosa,Rio\n", encoding="utf-8")
    pairs = [("O ministro visitou a Cidade Maravilhosa e Pequim.", "The minister visited Rio and Shanghai.")]
    pt = [Segment("pt", "body", 0, pairs[0][0])]
    en = [Segment("en", "body", 0, pairs[0][1])]
    cfg = Config(names=str(tmp_path / "names.csv"))
    got = entity.check(checks.Context(None, Segmented(pt, en), None, None, [Bead((0,), (0,), 0.8)], cfg))
    # the newsroom's name is accounted for; the swapped city is still found
    [i] = [i for i in got if i.severity != "info"]
    assert i.evidence["pt_items"] == ["Pequim"] and i.evidence["en_items"] == ["Shanghai"]


def test_observes_one_swap_score_per_bead_for_calibration():
    pairs = [("O ministro embarca para Pequim.", "The minister leaves for Shanghai."),
             ("O Banco Central elevou a taxa.", "The Central Bank raised the rate."),
             ("A Lisboa chegou o Presidente.", "The President arrived in Lisbon.")]
    pt = [Segment("pt", "body", i, p) for i, (p, _) in enumerate(pairs)]
    en = [Segment("en", "body", i, e) for i, (_, e) in enumerate(pairs)]
    obs = {}
    ctx = checks.Context(None, Segmented(pt, en), None, None,
                         [Bead((i,), (i,), 0.8) for i in range(3)], Config(), observations=obs)
    entity.check(ctx)
    assert obs["entity"]["swap"] == [1.0]           # only the bead with a name on each side
    assert all(0.0 <= v <= 1.0 for v in obs["entity"]["known_swap"])


def test_the_nations_of_the_united_kingdom_are_names_in_both_languages():
    """"Grã-Bretanha" is Britain, "País de Gales" Wales, "norte-irlandês" Northern Irish;
    another country in their place is a swap of known names."""
    pairs = [("A economia da Grã-Bretanha cresceu, disseram deputados do País de Gales.",
              "Britain's economy grew, Welsh lawmakers said."),
             ("O governo norte-irlandês reagiu.", "The Northern Irish government responded.")]
    assert counted(run(pairs)) == []
    [i] = counted(run([("A economia da Grã-Bretanha cresceu.", "Azerbaijan's economy grew.")]))
    assert i.evidence["pt_items"] == ["Grã-Bretanha"] and i.evidence["en_items"] == ["Azerbaijan's"]


def test_every_country_and_its_demonym_is_a_known_name():
    """data/exonyms.tsv holds the sovereign states with their demonyms: a nationality
    replaced by one of a less reported country is a swap, its own forms are not."""
    pt2en = ["A possible European victory in the Sunday."]
    [i] = counted(run([("Uma possível vitória europeia no domingo.", "A potential Uzbek victory on Sunday.")],
                      pt2en=pt2en, en2pt=["Uma vitória uzbeque potencial no domingo."]))
    assert "europeia" in i.message and "Uzbek" in i.message
    for pt, en in (("Uma possível vitória usbeque no domingo.", "A potential Uzbek victory on Sunday."),
                   ("Os quirguizes votaram no Quirguistão.", "The Kyrgyz voted in Kyrgyzstan."),
                   ("O governo do Chade reuniu-se com o presidente malinês.",
                    "Chad's government met the Malian president.")):
        assert counted(run([(pt, en)], pt2en=[en], en2pt=[pt])) == [], pt
    # without a translation (--engine none) known names are still compared
    [i] = counted(run([("O embaixador do Tajiquistão chegou.", "The ambassador of Turkmenistan arrived.")]))
    assert "Tajiquistão" in i.message and "Turkmenistan" in i.message


def test_foreign_parties_as_portuguese_reports_them():
    """A party's members in lower case ("os republicanos") are the party's name: the GOP
    for them is the same name, the Greens another."""
    pt = "Trata-se da maneira como os republicanos lidaram com isso."
    for en in ("It is about the way Republicans have handled this.",
               "It is about the way the GOP has handled this."):
        assert counted(run([(pt, en)], pt2en=["It is of the way as the Republicans dealt with this."],
                           en2pt=["É sobre a maneira como os republicanos lidaram com isto."])) == []
    [i] = counted(run([(pt, "It is about the way Greens have handled this.")],
                      pt2en=["It is of the way as the Republicans dealt with this."],
                      en2pt=["É sobre a maneira como os Verdes lidaram com isto."]))
    assert "republicanos" in i.message and "Greens" in i.message
    pairs = [("Os trabalhistas e os Liberais Democratas votaram contra o Partido Conservador.",
              "Labour and the Lib Dems voted against the Conservatives.")]
    assert counted(run(pairs, pt2en=["The Trabalhistas and the Liberal Democrats voted against the "
                                     "Conservative Party."],
                       en2pt=["Trabalhista e os Lib Dems votaram contra os Conservadores."])) == []


def test_cli_a_replaced_nationality_of_any_country(tmp_path):
    """The same through the CLI, as an editor runs it (no engine needed: known names)."""
    rc, [i] = check_cli(tmp_path, "Uma possível vitória europeia no domingo.",
                        "A potential Uzbek victory on Sunday.", "--engine", "none")
    assert rc == 1 and i["severity"] == "major" and "Uzbek" in i["message"]
    rc, got = check_cli(tmp_path, "Uma possível vitória europeia no domingo.",
                        "A potential European victory on Sunday.", "--engine", "none")
    assert rc == 0 and got == []


def test_a_name_opening_the_sentence_is_a_name_when_the_engine_copies_it():
    """A sentence's first word is capitalised anyway; one that the dictionary does not know
    and the engine copies is a name ("Russo" replacing "Furyk"); interjections are not."""
    need_apertium()
    pt = "O próprio Furyk já esteve nos dois lados, sendo parte da equipe vencedora em Brookline."
    pt2en = ["The own Furyk already was in the two sides, being part of the victorious squad in Brookline."]
    [i] = counted(run([(pt, "Russo himself has been on both ends, having been part of the winning "
                            "team at Brookline.")], pt2en=pt2en,
                      en2pt=["Russo ele tem sido em ambos fins, tendo sido parte da equipa ganhadora "
                             "em Brookline."]))
    assert "Furyk" in i.message and "Russo" in i.message
    assert counted(run([(pt, "Furyk himself has been on both ends, having been part of the winning "
                             "team at Brookline.")], pt2en=pt2en,
                       en2pt=["Furyk ele tem sido em ambos fins, tendo sido parte da equipa "
                              "ganhadora em Brookline."])) == []
    # a common word opening the sentence says nothing; nor does a hesitation sound
    assert counted(run([("Hum... Hum... O quê?", "Uh, uh, what.")],
                       pt2en=["Hum... Hum... What?"], en2pt=["Uh, uh, que."])) == []
    # an apostrophe inside a surname hides no article from the dictionary ("O'Hagan")
    [i] = counted(run([("O inspetor Brian O'Hagan afirmou: a investigação está numa fase inicial.",
                        "Inspector Brian Burke said: the investigation is in the early stages.")],
                      pt2en=["The inspector Brian O'Hagan affirmed: the investigation is in an initial phase."],
                      en2pt=["Inspector Brian Burke dijo: a investigação está nas etapas iniciais."]))
    assert "O'Hagan" in i.message and "Burke" in i.message


def test_cli_a_surname_replaced_at_the_start_of_a_sentence(tmp_path):
    need_apertium()
    pt = "O próprio Furyk já esteve nos dois lados, sendo parte da equipe vencedora em Brookline."
    rc, [i] = check_cli(tmp_path, pt, "Russo himself has been on both ends, having been part of "
                        "the winning team at Brookline.", "--engine", "apertium")
    assert rc == 1 and i["severity"] == "major" and "Russo" in i["message"]
    rc, got = check_cli(tmp_path, pt, "Furyk himself has been on both ends, having been part of "
                        "the winning team at Brookline.", "--engine", "apertium")
    assert rc == 0 and got == []
    # a surname with an apostrophe is a name, not the article "o" the analyser splits off
    rc, [i] = check_cli(tmp_path, "O inspetor Brian O'Hagan afirmou que a investigação está "
                        "numa fase inicial.", "Inspector Brian Burke said the investigation is "
                        "in the early stages.", "--engine", "apertium")
    assert rc == 1 and "O'Hagan" in i["message"] and "Burke" in i["message"]


def test_courts_and_legislatures_by_their_english_names(tmp_path):
    """data/institutions.tsv names the courts, legislatures and banks that news reports
    under each language's own name or acronym: a faithful "ICC" for "Tribunal Penal
    Internacional" is the same institution (it was reported as a swap)."""
    need_apertium()
    pt = "O Tribunal Penal Internacional emitiu um mandado de captura contra o ministro."
    rc, got = check_cli(tmp_path, pt, "The ICC issued an arrest warrant for the minister.",
                        "--engine", "apertium")
    assert rc == 0 and [i for i in got if i["severity"] != "info"] == []
    pairs = [("A sentença do TIJ foi proferida seis meses depois.", "The ICJ's ruling came six months later.")]
    assert run(pairs, pt2en=["The sentence of the TIJ was uttered six months later."],
               en2pt=["A decisão do ICJ veio seis meses mais tarde."]) == []


LEAGUE = ("O Movimento 5 Estrelas formou governo com a Liga.",
          "The Five Star Movement formed a government with the League.")


def test_two_translated_common_words_are_no_name_swap():
    """A capitalised common word that the engine translates on both sides ("Liga" /
    "League": Apertium knows "liga" only as alloy, gang, connect) is no evidence of a
    name; the pair was a major swap. A copied name against such a word still is one."""
    need_apertium()
    got = run([LEAGUE], pt2en=["The Movement 5 Stars formed government with the Alloy."],
              en2pt=["O Cinco Movimento de Estrela formou um governo com une-a."])
    assert counted(got) == []
    assert any("Liga" in i.message for i in got)      # still shown as a hint
    [i] = counted(run([("O Movimento 5 Estrelas formou governo com a Liga.",
                        "The Five Star Movement formed a government with Salvini.")],
                      pt2en=["The Movement 5 Stars formed government with the Alloy."],
                      en2pt=["O Cinco Movimento de Estrela formou um governo com Salvini."]))
    assert "Liga" in i.message and "Salvini" in i.message


def test_cli_two_translated_common_words_are_no_name_swap(tmp_path):
    need_apertium()
    rc, got = check_cli(tmp_path, *LEAGUE, "--engine", "apertium")
    assert rc == 0 and [i for i in got if i["severity"] != "info"] == []
    rc, [i] = check_cli(tmp_path, LEAGUE[0], "The Five Star Movement formed a government "
                        "with Salvini.", "--engine", "apertium")
    assert rc == 1 and i["severity"] == "major" and "Salvini" in i["message"]


def test_brazilian_states_by_their_portuguese_names(tmp_path):
    """The gazetteer knows each Brazilian state by its Portuguese name too, not only by its
    abbreviation and demonym: "Minas Gerais" replaced by "Santa Catarina" was only an info
    hint (the Portuguese words were read as common words, "Rio Grande" as Big River)."""
    need_apertium()
    [i] = counted(run([("O suspeito foi preso em Minas Gerais.",
                        "The suspect was arrested in Santa Catarina.")],
                      pt2en=["The suspect was arrested in Mines General."],
                      en2pt=["O suspeito foi preso em Santa Catarina."]))
    assert "Minas Gerais" in i.message and "Santa Catarina" in i.message
    rc, [i] = check_cli(tmp_path, "A polícia do Rio Grande do Sul prendeu o suspeito.",
                        "Police in Santa Catarina arrested the suspect.", "--engine", "apertium")
    assert rc == 1 and i["severity"] == "major" and "Santa Catarina" in i["message"]
    rc, got = check_cli(tmp_path, "A polícia gaúcha prendeu o suspeito.",
                        "Police in Rio Grande do Sul arrested the suspect.", "--engine", "apertium")
    assert rc == 0 and got == []


def test_portuguese_regions_are_known_names(tmp_path):
    """Portugal's autonomous regions and district capitals are in the gazetteer as the
    Brazilian states are: "Madeira" (which the engine reads as wood) replaced by "Azores"
    was only an info hint; the word "madeira" and the city English writes "Oporto" are
    no alarm."""
    need_apertium()
    [i] = counted(run([("Incêndio na Madeira obriga à retirada de 200 pessoas.",
                        "Wildfire in the Azores forces evacuation of 200 people.")],
                      pt2en=["Fire in the Wood obliges to the withdrawal of 200 people."],
                      en2pt=["Wildfire nos Açores força evacuação de 200 pessoas."]))
    assert "Madeira" in i.message and "Azores" in i.message
    rc, [i] = check_cli(tmp_path, "O fogo na Madeira obrigou à retirada de 200 pessoas.",
                        "The fire in the Azores forced 200 people to leave.",
                        "--engine", "apertium")
    assert rc == 1 and i["severity"] == "major" and "Azores" in i["message"]
    rc, got = check_cli(tmp_path, "A madeira das florestas do Minho é vendida em Braga e "
                        "nos Açores.", "Wood from the forests of the Minho is sold in Braga "
                        "and the Azores.", "--engine", "apertium")
    assert rc == 0 and [i for i in got if i["severity"] != "info"] == []
    # Porto, which English also writes "Oporto"; "o Porto de Santos" stays a port
    rc, [i] = check_cli(tmp_path, "As rendas subiram 20% em Lisboa e no Porto.",
                        "Rents rose 20% in Lisbon and Faro.", "--engine", "apertium")
    assert rc == 1 and i["severity"] == "major" and "Porto" in i["message"]
    for pt, en in (("As obras no Porto e em Lisboa começam em maio.",
                    "Work in Oporto and Lisbon starts in May."),
                   ("O Porto de Santos bateu um recorde de exportações em setembro.",
                    "The Port of Santos set an export record in September.")):
        rc, got = check_cli(tmp_path, pt, en, "--engine", "apertium")
        assert rc == 0 and got == []


def test_a_name_repeated_in_a_bracketed_gloss_is_no_extra_mention(tmp_path):
    """A translator glosses a title in brackets ("Cinzas de Inhambane (Ashes of
    Inhambane)"): the name said twice is not one mention more that could have replaced a
    Portuguese word left over ("Romance" of a prize the English calls "the Novel"). A
    name said twice outside brackets still pairs with the leftover. Through the API and
    the CLI (the engine tells the names from the words)."""
    from conftest import need_apertium
    need_apertium()
    import backcheck
    pt = ("Seguiram-se «Os Filhos da Maré» (1978) e «Cinzas de Inhambane» (1991), que lhe valeu "
          "o Grande Prémio de Romance e Novela da Associação Portuguesa de Escritores em 1992.")
    en = ("Os Filhos da Maré (Children of the Tide) followed in 1978, then Cinzas de Inhambane "
          "(Ashes of Inhambane) in 1991, which won the Portuguese Writers' Association's Grand "
          "Prize for the Novel in 1992.")
    swapped = en.replace("(Ashes of Inhambane)", "of Inhambane")
    rc, got = check_cli(tmp_path, pt, en, "--engine", "apertium")
    assert [i for i in got if i["severity"] != "info"] == []
    rc, got = check_cli(tmp_path, pt, swapped, "--engine", "apertium")
    [i] = [i for i in got if i["severity"] != "info"]
    assert "Romance" in i["message"] and "Inhambane" in i["message"]
    for text, n in ((en, 0), (swapped, 1)):
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"id": "g1", "pt": {"body": [pt]}, "en": {"body": [text]}}),
                        encoding="utf-8")
        rep = backcheck.check(str(path), config=backcheck.Config(engine="apertium"))
        assert len([i for i in rep.issues if i.type == "entity" and i.severity != "info"]) == n


def test_portuguese_names_in_ao_are_english_names_in_on(tmp_path):
    """"Grande Prêmio de Aragão" = "Aragon Grand Prix" (as Gabão/Gabon, Leão/León): one
    name spelt two ways, not Aragão swapped for "Prix". Another place still is a swap."""
    from backcheck.lang import names
    assert names.likeness("Aragão", "Aragon") == 1.0 and names.likeness("Gabão", "Gabon") == 1.0
    from conftest import need_apertium
    need_apertium()
    pt = "O piloto terminou o Grande Prêmio de Aragão, na Espanha, em terceiro lugar."
    rc, got = check_cli(tmp_path, pt, "The rider finished third at the Aragon Grand Prix in Spain.",
                        "--engine", "apertium")
    assert [i for i in got if i["severity"] != "info"] == []
    rc, got = check_cli(tmp_path, pt, "The rider finished third at the Catalan Grand Prix in Spain.",
                        "--engine", "apertium")
    assert [i["severity"] for i in got if i["severity"] != "info"] == ["major"]


def test_two_gazetteer_names_are_two_names_however_alike(tmp_path):
    """"Paraná" replaced by "Pará": two states of the gazetteer, not one name spelt short
    (as "Francis" is "Francisco"): a swap. The faithful list is none. API and CLI."""
    pt = "A operação cumpriu mandados em São Paulo, Minas Gerais, Goiás, Paraná e Pernambuco."
    swapped = "Officers served warrants in São Paulo, Minas Gerais, Goiás, Pará and Pernambuco."
    [i] = counted(run([(pt, swapped)]))
    assert "Paraná" in i.message and "Pará" in i.message
    assert counted(run([(pt, swapped.replace("Pará", "Paraná"))])) == []
    rc, got = check_cli(tmp_path, pt, swapped, "--engine", "none")
    assert rc == 1 and [i["severity"] for i in got if i["severity"] != "info"] in (["major"], ["critical"])
