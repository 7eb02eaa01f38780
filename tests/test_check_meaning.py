"""Mistranslation checks: polarity flips, moved sentences, forced-decoding evidence."""
import math

from checks_ctx import make_ctx
from tiny_marian import tiny_model  # noqa: F401  (fixture)

from backcheck import checks
from backcheck.checks import meaning


def one(pt, en, p2e, e2p, score=None):
    return make_ctx([([pt], [en], [p2e], [e2p], score)])


def counted(issues):
    return [i for i in issues if i.severity != "info"]


def test_rise_rendered_as_fall_is_a_mistranslation():
    ctx = one("O desmatamento na região subiu no último ano.",
              "Deforestation in the region fell last year.",
              "The deforestation in the region went up in the last year.",
              "O desmatamento na região caiu o ano passado.")
    issues = counted(meaning.check(ctx))
    assert [(i.type, i.severity) for i in issues] == [("mistranslation", "major")]
    # the Portuguese pole comes from its translation ("went up"); the English word as written
    assert "direction" in issues[0].message and "“fell”" in issues[0].message
    assert issues[0].evidence["en_items"] == ["fell"]


def test_same_polarity_is_fine():
    ctx = one("O desmatamento na região caiu no último ano.",
              "Deforestation in the region fell last year.",
              "The deforestation in the region fell in the last year.",
              "O desmatamento na região caiu o ano passado.")
    assert counted(meaning.check(ctx)) == []


def test_both_poles_on_one_side_are_not_a_flip():
    # "exports rose while imports fell": the English may order them differently
    ctx = one("As exportações subiram, enquanto as importações caíram.",
              "Imports fell, while exports rose.",
              "The exports went up, while the imports fell.",
              "Importações caíram, enquanto exportações subiram.")
    assert counted(meaning.check(ctx)) == []


def test_fixed_phrases_are_not_poles():
    ctx = one("Pelo menos dez famílias deixaram as casas.",
              "At least ten families left their homes.",
              "At least ten families left the houses.",
              "Pelo menos dez famílias deixaram as suas casas.")
    assert counted(meaning.check(ctx)) == []


def test_back_translation_vetoes_a_flip():
    # "got beat" looks like a win to the word lists; its translation keeps the loss
    ctx = one("O time perdeu a final no domingo.",
              "The team got beat in the final on Sunday.",
              "The team lost the final on Sunday.",
              "O time perdeu na final no domingo.")
    assert counted(meaning.check(ctx)) == []
    ctx.en2pt = ["O time bateu na final no domingo."]     # without the veto: a flip
    ctx.extra.clear()
    assert len(counted(meaning.check(ctx))) == 1


def test_bring_forward_rendered_as_postpone():
    ctx = one("A empresa decidiu antecipar a entrega dos trens.",
              "The company decided to postpone delivery of the trains.",
              "The company decided to bring forward the delivery of the trains.",
              "A empresa decidiu adiar a entrega dos trens.")
    issues = counted(meaning.check(ctx))
    assert len(issues) == 1 and "postpone" in issues[0].message


def test_moved_sentence_is_one_minor_mistranslation_through_run():
    a = ("A ponte foi inaugurada nesta manhã pela prefeitura.",
         "The bridge was opened this morning by the city hall.",
         "The bridge was inaugurated this morning by the city hall.",
         "A ponte foi aberta esta manhã pela prefeitura.")
    b = ("Os moradores comemoraram com uma festa na praça.",
         "Residents celebrated with a party in the square.",
         "The residents celebrated with a party in the square.",
         "Residentes celebraram com uma festa na praça.")
    c = ("O prefeito prometeu outras obras para o próximo semestre.",
         "The mayor promised further works for the next half of the year.",
         "The mayor promised other works for the next semester.",
         "O prefeito prometeu outras obras para a próxima metade do ano.")
    d = ("A obra custou menos do que o previsto pelos engenheiros.",
         "The work cost less than the engineers had forecast.",
         "The work cost less than the forecast by the engineers.",
         "O trabalho custou menos do que os engenheiros tinham previsto.")
    # the English moved sentence a to the end: 1-0 at the start, 0-1 at the end
    ctx = make_ctx([([a[0]], [], [a[2]], []),
                    ([b[0]], [b[1]], [b[2]], [b[3]]),
                    ([c[0]], [c[1]], [c[2]], [c[3]]),
                    ([d[0]], [d[1]], [d[2]], [d[3]]),
                    ([], [a[1]], [], [a[3]])])
    issues = counted(checks.run(ctx))
    assert [(i.type, i.severity) for i in issues] == [("mistranslation", "minor")]
    assert issues[0].pt.text == a[0] and issues[0].en.text == a[1]
    assert "moved" in issues[0].message


