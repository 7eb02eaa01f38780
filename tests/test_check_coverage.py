"""Omission and addition checks on hand-written pairs with hand-written translations."""
from checks_ctx import make_ctx

from backcheck.checks import coverage

A = ("A prefeitura inaugurou uma nova ponte sobre o rio.",
     "The city hall opened a new bridge over the river.",
     "The city hall inaugurated a new bridge over the river.",
     "A prefeitura abriu uma nova ponte sobre o rio.")
B = ("O custo da obra ficou acima do previsto pelos engenheiros.",
     "The cost of the work came in above what engineers had forecast.",
     "The cost of the work was above the forecast by the engineers.",
     "O custo do trabalho veio acima do que engenheiros tinham previsto.")
C = ("Os moradores comemoraram a abertura com uma festa na praça central.",
     "Residents celebrated the opening with a party in the central square.",
     "The residents celebrated the opening with a party in the central square.",
     "Residentes celebraram a abertura com uma festa na praça central.")


def row(*sents):
    """A 1-1 bead for each sentence tuple."""
    return [([s[0]], [s[1]], [s[2]], [s[3]]) for s in sents]


def kinds(issues, counted=True):
    return [(i.type, i.severity) for i in issues if not counted or i.severity != "info"]


def test_faithful_pairs_give_nothing():
    assert coverage.check(make_ctx(row(A, B, C))) == []


def test_unaligned_portuguese_sentence_is_an_omission():
    rows = row(A) + [([B[0]], [], [B[2]], [])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("omission", "major")]
    assert issues[0].pt.text == B[0] and issues[0].en is None
    assert issues[0].pt.paragraph == 1


def test_unaligned_english_sentence_is_an_addition():
    extra = "Critics said the bridge would worsen traffic in the old town."
    rows = row(A) + [([], [extra], [], ["Críticos disseram que a ponte pioraria o trânsito."])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("addition", "major")]
    assert issues[0].en.text == extra and issues[0].pt is None


def test_no_additions_in_partial_source_mode():
    extra = "Critics said the bridge would worsen traffic in the old town."
    rows = row(A) + [([], [extra], [], ["Críticos disseram que a ponte pioraria o trânsito."])]
    assert coverage.check(make_ctx(rows, partial=True)) == []


def test_sentence_the_aligner_glued_to_a_neighbour_is_only_a_hint():
    # the English of bead 0 carries B's translation too; B itself stayed unaligned
    rows = [([A[0]], [A[1], B[1]], [A[2]], [A[3], B[3]]),
            ([B[0]], [], [B[2]], [])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == []
    assert kinds(issues, counted=False) == [("omission", "info")]


def test_legitimate_one_to_two_split_is_not_an_addition():
    pt = ("A prefeitura inaugurou uma nova ponte sobre o rio, e os moradores "
          "comemoraram a abertura com uma festa na praça central.")
    en = [A[1], C[1]]
    rows = [([pt], en, [A[2][:-1] + ", and " + C[2].lower()], [A[3], C[3]])]
    assert kinds(coverage.check(make_ctx(rows))) == []


def test_unsupported_sentence_inside_a_merged_bead_is_an_addition():
    extra = "Critics said traffic would worsen in the old town during holidays."
    rows = [([A[0]], [A[1], extra], [A[2]],
             [A[3], "Críticos disseram que o trânsito pioraria na cidade velha durante feriados."])]
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("addition", "major")]
    assert issues[0].en.text == extra          # located at the sentence, not the bead
    assert issues[0].pt.text == A[0]


