"""The number check: figures read on both sides, normalised, compared."""
import json
import subprocess
import sys

from backcheck import checks
from backcheck.align import Bead
from backcheck.checks import number
from backcheck.lang import figures
from backcheck.config import Config
from backcheck.segment import Segment, Segmented


def ctx_for(pairs, pt2en=None, en2pt=None):
    """A context with one 1-1 bead per (pt, en) pair, all in the body."""
    pt = [Segment("pt", "body", i, p) for i, (p, _) in enumerate(pairs)]
    en = [Segment("en", "body", i, e) for i, (_, e) in enumerate(pairs)]
    beads = [Bead((i,), (i,), 0.8) for i in range(len(pairs))]
    return checks.Context(None, Segmented(pt, en), pt2en, en2pt, beads, Config())


def issues(pairs, **kw):
    return number.check(ctx_for(pairs, **kw))


def test_equal_figures_in_both_locales_give_no_issue():
    pairs = [
        ("O público foi de 41.237 torcedores e a renda chegou a R$ 6,8 milhões.",
         "The crowd of 41,237 saw gate receipts reach R$6.8 million."),
        ("A taxa subiu 0,5 p.p., para 11,75% ao ano.", "The rate rose 0.5 percentage point to 11.75% a year."),
        ("A aposentada perdeu R$ 38,7 mil em 2022.", "The retiree lost R$38,700 in 2022."),
        ("A reunião será nos dias 6 e 7 de maio.", "The meeting will be on May 6 and 7."),
        ("Os cortes entram em vigor em 1º de dezembro.", "The cuts take effect on December 1."),
        ("A abertura é às 19h de quarta; o fim, às 14h30.", "The opening is at 7 p.m. on Wednesday; the end at 2:30 p.m."),
        ("Ele chega na sexta-feira (4) com duas malas.", "He arrives on Friday (4th) with two suitcases."),
        ("Do total, 19 são estrangeiros e há cerca de 1,5 milhão de leitores.",
         "Nineteen of them are foreign, and there are about 1.5 million readers."),
        ("Há 48 mil processos e a vacina protege contra a cepa H3N2.",
         "There are 48,000 cases, and the vaccine protects against the H3N2 strain."),
    ]
    assert issues(pairs) == []


def test_changed_percentage_is_major_and_names_both_values():
    [i] = issues([("A inflação chegou a 3,2% em março.", "Inflation reached 2.3% in March.")])
    assert i.type == "number" and i.severity == "major"
    assert "3,2%" in i.message and "2.3%" in i.message
    assert i.evidence["pt_items"] == ["3,2%"] and i.evidence["en_items"] == ["2.3%"]
    assert i.pt.paragraph == 0 and "3,2%" in i.pt.text and "2.3%" in i.en.text


def test_changed_amount_day_and_thousands():
    got = issues([
        ("Os ônibus custaram R$ 182 milhões.", "The buses cost R$128 million."),
        ("A meta vale até 31 de maio.", "The target runs until May 13."),
        ("O público foi de 41.237 pessoas.", "The crowd was 41,723."),
        ("Foram 1.200 amostras.", "There were 12,000 samples."),
    ])
    assert [i.en.paragraph for i in got] == [0, 1, 2, 3]
    assert all(i.severity == "major" for i in got)
    assert "182" in got[0].message and "128" in got[0].message
    assert "31" in got[1].message and "13" in got[1].message


def test_month_and_currency_changes_are_flagged():
    got = issues([("A reunião será em 6 de maio.", "The meeting will be on June 6."),
                  ("A empresa captou US$ 45 milhões.", "The company raised R$45 million.")])
    assert len(got) == 2
    assert "maio" in got[0].message and "June" in got[0].message
    assert "US$" in got[1].message and "R$" in got[1].message


def test_match_clock_minutes_are_not_a_difference():
    pairs = [("O gol saiu aos 47 minutos do segundo tempo.", "The winner came in the 92nd minute."),
             ("Aos 31 minutos, o goleiro defendeu um pênalti.", "In the 76th minute, the keeper saved a penalty."),
             ("O Flamengo marcou aos 18 minutos.", "Flamengo scored in the 18th minute.")]
    assert issues(pairs) == []


def test_years_and_small_words_may_come_and_go():
    pairs = [("Em 2024, a cobertura ficou abaixo da meta.", "Last year, coverage was below the target."),
             ("Os dois países assinaram o acordo.", "Both countries signed the deal."),
             ("A taxa de juros é de 10% ao ano.", "The interest rate is 10% a year.")]
    assert issues(pairs) == []


def test_number_in_a_neighbouring_bead_is_alignment_slop():
    pairs = [("A cidade tem 1.227 ônibus. Eles rodam 250 km.", "The city has 1,227 buses."),
             ("As baterias são recarregadas à noite.", "They have a range of 250 km and recharge at night.")]
    assert issues(pairs) == []