class FakeScorer:
    """Test double for translate.scorer: each English piece gets a fixed log-probability,
    and the pieces listed in `unlikely` get log(0.001)."""

    def __init__(self, unlikely):
        self.unlikely = set(unlikely)
        self.calls = []

    def score(self, src_texts, tgt_texts):
        self.calls.append((list(src_texts), list(tgt_texts)))
        out = []
        for t in tgt_texts:
            toks = []
            for w in t.split():
                lp = math.log(0.001) if w.strip(".,") in self.unlikely else math.log(0.5)
                toks.append(("▁" + w[:3], lp))
                if len(w) > 3:
                    toks.append((w[3:], math.log(0.6)))
            out.append(toks + [("</s>", math.log(0.9))])
        return out


def test_forced_decoding_points_at_unlikely_unsupported_words():
    ctx = one("Os motoristas contribuirão com a mesma taxa.",
              "Passengers will contribute the same rate.",
              "The drivers will contribute with the same rate.",
              "Passageiros contribuirão a mesma taxa.")
    ctx.scorer = FakeScorer({"Passengers", "rate"})
    issues = [i for i in meaning.check(ctx) if "unlikely" in i.evidence]
    assert ctx.scorer.calls == [(["Os motoristas contribuirão com a mesma taxa."],
                                 ["Passengers will contribute the same rate."])]
    assert len(issues) == 1 and issues[0].severity == "info"
    # "rate" is unlikely to the model but the back-translation supports it
    assert [w for w, _ in issues[0].evidence["unlikely"]] == ["Passengers"]


def test_no_scorer_no_forced_decoding_issue():
    ctx = one("Os motoristas contribuirão com a mesma taxa.",
              "Passengers will contribute the same rate.",
              "The drivers will contribute with the same rate.",
              "Passageiros contribuirão a mesma taxa.")
    assert not [i for i in meaning.check(ctx) if "unlikely" in i.evidence]


def test_unlikely_words_joins_pieces_with_their_worst_score():
    toks = [("▁Pass", -0.1), ("engers", -9.0), ("▁will", -0.2), ("</s>", -0.1)]
    assert meaning.unlikely_words(toks) == [("Passengers", -9.0)]


def test_low_similarity_is_only_a_hint():
    ctx = one("Os mercados reagiram bem ao anúncio.", "Markets welcomed the announcement.",
              "The markets reacted well to the ad.", "Mercados acolheram o anúncio.", 0.2)
    issues = meaning.check(ctx)
    assert issues and all(i.severity == "info" for i in issues)


def test_polarity_flip_through_the_cli(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    from test_check_coverage import write_bridge
    need_apertium()
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(write_bridge(tmp_path)),
                        "--engine", "apertium", "--format", "json",
                        "--cache-dir", str(tmp_path / "cache")],
                       capture_output=True, text=True, timeout=120)
    rep = json.loads(r.stdout)
    flips = [i for i in rep["issues"] if i["type"] in ("mistranslation", "negation")
             and "fell" in i["en"]["text"] and i["severity"] != "info"]
    assert len(flips) == 1 and "subiu" in flips[0]["pt"]["text"]


def test_exports_rendered_as_imports():
    ctx = one("As exportações de carne bateram recorde em março.",
              "Beef imports hit a record in March.",
              "The exports of meat beat record in March.",
              "Importações de carne bateram um recorde em março.")
    issues = counted(meaning.check(ctx))
    assert len(issues) == 1 and "import" in issues[0].message


