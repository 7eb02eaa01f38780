"""The negation check: polarity flips and reversed direction words."""
import json
import subprocess
import sys

import pytest

from backcheck import checks
from backcheck.align import Bead
from backcheck.checks import negation
from backcheck.config import Config
from backcheck.segment import Segment, Segmented


def run(pairs, pt2en=None, en2pt=None):
    pt = [Segment("pt", "body", 0, p) for p, _ in pairs]
    en = [Segment("en", "body", 0, e) for _, e in pairs]
    beads = [Bead((i,), (i,), 0.7) for i in range(len(pairs))]
    return negation.check(checks.Context(None, Segmented(pt, en), pt2en, en2pt, beads, Config()))


def test_faithful_negations_give_no_issue():
    pairs = [
        ("Este grupo não desiste nunca.", "This group never gives up."),
        ("“Não é o texto dos sonhos de ninguém”, disse ele.", "“It isn't anyone's dream bill,” he said."),
        ("O valor já não cobre o custo.", "The price no longer covers the cost."),
        ("A empresa não comentou o valor.", "The company did not comment on the valuation."),
        ("Não se trata só de pintar faixas.", "This is not just about painting lanes."),
        ("Eles reclamaram de um pênalti não marcado.", "They protested that they should have had a penalty."),
        ("A responsabilidade deve ser analisada caso a caso, sem uma regra geral.",
         "Liability should be assessed case by case rather than under a general rule."),
        ("O Senado não aprovou o projeto.", "The Senate rejected the bill."),
    ]
    assert run(pairs) == []


def test_positive_rendered_negative_is_flagged():
    [i] = run([("A Unicamp já depositou pedido de patente.", "Unicamp has not yet filed a patent application.")])
    assert i.type == "negation" and i.severity == "major"
    assert "English is negative" in i.message
    assert i.evidence["en_items"] == ["not"]


def test_negative_rendered_positive_is_flagged_and_confirmed_by_translation():
    pairs = [("As transferências não são o comportamento normal.", "The transfers are normal behavior.")]
    [i] = run(pairs, pt2en=["The transfers are not the normal behaviour."],
              en2pt=["As transferências são comportamento normal."])
    assert i.severity == "critical" and "Portuguese is negative" in i.message
    assert i.evidence["en2pt"] == "As transferências são comportamento normal."
    assert i.evidence["back_translation"] == "The transfers are not the normal behaviour."


def test_back_translation_with_same_polarity_clears_the_bead():
    # a negative phrased without any listed negator ("has not once" -> "has gone ... free")
    pairs = [("Ele nunca foi preso.", "He has always gone free.")]
    assert len(run(pairs)) == 1
    assert run(pairs, pt2en=["He was never arrested."], en2pt=["Ele nunca foi preso."]) == []


def test_implicit_negatives_absorb_a_difference():
    pairs = [("A empresa não conseguiu atingir a meta.", "The company failed to reach its target."),
             ("O ministro não quis comentar.", "The minister declined to comment.")]
    assert run(pairs) == []


def test_direction_swap_is_the_mistranslation_checks_not_a_negation():
    from backcheck.checks import meaning
    pairs = [("O desmatamento no bioma subiu 6,2%.", "Deforestation in the biome fell 6.2%.")]
    assert run(pairs) == []
    pt = [Segment("pt", "body", 0, pairs[0][0])]
    en = [Segment("en", "body", 0, pairs[0][1])]
    ctx = checks.Context(None, Segmented(pt, en), ["The deforestation in the biome rose 6,2%."],
                         ["O desmatamento no bioma caiu 6,2%."], [Bead((0,), (0,), 0.7)], Config())
    [i] = [i for i in meaning.check(ctx) if i.severity != "info"]
    assert i.type == "mistranslation" and "rise" in i.message and "fell" in i.message


def test_mixed_directions_are_not_a_swap():
    pairs = [("O Ibovespa fechou em queda e os juros subiram.", "The Ibovespa closed down and rates rose.")]
    assert run(pairs) == []


def test_untranslated_portuguese_no_is_not_a_negator():
    pairs = [("Ele fará uma visita no primeiro semestre.", "He will visit no primeiro semestre.")]
    assert run(pairs) == []


