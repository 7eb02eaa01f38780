"""The sentence aligner: align(), align_article() and `backcheck align`."""
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck import align as al
from backcheck.errors import InputError
from backcheck.segment import Segment, Segmented

from conftest import ROOT, need_shared

# Portuguese sentences, their English translations, and "back-translations" of the
# English into Portuguese, all hand-written for these tests.
PT = [
    "A prefeitura de Curitiba anunciou nesta segunda-feira um novo plano de transporte.",
    "O projeto prevê 42 novas linhas de ônibus elétricos até 2027.",
    "Segundo o secretário Paulo Ramos, o investimento chega a R$ 1,2 bilhão.",
    "A oposição criticou a falta de audiências públicas.",
    "Os vereadores devem votar a proposta em junho.",
]
PT2EN = [
    "The city hall of Curitiba announced this Monday a new transport plan.",
    "The project foresees 42 new lines of electric buses until 2027.",
    "According to the secretary Paulo Ramos, the investment reaches R$ 1.2 billion.",
    "The opposition criticized the lack of public hearings.",
    "The councillors must vote on the proposal in June.",
]
EN = [
    "Curitiba's city hall announced a new transport plan on Monday.",
    "The project includes 42 new electric bus lines by 2027.",
    "According to secretary Paulo Ramos, the investment reaches R$1.2 billion.",
    "The opposition criticised the lack of public hearings.",
    "Councillors are expected to vote on the proposal in June.",
]
EN2PT = [
    "A prefeitura de Curitiba anunciou um novo plano de transporte na segunda-feira.",
    "O projeto inclui 42 novas linhas de ônibus elétricos até 2027.",
    "Segundo o secretário Paulo Ramos, o investimento chega a R$1,2 bilhão.",
    "A oposição criticou a falta de audiências públicas.",
    "Os vereadores devem votar a proposta em junho.",
]


def pairs(beads):
    return [(b.src, b.tgt) for b in beads]