def test_court_is_not_a_cut():
    # "Corte" (court) must not read as "cortar" (cut) against a rise in the English
    ctx = one("A Corte manteve a decisão e os gastos subiram.",
              "The Court upheld the ruling and spending rose.",
              "The Court kept the decision and the expenses went up.",
              "A Corte manteve a decisão e o gasto subiu.")
    assert counted(meaning.check(ctx)) == []


def test_forced_decoding_with_the_real_scorer_on_the_tiny_model(tiny_model):
    from backcheck.config import Config
    from backcheck.translate import scorer as scoring
    sc = scoring.load(Config(engine="marian", model=str(tiny_model)))
    assert sc is not None
    en = "The team lost the match two to one in a packed stadium."
    ctx = one("O time venceu a partida por dois a um no estádio lotado.", en,
              "The team won the match two to one in a packed stadium.",
              "O time perdeu a partida por dois a um no estádio lotado.")
    ctx.scorer = sc
    toks = sc.score([ctx.seg.pt[0].text], [en])[0]
    assert toks and toks[-1][0] == "</s>" and all(lp <= 0 for _, lp in toks)
    hints = [i for i in meaning.check(ctx) if "unlikely" in i.evidence]
    for hint in hints:                      # whatever this random model dislikes...
        assert hint.severity == "info"
        for w, lp in hint.evidence["unlikely"]:
            assert w in en and lp < meaning.UNLIKELY
            assert w not in ("team", "match", "stadium")


def test_revised_upwards_rendered_as_cut():
    # the translation of the Portuguese must carry a pole: "revised upwards" does
    ctx = one("O banco reviu em alta a previsão de crescimento.",
              "The bank reduced its growth forecast.",
              "The bank revised upwards the forecast of growth.",
              "O banco reduziu a sua previsão de crescimento.")
    issues = counted(meaning.check(ctx))
    assert len(issues) == 1 and "reduced" in issues[0].message


def test_lower_court_and_once_more_are_not_comparisons():
    ctx = one("O tribunal rejeitou mais uma vez o recurso da empresa.",
              "The lower court once again rejected the company's appeal.",
              "The court rejected once more the appeal of the company.",
              "O tribunal inferior uma vez mais rejeitou o recurso da empresa.")
    assert counted(meaning.check(ctx)) == []


def test_without_translations_a_flip_is_only_a_hint():
    # no translation: the dictionary alone suggests the pole; never counted
    ctx = make_ctx([(["O desmatamento na região aumentou no último ano."],
                     ["Deforestation in the region decreased last year."], [""], [""])],
                   translated=False)
    issues = meaning.check(ctx)
    assert issues and {(i.type, i.severity) for i in issues} == {("mistranslation", "info")}


def test_young_rendered_as_old():
    ctx = one("O secretário disse que a vacinação de adolescentes explica a queda.",
              "The secretary said vaccination of the elderly explained the drop.",
              "The secretary said that the vaccination of adolescents explains the fall.",
              "O secretário disse que a vacinação dos idosos explicou a queda.")
    [i] = counted(meaning.check(ctx))
    assert "adolescent" in i.message and "elderly" in i.message


def test_ages_and_rush_hours_rendered_faithfully_are_fine():
    pairs = [("Cerca de meio milhão de jovens de 10 a 14 anos já foram vacinados.",
              "About 500,000 young people aged 10 to 14 have been vaccinated.",
              "About half million of young of 10 to 14 years already were vaccinated.",
              "Cerca de 500.000 jovens de 10 a 14 anos foram vacinados."),
             ("Um homem de 70 anos foi atropelado.", "A 70-year-old man was hit by a car.",
              "A man of 70 years was run over.", "Um homem de 70 anos foi atropelado por um carro."),
             ("Há mais ônibus nos horários de pico.", "There are more buses at rush hour.",
              "There are more buses in the peak schedules.", "Há mais ônibus na hora de ponta."),
             ("A linha fica mais vazia fora do pico.", "The line is emptier off-peak.",
              "The line is emptier outside the peak.", "A linha está mais vazia fora de pico.")]
    ctx = make_ctx([([p], [e], [p2e], [e2p], None) for p, e, p2e, e2p in pairs])
    assert counted(meaning.check(ctx)) == []