def test_one_sided_figure_is_minor():
    [i] = issues([("A empresa tem 210 funcionários e lucrou em junho.", "The company made a profit in June.")])
    assert i.severity == "minor" and "210" in i.message and "missing" in i.message


def test_translation_breaks_ties():
    # the parser does not know "a score of", the back-translation of the English does
    pairs = [("Foram 20 feridos.", "A score of people were hurt.")]
    assert len(issues(pairs)) == 1
    assert issues(pairs, pt2en=["There were 20 injured."], en2pt=["Foram 20 pessoas feridas."]) == []


def test_unit_conversion_is_shown_and_a_wrong_one_flagged():
    # an editor's conversion is legitimate: shown as info only
    [i] = issues([("A temperatura chegou a 30 °C.", "The temperature reached 86°F.")])
    assert i.type == "number" and i.severity == "info" and "30" in i.message and "86" in i.message
    [i] = issues([("A temperatura chegou a 30 °C.", "The temperature reached 96°F.")])
    assert i.severity == "major" and "30" in i.message and "96" in i.message


def test_extract_normalises_both_locales():
    def vals(text, lang):
        return sorted(v for it in figures.read(text, lang) if it.kind == "num" for v in it.values)
    assert vals("R$ 4,2 bilhões", "pt") == vals("R$4.2 billion", "en") == [4.2e9]
    assert vals("3,5%", "pt") == vals("3.5%", "en") == [3.5]
    assert vals("1.250", "pt") == vals("1,250", "en") == [1250]
    assert vals("vinte e cinco", "pt") == vals("twenty-five", "en") == [25]