def test_dropped_second_half_is_a_partial_omission():
    pt = ("O custo da obra ficou acima do previsto pelos engenheiros, que atribuíram a "
          "diferença ao aumento do preço do aço importado e às chuvas intensas que "
          "paralisaram o canteiro durante três meses seguidos.")
    en = "The cost of the work came in above what engineers had forecast."
    p2e = ("The cost of the work was above the forecast by the engineers, who attributed "
           "the difference to the increase of the price of the imported steel and to the "
           "intense rains that paralysed the site during three consecutive months.")
    issues = coverage.check(make_ctx(row(A) + [([pt], [en], [p2e], [B[3]])]))
    assert kinds(issues) == [("omission", "major")]
    assert issues[0].pt.text == pt and issues[0].en.text == en
    assert "chuvas" in issues[0].message or "paralisaram" in issues[0].message


def test_free_paraphrase_of_same_length_is_not_flagged():
    pt = "Os moradores comemoraram a abertura com uma festa na praça central."
    en = "People living nearby marked the opening with a celebration downtown."
    rows = row(A) + [([pt], [en], [C[2]], ["Pessoas vivendo perto marcaram a abertura com uma celebração no centro."])]
    assert coverage.check(make_ctx(rows)) == []


def test_reordered_clauses_are_not_flagged():
    pt = "Apesar da chuva forte, a prefeitura inaugurou a ponte nesta manhã."
    en = "The city hall opened the bridge this morning despite the heavy rain."
    rows = [([pt], [en], ["Despite the strong rain, the city hall inaugurated the bridge this morning."],
             ["A prefeitura abriu a ponte esta manhã apesar da chuva pesada."])]
    assert coverage.check(make_ctx(rows)) == []


def test_adjacent_unpaired_sentences_with_shared_content_give_one_omission():
    pt = ("O custo da obra ficou acima do previsto pelos engenheiros, que atribuíram a "
          "diferença ao aumento do preço do aço importado e às chuvas intensas que "
          "paralisaram o canteiro durante três meses seguidos.")
    p2e = ("The cost of the work was above the forecast by the engineers, who attributed "
           "the difference to the increase of the price of the imported steel and to the "
           "intense rains that paralysed the site during three consecutive months.")
    en = "The cost of the work came in above what engineers had forecast."
    rows = row(A) + [([], [en], [], [B[3]]), ([pt], [], [p2e], [])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("omission", "major")]
    assert issues[0].pt.text == pt and issues[0].en.text == en


def test_without_translations_unpaired_sentences_are_hints_only():
    rows = row(A) + [([B[0]], [], [B[2]], [])] + row(C)
    issues = coverage.check(make_ctx(rows, translated=False))
    assert kinds(issues) == [] and kinds(issues, counted=False) == [("omission", "info")]


def test_word_support_helpers():
    from backcheck.lang.normalise import fold
    from backcheck.lang.words import content, same_word
    assert same_word("motorista", "motoristas")
    assert same_word("reacted", "react")
    assert not same_word("fell", "fall")
    assert content("Os motoristas da cidade", "pt") == ["motoristas", "cidade"]
    assert fold("Ação") == "acao"



def test_a_synonym_alone_does_not_end_a_dropped_clause():
    """WordNet synonyms over every sense are loose ("abandonar" is supported by an
    English "end"): a word supported only so continues the unsupported run without
    counting in it; any other support ends it (one such word may sit inside a run)."""
    from backcheck.lang.support import Word
    from backcheck.lang.words import Token

    def words(spec):
        return [Word(Token(t, t.lower(), 10 * k, 10 * k + len(t)), frozenset(by))
                for k, (t, by) in enumerate(spec)]
    kept = [("Coreia", {"mt"}), ("procura", {"dict"}), ("fim", {"dict", "mt"}),
            ("guerra", {"mt"})]
    dropped = [("Estados", ()), ("Unidos", {"syn"}), ("afirmam", ()), ("Pyongyang", ()),
               ("primeiro", ()), ("abandonar", {"syn"}), ("armas", ()), ("nucleares", ())]
    score, run = coverage.gap_score(words(kept + dropped), 0)
    assert score == 6 and [w.text for w in run][-2:] == ["armas", "nucleares"]
    # the same words supported by the dictionary end the run: five words (one of them
    # the supported word a run may hold) in the middle of the sentence, 5 x 0.6
    firm = [(t, {"dict"} if by else ()) for t, by in dropped]
    score, run = coverage.gap_score(words(kept + firm), 0)
    assert score == 3.0 and [w.text for w in run][-1] == "primeiro"