def test_rank_sufficiency_and_reaction_reversals():
    cases = [("O desemprego está no valor mais baixo desde 2002.", "Unemployment is at its highest since 2002.",
              "The unemployment is in the lowest value since 2002.", "O desemprego está no seu mais alto desde 2002."),
             ("A Ordem considera a medida insuficiente.", "The Order considers the measure enough.",
              "The Order considers the measure insufficient.", "A Ordem considera a medida suficiente."),
             ("Os prefeitos comemoraram a decisão.", "The mayors criticised the decision.",
              "The mayors celebrated the decision.", "Os prefeitos criticaram a decisão.")]
    for pt, en, p2e, e2p in cases:
        [i] = counted(meaning.check(one(pt, en, p2e, e2p)))
        assert i.type == "mistranslation", (pt, en)


def test_rank_sufficiency_and_reaction_kept_are_fine():
    pairs = [("É a menor taxa desde 2014.", "It is the lowest rate since 2014.",
              "It is the smaller rate since 2014.", "É a taxa mais baixa desde 2014."),
             ("A empresa transportou o valor mais alto da sua história.", "The company carried the highest figure in its history.",
              "The company transported the highest value of its history.", "A empresa transportou o número mais alto da sua história."),
             ("A Ordem considera a medida insuficiente.", "The association says that is not enough.",
              "The Order considers the measure insufficient.", "A associação diz que isso não é suficiente."),
             ("Os passageiros elogiaram o silêncio.", "Passengers praised the quiet ride.",
              "The passengers praised the silence.", "Os passageiros elogiaram a viagem silenciosa.")]
    ctx = make_ctx([([p], [e], [p2e], [e2p], None) for p, e, p2e, e2p in pairs])
    assert counted(meaning.check(ctx)) == []


def test_vote_size_and_threshold_reversals():
    cases = [("A oposição votou a favor, mas criticou o atraso.", "The opposition voted against and criticised the delay.",
              "The opposition voted in favour, but criticised the delay.", "A oposição votou contra e criticou o atraso."),
             ("O Governo lembrou que o valor é modesto.", "The Government recalled that the value is generous.",
              "The Government recalled that the value is modest.", "O Governo lembrou que o valor é generoso."),
             ("Metade dos visitantes tinha menos de 30 anos.", "Half of the visitors had more than 30 years.",
              "Half of the visitors had less than 30 years.", "Metade dos visitantes tinham mais de 30 anos.")]
    for pt, en, p2e, e2p in cases:
        [i] = counted(meaning.check(one(pt, en, p2e, e2p)))
        assert i.type == "mistranslation", (pt, en)
    # kept poles, and "over" without a figure, are fine
    pairs = [("A oposição votou a favor.", "The opposition voted in favour.",
              "The opposition voted in favour.", "A oposição votou a favor."),
             ("Metade dos visitantes tinha menos de 30 anos.", "Half of all visitors were under 30.",
              "Half of the visitors had less than 30 years.", "Metade dos visitantes tinham menos de 30."),
             ("As editoras venderam mais de 2 milhões de livros.", "Publishers sold over 2 million books over the ten days.",
              "The publishers sold more than 2 million books.", "Editoras venderam mais de 2 milhões de livros nos dez dias.")]
    ctx = make_ctx([([p], [e], [p2e], [e2p], None) for p, e, p2e, e2p in pairs])
    assert counted(meaning.check(ctx)) == []


def test_a_negated_pole_is_not_a_reversal():
    # "não aceitou o recurso" = "threw out the appeal": the English pole is under no
    # negator, but the Portuguese negation makes the polarity differ: the negation check's
    ctx = one("O tribunal não aceitou o recurso.", "The court rejected the appeal.",
              "The court did not accept the appeal.", "O tribunal rejeitou o recurso.")
    assert counted(meaning.check(ctx)) == []
    # an English pole word under a negator says the other pole, or neither
    ctx = one("Há vagas suficientes nas creches.", "There are not enough nursery places.",
              "There are enough places in the nurseries.", "Não há bastantes lugares de infantário.")
    assert counted(meaning.check(ctx)) == []
    # without the negations the same words are a reversal
    ctx = one("O tribunal aceitou o recurso.", "The court rejected the appeal.",
              "The court accepted the appeal.", "O tribunal rejeitou o recurso.")
    assert len(counted(meaning.check(ctx))) == 1