def test_cli_reports_a_changed_figure(tmp_path):
    art = {"id": "t1", "pt": {"headline": "Selic sobe para 11,75%", "body": [["O dólar fechou a R$ 5,92 na terça-feira (18)."]]},
           "en": {"headline": "Selic rises to 11.25%", "body": [["The dollar closed at R$5.92 on Tuesday (18th)."]]}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--engine", "none",
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    rep = json.loads(out.stdout)
    nums = [i for i in rep["issues"] if i["type"] == "number"]
    assert len(nums) == 1 and nums[0]["pt"]["field"] == "headline"
    assert "11,75%" in nums[0]["message"] and "11.25%" in nums[0]["message"]


def test_european_portuguese_figures():
    pairs = [("O Benfica jogou perante 41 237 adeptos.", "Benfica played in front of 41,237 fans."),
             ("O Governo aprovou 2,5 mil milhões de euros para a habitação.", "The government approved €2.5 billion for housing."),
             ("A medida entra em vigor a 1 de Janeiro, às 17h00.", "The measure takes effect on January 1 at 5 p.m."),
             ("Os sindicatos do Rio de Janeiro protestam em março.", "Unions in Rio de Janeiro protest in March.")]
    assert issues(pairs) == []


def test_ordinal_words_absorb_figures_but_never_differ_alone():
    pairs = [("No 3º trimestre, segundo o IBGE, o PIB cresceu.", "In the third quarter, GDP grew, according to IBGE."),
             ("Foi a terceira alta seguida.", "It was the third straight rise.")]
    assert issues(pairs) == []
    [i] = issues([("No 3º trimestre o PIB cresceu.", "In the second quarter GDP grew.")])
    assert "3º" in i.message


def test_percentage_points_are_not_percent():
    assert issues([("A Selic subiu 0,5 p.p., para 11,75%.", "The Selic rose 0.5 percentage point to 11.75%.")]) == []
    [i] = issues([("A Selic subiu 0,5 p.p.", "The Selic rose 0.5%.")])
    assert "0,5" in i.message and "0.5%" in i.message and i.severity == "major"


def test_digits_glued_to_words_are_left_to_the_artifact_check():
    assert issues([("Segundo a entidade, 35% das ciclovias têm buracos.",
                    "52870316According to the group, 35% of the bike lanes have potholes.")]) == []


def test_two_to_one_bead_pools_both_sentences():
    pt = [Segment("pt", "body", 0, "O Pará lidera o ranking."), Segment("pt", "body", 0, "Foram 1.812 km² desmatados no estado.")]
    en = [Segment("en", "body", 0, "Pará tops the ranking, with 1,812 km² cleared.")]
    ctx = checks.Context(None, Segmented(pt, en), None, None, [Bead((0, 1), (0,), 0.8)], Config())
    assert number.check(ctx) == []
    en[0] = Segment("en", "body", 0, "Pará tops the ranking, with 1,218 km² cleared.")
    [i] = number.check(ctx)
    assert i.pt.text == "O Pará lidera o ranking. Foram 1.812 km² desmatados no estado."


def test_bracketed_weekday_dates_and_round_periods_may_be_dropped():
    pairs = [("O Copom decidiu nesta quarta-feira (19) manter a taxa.", "The Copom decided on Wednesday to hold the rate."),
             ("O IPCA acumulado em 12 meses chegou a 4,87%.", "Annual inflation reached 4.87%.")]
    assert issues(pairs) == []
    [i] = issues([("O Copom decidiu nesta quarta-feira (19) manter a taxa.", "The Copom decided on Wednesday (18th) to hold the rate.")])
    assert "19" in i.message and "18th" in i.message


def test_a_soft_figure_is_not_paired_with_a_different_kind():
    [i] = issues([("A empresa tem 210 funcionários.", "In 2024 the company had a large staff.")])
    assert i.severity == "minor" and "210" in i.message and "2024" not in i.message
    [j] = issues([("A obra termina em 2026.", "The works end in 2027.")])
    assert j.severity == "major" and "2026" in j.message and "2027" in j.message


def test_month_abbreviations_need_a_day_or_year_beside_them():
    assert issues([("O navio afundou no mar.", "The ship sank at sea.")]) == []
    assert issues([("A reunião será em 3 de jan.", "The meeting will be on Jan. 3.")]) == []


def test_counted_groups_halves_and_whole_percent_read_as_figures():
    # free but faithful renderings: none of these is a difference
    pairs = [("Cerca de meio milhão de jovens já receberam as duas doses.",
              "About 500,000 young people have now had both doses."),
             ("Haverá mutirões em duas dezenas de municípios.", "There will be clean-up drives in 20 towns."),
             ("Recebeu meia dúzia de propostas.", "It received six bids."),
             ("A cidade inaugurou a primeira linha de ônibus 100% elétricos.",
              "The city opened its first all-electric bus line.")]
    assert issues(pairs) == []
    assert {v for i in figures.read("meio milhão e três centenas", "pt") for v in i.values} == {500000.0, 300.0}
    assert [set(i.values) for i in figures.read("half a million people", "en")] == [{500000.0}]


def test_changed_half_million_and_whole_percent_still_flagged():
    [i] = issues([("Cerca de meio milhão de jovens foram vacinados.", "About 50,000 young people were vaccinated.")])
    assert i.severity == "major" and "50,000" in i.message
    [i] = issues([("Os ônibus são 100% elétricos.", "The buses are 90% electric.")])
    assert i.severity == "major"


def test_number_one_bead_beyond_an_unaligned_sentence_is_alignment_slop():
    from backcheck.align import Bead
    pt = [Segment("pt", "body", 0, "Juntos, os dois estados respondem por 57% do total."),
          Segment("pt", "body", 0, "O resultado mostra que a fiscalização funciona."),
          Segment("pt", "body", 0, "O órgão aplicou multas no período.")]
    en = [Segment("en", "body", 0, "Together, the two states account for 57% of the total. The result shows enforcement works.")]
    beads = [Bead((0,), (), None), Bead((1,), (), None), Bead((2,), (0,), 0.3)]
    ctx = checks.Context(None, Segmented(pt, en), None, None, beads, Config())
    assert number.check(ctx) == []


def test_dropped_weekday_date_and_added_written_number_are_unrelated():
    pairs = [("A taxa caiu no trimestre encerrado em agosto, informou nesta sexta-feira (27) o IBGE.",
              "The rate fell in the three months to August, the IBGE said on Friday.")]
    assert issues(pairs) == []
    # two written-out numbers that differ are still a difference
    [i] = issues([("Os dois países assinaram.", "The three countries signed.")])
    assert i.severity == "major"


def test_multiplying_verbs_compare_with_each_other_only():
    [i] = issues([("O preço das casas duplicou na última década.", "House prices have tripled over the past decade.")])
    assert i.severity == "major" and "duplicou" in i.message and "tripled" in i.message
    assert issues([("O preço das casas duplicou.", "House prices have doubled."),
                   ("As vendas dobraram.", "Sales rose 100%.")]) == []
    assert issues([("O carro dobrou a esquina.", "The car turned the corner.")]) == []


def test_race_times_track_metres_and_periods_in_words():
    pairs = [("A corredora terminou a prova em 30 minutos e 48 segundos.", "The runner clocked 30:48."),
             ("A atleta conquistou o bronze nos 10.000 metros.", "She took bronze in the 10,000m."),
             ("Primeiro remédio nacional em 50 anos.", "First home-grown drug in half a century."),
             ("Os proprietários terão desconto de 50% no imposto.", "Owners will get half off the tax."),
             ("O plano custa 3,2 milhões de euros.", "The plan costs €3.2m.")]
    assert issues(pairs) == []
    [i] = issues([("Terminou em 30 minutos e 48 segundos.", "She clocked 31:48.")])
    assert i.severity == "major"
    [i] = issues([("O plano custa 3,2 milhões de euros.", "The plan costs €3.2bn.")])
    assert i.severity == "major"


def test_free_renderings_of_clock_decades_ranges_and_units_agree():
    pairs = [
        ("O Flamengo joga no sábado, às 18h30.", "Flamengo play on Saturday, with a 6.30 p.m. kick-off."),
        ("Lembra as enchentes dos anos 80 e 90.", "It recalls the floods of the '80s and '90s."),
        ("Temperaturas entre 17 °C e 24 °C.", "Temperatures of 17-24C."),
        ("O comboio pode circular a 80 km/h.", "The train can reach 50mph."),
        ("Uma fábrica num terreno de 25 hectares.", "A factory on a 62-acre site."),
    ]
    got = issues(pairs)
    assert [i.severity for i in got] == ["info", "info"]      # the two conversions, shown
    # the same forms with a changed figure are still flagged
    bad = [("O Flamengo joga no sábado, às 18h30.", "Flamengo play on Saturday, with an 8.30 p.m. kick-off."),
           ("O comboio pode circular a 80 km/h.", "The train can reach 70mph."),
           ("Temperaturas entre 17 °C e 24 °C.", "Temperatures of 17-34C.")]
    assert [i.severity for i in issues(bad)] == ["major", "major", "major"]


def test_proportions_and_match_clock_from_the_half():
    pairs = [
        ("Um em cada cinco abrigos já está lotado.", "Some 20% of the shelters are already full."),
        ("Pedro Lucas virou aos 47, de cabeça.", "Pedro Lucas won it two minutes into stoppage time."),
        ("O custo total é de 400 milhões de euros.", "The total cost is €400m."),
        ("O plano paga 300 milhões de euros.", "The plan pays three-quarters of the cost."),
    ]
    assert issues(pairs) == []
    bad = [("Um em cada cinco abrigos já está lotado.", "Some 30% of the shelters are already full."),
           ("O custo total é de 400 milhões de euros.", "The total cost is €400m."),
           ("O plano paga 200 milhões de euros.", "The plan pays three-quarters of the cost.")]
    assert [i.severity for i in issues(bad)] == ["major", "major"]


def test_a_changed_figure_in_the_same_unit_is_not_a_conversion():
    [i] = issues([("O Amazonas perdeu 874 km² de floresta.", "Amazonas lost 847 km² of forest.")])
    assert i.severity == "major" and "874" in i.message


def test_age_groups_half_hours_decades_and_fortnights_in_words():
    pairs = [
        ("Acompanharam 12 mil pessoas com mais de 60 anos.", "They followed 12,000 over-60s."),
        ("Uma caminhada de meia hora já faz diferença.", "A 30-minute walk already makes a difference."),
        ("Ao longo de seis décadas, compôs 400 canções.", "Over 60 years he wrote 400 songs."),
        ("Esteve internado uma quinzena.", "He spent a fortnight in hospital."),
    ]
    assert issues(pairs) == []
    bad = [("Acompanharam 12 mil pessoas com mais de 60 anos.", "They followed 12,000 over-70s."),
           ("Ao longo de seis décadas, compôs 400 canções.", "Over 50 years he wrote 400 songs.")]
    assert [i.severity for i in issues(bad)] == ["major", "major"]
    # codes keep their digits: Covid-19 is not 19
    assert [i.kind for i in figures.read("a Covid-19 e o sub-20", "pt")] == ["code", "num"]


def test_a_year_and_a_half_is_eighteen_months():
    assert issues([("A obra durou um ano e meio.", "The work took 18 months.")]) == []
    assert issues([("A reunião durou duas horas e meia.", "The meeting lasted 150 minutes.")]) == []
    [i] = issues([("A obra durou um ano e meio.", "The work took 16 months.")])
    assert i.severity == "major"


def test_durations_race_times_and_converted_words():
    pairs = [("A greve durou 48 horas.", "The strike lasted two days."),
             ("A maratona foi vencida em 2h05min.", "The marathon was won in 2:05."),
             ("A ponte tem 13 quilómetros de extensão.", "The bridge is eight miles long.")]
    assert [i.severity for i in issues(pairs)] == ["info"]    # the conversion, shown
    # a duration only meets a duration: 48 hours is not 2 hours
    [i] = issues([("A greve durou 48 horas.", "The strike lasted 2 hours.")])
    assert i.severity == "major"


# ---- conventions of real translations, scores and calibration ---------------------------

def test_conversions_clock_conventions_and_ordinals_of_real_translations_agree():
    pairs = [
        ("Fica a cerca de 1,5 km de distância.", "It is about a mile away."),
        ("A maré vermelha se estende a cerca de 200 km da costa.", "The bloom extends approximately 130 miles of coastline."),
        ("O ala de 1,98m foi criado em Baton Rouge.", "The 6-foot-6 forward grew up in Baton Rouge."),
        ("O chapéu tem uma aba de cerca de 60 cm.", "The hat has a two-foot wide brim."),
        ("O avião afundou cerca de 30 metros.", "The plane sank in about 30 meters (100 feet) of water."),
        ("Chuvas de 5 a 10 cm são esperadas.", "Rainfall of 2 to 4 inches is expected."),
        ("O crime ocorreu por volta das 2h:30.", "The shooting took place at about 02:30."),
        ("A hora certa para beber é às 17:30h do sábado.", "The perfect time for a pint is 5.30pm on a Saturday."),
        ("Às duas da tarde, duas carrinhas estavam lá.", "At 2pm two vans were there."),
        ("Um ano depois do referendo de 1o de outubro.", "A year after the October 1 referendum."),
        ("A guerra contra a Coreia, entre 1950 e 1953.", "The 1950-53 Korea War."),
        ("O Chelsea marcou no 25o minuto.", "Chelsea scored in the 25th minute."),
        ("Estavam 26º na costa norte.", "It was a sunny 80 degrees on the north shore."),
    ]
    got = issues(pairs)
    assert all(i.severity == "info" for i in got), [(i.severity, i.message) for i in got]


def test_real_errors_of_published_translations_stay_flagged():
    bad = [("A Sainsbury's vendeu sua rede de 218 lojas.", "Sainsbury's sold its 281-store business."),
           ("Yuan entrou no mercado às 4h04.", "Yuan entered the market at 4.40 am."),
           ("O porco, com 227 quilos, atacou.", "The 550 pound hog attacked."),
           ("Estava a quase 3 metros do gol.", "He was about 30 yards out from goal."),
           ("O quarto ficava no 50º andar.", "The room was on the fifth floor.")]
    assert [i.severity for i in issues(bad)] == ["major"] * 5


def test_month_names_abbreviations_and_names_are_not_wrong_numbers():
    # a month on one side only is a free choice (issue 10: --engine none counted it)
    assert [i for i in issues([
        ("Em outubro, Saipov teria usado um caminhão.", "Saipov allegedly used a truck on Oct."),
        ("Track Palin se alistou em setembro.", "Track Palin enlisted on Sept."),
        ("A Sra. May referiu que o mercado está partido.", "Mrs May said the market is broken."),
        ("A China quer liderar a inovação em IA.", "China is aiming to be No.1 in AI."),
        ("O projeto Nord Stream é económico.", "The Nord Stream 2 project is economic."),
    ]) if i.severity != "info"] == []
    # a changed month next to a day is still a changed date
    [i] = issues([("A reunião será em 6 de maio.", "The meeting will be on June 6.")])
    assert i.severity == "major" and "maio" in i.message and "June" in i.message


def test_a_figure_shown_in_a_message_has_no_sentence_full_stop():
    [i] = issues([("A alta virá em junho.", "The rise will come in March.")])
    assert "junho." not in i.message and "junho" in i.message
    assert i.evidence["pt_items"] == ["junho"]


def test_a_changed_body_figure_is_major_even_when_the_headline_has_it():
    # issue 9: 20 in the headline excused 20 -> 15 in the body (alignment slop across fields)
    pt = [Segment("pt", "headline", None, "Enchente deixa 20 mortos"),
          Segment("pt", "body", 0, "A enchente deixou 20 mortos na região.")]
    en = [Segment("en", "headline", None, "Flood leaves 20 dead"),
          Segment("en", "body", 0, "The flood left 15 dead in the region.")]
    ctx = checks.Context(None, Segmented(pt, en), None, None,
                         [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)], Config())
    [i] = number.check(ctx)
    assert i.severity == "major" and "20" in i.message and "15" in i.message
    assert i.pt.field == "body"