def check_cover(beads, n, m):
    """Every index exactly once, in order, bead shapes from the allowed set."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n)) and tgt == list(range(m))
    for b in beads:
        assert b.src or b.tgt
        assert list(b.src) == sorted(b.src) and list(b.tgt) == sorted(b.tgt)
        if b.src and b.tgt:
            assert b.score is not None and 0.0 <= b.score <= 1.0
        else:
            assert b.score is None


def test_one_to_one_both_directions():
    beads = al.align(PT, EN, PT2EN, EN2PT)
    assert pairs(beads) == [((k,), (k,)) for k in range(5)]
    assert all(b.score > 0.6 for b in beads)
    check_cover(beads, 5, 5)


def test_one_direction_is_enough():
    assert pairs(al.align(PT, EN, PT2EN, None)) == [((k,), (k,)) for k in range(5)]
    assert pairs(al.align(PT, EN, None, EN2PT)) == [((k,), (k,)) for k in range(5)]


def test_split_into_two_is_a_1_2_bead():
    en = EN[:2] + ["According to secretary Paulo Ramos, the investment reaches R$1.2 billion.",
                   "That is more than the city spent on transport in the last decade."]
    pt = PT[:2] + ["Segundo o secretário Paulo Ramos, o investimento chega a R$ 1,2 bilhão, "
                   "mais do que a cidade gastou com transporte na última década."]
    pt2en = PT2EN[:2] + ["According to the secretary Paulo Ramos, the investment reaches R$ 1.2 "
                         "billion, more than the city spent with transport in the last decade."]
    beads = al.align(pt, en, pt2en)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3))]


def test_two_merged_into_one_is_a_2_1_bead():
    pt = PT[:3] + PT[3:5]
    en = EN[:3] + ["The opposition criticised the lack of public hearings, and councillors "
                   "are expected to vote on the proposal in June."]
    en2pt = EN2PT[:3] + ["A oposição criticou a falta de audiências públicas, e os vereadores "
                         "devem votar a proposta em junho."]
    beads = al.align(pt, en, PT2EN, en2pt)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3, 4), (3,))]


def test_omitted_sentence_is_1_0():
    en, en2pt = EN[:2] + EN[3:], EN2PT[:2] + EN2PT[3:]
    beads = al.align(PT, en, PT2EN, en2pt)
    assert ((2,), ()) in pairs(beads)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


def test_added_sentence_is_0_1():
    extra = "The mayor is expected to run for governor next year."
    en = EN[:3] + [extra] + EN[3:]
    en2pt = EN2PT[:3] + ["Espera-se que o prefeito concorra a governador no ano que vem."] + EN2PT[3:]
    beads = al.align(PT, en, PT2EN, en2pt)
    assert ((), (3,)) in pairs(beads)
    assert ((3,), (4,)) in pairs(beads) and ((4,), (5,)) in pairs(beads)


def test_swapped_sentences_do_not_crash():
    # Crossing pairs cannot be represented: documented as 1-0 + 0-1 (or a merged bead).
    en = [EN[0], EN[2], EN[1], EN[3], EN[4]]
    en2pt = [EN2PT[0], EN2PT[2], EN2PT[1], EN2PT[3], EN2PT[4]]
    beads = al.align(PT, en, PT2EN, en2pt)
    check_cover(beads, 5, 5)
    assert ((3,), (3,)) in pairs(beads) and ((4,), (4,)) in pairs(beads)
    bead_of_pt2 = next(b for b in beads if 2 in b.src)
    assert 1 in bead_of_pt2.tgt     # the better-matching side of the swap is kept


@pytest.mark.parametrize("n,m", [(0, 0), (0, 3), (2, 0)])
def test_empty_sides(n, m):
    beads = al.align(["x"] * n, ["y"] * m, ["x"] * n, ["y"] * m)
    check_cover(beads, n, m)
    assert all(not b.src or not b.tgt for b in beads)


def test_mismatched_translation_length_is_an_error():
    with pytest.raises(ValueError):
        al.align(PT, EN, PT2EN[:3])


def test_no_translation_uses_numbers_names_and_length():
    pt = ["O Banco Central elevou a Selic para 11,75% nesta quarta-feira.",
          "Foi a terceira alta seguida.",
          "O dólar fechou a R$ 5,92 em São Paulo.",
          "Analistas esperam nova alta em maio."]
    en = ["The Central Bank raised the Selic rate to 11.75% on Wednesday.",
          "The dollar closed at R$5.92 in São Paulo.",
          "Analysts expect another rise in May."]
    beads = al.align(pt, en)
    check_cover(beads, 4, 3)
    assert ((0,), (0,)) in pairs(beads)
    # the R$ 5,92 / São Paulo sentence finds its translation (the short unmatched one
    # may stay beside it in a merged bead: a documented limit of the fallback)
    assert 1 in next(b for b in beads if 2 in b.src).tgt
    assert ((3,), (2,)) in pairs(beads)


def test_paragraph_breaks_are_soft_anchors():
    # The short middle sentence has no counterpart; it joins the bead of its own paragraph.
    a = "O governo anunciou o corte de 30 mil vagas no serviço público."
    b = "A medida entra em vigor em março, segundo o ministro."
    pt, pt2en = [a, "É muito.", b], [
        "The government announced the cut of 30 thousand jobs in the public service.",
        "It is a lot.", "The measure takes effect in March, according to the minister."]
    en = ["The government announced 30,000 public sector job cuts.",
          "The measure takes effect in March, the minister said."]
    first = al.align(pt, en, pt2en, src_par=[0, 0, 1], tgt_par=[0, 1])
    second = al.align(pt, en, pt2en, src_par=[0, 1, 1], tgt_par=[0, 1])
    assert pairs(first) == [((0, 1), (0,)), ((2,), (1,))]
    assert pairs(second) == [((0,), (0,)), ((1, 2), (1,))]


def test_unmatched_long_sentence_between_paragraph_anchors_is_1_0():
    a = "O governo anunciou o corte de 30 mil vagas no serviço público."
    b = "A medida entra em vigor em março, segundo o ministro."
    mid = "Os sindicatos protestaram contra a decisão em frente ao palácio."
    pt2en = ["The government announced the cut of 30 thousand jobs in the public service.",
             "The unions protested against the decision in front of the palace.",
             "The measure takes effect in March, according to the minister."]
    en = ["The government announced 30,000 public sector job cuts.",
          "The measure takes effect in March, the minister said."]
    beads = al.align([a, mid, b], en, pt2en, src_par=[0, 1, 2], tgt_par=[0, 1])
    assert pairs(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


words = st.one_of(st.just(""), st.text(alphabet="abc xyz1", min_size=0, max_size=12))


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=25), st.lists(words, max_size=25), st.booleans(), st.booleans())
def test_property_every_sentence_once_in_order(src, tgt, fwd, bwd):
    s2t = [s[::-1] for s in src] if fwd else None
    t2s = [t.upper() for t in tgt] if bwd else None
    check_cover(al.align(src, tgt, s2t, t2s), len(src), len(tgt))


def _path_cost(sc, beads, src_par, tgt_par):
    """Cost of a bead path as the DP counts it, every bead scored in full."""
    total = 0.0
    for b in beads:
        if not b.src or not b.tgt:
            total += al.SKIP * (len(b.src) + len(b.tgt))
            continue
        i0, i1, j0, j1 = b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1
        crosses = src_par[i0] != src_par[i1 - 1] or tgt_par[j0] != tgt_par[j1 - 1]
        total += al._bead_cost(sc, i0, i1, j0, j1, float("inf"))[0]
        total += al.PARAGRAPH_COST if crosses else 0.0
    return total


def _best_cost(sc, n, m, src_par, tgt_par):
    """Plain full-table DP with no pruning: the reference optimum."""
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in ((1, 0), (0, 1)) + al.MATCHES:
                if i >= a and j >= b and cost[i - a][j - b] < inf:
                    bead = [al.Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), None)]
                    c = cost[i - a][j - b] + _path_cost(sc, bead, src_par, tgt_par)
                    cost[i][j] = min(cost[i][j], c)
    return cost[n][m]


sentences = st.lists(st.sampled_from(PT + EN + PT2EN + EN2PT + ["", "Sim.", "42"]), max_size=8)


@settings(max_examples=60, deadline=None)
@given(sentences, sentences, st.integers(0, 3))
def test_property_path_is_the_optimum(src, tgt, breaks):
    """The path read back from the banded, pruned DP costs what a plain DP finds (a pruned
    bead once won by float rounding on the back pointer and mis-paired a paragraph)."""
    src_par = [k * breaks // max(len(src), 1) for k in range(len(src))]
    tgt_par = [k * breaks // max(len(tgt), 1) for k in range(len(tgt))]
    beads = al.align(src, tgt, src, tgt, src_par=src_par, tgt_par=tgt_par)
    check_cover(beads, len(src), len(tgt))
    if src and tgt:
        sc = al._Evidence(al.BackTranslation(src, tgt, src, tgt), len(src), len(tgt))
        sc.calibrate()
        found = _path_cost(sc, beads, src_par, tgt_par)
        assert found == pytest.approx(_best_cost(sc, len(src), len(tgt), src_par, tgt_par))


def test_a_pruned_merged_bead_cannot_win_by_rounding():
    """The DP prunes a merged bead against limit = best - prev; returning that limit as
    its cost let limit + prev round below best and take the back pointer."""
    sc = al._Evidence(al.BackTranslation(["Sim."], ["Zebras run.", "Wind.", "Kites fly high."],
                                         ["Yes."], ["Zebras correm.", "Vento.", "Pipas voam alto."]),
                      1, 3)
    sc.calibrate()
    best, prev = 1.73892797790713, 0.6960855756247325
    limit = best - prev
    assert limit + prev < best            # the float rounding this guards against
    c, _ = al._bead_cost(sc, 0, 1, 0, 3, limit)
    assert not c + prev < best


def test_long_document_stays_in_order():
    src = [f"sentence number {k} about topic {k % 7} and item {k * 3}" for k in range(400)]
    tgt = src[:150] + src[151:] + ["an extra line at the end"]
    beads = al.align(src, tgt, src, tgt)
    check_cover(beads, 400, 400)
    assert ((150,), ()) in pairs(beads)
    assert ((399,), (398,)) in pairs(beads) and ((), (399,)) in pairs(beads)


# -- article level -------------------------------------------------------------------

def seg(side, field, par, text):
    return Segment(side, field, par, text)


def test_align_article_field_by_field_with_global_indices():
    s = Segmented(
        pt=[seg("pt", "headline", None, "Curitiba terá 42 linhas de ônibus elétricos"),
            seg("pt", "body", 0, PT[0]), seg("pt", "body", 0, PT[1]),
            seg("pt", "body", 1, PT[2]), seg("pt", "caption", None, "Ônibus elétrico em teste")],
        en=[seg("en", "headline", None, "Curitiba to get 42 electric bus lines"),
            seg("en", "caption", None, "An electric bus on trial"),
            seg("en", "body", 0, EN[0]), seg("en", "body", 0, EN[1]), seg("en", "body", 1, EN[2])])
    pt2en = ["Curitiba will have 42 lines of electric buses", PT2EN[0], PT2EN[1], PT2EN[2],
             "Electric bus in test"]
    en2pt = ["Curitiba terá 42 linhas de ônibus elétricos", "Um ônibus elétrico em teste",
             EN2PT[0], EN2PT[1], EN2PT[2]]
    beads, partial = al.align_article(s, pt2en, en2pt)
    assert not partial
    assert pairs(beads) == [((0,), (0,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (1,))]
    for b in beads:   # fields never mix
        assert {s.pt[i].field for i in b.src} == {s.en[j].field for j in b.tgt}


def test_align_article_field_missing_on_one_side():
    s = Segmented(pt=[seg("pt", "standfirst", None, "Linha de apoio."), seg("pt", "body", 0, PT[0])],
                  en=[seg("en", "body", 0, EN[0])])
    beads, partial = al.align_article(s, None, None)
    assert not partial
    assert sorted(pairs(beads)) == sorted([((0,), ()), ((1,), (0,))])


def test_partial_source_looks_everywhere_and_leaves_the_body_alone():
    # Like the seed page: the Portuguese side has only a caption.
    s = Segmented(
        pt=[seg("pt", "caption", None, "Ditador chinês disse que China e Rússia "
                                       "“salvaguardam o verdadeiro espírito da democracia”")],
        en=[seg("en", "headline", None, "Xi and Putin meet in Beijing"),
            seg("en", "caption", None, "Chinese dictator said that China and Russia "
                                       "“safeguard the true spirit of democracy”"),
            seg("en", "body", 0, "The two leaders met on Friday."),
            seg("en", "body", 0, "They signed a joint statement.")])
    pt2en = ["Chinese dictator said that China and Russia “safeguard the true spirit of democracy”"]
    en2pt = ["Xi e Putin se encontram em Pequim",
             "Ditador chinês disse que China e Rússia “salvaguardam o verdadeiro espírito da democracia”",
             "Os dois líderes se encontraram na sexta-feira.", "Eles assinaram uma declaração conjunta."]
    beads, partial = al.align_article(s, pt2en, en2pt)
    assert partial
    assert pairs(beads) == [((0,), (1,))]
    assert beads[0].score > 0.8


def test_partial_source_unmatched_pt_is_1_0():
    s = Segmented(pt=[seg("pt", "headline", None, "Chuva forte alaga o centro de Recife")],
                  en=[seg("en", "body", 0, "The stock market closed higher on Tuesday.")])
    beads, partial = al.align_article(s, ["Heavy rain floods downtown Recife"],
                                      ["A bolsa fechou em alta na terça-feira."])
    assert partial and pairs(beads) == [((0,), ())]



class _Table:
    """A similarity read from a table {(i, j): value} (0.35, chance, elsewhere)."""
    table: dict = {}

    def __init__(self, src, tgt, src2tgt=None, tgt2src=None):
        pass

    def __call__(self, i0, i1, j0, j1):
        return self.table.get((i0, j0), 0.35) if i1 - i0 == j1 - j0 == 1 else 0.35


@pytest.mark.parametrize("values, matched", [
    ({(0, 0): 0.49, (0, 2): 0.40}, True),    # its own field, clearly the best: matched
    ({(0, 0): 0.49, (0, 2): 0.46}, False),   # a body sentence close behind: not sure
    ({(0, 1): 0.49, (0, 2): 0.40}, False),   # the best is in another field: not enough
    ({(0, 0): 0.42}, False),                 # too little evidence even in its own field
])
def test_partial_source_own_field_needs_less_evidence(values, matched):
    """A free rendering of a Portuguese headline over an English page ("Península
    Ibérica" / "Spain and Portugal") falls under the evidence any English sentence needs;
    the English headline, clearly its best match, is taken."""
    s = Segmented(pt=[seg("pt", "headline", None, "Onda de calor bate recorde")],
                  en=[seg("en", "headline", None, "Heatwave sets record"),
                      seg("en", "standfirst", None, "Demand peaks in Spain"),
                      seg("en", "body", 0, "Grid operators said supply was never at risk."),
                      seg("en", "body", 1, "The heat should ease from Friday.")])
    _Table.table = values
    beads, partial = al.align_article(s, ["x"], ["x"] * 4, similarity=_Table)
    assert partial
    best = max(values, key=values.get)[1]
    assert pairs(beads)[0] == (((0,), (best,)) if matched else ((0,), ()))

# -- backcheck align ------------------------------------------------------------------

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "backcheck", "align", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def write(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_cli_output_format(tmp_path):
    src = write(tmp_path / "a.pt", PT)
    tgt = write(tmp_path / "a.en", EN[:2] + EN[3:])
    s2t = write(tmp_path / "a.pt2en", PT2EN)
    t2s = write(tmp_path / "a.en2pt", EN2PT[:2] + EN2PT[3:])
    r = run_cli("--src", src, "--tgt", tgt, "--src2tgt", s2t, "--tgt2src", t2s)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == \
        ["[0]:[0]", "[1]:[1]", "[2]:[]", "[3]:[2]", "[4]:[3]"]
    for line in lines:
        float(line.rsplit(":", 1)[1])
    out = tmp_path / "out.txt"
    r = run_cli("--src", src, "--tgt", tgt, "--src2tgt", s2t, "-o", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[2].startswith("[2]:[]")


def test_cli_documents_split_at_eoa(tmp_path):
    src = write(tmp_path / "s", PT[:2] + [".EOA"] + PT[2:] + [".EOA"])
    tgt = write(tmp_path / "t", EN[:2] + [".EOA"] + EN[2:] + [".EOA"])
    s2t = write(tmp_path / "st", PT2EN[:2] + [".EOA"] + PT2EN[2:] + [".EOA"])
    r = run_cli("--src", src, "--tgt", tgt, "--src2tgt", s2t)
    assert r.returncode == 0, r.stderr
    heads = [line.rsplit(":", 1)[0] if line != ".EOA" else line for line in r.stdout.splitlines()]
    # indices restart in each document; alignment never crosses .EOA
    assert heads == ["[0]:[0]", "[1]:[1]", ".EOA", "[0]:[0]", "[1]:[1]", "[2]:[2]", ".EOA"]


def test_cli_line_count_mismatch_is_input_error(tmp_path):
    src = write(tmp_path / "s", PT)
    tgt = write(tmp_path / "t", EN)
    s2t = write(tmp_path / "st", PT2EN[:4])
    r = run_cli("--src", src, "--tgt", tgt, "--src2tgt", s2t)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "backcheck: error:" in r.stderr
    assert "st" in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(InputError):
        al.cli(src, tgt, s2t)


def test_cli_missing_and_bad_files(tmp_path):
    src = write(tmp_path / "s", PT)
    r = run_cli("--src", src, "--tgt", tmp_path / "nope", "--src2tgt", src)
    assert r.returncode == 2 and "nope" in r.stderr and "Traceback" not in r.stderr
    bad = tmp_path / "bad"
    bad.write_bytes(b"\xff\xfe\x00caf\xe9\n")
    r = run_cli("--src", bad, "--tgt", src, "--src2tgt", bad)
    assert r.returncode == 2 and "UTF-8" in r.stderr
    eoa = write(tmp_path / "e", PT[:2] + [".EOA"] + PT[2:])
    with pytest.raises(InputError, match="documents"):
        al.cli(eoa, src, eoa)


def test_bleualign_test_set_regression():
    """The external benchmark, as a floor (the figures are printed by eval_align.py)."""
    shared = need_shared("external", "bleualign-test", "score.py").parents[2]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_align
    res = eval_align.bleualign(shared)
    assert res["strict_f1"] >= 0.88 and res["lax_f1"] >= 0.95


def test_textnorm_folds_what_typography_changes():
    from backcheck.lang import normalise
    assert normalise.norm("“Não”, disse ELA — às 4.45!") == normalise.norm('"nao" disse ela - as 4,45')
    assert normalise.norm("R$ 1.250,50") == "r 1 250 50"
    assert normalise.numbers("3,2% em 2023") == ["3", "2", "2023"] == normalise.numbers("3.2% in 2023")
    assert normalise.capitalised("O Banco Central e o FMI em Brasília") == \
        ["banco", "central", "fmi", "brasilia"]   # one-letter words carry no evidence


# -- quotations: sentence by sentence ------------------------------------------------

QUOTE_PT = ("“A obra atrasou 14 meses. Faltaram R$ 3 milhões em 2024. Vamos terminar em "
            "junho”, disse o prefeito Rui Lopes. A Câmara de Lages aprovou o novo prazo.")
QUOTE_EN = ("“The works are 14 months late. We were R$3 million short in 2024. We will "
            "finish in June,” Mayor Rui Lopes said. Lages city council approved the new deadline.")


def quote_article():
    from backcheck.article import Article, Side
    return Article("quote", Side(headline="Obra atrasa em Lages", body=[QUOTE_PT]),
                   Side(headline="Works run late in Lages", body=[QUOTE_EN]))


def test_a_quote_of_three_sentences_aligns_sentence_by_sentence():
    from backcheck import segment
    s = segment.segment(quote_article())
    body_pt = [x.text for x in s.pt if x.field == "body"]
    body_en = [x.text for x in s.en if x.field == "body"]
    assert len(body_pt) == len(body_en) == 4          # three quoted sentences + one
    assert body_pt[2].endswith("disse o prefeito Rui Lopes.")
    pt2en = ["Headline", "“The work delayed 14 months.", "R$ 3 million were missing in 2024.",
             "We will finish in June”, said the mayor Rui Lopes.",
             "The Chamber of Lages approved the new term."]
    en2pt = ["Manchete", "“As obras estão 14 meses atrasadas.",
             "Ficámos R$3 milhões curtos em 2024.",
             "Acabaremos em junho”, o prefeito Rui Lopes disse.",
             "A câmara municipal de Lages aprovou o novo prazo."]
    beads, partial = al.align_article(s, pt2en, en2pt)
    assert not partial
    body = [b for b in beads if s.pt[b.src[0]].field == "body"]
    assert [(len(b.src), len(b.tgt)) for b in body] == [(1, 1)] * 4


@pytest.mark.parametrize("engine", ["none", pytest.param("apertium", marks=pytest.mark.apertium)])
def test_cli_quote_beads_are_single_sentences(tmp_path, engine):
    import json
    if engine == "apertium":
        from conftest import need_apertium
        need_apertium()
    art = quote_article()
    p = tmp_path / "quote.json"
    p.write_text(json.dumps({"pt": {"headline": art.pt.headline, "body": art.pt.body},
                             "en": {"headline": art.en.headline, "body": art.en.body}},
                            ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--format", "json",
                        "--engine", engine, "--no-cache"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    rep = json.loads(r.stdout)
    assert rep["stats"]["pt_sentences"] == rep["stats"]["en_sentences"] == 5
    body = [b for b in rep["alignment"] if (b["pt"] or b["en"])["field"] == "body"]
    assert len(body) == 4
    assert all(b["pt"] and b["en"] for b in body)
    assert body[1]["pt"]["text"] == "Faltaram R$ 3 milhões em 2024."
    assert body[1]["en"]["text"] == "We were R$3 million short in 2024."


# -- the similarity is a parameter -----------------------------------------------------

def test_default_similarity_is_back_translation():
    assert pairs(al.align(PT, EN, PT2EN, EN2PT)) == \
        pairs(al.align(PT, EN, PT2EN, EN2PT, similarity=al.BackTranslation))


def shared_words(src, tgt, s2t=None, t2s=None):
    """A language-agnostic similarity of our own: Dice overlap of the two spans' words
    (numbers and names survive translation), with neither components() nor anchors()."""
    from collections import Counter

    def words(texts):
        return Counter(" ".join(texts).lower().replace(",", " ").replace(".", " ").split())

    def sim(i0, i1, j0, j1):
        a, b = words(src[i0:i1]), words(tgt[j0:j1])
        total = sum(a.values()) + sum(b.values())
        return 2 * sum((a & b).values()) / total if total else 0.0
    return sim


# two made-up languages sharing only names and numbers
SRC = [f"zorp Ilda {k} kwa mek {3 * k} tol" for k in range(1, 13)]
TGT = [f"vim vim Ilda {k} ban {3 * k} sul" for k in range(1, 13)]


def test_a_plain_function_is_a_similarity():
    beads = al.align(SRC, TGT, similarity=shared_words)
    assert pairs(beads) == [((k,), (k,)) for k in range(12)]
    check_cover(beads, 12, 12)
    dropped = TGT[:5] + TGT[6:]
    beads = al.align(SRC, dropped, similarity=shared_words)
    check_cover(beads, 12, 11)
    # with no components() a merged bead is judged as a whole: the sentence with no
    # counterpart may ride with a neighbour, but every other one keeps its own
    for k in list(range(4)) + list(range(7, 12)):
        assert ((k,), (k if k < 5 else k - 1,)) in pairs(beads)


def test_components_and_anchors_are_used_when_offered():
    calls = {"components": 0, "anchors": 0}

    class Counting:
        def __init__(self, src, tgt, s2t, t2s):
            self.inner = shared_words(src, tgt)

        def __call__(self, i0, i1, j0, j1):
            return self.inner(i0, i1, j0, j1)

        def components(self, i0, i1, j0, j1):
            calls["components"] += 1
            return [self.inner(i, i + 1, j0, j1) for i in range(i0, i1)] + \
                [self.inner(i0, i1, j, j + 1) for j in range(j0, j1)]

        def anchors(self):
            calls["anchors"] += 1
            return [(k, k, 1.0) for k in range(0, 12, 3)]

    beads = al.align(SRC, TGT, similarity=Counting)
    assert pairs(beads) == [((k,), (k,)) for k in range(12)]
    assert calls["anchors"] == 1 and calls["components"] > 0


def test_align_article_takes_the_similarity_too():
    s = Segmented(pt=[seg("pt", "body", 0, t) for t in SRC],
                  en=[seg("en", "body", 0, t) for t in TGT])
    beads, partial = al.align_article(s, None, None, similarity=shared_words)
    assert not partial and pairs(beads) == [((k,), (k,)) for k in range(12)]


def test_chance_levels_and_evidence():
    sim = shared_words(SRC, TGT)
    levels = al.chance_levels(sim, len(SRC), len(TGT))
    assert set(levels) <= set(al.MATCHES) and (1, 1) in levels
    assert all(0.0 <= v <= 0.9 for v in levels.values())
    base = levels[1, 1]
    assert al.above_chance(base, base) == 0.0 and al.above_chance(1.0, base) == 1.0


def test_benchmarks_use_only_public_names_of_backcheck():
    """eval_align.py and eval_embed.py reach backcheck through public names only."""
    import ast
    for name in ("eval_align.py", "eval_embed.py"):
        tree = ast.parse((ROOT / "benchmarks" / name).read_text(encoding="utf-8"))
        modules = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backcheck"):
                assert not any(a.name.startswith("_") for a in node.names), (name, node.module)
                modules |= {a.asname or a.name for a in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in modules:
                assert not node.attr.startswith("_"), (name, f"{node.value.id}.{node.attr}")