def test_pole_words_the_portuguese_accounts_for_are_no_reversal():
    """"first start" for "primeira partida" is supported word for word: the "acabando"
    (ending) elsewhere in the sentence does not make "start" a reversal. A pole word said
    twice where the Portuguese says it once still is one."""
    from conftest import need_apertium
    need_apertium()
    ctx = one("A espera está quase acabando: ele fará a sua primeira partida pelo clube.",
              "The wait is nearly over: he will make his first start for the club.",
              "The wait is almost finishing: he will do his first party by the club.",
              "A espera é quase em cima: fará seu primeiro início para o clube.")
    assert counted(meaning.check(ctx)) == []
    ctx = one("Um trio quer desafiar a visão negativa do gênero com mensagens positivas.",
              "A trio wants to challenge the negative view of the genre with negative messages.",
              "A trio wants to defy the negative vision of the gender with positive messages.",
              "Um trio quer desafiar a vista negativa do género com mensagens negativas.")
    [i] = counted(meaning.check(ctx))
    assert i.evidence["en_items"][0] == "negative"
    # a compound is supported through any part: "usual" does not account for "later"
    ctx = one("Os médicos explicam a situação com a gripe, que começou mais cedo do que o habitual.",
              "Doctors blamed a later-than-usual peak in flu cases.",
              "The doctors explain the situation with the flu, that began sooner of the that the usual.",
              "Médicos culparam um pico mais tarde do que o habitual em casos de gripe.")
    [i] = counted(meaning.check(ctx))
    assert "later" in i.evidence["en_items"][0]


def test_a_word_of_several_senses_is_no_pole():
    """data/poles.pt.tsv leaves out words with several senses: a midfielder who "avançou"
    down the wing did not rise, so an English "sliding" is no reversal of it."""
    from conftest import need_apertium
    need_apertium()
    ctx = one("O médio avançou pela direita e cruzou para a área, mas o guarda-redes agarrou a bola.",
              "The midfielder pushed down the right and crossed into the box, but the keeper "
              "gathered the ball after sliding across.",
              "The meso advanced by the right and crossed for the area, but the guard-nets held "
              "the balloon.",
              "O centrocampista pulsou abaixo o direito e cruzado à caixa, mas o keeper reuniu a "
              "bola após corredero através de.")
    assert counted(meaning.check(ctx)) == []
    # a rise said with a pole word is still one
    ctx = one("As exportações subiram no trimestre.", "Exports tumbled in the quarter.",
              "The exports went up in the quarter.", "Exportações tombaram no trimestre.")
    [i] = counted(meaning.check(ctx))
    assert "direction" in i.message