def test_one_sided_figures_score_lower_than_changed_ones_and_headlines_stay_uncounted():
    ctx = ctx_for([("A empresa tem 210 funcionários.", "The company has a large staff."),
                   ("A inflação foi de 3,2%.", "Inflation was 2.3%.")])
    ctx.observations = {}
    got = number.check(ctx)
    assert [i.severity for i in got] == ["minor", "major"]
    assert got[0].evidence["score"] < got[1].evidence["score"]
    obs = ctx.observations["number"]
    assert len(obs["changed"]) == len(obs["one-sided"]) == 2       # once per bead
    assert max(obs["changed"]) == got[1].evidence["score"]
    # in the headline a figure on one side only is never counted (the policy would make it
    # critical); a changed one is
    pt = [Segment("pt", "headline", None, "Bernard Vann é homenageado")]
    en = [Segment("en", "headline", None, "Bernard Vann: WW1 cleric celebrated")]
    hctx = checks.Context(None, Segmented(pt, en), None, None, [Bead((0,), (0,), 0.9)], Config())
    assert [i for i in number.check(hctx) if i.severity != "info"] == []


def test_thresholds_come_from_the_calibration():
    from backcheck.checks.calibration import Calibration
    pairs = [("A inflação foi de 3,2%.", "Inflation was 2.3%."),
             ("A empresa tem 210 funcionários.", "The company has a large staff.")]
    assert number.Params().changed == 0.6 and number.Params().one_sided == 0.5
    ctx = ctx_for(pairs)
    ctx.calibration = Calibration(values={"number": {"changed": 0.95, "one_sided": 0.6}})
    assert [i.severity for i in number.check(ctx)] == ["minor", "info"]