# ---- end to end: real segmenter, Apertium, aligner, all checks, as a user runs it ----

BRIDGE = {
    "id": "bridge",
    "pt": {"headline": "Prefeitura inaugura ponte sobre o rio Capibaribe",
           "body": [["A prefeitura do Recife inaugurou nesta terça-feira uma nova ponte sobre o rio Capibaribe.",
                     "A obra liga os bairros da Torre e da Madalena."],
                    ["O custo final ficou acima do previsto pelos engenheiros da secretaria de obras.",
                     "Segundo o secretário, a diferença se deve ao preço do aço importado e às chuvas que atrasaram o canteiro."],
                    ["Os moradores comemoraram a abertura com uma festa na praça central.",
                     "O trânsito na região subiu nas primeiras horas."],
                    ["A prefeitura promete novas obras de drenagem para o próximo verão."]]},
    "en": {"headline": "City opens bridge over the Capibaribe river",
           "body": [["Recife city hall opened a new bridge over the Capibaribe river on Tuesday.",
                     "The structure links the Torre and Madalena neighbourhoods."],
                    ["The final cost came in above what the public works department's engineers had forecast."],
                    ["Residents celebrated the opening with a party in the central square.",
                     "Traffic in the area fell in the first hours."],
                    ["The city promises new drainage works for next summer."]]},
}


def write_bridge(tmp_path):
    import json
    p = tmp_path / "bridge.json"
    p.write_text(json.dumps(BRIDGE, ensure_ascii=False), encoding="utf-8")
    return p


def test_omission_through_the_api(tmp_path):
    from conftest import need_apertium

    from backcheck import article, pipeline
    from backcheck.config import Config
    from backcheck.translate import get_translator
    need_apertium()
    cfg = Config(engine="apertium", cache_dir=str(tmp_path / "cache"))
    rep = pipeline.check(article.load(write_bridge(tmp_path), cfg), get_translator(cfg), cfg)
    om = [i for i in rep.issues if i.type == "omission" and i.severity != "info"]
    assert len(om) == 1 and om[0].pt.text.startswith("Segundo o secretário")
    assert om[0].pt.paragraph == 1 and "pt2en" in om[0].evidence
    assert rep.verdict in ("warn", "fail") and rep.score > 0


def test_omission_through_the_cli(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(write_bridge(tmp_path)),
                        "--engine", "apertium", "--format", "json",
                        "--cache-dir", str(tmp_path / "cache")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr          # a major issue reaches --fail-on major
    rep = json.loads(r.stdout)
    kinds = {(i["type"], i["severity"]) for i in rep["issues"]}
    assert ("omission", "major") in kinds
    assert rep["verdict"] in ("warn", "fail")


def test_partial_source_gives_no_addition_inside_beads_either():
    extra = "Critics said traffic would worsen in the old town during holidays."
    rows = [([A[0]], [A[1], extra], [A[2]],
             [A[3], "Críticos disseram que o trânsito pioraria na cidade velha durante feriados."])]
    assert coverage.check(make_ctx(rows, partial=True)) == []


def test_adjacent_unpaired_loose_paraphrase_is_one_minor_issue_not_two():
    en = "Residents marked the opening with music and dancing downtown."
    rows = row(A) + [([C[0]], [], [C[2]], []),
                     ([], [en], [], ["Residentes marcaram a abertura com música e dança no centro."])] + row(B)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("mistranslation", "minor")]
    assert issues[0].pt.text == C[0] and issues[0].en.text == en