def check_pair_cli(tmp_path, pt, en):
    """`backcheck check --pt --en` on two plain files with Apertium, as an editor runs it:
    (exit status, counted issues of the JSON report). A usage or input error fails."""
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    (tmp_path / "p.txt").write_text(pt + "\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text(en + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "p.txt"),
                        "--en", str(tmp_path / "e.txt"), "--engine", "apertium",
                        "--format", "json", "--cache-dir", str(tmp_path / "cache")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr       # checked (1: the verdict is fail)
    return r.returncode, [i for i in json.loads(r.stdout)["issues"] if i["severity"] != "info"]


def test_a_word_of_several_senses_is_no_pole_through_the_cli(tmp_path):
    """The same, as an editor runs it: `backcheck check --pt --en` on plain files."""
    _, got = check_pair_cli(
        tmp_path,
        "O médio avançou pela direita e cruzou para a área, mas o guarda-redes agarrou a bola.",
        "The midfielder pushed down the right and crossed into the box, but the keeper "
        "gathered the ball after sliding across.")
    assert [i for i in got if i["type"] == "mistranslation"] == []


def test_long_term_rendered_as_short_term():
    """A pole of several words, hyphenated in the English ("short-term") and said by the
    Portuguese in its own words ("longa duração", which the engine renders "long
    length"); and permanent against temporary."""
    from conftest import need_apertium
    need_apertium()
    ctx = one("O objetivo é devolver casas ao arrendamento de longa duração.",
              "The aim is to return homes to the short-term rental market.",
              "The objective is to give houses to the lease of long length.",
              "O objectivo é para regressar casas ao mercado de aluguer de prazo curto.")
    [i] = counted(meaning.check(ctx))
    assert "(term)" in i.message and "“short-term”" in i.message
    assert "“longa duração”" in i.message
    ctx = one("O objetivo é devolver casas ao arrendamento de longa duração.",
              "The aim is to return homes to the long-term rental market.",
              "The objective is to give houses to the lease of long length.",
              "O objectivo é para regressar casas ao mercado de aluguer de prazo longo.")
    assert counted(meaning.check(ctx)) == []
    ctx = one("O governo aprovou uma proibição temporária da pesca da sardinha.",
              "The government approved a permanent ban on sardine fishing.",
              "The government approved a temporary prohibition of the fishing of the sardine.",
              "O governo aprovou uma proibição permanente em pescar de sardinha.")
    [i] = counted(meaning.check(ctx))
    assert "(permanence)" in i.message and "“permanent”" in i.message


def test_long_term_rendered_as_short_term_through_the_cli(tmp_path):
    rc, [i] = check_pair_cli(tmp_path, "A ministra disse que a medida pretende devolver casas "
                             "ao mercado de arrendamento de longa duração.",
                             "The minister said the measure was intended to return homes to "
                             "the short-term rental market.")
    assert rc == 1 and i["type"] == "mistranslation"
    assert "short-term" in i["message"] and "longa duração" in i["message"]


def test_dissatisfied_rendered_as_happy(tmp_path):
    """Satisfaction is part of the feeling pair: "insatisfeita" rendered "happy" is a
    reversal, quoted as the Portuguese writes it; "unhappy" is faithful."""
    from conftest import need_apertium
    need_apertium()
    ctx = one("Um deputado disse que a maioria do grupo também estava insatisfeita.",
              "A member said most of the group were also happy.",
              "A deputy said that the majority of the group also was insatisfeita.",
              "Um membro disse a maioria do grupo era também feliz.")
    [i] = counted(meaning.check(ctx))
    assert "(feeling)" in i.message and "“insatisfeita”" in i.message
    for en, want in (("A member said most of the group were also happy.", 1),
                     ("A member said most of the group were also unhappy.", 0)):
        rc, got = check_pair_cli(tmp_path, "Um deputado disse que a maioria do grupo também "
                                 "estava insatisfeita.", en)
        assert rc == want, (en, got)
        assert [i["type"] for i in got] == (["mistranslation"] if want else [])


def test_a_noun_of_a_pole_verb_is_that_pole(tmp_path):
    """"crescimento ... e uma redução da dívida" rendered "growth ... and debt to rise":
    "growth" and "reduction" are the poles of "grow" and "reduce" (WordNet's derivations),
    so the English says the increase twice where the Portuguese says it once. Through the
    API and the CLI; the faithful "debt to fall" is no reversal."""
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    import backcheck
    from backcheck.lang import thesaurus
    if not thesaurus.available():
        import pytest
        pytest.skip("WordNet is not installed")
    assert thesaurus.opposite("growth", "reduction") == "direction"
    pt = ("O Governo aponta ainda para um crescimento económico de 2,1% e para uma redução da "
          "dívida pública para 88,5% do PIB.")
    en = ("The government is also forecasting economic growth of 2.1% and expects public debt "
          "to {} to 88.5% of GDP.")
    for verb, want in (("rise", ["mistranslation"]), ("fall", [])):
        path = tmp_path / f"{verb}.json"
        path.write_text(json.dumps({"id": verb, "pt": {"body": [pt]}, "en": {"body": [en.format(verb)]}},
                                   ensure_ascii=False), encoding="utf-8")
        rep = backcheck.check(str(path), config=backcheck.Config(engine="apertium"))
        assert [i.type for i in rep.issues if i.severity != "info"] == want
        r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine",
                            "apertium", "--format", "json"], capture_output=True, text=True, timeout=300)
        assert [i["type"] for i in json.loads(r.stdout)["issues"] if i["severity"] != "info"] == want