def test_evidence_spans_point_at_the_figures():
    [i] = issues([("O público foi de 41.237 pessoas.", "The crowd was 41,723.")])
    (a, b), = i.evidence["pt_spans"]
    assert i.pt.text[a:b] == "41.237"
    (a, b), = i.evidence["en_spans"]
    assert i.en.text[a:b] == "41,723"


def _cli(tmp_path, art, *args):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(art), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--format", "json",
                          *args], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return [i for i in json.loads(out.stdout)["issues"] if i["type"] == "number"]


def test_cli_engine_none_does_not_count_month_names(tmp_path):
    # issue 10 item 7: dev-001's shape, months on both sides, no translation engine
    art = {"id": "m1",
           "pt": {"headline": "Banco Central eleva a Selic para 11,75% e sinaliza nova alta em maio",
                  "body": [["Analistas já projetam taxa de 12,5% até junho."],
                           ["O comunicado abriu espaço para mais 0,5 p.p. em maio e uma última alta em junho."]]},
           "en": {"headline": "Central Bank raises Selic rate to 11.75% and signals another hike in May",
                  "body": [["Analysts already project a 12.5% rate by June."],
                           ["The statement opened the door to another 0.5 percentage point in May and a final increase in June."]]}}
    assert _cli(tmp_path, art, "--engine", "none") == []