def test_sentence_split_after_jr_inside_a_name_is_not_an_omission():
    # a splitter that breaks after "Jr." leaves two Portuguese pieces for one English sentence
    pt = ["O relator, deputado Augusto Salles Jr.",
          "(PSD-MG), fez mudanças de última hora para garantir o apoio do centrão."]
    en = ["The rapporteur, Deputy Augusto Salles Jr. (PSD-MG), made last-minute changes "
          "to secure the support of the centrão."]
    p2e = ["The reporter, deputy Augusto Salles Jr.",
           "(PSD-MG), made changes of last hour to guarantee the support of the centrão."]
    e2p = ["O relator, deputado Augusto Salles Jr. (PSD-MG), fez mudanças de último minuto "
           "para assegurar o apoio do centrão."]
    assert kinds(coverage.check(make_ctx([(pt, en, p2e, e2p)]))) == []


FREE = {   # European Portuguese with a free but faithful English rendering
    "id": "free",
    "pt": {"headline": "Banco central revê em alta previsão de crescimento",
           "body": [["O banco central reviu em alta a previsão de crescimento da economia para este ano, "
                     "de 1,7% para 2,1%, no boletim publicado esta terça-feira.",
                     "A instituição justifica a revisão com o bom desempenho do turismo e das "
                     "exportações de serviços no primeiro semestre."],
                    ["Ainda assim, o banco alerta para os riscos associados à incerteza no comércio internacional."],
                    ["O desemprego deverá fixar-se nos 6,4%, ligeiramente abaixo do registado no ano passado."]]},
    "en": {"headline": "Central bank raises growth forecast",
           "body": [["The central bank has raised its forecast for economic growth this year to 2.1% "
                     "from 1.7%, in a bulletin published on Tuesday.",
                     "It attributed the revision to strong tourism and services exports in the first half."],
                    ["Even so, the bank warned of risks linked to uncertainty in international trade."],
                    ["Unemployment is expected to settle at 6.4%, slightly below last year's level."]]},
}