def test_polarity_counts_negations_with_concord():
    from backcheck.lang.polarity import polarity
    # "não ... nunca" is one negation continued (weak), then a second "não"
    assert polarity("Não desiste nunca, e não para.", "pt") == (2, 1)
    assert polarity("It never gives up, and it doesn't stop.", "en") == (2, 0)
    assert polarity("sem regra", "pt") == (0, 1)
    # clause boundaries do not matter: "não ... : não" = "couldn't ... not"
    assert polarity("Eu não podia dizer a ele: você não vai estar lá.", "pt")[0] == \
        polarity("I couldn't tell him you're not going to be there.", "en")[0] == 2
    # a negative word opening a coordinated clause negates it anew ("e nunca soube"),
    # where after the verb it continues the negation ("não vi ninguém", "e nem voltou")
    assert polarity("Não foi ferido e nunca soube do prémio.", "pt") == (2, 0)
    assert polarity("Ela não viu ninguém e nem voltou.", "pt") == (1, 2)
    assert polarity("He was not hurt and never knew of the prize.", "en")[0] == 2
    # "não ... nem a X, nem a Y" is one negation
    assert polarity("O animal não pertence nem a Yuan, nem ao seu primo.", "pt")[0] == 1
    # an answer is not a negated statement; idioms do not negate
    assert polarity("Não. Só um instante.", "pt") == (0, 0)
    assert polarity("Não há dúvidas de que ganhou, ou não?", "pt") == (0, 0)
    assert polarity("It will happen no later than Friday, whether or not they agree.", "en") == (0, 0)