def test_cli_headline_figure_and_body_change(tmp_path):
    art = {"id": "h1",
           "pt": {"headline": "Enchente deixa 20 mortos no Sul",
                  "body": [["A enchente deixou 20 mortos na região, segundo a Defesa Civil."],
                           ["As chuvas continuam."]]},
           "en": {"headline": "Flood leaves 20 dead in the South",
                  "body": [["The flood left 15 dead in the region, according to civil defence."],
                           ["The rain continues."]]}}
    [i] = _cli(tmp_path, art, "--engine", "none")
    assert i["severity"] == "major" and i["pt"]["field"] == "body"
    assert "20" in i["message"] and "15" in i["message"]


def test_a_figure_repeated_by_a_doubled_fragment_is_not_a_new_figure():
    got = issues([("O governo prevê exportações de 106 milhões de toneladas em 2025.",
                   "The government forecasts exports of 106 million tonnes of 106 million tonnes in 2025.")])
    assert [i for i in got if i.severity != "info"] == []


def test_an_amount_restated_in_another_currency_in_brackets():
    """Newsrooms gloss an amount in the reader's currency: "5 billion reais ($1.2
    billion)". The bracketed amount restates the one before it (no exchange rate to
    check it against), on either side; two restatements that differ are still a change."""
    [a, b] = figures.read("a 5 billion reais ($1.2 billion) cut", "en")
    assert not a.absorb_only and b.absorb_only and b.currency == "USD"
    pt = "O governo anunciou um corte de R$ 5 bilhões (US$ 1,2 bilhão) no orçamento."
    assert issues([("O governo anunciou um corte de R$ 5 bilhões no orçamento.",
                    "The government announced a 5 billion reais ($1.2 billion) cut to the budget.")]) == []
    assert issues([(pt, "The government announced a 5 billion reais cut to the budget.")]) == []
    [i] = issues([(pt, "The government announced a 5 billion reais ($1.5 billion) cut.")])
    assert i.severity == "major" and "1,2" in i.message and "1.5" in i.message
    [i] = issues([(pt, "The government announced a 6 billion reais ($1.2 billion) cut.")])
    assert i.severity == "major" and "6 billion" in i.message


def test_the_day_of_a_weekday_date_the_english_adds():
    """"last Tuesday, Nov. 3": the English adds the date of a weekday for its readers, as
    a bracketed "quarta-feira (19)" in Portuguese is dropped."""
    for text, lang in (("in Brasília last Tuesday, Nov. 3.", "en"), ("on Tuesday, 3 November, they met", "en"),
                       ("na terça-feira, 3 de novembro, reuniram-se", "pt")):
        [day] = [f for f in figures.read(text, lang) if f.kind == "num"]
        assert day.day and day.soft, text
    [f] = [f for f in figures.read("On Tuesday, 3 people died.", "en") if f.kind == "num"]
    assert not f.day
    assert issues([("A reunião aconteceu na última terça-feira, em Brasília.",
                    "The meeting took place in Brasília last Tuesday, Nov. 3.")]) == []


def test_nautical_miles_and_knots_are_units():
    [i] = issues([("O navio afundou a cerca de 20 milhas náuticas da costa.",
                   "The ship sank about 37 km off the coast.")])
    assert i.severity == "info" and "converted" in i.message
    [i] = issues([("O navio afundou a cerca de 20 milhas náuticas da costa.",
                   "The ship sank about 50 km off the coast.")])
    assert i.severity == "major"
    [f] = figures.read("ventos de 40 nós", "pt")
    assert f.quantity is not None and f.quantity.dimension == "speed"