def test_free_faithful_translation_gives_no_coverage_or_meaning_alarm_through_the_cli(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    p = tmp_path / "free.json"
    p.write_text(json.dumps(FREE, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--engine", "apertium",
                        "--format", "json", "--cache-dir", str(tmp_path / "cache")],
                       capture_output=True, text=True, timeout=120)
    rep = json.loads(r.stdout)
    mine = [i for i in rep["issues"] if i["type"] in ("omission", "addition", "mistranslation")
            and i["severity"] != "info"]
    assert mine == []
    assert len(rep["alignment"]) >= 5


def test_short_sentence_merged_into_a_faithful_bead_is_not_flagged():
    # the English folds a short Portuguese sentence into its translation of the neighbour
    pt = ["A prefeitura inaugurou uma nova ponte sobre o rio.", "A obra custou muito caro."]
    en = ["The city hall opened a new, expensive bridge over the river."]
    p2e = ["The city hall inaugurated a new bridge over the river.", "The work cost very dear."]
    e2p = ["A prefeitura abriu uma nova e cara ponte sobre o rio."]
    assert kinds(coverage.check(make_ctx([(pt, en, p2e, e2p)]))) == []


def test_short_omitted_sentence_merged_into_a_bead_is_found():
    pt = [B[0], "A empresa não comentou os atrasos nem os custos."]
    en = [B[1]]
    p2e = [B[2], "The company did not comment the delays nor the costs."]
    issues = coverage.check(make_ctx(row(A) + [(pt, en, p2e, [B[3]])] + row(C)))
    assert kinds(issues) == [("omission", "major")]
    assert issues[0].pt.text == pt[1]            # the sentence, not the whole bead


def test_a_figure_is_one_word_whatever_its_spelling():
    # "1,6 milhões" (3 tokens) against "1.6m" (2 tokens) must not tip the length balance
    assert coverage.content("Cerca de 1,6 milhões de utentes", "pt") == ["cerca", "1600000", "utentes"]
    assert coverage.content("some 1.6m people", "en") == ["1600000", "people"]
    assert coverage.content("R$ 4,2 bilhões e 1.250 casos", "pt") == \
        coverage.content("R$4.2bn and 1,250 cases", "en")[:2] + ["casos"]
    pt = "Cerca de 1,6 milhões de utentes não têm médico de família atribuído em todo o país, quase um quinto da população."
    en = "Nationwide, some 1.6m people - almost a fifth of the population - have no GP."
    p2e = "About 1,6 million users do not have a family doctor assigned in the whole country, almost a fifth of the population."
    e2p = "A nível nacional, alguns 1.6m pessoas - quase um quinto da população - não têm GP."
    assert kinds(coverage.check(make_ctx(row(A) + [([pt], [en], [p2e], [e2p])]))) == []


def test_pair_shifted_by_the_aligner_is_one_hint_not_an_omission_and_an_addition():
    # the aligner left A's Portuguese alone and glued its English onto the next bead,
    # whose own Portuguese shares words with it (so its residual words say little)
    a_en = "The city hall opened a new bridge over the river on Saturday."
    nb = ("A nova ponte sobre o rio custou mais que o previsto.", "It cost more than expected.",
          "The new bridge over the river cost more than expected.", "Custou mais do que o esperado.")
    rows = [([A[0]], [], [A[2]], []),
            ([nb[0]], [a_en, nb[1]], [nb[2]], ["A prefeitura abriu uma nova ponte sobre o rio no sábado passado.", nb[3]])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == []
    assert [(i.type, i.severity) for i in issues] == [("omission", "info")]
    assert "neighbouring sentence translates it" in issues[0].message
    # a real omission next to faithful beads is still reported
    rows = row(A) + [([B[0]], [], [B[2]], [])] + row(C)
    assert kinds(coverage.check(make_ctx(rows))) == [("omission", "major")]


def test_unsupported_sentence_merged_into_a_compressed_bead_is_an_omission():
    # the English compresses the first sentence (a long institution name to an acronym),
    # so the rest of the bead stays long; the second sentence has no support at all
    pt1 = ("A taxa de desemprego caiu para 6,1% no trimestre encerrado em agosto, informou nesta "
           "sexta-feira o Instituto Brasileiro de Geografia e Estatística (IBGE).")
    pt2 = "É o menor patamar da série histórica, iniciada em 2012."
    en = "Brazil's unemployment rate fell to 6.1% in the three months to August, the statistics agency IBGE said on Friday."
    p2e = ["The unemployment rate fell to 6,1% in the quarter ended in August, informed this Friday "
           "the Brazilian Institute of Geography and Statistics (IBGE).",
           "It is the smallest level of the historical series, started in 2012."]
    e2p = ["A taxa de desemprego do Brasil caiu para 6,1% nos três meses até agosto, a agência de estatística IBGE disse na sexta-feira."]
    issues = coverage.check(make_ctx(row(A) + [([pt1, pt2], [en], p2e, e2p)]))
    assert kinds(issues) == [("omission", "major")] and issues[0].pt.text == pt2


def test_a_date_for_the_reader_is_no_appended_clause():
    """A last clause of figures and calendar words only ("..., Nov. 3") is a date the
    English adds for its readers: the number check weighs figures, the tail test does not;
    a clause with a word of its own still counts."""
    from backcheck.lang.support import support
    pt = "A reunião aconteceu na última terça-feira, em Brasília."
    for en, appended in (("The meeting took place in Brasília last Tuesday, Nov. 3.", 0.0),
                         ("The meeting took place in Brasília last Tuesday, police sources said.", 2.0)):
        sup = support(pt, en, "The meeting took place on last Tuesday, in Brasília.",
                      "A reunião teve lugar em Brasília na última terça-feira.")
        assert coverage.tail_score(en, sup.en, 0)[0] == appended, en


def test_a_short_whole_sentence_left_out_is_a_minor_omission():
    """A dropped sentence of one content word ("Eles estão só brincando.") is still a
    sentence left out; a short label or credit with no counterpart stays a hint."""
    short = ("Eles estão só brincando.", "", "They are only playing.", "")
    rows = row(A) + [([short[0]], [], [short[2]], [])] + row(C)
    issues = coverage.check(make_ctx(rows))
    assert kinds(issues) == [("omission", "minor")]
    assert issues[0].pt.text == short[0]
    rows = row(A) + [(["(Com agências)"], [], ["(With agencies)"], [])] + row(C)
    assert kinds(coverage.check(make_ctx(rows)), counted=False) == [("omission", "info")]
    # the same on the English side: an added short sentence
    rows = row(A) + [([], ["It was all fun."], [], ["Foi tudo divertido."])] + row(C)
    assert kinds(coverage.check(make_ctx(rows))) == [("addition", "minor")]


def test_cli_a_short_quoted_sentence_left_out(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    pt = ("Os vizinhos ligaram para a polícia quando viram dois ursos no quintal da casa.\n\n"
          "\"Eles estão só brincando.\n\n"
          "Não há perigo nenhum\", disse o guarda florestal que chegou ao local.\n")
    en = ("Neighbours called the police when they saw two bears in the backyard of the "
          "house.\n\n\"There is no danger at all,\" said the ranger who arrived at the "
          "scene.\n")
    (tmp_path / "p.txt").write_text(pt, encoding="utf-8")
    (tmp_path / "e.txt").write_text(en, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt",
                        str(tmp_path / "p.txt"), "--en", str(tmp_path / "e.txt"), "--engine",
                        "apertium", "--format", "json", "--fail-on", "minor"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    counted = [i for i in json.loads(r.stdout)["issues"] if i["severity"] != "info"]
    assert [(i["type"], i["severity"]) for i in counted] == [("omission", "minor")]
    assert counted[0]["pt"]["text"].startswith("\"Eles estão")


GLOSS_PT = "Decisão do TRT-2 reconhece vínculo de emprego; empresa diz que vai recorrer ao TST."
GLOSS_EN = ("The TRT-2 ruling recognises an employment relationship; the company says it will "
            "appeal to the TST, {}.")
GLOSS_TR = ("Decision of the TRT-2 recognises link of employment; company says that it goes to appeal "
            "to the TST.", "A decisão do TRT-2 reconhece uma relação de emprego; a companhia diz que "
            "recorrerá ao TST, {}.")


def test_a_gloss_after_the_portuguese_word_is_no_addition_a_clause_is(tmp_path):
    """"..., the TST, Brazil's top labour court": the translator glosses a word the
    Portuguese has as it is; an appended clause with a verb after it is still an addition
    ("the highest level since records began"). Through the API and the CLI."""
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()

    def issues(tail):
        bead = ([GLOSS_PT], [GLOSS_EN.format(tail)], [GLOSS_TR[0]], [GLOSS_TR[1].format(tail)])
        return kinds(coverage.check(make_ctx([bead])))
    assert issues("Brazil's top labour court") == []
    assert issues("the highest level since records began") == [("addition", "major")]
    art = {"id": "g1", "pt": {"body": [GLOSS_PT]},
           "en": {"body": [GLOSS_EN.format("Brazil's top labour court")]}}
    p = tmp_path / "g.json"
    p.write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--engine", "apertium",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_page_furniture_left_unaligned_is_no_omission(tmp_path):
    """A "Leia também: ..." line the English page does not carry is CMS junk (the
    artifact check reports it), not a sentence the translation dropped."""
    import json
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    art = {"id": "f1",
           "pt": {"body": ["A feira abriu no sábado com 300 editoras.",
                           "Leia também: Feira do Livro de Lisboa bate recorde de visitantes"]},
           "en": {"body": ["The fair opened on Saturday with 300 publishers."]}}
    p = tmp_path / "f.json"
    p.write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--engine", "apertium",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    got = sorted(i["type"] for i in json.loads(r.stdout)["issues"] if i["severity"] != "info")
    assert got == ["artifact"], r.stdout