def test_cli_reports_a_flipped_polarity(tmp_path):
    art = {"id": "t2", "pt": {"body": [["A Safrix não comentou o valor da rodada de investimento."]]},
           "en": {"body": [["Safrix commented on the value of the investment round."]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "none",
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    negs = [i for i in json.loads(out.stdout)["issues"] if i["type"] == "negation"]
    assert len(negs) == 1 and negs[0]["en"]["paragraph"] == 0


def test_one_to_two_split_keeps_polarity():
    pt = [Segment("pt", "body", 0, "A Safrix não comentou o valor, que ninguém confirmou.")]
    en = [Segment("en", "body", 0, "Safrix did not comment on the valuation."),
          Segment("en", "body", 0, "Nobody confirmed it.")]
    ctx = checks.Context(None, Segmented(pt, en), None, None, [Bead((0,), (0, 1), 0.8)], Config())
    assert negation.check(ctx) == []


def test_idioms_and_implicit_negatives_in_free_paraphrase():
    pairs = [("Não é à toa que o índice caiu.", "It is no coincidence that the index fell."),
             ("Não é à toa que o índice caiu.", "Unsurprisingly, the index fell."),
             ("Nem sempre o mercado reage assim.", "The market does not always react this way."),
             ("Ninguém sabe quando a obra termina.", "It is unclear when the work will finish."),
             ("Foram nada menos que 40 feridos.", "As many as 40 people were injured.")]
    assert run(pairs) == []


def test_compounds_and_litotes_are_not_polarity_flips():
    pairs = [
        ("Parlamento chumba moção de censura ao Governo.", "Government survives no-confidence vote."),
        ("A coordenadora, Rita Amaral, não poupou críticas ao executivo.", "Rita Amaral was scathing."),
        ("O Palmeiras não tomou conhecimento do Bahia e venceu por 4 a 0.", "Palmeiras brushed Bahia aside 4-0."),
        ("A ministra não poupou críticas.", "The minister spared no criticism."),
        ("O presidente não escondeu a irritação.", "The president made no secret of his irritation."),
    ]
    pt2en = ["Parliament rejects censure motion to the Government.", "The coordinator, Rita Amaral, did not spare criticism to the executive.",
             "Palmeiras did not take knowledge of Bahia and won by 4 to 0.", "The minister did not spare criticism.",
             "The president did not hide the irritation."]
    en2pt = ["Governo sobrevive a voto de não-confiança.", "Rita Amaral foi mordaz.", "Palmeiras afastou Bahia 4-0.",
             "A ministra poupou nenhuma crítica.", "O presidente não fez segredo da sua irritação."]
    assert run(pairs, pt2en, en2pt) == []
    # a real flip next to a hyphenated "no-" still counts
    [i] = run([("A moção de censura foi aprovada.", "The no-confidence motion was not approved.")],
              ["The censure motion was approved."], ["A moção de não-confiança não foi aprovada."])
    assert i.type == "negation"


def test_downtoned_and_implicit_negatives_are_weak():
    # "quase não" = "little", "não perdia" = "unbeaten": free but faithful
    from backcheck.lang.polarity import polarity
    assert polarity("A ocupação das encostas quase não foi contida.", "pt") == (0, 1)
    assert polarity("Little has been done to stop building on hillsides.", "en") == (0, 1)
    assert polarity("Palmeiras, unbeaten in nine games, dropped to third.", "en") == (0, 1)
    assert polarity("They won a few games and the union was united.", "en") == (0, 0)
    pairs = [("O Palmeiras, que não perdia havia nove jogos, caiu para o terceiro lugar.",
              "Palmeiras, unbeaten in their previous nine games, dropped to third.")]
    assert run(pairs) == []
    # a real flip next to a weak word is still a flip when the counts differ
    pairs = [("O Palmeiras, que não perdia havia nove jogos, caiu para o terceiro lugar.",
              "Palmeiras, who had lost their previous nine games, dropped to third.")]
    assert [i.type for i in run(pairs)] == ["negation"]


def test_surplus_and_deficit_are_opposite_poles():
    from backcheck.checks import meaning

    def ctx(en, en2pt):
        return checks.Context(None, Segmented([Segment("pt", "body", 0, "O Orçamento prevê um excedente de 0,3% do PIB.")],
                                              [Segment("en", "body", 0, en)]),
                              ["The Budget foresees a surplus of 0,3% of the GDP."], [en2pt],
                              [Bead((0,), (0,), 0.7)], Config())
    [i] = meaning.check(ctx("The budget assumes a deficit of 0.3% of GDP.",
                            "O orçamento assume um défice de 0,3% do PIB."))
    assert i.type == "mistranslation" and "balance" in i.message and "deficit" in i.message
    assert meaning.check(ctx("The budget assumes a surplus of 0.3% of GDP.",
                             "O orçamento assume um excedente de 0,3% do PIB.")) == []


def test_not_until_first_time_and_negative_verbs_are_faithful():
    pairs = [("O metrô só chegará ao bairro em 2027.", "The metro will not reach the district until 2027."),
             ("Nunca antes um brasileiro tinha vencido a prova.", "It is the first time a Brazilian has won the race."),
             ("O atacante não jogará no domingo.", "The striker will miss Sunday's game."),
             ("O tribunal não aceitou o recurso.", "The court threw out the appeal."),
             ("O ministro não respondeu às perguntas.", "The minister ignored the questions.")]
    assert run(pairs) == []
    # a dropped "not" is still a flip
    [i] = run([("O metrô chegará ao bairro em 2027.", "The metro will not reach the district in 2027.")])
    assert i.type == "negation"


def test_an_opposite_outside_the_negated_words_does_not_explain_a_flip():
    """"não aprovou" = "rejected" is no flip, the opposite being what the negation
    negates; a "first" the dictionary reads in "primeiro ministro" against the English
    "at last" says nothing about the dropped "não"."""
    from backcheck.lang import dictionary
    if not dictionary.available():
        import pytest
        pytest.skip("Apertium's dictionaries (apertium-es-pt, apertium-eng-spa) are not installed")
    assert run([("O Senado não aprovou o projeto.", "The Senate rejected the bill.")]) == []
    [i] = run([("O primeiro ministro não tem apoio no partido.",
                "The prime minister has support in the party at last.")])
    assert i.type == "negation" and "Portuguese is negative" in i.message


def test_yet_and_unless_as_english_writes_them():
    """"has yet to" is an implicit negative, "yet" alone is not ("Yet he went"); "would
    not go unless" is the "só iria se" of Portuguese (weak: Portuguese may also keep its
    negator, "não iria a menos que")."""
    from backcheck.lang.polarity import polarity
    assert polarity("The deal has yet to be signed.", "en") == (0, 1)
    assert polarity("Yet the deal was signed.", "en") == (0, 0)
    assert polarity("She would not run unless she raised the money.", "en") == (0, 1)
    assert run([("Ela só concorreria se conseguisse o dinheiro.",
                 "She would not run unless she raised the money.")]) == []
    # a negator dropped beside a "yet" is a flip again
    [i] = run([("Isso ainda não aconteceu.", "That has happened yet.")])
    assert "Portuguese is negative" in i.message


def test_a_flip_beside_a_wrong_figure_and_a_dropped_not_beside_yet_through_the_cli(tmp_path):
    """As a user runs it: the dropped "não" and the changed figure of one sentence are two
    issues (neither explains the other); a "yet" no longer hides a dropped "não"."""
    from conftest import need_apertium
    need_apertium()

    def check(pt, en):
        (tmp_path / "pt.txt").write_text(pt + "\n", encoding="utf-8")
        (tmp_path / "en.txt").write_text(en + "\n", encoding="utf-8")
        r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt",
                            str(tmp_path / "pt.txt"), "--en", str(tmp_path / "en.txt"),
                            "--engine", "apertium", "--format", "json", "--no-cache"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 1, r.stderr
        return sorted(i["type"] for i in json.loads(r.stdout)["issues"]
                      if i["severity"] != "info")
    assert check("A empresa não comprou 20 lojas no Rio em 2019.",
                 "The company bought 25 stores in Rio in 2019.") == ["negation", "number"]
    assert check("Isso ainda não aconteceu, disse o ministro.",
                 "That has happened yet, the minister said.") == ["negation"]


def test_idioms_of_without_do_not_negate():
    """"sem parar" (non-stop), "sem dúvida", "without fail" hold a negator and say nothing
    negative: a "not" added against them is a flip, their positive rendering is none."""
    [i] = run([("Ela repetia sem parar que era uma tragédia.",
                "She does not keep repeating that it was a tragedy.")])
    assert "English is negative" in i.message
    assert run([("Ela repetia sem parar que era uma tragédia.",
                 "She kept repeating that it was a tragedy."),
                ("Sem dúvida, ele voltará.", "He will come back without fail.")]) == []


def cli_counted(tmp_path, pt, en):
    """`backcheck check --pt --en` on two plain files (engine apertium): the exit status
    and the counted issues of the JSON report."""
    from conftest import need_apertium
    need_apertium()
    (tmp_path / "pt.txt").write_text(pt + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(en + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "pt.txt"),
                        "--en", str(tmp_path / "en.txt"), "--engine", "apertium", "--format", "json",
                        "--no-cache"], capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, [i for i in json.loads(r.stdout)["issues"] if i["severity"] != "info"]


def test_an_added_not_against_an_idiom_of_without_through_the_cli(tmp_path):
    rc, got = cli_counted(tmp_path, "Ela repetia sem parar que era uma tragédia.",
                          "She does not keep repeating that it was a tragedy.")
    assert rc == 1 and [i["type"] for i in got] == ["negation"]


def test_a_portuguese_implicit_negative_through_the_dictionary():
    """"insatisfeita" is the dictionary's "unsatisfied", an English implicit negative: a
    "not happy" for it is no flip; for "satisfeita" it is one."""
    from conftest import need_apertium
    need_apertium()
    pairs = [("O parlamentar disse que o grupo também estava insatisfeito e sugeriu alternativas.",
              "The member said the group was not happy and suggested alternatives.")]
    assert [i for i in run(pairs) if i.severity != "info"] == []
    [i] = [i for i in run([(pairs[0][0].replace("insatisfeito", "satisfeito"), pairs[0][1])])
           if i.severity != "info"]
    assert "English is negative" in i.message


def test_a_portuguese_implicit_negative_through_the_cli(tmp_path):
    rc, got = cli_counted(tmp_path, "O parlamentar disse que o grupo também estava insatisfeito e "
                          "sugeriu alternativas.",
                          "The member said the group was not happy and suggested alternatives.")
    assert [i for i in got if i["type"] == "negation"] == []


def test_a_noun_derived_from_a_weak_negator_is_one():
    """"ended in failure" renders "não foram bem sucedidas": WordNet derives "failure"
    from "fail", a weak negator, so the difference is absorbed; "success" is no negative."""
    from backcheck.lang import polarity, thesaurus
    if not thesaurus.available():
        import pytest
        pytest.skip("WordNet (wordnet-base) is not installed")
    assert polarity.polarity("The attempt ended in failure.", "en") == (0, 1)
    assert polarity.polarity("Their refusals were noted.", "en") == (0, 1)
    assert polarity.polarity("The attempt ended in success.", "en") == (0, 0)
    pt = "As outras tentativas do supermercado para revitalizar as lojas não foram bem sucedidas."
    assert [i for i in run([(pt, "The supermarket's previous attempt to revamp its stores ended "
                                 "in failure.")]) if i.severity != "info"] == []


def test_a_noun_derived_from_a_weak_negator_through_the_cli(tmp_path):
    rc, got = cli_counted(tmp_path, "As outras tentativas do supermercado para revitalizar as lojas "
                          "não foram bem sucedidas.", "The supermarket's previous attempt to "
                          "revamp its stores ended in failure.")
    assert [i for i in got if i["type"] == "negation"] == []


def test_a_not_clause_continuing_a_negated_one_is_the_same_negation(tmp_path):
    """"He couldn't look away, not with the vote so close": the elliptical "not" clause
    continues the negation before it (as a Portuguese "nem" does); after a positive clause
    it is a negation of its own."""
    from backcheck.lang import polarity
    assert polarity.polarity("He couldn't look away, not with the vote so close.", "en") == (1, 0)
    assert polarity.polarity("He won the vote, not the seat.", "en") == (1, 0)
    assert polarity.polarity("He didn't win the vote, and he did not win the seat.", "en") == (2, 0)
    pt = "Não desgrudava da televisão, com o futuro do Supremo Tribunal em jogo."
    en = ("He couldn't peel himself away from the television, not with the future of the "
          "Supreme Court at stake.")
    assert [i for i in run([(pt, en)]) if i.severity != "info"] == []
    rc, got = cli_counted(tmp_path, pt, en)
    assert [i for i in got if i["type"] == "negation"] == []


def test_not_yet_as_english_says_it_with_still():
    """"ainda não se recuperou" = "is still recovering", "ainda não foi divulgado" = "is
    still pending": English says "not yet" with "still" and an unfinished state (the
    first was a critical flip); a dropped negation beside them is still found."""
    from backcheck.lang import polarity
    assert polarity.polarity("The player is still recovering.", "en") == (0, 1)
    pairs = [("O jogador ainda não se recuperou da lesão.", "The player is still recovering from the injury."),
             ("O resultado ainda não foi divulgado.", "The result is still pending."),
             ("O suspeito ainda não foi preso.", "The suspect remains at large.")]
    assert [i for i in run(pairs) if i.severity != "info"] == []
    [i] = [i for i in run([("O jogador ainda não se recuperou da lesão.",
                            "The player has recovered from the injury.")]) if i.severity != "info"]
    assert "Portuguese is negative" in i.message


def test_not_yet_with_still_through_the_cli(tmp_path):
    rc, got = cli_counted(tmp_path, "O jogador ainda não se recuperou da lesão.",
                          "The player is still recovering from the injury.")
    assert rc == 0 and got == []


def test_a_word_stranded_without_its_negator_is_a_reported_flip(tmp_path):
    """"Tal ainda não aconteceu." rendered "That has happened yet.": too short for the
    literalness score (an info hint), but the English keeps the "yet" its lost "not"
    licensed. A "yet" that a question, an "if", a superlative or "and" licenses is none."""
    from backcheck.lang import polarity
    assert polarity.stranded("That has happened yet.", "en")
    assert polarity.stranded("The results are in yet, but the mood is good.", "en")
    assert polarity.stranded("They live in the village anymore.", "en")
    assert not polarity.stranded("They do not live in the village anymore.", "en")
    assert not polarity.stranded("You can choose either.", "en")
    for ok in ("That has not happened yet.", "Has it happened yet?", "There is no status yet.",
               "They asked if they had their tickets yet for London.", "And yet, it moves.",
               "It was their best season yet.", "It has yet to be decided.",
               "It is yet another delay."):
        assert not polarity.stranded(ok, "en"), ok
    [i] = run([("Tal ainda não aconteceu.", "That has happened yet.")])
    assert i.severity == "major" and i.evidence["stranded"]
    rc, [i] = cli_counted(tmp_path, "Tal ainda não aconteceu.", "That has happened yet.")
    assert rc == 1 and i["type"] == "negation" and i["severity"] == "major"
    rc, got = cli_counted(tmp_path, "Tal ainda não aconteceu.", "That has not happened yet.")
    assert rc == 0 and got == []
    rc, [i] = cli_counted(tmp_path, "Eles já não vivem na aldeia.",
                          "They live in the village anymore.")
    assert rc == 1 and i["type"] == "negation" and i["severity"] == "major"


def test_quoted_negators_modal_just_and_but_nor_as_english_writes_them(tmp_path):
    """A negator quoted as a word ("heard 'no' 68 times", "68 'nãos'") negates nothing;
    "can't just" negates where "not just" (= "not only") does not; "but nor could I" is a
    negation of its own, not the continuation of the one before; "makes no secret" is
    the "não esconde" litotes, "não sem" the "not without" one ("only with")."""
    from backcheck.lang.polarity import polarity
    assert polarity("Ainda é possível, mas não sem investimento.", "pt") == (0, 1)
    assert polarity("Technology can't just be window dressing.", "en") == (1, 0)
    assert polarity("It is not just about money.", "en") == (0, 0)
    assert polarity("I didn't vote against, but nor could I support it.", "en") == (2, 0)
    assert polarity("Não pertence nem a X, nem a Y.", "pt") == (1, 1)
    assert polarity("We heard 'no' 68 times.", "en") == (0, 0)
    assert polarity("Ouvimos 68 'nãos'.", "pt") == (0, 0)
    assert polarity("Toledo makes no secret of it.", "en") == (0, 1)
    assert run([
        ("Tecnologia no campo não pode ser coisa de vitrine.",
         "Technology in the countryside can't just be window dressing."),
        ("Não votei contra, mas também não podia votar a favor.",
         "I didn't vote against, but nor could I vote in favour."),
        ("Toledo não esconde que foi difícil: ouvimos 68 'nãos'.",
         "Toledo makes no secret that it was hard: we heard 'no' 68 times."),
    ]) == []
    # the negator dropped is a flip again
    [i] = run([("Tecnologia no campo não pode ser coisa de vitrine.",
                "Technology in the countryside can just be window dressing.")])
    assert "Portuguese is negative" in i.message
    rc, got = cli_counted(tmp_path, "A meta ainda é alcançável, mas não sem investimento. "
                          "Tecnologia no campo não pode ser coisa de vitrine, disse ela.",
                          "The goal is still within reach, but only with investment. "
                          "Technology in the countryside can't just be window dressing, she said.")
    assert rc == 0 and got == []


def test_a_negated_word_rendered_by_its_antonym_is_no_flip(tmp_path):
    """"Não é raro" = "is common": the positive side says a WordNet antonym of what the
    negative side negates (as "não aprovou" = "rejected"); "is rare" is still a flip.
    Through the API and as a user runs it."""
    from backcheck.lang import dictionary, thesaurus
    if not (dictionary.available() and thesaurus.available()):
        import pytest
        pytest.skip("Apertium's dictionaries or WordNet are not installed")
    pt = "Não é raro que as greves no setor da saúde tenham números elevados."
    assert run([(pt, "High turnout is common in health-sector strikes.")]) == []
    [i] = run([(pt, "High turnout is rare in health-sector strikes.")])
    assert "Portuguese is negative" in i.message
    rc, got = cli_counted(tmp_path, pt, "High turnout is common in health-sector strikes.")
    assert rc == 0 and got == []


def test_critical_needs_the_negated_word_kept(tmp_path):
    """Critical is for a negator gone missing from words the English keeps ("não trocam
    embaixadores" / "have exchanged ambassadors"); a short headline reworded around its
    negation ("não sai da memória" / "lingers in the memory") is at most major."""
    from conftest import need_apertium
    need_apertium()
    import backcheck
    cfg = backcheck.Config(engine="apertium")
    art = {"id": "n1",
           "pt": {"headline": "\"A Casa da Ribeira\": um inverno na Póvoa que não sai da memória",
                  "body": ["Os dois países não trocam embaixadores desde 1962."]},
           "en": {"headline": "'The House by the River': a Póvoa winter that lingers in the memory",
                  "body": ["The two countries have exchanged ambassadors since 1962."]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    rep = backcheck.check(str(path), config=cfg)
    got = {i.pt.field: i.severity for i in rep.issues if i.type == "negation"}
    assert got.get("body") == "critical" and got.get("headline") != "critical"
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "apertium",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    got = {i["pt"]["field"]: i["severity"] for i in json.loads(r.stdout)["issues"]
           if i["type"] == "negation"}
    assert got.get("body") == "critical" and got.get("headline") != "critical"


WEAK_NEGATIVES = {
    # "não ... só" (not only), "ficar aquém" (fall short): they absorb an English negator
    # ("numbers alone are not enough", "did not match")
    "nao so, aquem": (
        [("Mas não podemos viver só de números.", "pt"),
         ("O crescimento ficou aquém da média nacional.", "pt")],
        [("“Batemos recordes, mas não podemos viver só de números”, afirmou.",
          "“We have broken records, but numbers alone are not enough to live on,” she said."),
         ("O Algarve manteve a liderança, embora o crescimento tenha ficado aquém da média.",
          "The Algarve kept its top spot, although its growth did not match the average.")]),
    # "outside X" is "not in X": "leitores não galeses", "vivem fora do Reino Unido"
    "outside, fora": (
        [("For readers outside of Wales.", "en"),
         ("As pessoas que vivem fora do Reino Unido.", "pt")],
        [("Para os leitores não galeses, a palavra significa idiota.",
          "For readers outside of Wales, the word means daft."),
         ("A regra vale para as pessoas que vivem fora do Reino Unido.",
          "The rule applies to people who don't live in the UK.")]),
}


@pytest.mark.parametrize("case", sorted(WEAK_NEGATIVES))
def test_weak_negatives_absorb_a_difference_and_never_make_one(tmp_path, case):
    """Each phrase is an implicit negative (weak): the faithful pairs give no issue,
    through the API and the CLI."""
    from backcheck.lang.polarity import polarity
    texts, pairs = WEAK_NEGATIVES[case]
    for text, lang in texts:
        assert polarity(text, lang) == (0, 1), text
    assert run(pairs) == []
    rc, got = cli_counted(tmp_path, " ".join(p for p, _ in pairs), " ".join(e for _, e in pairs))
    assert rc == 0 and got == []


def test_since_they_last_is_the_portuguese_ha_que_nao(tmp_path):
    """"Há uma década que X não pedia" = "it has been a decade since X last asked": the
    English says the negative with "since ... last" (weak: it never makes a flip)."""
    from backcheck.lang.polarity import polarity
    en = "It has been a decade since the district last sought the death penalty."
    assert polarity(en, "en") == (0, 1)
    assert polarity("He was last seen on Monday.", "en") == (0, 0)
    pt = "Há uma década que o distrito não pedia a pena de morte."
    assert run([(pt, en)]) == []
    rc, got = cli_counted(tmp_path, pt, en)
    assert rc == 0 and got == []


def test_a_limited_all_said_plainly_lost_its_negator():
    """"Nem todos os participantes" rendered "All exhibitors": no rewording of "not all"
    says "all", so however freely the rest is worded the flip is reported."""
    from backcheck.lang import polarity as pol
    assert pol.universals("Nem todos os participantes fazem um balanço positivo.", "pt") == (1, 0)
    assert pol.universals("All exhibitors are happy, though not everyone came.", "en") == (1, 1)
    [i] = run([("Nem todos os participantes fazem, porém, um balanço positivo.",
                "All exhibitors are happy with how it went, however.")])
    assert i.severity == "major" and i.evidence["limited"]
    [i] = run([("Nem todos os participantes fazem, porém, um balanço positivo.",
                "Some exhibitors, however, were less happy with how it went.")])
    assert i.severity == "info" and not i.evidence["limited"]


def test_a_closing_tambem_nao_repeats_the_negation():
    """The translation of "no sign ... either" closes with "também não": the same negation
    (it made the English's lost negator look confirmed away); "e ela também não foi"
    is a clause of its own."""
    from backcheck.lang import polarity as pol
    assert pol.polarity("Mas não há nenhum sinal de descontrolo também não.", "pt")[0] == 1
    assert pol.polarity("Ele não foi e ela também não foi.", "pt")[0] == 2


def test_limited_all_and_a_lost_negator_beside_either_through_the_cli(tmp_path):
    rc, got = cli_counted(tmp_path, "Nem todos os participantes fazem, porém, um balanço positivo.",
                          "All exhibitors are happy with how it went, however.")
    assert rc == 1 and [(i["type"], i["severity"]) for i in got] == [("negation", "major")]
    rc, got = cli_counted(
        tmp_path, "“Não há motivo para euforia, mas também não há nenhum sinal de descontrole dos "
        "preços”, declarou em Brasília.",
        "“There is reason for euphoria,” he said in Brasília. “But there is no sign of prices "
        "getting out of control either.”")
    assert [i["type"] for i in got] == ["negation"]