def test_newsroom_glosses_through_the_cli(tmp_path):
    """An amount glossed in dollars and a weekday's date added for the reader, as a user
    checks them: no counted issue (neither a figure nor an appended clause)."""
    from conftest import need_apertium
    need_apertium()
    (tmp_path / "pt.txt").write_text("O governo anunciou um corte de R$ 5 bilhões no orçamento da "
                                     "educação.\n\nA reunião aconteceu na última terça-feira, em "
                                     "Brasília.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The government announced a 5 billion reais ($1.2 billion) cut "
                                     "to the education budget.\n\nThe meeting took place in Brasília "
                                     "last Tuesday, Nov. 3.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "pt.txt"),
                        "--en", str(tmp_path / "en.txt"), "--engine", "apertium", "--format", "json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert [i for i in json.loads(r.stdout)["issues"] if i["severity"] != "info"] == []


def test_cli_twice_in_the_first_half(tmp_path):
    """"Duas vezes na primeira parte" = "twice in the first half": "half" was read as 50%
    and, against "duas", reported as a changed figure (major)."""
    art = {"id": "h1",
           "pt": {"body": ["Os visitantes marcaram duas vezes na primeira parte e o Benfica "
                           "reduziu aos 78 minutos, de penálti."]},
           "en": {"body": ["The visitors scored twice in the first half and Benfica pulled "
                           "one back from the penalty spot in the 78th minute."]}}
    for engine in ("none", "apertium"):
        if engine == "apertium":
            from conftest import need_apertium
            need_apertium()
        assert [i for i in _cli(tmp_path, art, "--engine", engine)
                if i["severity"] != "info"] == []
    art["en"]["body"] = ["The visitors scored three times in the first half and Benfica "
                         "pulled one back from the penalty spot in the 78th minute."]
    [i] = [i for i in _cli(tmp_path, art, "--engine", "none") if i["severity"] != "info"]
    assert "duas" in i["message"] and "three" in i["message"]


def test_the_same_count_of_another_unit_of_time_is_a_changed_figure(tmp_path):
    """"Seis meses" is not "six weeks" though both say six: two periods must be the same
    length ("48 horas" = "two days", "um ano e meio" = "18 months")."""
    [i] = issues([("A decisão saiu apenas seis meses após a audiência.",
                   "The ruling came only six weeks after the hearing.")])
    assert i.severity == "major" and "6 months ≠ 6 weeks" in i.message
    assert [x for x in issues([("O prazo é de 48 horas.", "The deadline is two days."),
                               ("O contrato dura um ano e meio.", "The contract runs for 18 months."),
                               ("O acordo vale por seis meses.", "The deal is valid for six months.")])
            if x.severity != "info"] == []
    art = {"id": "d1", "pt": {"body": ["A decisão saiu apenas seis meses após a audiência."]},
           "en": {"body": ["The ruling came only six weeks after the hearing."]}}
    [i] = _cli(tmp_path, art, "--engine", "none")
    assert i["severity"] == "major" and "6 months ≠ 6 weeks" in i["message"]


def test_cli_o_dobro_is_twice(tmp_path):
    """"O dobro" is two as "twice" is (read since "twice" is: alone, it was paired with a
    temperature range's leftover as a changed figure)."""
    art = {"id": "t2",
           "pt": {"body": ["Choveu 258 milímetros em 24 horas, o dobro da média histórica "
                           "para fevereiro. A previsão é de temperaturas entre 17 °C e 24 °C."]},
           "en": {"body": ["There were 258mm of rain in 24 hours, twice the historical average "
                           "for February. Temperatures of 17-24C are forecast."]}}
    assert [i for i in _cli(tmp_path, art, "--engine", "none") if i["severity"] != "info"] == []
    art["en"]["body"] = ["There were 258mm of rain in 24 hours, three times the historical "
                         "average for February. Temperatures of 17-24C are forecast."]
    [i] = [i for i in _cli(tmp_path, art, "--engine", "none") if i["severity"] != "info"]
    assert "dobro" in i["message"] and "three" in i["message"]


def test_cli_an_am_is_no_clock(tmp_path):
    """"An AM said ..." (an Assembly Member) was read as 1 a.m., a figure missing from the
    Portuguese (major)."""
    art = {"id": "am1", "pt": {"body": ["Um deputado disse que o grupo estava satisfeito."]},
           "en": {"body": ["An AM said the group was satisfied."]}}
    assert _cli(tmp_path, art, "--engine", "none") == []


def test_basis_points_fractions_stoppage_time_and_midnight_agree(tmp_path):
    """Newsroom renderings the check read as changed or missing figures: "0,50 ponto
    percentual" = "50 basis points" (a hundredth of a point each); "1/12 do valor" =
    "one-twelfth of" (a share, not the figures 1 and 12); "aos 90+3" = "in the third
    minute of stoppage time" (the 93rd); "às 24h00" = "at midnight". A changed figure of
    each kind is still one."""
    faithful = [
        ("O Copom elevou a Selic em 0,50 ponto percentual, para 11,25%.",
         "The Copom raised the Selic by 50 basis points to 11.25%."),
        ("O mercado esperava um aumento menor, de 0,25 ponto.",
         "The market had expected a smaller, 25-basis-point rise."),
        ("A prefeitura só poderá gastar o equivalente a 1/12 do valor previsto.",
         "City Hall may spend only one-twelfth of the planned amount."),
        ("Aos 90+3, Nuno Serrão desviou de cabeça.",
         "In the third minute of stoppage time, Nuno Serrão headed home."),
        ("A greve decorre até às 24h00 de quinta-feira.", "The strike runs until midnight on Thursday."),
    ]
    assert [i for i in issues(faithful) if i.severity != "info"] == []
    changed = [
        ("O Copom elevou a Selic em 0,50 ponto percentual.", "The Copom raised the Selic by 75 basis points."),
        ("Aos 90+3, Nuno Serrão desviou de cabeça.", "In the 95th minute, Nuno Serrão headed home."),
        ("A greve decorre até às 24h00 de quinta-feira.", "The strike runs until noon on Thursday."),
    ]
    got = [i for i in issues(changed) if i.severity != "info"]
    assert [i.pt.text for i in got] == [p for p, _ in changed]
    assert "75 basis points" in got[0].message
    assert figures.read("Em 1/12, o prazo acabou.", "pt")[0].share is None   # a date
    art = {"id": "bp1", "pt": {"body": [p for p, _ in faithful]},
           "en": {"body": [e for _, e in faithful]}}
    assert [i for i in _cli(tmp_path, art, "--engine", "none")
            if i["severity"] != "info"] == []


def test_weekdays_half_points_and_hyphenated_halves(tmp_path):
    """A weekday is a date a translation may drop but not change ("quarta-feira" rendered
    "Thursday" is a changed figure; "yesterday" for it is none); "half-point cut" = "0,5
    ponto percentual"; "a three-and-a-half-year sentence" = "três anos e meio"."""
    faithful = [
        ("O Copom reúne-se na quarta-feira e deve cortar 0,5 ponto percentual.",
         "The Copom meets on Wednesday and is expected to make a half-point cut."),
        ("O banco subiu os juros em meio ponto percentual no sábado.",
         "The bank raised rates by half a percentage point yesterday."),
        ("Foi condenado a três anos e meio de prisão, disse o Plácido Domingo.",
         "He was given a three-and-a-half-year sentence, Plácido Domingo said."),
        ("A segunda volta é no domingo.", "The run-off is on Sunday."),
        ("Esperaram 14 horas na noite de segunda para terça-feira.",
         "They waited 14 hours overnight on Monday."),
    ]
    assert [i for i in issues(faithful) if i.severity != "info"] == []
    changed = [
        ("O Copom reúne-se na quarta-feira.", "The Copom meets on Thursday."),
        ("A feira abre na segunda-feira e fecha no domingo.",
         "The fair opens on Tuesday and closes on Sunday."),
        ("O banco cortou os juros em 0,25 ponto percentual.", "The bank made a half-point cut."),
    ]
    got = [i for i in issues(changed) if i.severity != "info"]
    assert [i.pt.text for i in got] == [p for p, _ in changed]
    assert [i.severity for i in got] == ["major"] * 3
    assert "quarta-feira" in got[0].message and "Thursday" in got[0].message
    assert [f.kind for f in figures.read("na segunda volta, a sexta posição", "pt")] == ["num", "num"]
    art = {"id": "wd1",
           "pt": {"caption": changed[0][0], "body": [p for p, _ in faithful]},
           "en": {"caption": changed[0][1], "body": [e for _, e in faithful]}}
    got = [i for i in _cli(tmp_path, art, "--engine", "none") if i["severity"] != "info"]
    assert [(i["en"]["field"], i["severity"]) for i in got] == [("caption", "major")]


def test_the_nth_minute_of_stoppage_time_is_a_match_minute(tmp_path):
    """"aos 47 minutos do segundo tempo" is the 92nd minute, which English says as "the
    second minute of stoppage time"; the fourth minute of it is another minute."""
    pt = "O gol da vitória saiu aos 47 minutos do segundo tempo, de pênalti."
    assert issues([(pt, "The winner came from the penalty spot in the second minute of "
                        "stoppage time.")]) == []
    [i] = issues([(pt, "The winner came from the penalty spot in the fourth minute of "
                       "stoppage time.")])
    assert i.severity == "major"
    art = {"id": "st1", "pt": {"body": [pt]},
           "en": {"body": ["The winner came from the penalty spot in the second minute of "
                           "stoppage time."]}}
    assert _cli(tmp_path, art, "--engine", "none") == []
