"""benchmarks/inject.py: seeded error injection into the English of clean articles."""
import json
import random
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, need_apertium, need_shared

sys.path.insert(0, str(ROOT / "benchmarks"))
import inject  # noqa: E402

INJECT = ROOT / "benchmarks" / "inject.py"


def article(id_, headline, units):
    """A clean article from (pt, en) pairs, two units a paragraph."""
    paras = [units[i:i + 2] for i in range(0, len(units), 2)]
    return {"id": id_, "topic": "test",
            "pt": {"headline": headline[0], "body": [[p for p, _ in para] for para in paras]},
            "en": {"headline": headline[1], "body": [[e for _, e in para] for para in paras]}}


# Written for this test: enough figures, names, negations and ordinary words for every type.
ARTICLES = [
    article("t-001", ("Ministério da Saúde compra 3 milhões de vacinas",
                      "Ministry of Health buys 3 million vaccines"), [
        ("O Ministério da Saúde anunciou nesta terça-feira a compra de 3 milhões de doses, "
         "segundo o ministro João Carvalho.",
         "The Ministry of Health announced on Tuesday the purchase of 3 million doses, "
         "according to minister João Carvalho."),
        ("As vacinas chegam a Lisboa em junho e serão distribuídas pelos hospitais do país.",
         "The vaccines arrive in Lisbon in June and will be distributed to the country's "
         "hospitals."),
        ("Carvalho disse que o governo não vai aumentar os impostos para pagar a compra.",
         "Carvalho said the government will not raise taxes to pay for the purchase."),
        ("A oposição criticou o preço, que subiu 12% desde 2019, e pediu uma investigação.",
         "The opposition criticised the price, which rose 12% since 2019, and asked for an "
         "inquiry."),
        ("Os médicos e os enfermeiros dos hospitais públicos serão vacinados primeiro.",
         "Doctors and nurses in public hospitals will be vaccinated first."),
        ("A polícia vai escoltar os camiões que transportam as doses até aos armazéns.",
         "The police will escort the lorries carrying the doses to the warehouses."),
    ]),
    article("t-002", ("Câmara aprova nova ponte sobre o rio",
                      "Council approves new bridge over the river"), [
        ("A Câmara Municipal do Porto aprovou na segunda-feira a construção de uma nova "
         "ponte sobre o rio Douro, com um custo de 45 milhões de euros.",
         "Porto City Council on Monday approved the construction of a new bridge over the "
         "Douro river, at a cost of 45 million euros."),
        ("A presidente da câmara, Maria Ferreira, disse que a obra começa no próximo ano.",
         "The mayor, Maria Ferreira, said the work would begin next year."),
        ("Os moradores do bairro não foram consultados, segundo a associação local.",
         "Residents of the neighbourhood were not consulted, according to the local "
         "association."),
        ("A ponte terá duas faixas para carros e uma ciclovia, e deve reduzir o trânsito "
         "no centro da cidade em 20%.",
         "The bridge will have two lanes for cars and a cycle path, and should cut traffic "
         "in the city centre by 20%."),
        ("O projecto foi desenhado por uma empresa de Madrid que venceu o concurso em 2022.",
         "The project was designed by a company from Madrid that won the tender in 2022."),
        ("A oposição votou contra e disse que o dinheiro devia ir para as escolas.",
         "The opposition voted against and said the money should go to schools."),
    ]),
    article("t-003", ("Seleção vence a França e chega à final",
                      "Brazil beat France to reach the final"), [
        ("A seleção brasileira venceu a França por 2 a 1 neste sábado em Paris e está na "
         "final do torneio.",
         "Brazil beat France 2-1 in Paris on Saturday and are in the final of the "
         "tournament."),
        ("O técnico Carlos Mendes disse que a equipa nunca desistiu, mesmo depois de sofrer "
         "o primeiro golo.",
         "Coach Carlos Mendes said the team never gave up, even after conceding the first "
         "goal."),
        ("Mais de 40 mil adeptos assistiram ao jogo no estádio, que estava cheio.",
         "More than 40,000 fans watched the match at the stadium, which was full."),
        ("O avançado marcou os dois golos na segunda parte e foi eleito o melhor jogador.",
         "The striker scored both goals in the second half and was named the best player."),
        ("A final será disputada na próxima semana contra a Argentina, em Londres.",
         "The final will be played next week against Argentina in London."),
        ("O capitão, que tem 34 anos, vai deixar a seleção depois do torneio.",
         "The captain, who is 34, will leave the national team after the tournament."),
    ]),
]


@pytest.fixture
def clean_dir(tmp_path):
    d = tmp_path / "clean-in"
    d.mkdir()
    for a in ARTICLES:
        (d / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    return d


def files(d):
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*.json"))}


def check_corpus(out):
    """Every gold entry points at its change in the corrupted file's own body, and the
    English is the clean English everywhere else; returns the gold types."""
    types = []
    for path in sorted((out / "corrupted").glob("*.json")):
        bad = json.loads(path.read_text(encoding="utf-8"))
        clean = json.loads((out / "clean" / f"{bad['id'].rsplit('-', 1)[0]}.json").read_text(
            encoding="utf-8"))
        assert bad["pt"] == clean["pt"]
        assert bad["gold"], path
        en_touched, pt_touched = set(), set()
        clean_units = [u for para in clean["en"]["body"] for u in para]
        for g in bad["gold"]:
            types.append(g["type"])
            assert g["type"] in inject.TYPES and g["note"]
            if g["field"] == "headline":
                assert g["pt_unit"] is None and g["en_unit"] is None
                assert bad["en"]["headline"] != clean["en"]["headline"]
                continue
            assert g["field"] == "body"
            if g["pt_unit"] is not None:
                p, u = g["pt_unit"]
                assert clean["pt"]["body"][p][u]           # a real unit of pt
                pt_touched.add((p, u))
            if g["en_unit"] is None:                       # a dropped unit
                assert g["type"] == "omission" and g["pt_unit"] is not None
                p, u = g["pt_unit"]
                assert clean["en"]["body"][p][u] not in [x for para in bad["en"]["body"]
                                                         for x in para]
                continue
            p, u = g["en_unit"]
            new = bad["en"]["body"][p][u]
            en_touched.add((p, u))
            if g["pt_unit"] is None:                       # an inserted sentence
                assert g["type"] == "addition" and new not in clean_units
            else:
                old = clean["en"]["body"][g["pt_unit"][0]][g["pt_unit"][1]]
                assert new != old, g
        rest = [x for p, para in enumerate(bad["en"]["body"]) for u, x in enumerate(para)
                if (p, u) not in en_touched]
        want = [x for p, para in enumerate(clean["en"]["body"]) for u, x in enumerate(para)
                if (p, u) not in pt_touched]
        assert rest == want, path
        if not any(g["field"] == "headline" for g in bad["gold"]):
            assert bad["en"]["headline"] == clean["en"]["headline"]
    return types


def test_same_seed_gives_identical_files_and_another_seed_differs(clean_dir, tmp_path):
    inject.inject(clean_dir, tmp_path / "a", seed=5, variants=2)
    inject.inject(clean_dir, tmp_path / "b", seed=5, variants=2)
    inject.inject(clean_dir, tmp_path / "c", seed=6, variants=2)
    a, b, c = files(tmp_path / "a"), files(tmp_path / "b"), files(tmp_path / "c")
    assert a == b
    assert a != c
    assert sorted(a) == sorted(c)
    # the clean side is a byte copy of the input
    for src in clean_dir.glob("*.json"):
        assert a[f"clean/{src.name}"] == src.read_bytes()


def test_every_type_is_produced_and_gold_points_at_the_change(clean_dir, tmp_path):
    counts = inject.inject(clean_dir, tmp_path / "out", seed=3, variants=4, n_errors=[3])
    types = check_corpus(tmp_path / "out")
    assert set(types) == set(inject.TYPES)
    assert sum(counts.values()) == len(types) == 3 * 4 * 3
    assert max(counts.values()) - min(counts.values()) <= 2         # balanced
    manifest = json.loads((tmp_path / "out" / "inject.json").read_text())
    assert manifest["gold"] == len(types) and manifest["seed"] == 3


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_gold_is_valid_for_other_seeds(clean_dir, tmp_path, seed):
    inject.inject(clean_dir, tmp_path / "out", seed=seed, variants=3)
    check_corpus(tmp_path / "out")


@pytest.fixture(scope="module")
def lex():
    return inject.Lexicon()


def test_negation_drop_and_add_are_idiomatic(lex):
    rng = random.Random(0)
    assert inject.flip_negation("He did not say it.", rng, lex, "drop").text == "He said it."
    assert inject.flip_negation("Taxes were not raised.", rng, lex, "drop").text == \
        "Taxes were raised."
    added = inject.flip_negation("She has been told.", rng, lex, "add").text
    assert added == "She has not been told."
    assert inject.flip_negation("Whether or not it rains.", rng, lex, "drop") is None


def test_entity_swap_inside_a_multi_word_name(lex):
    for seed in range(5):
        ch = inject.swap_entity("The Ministry of Health announced the purchase of vaccines.",
                                random.Random(seed), lex, [], "")
        assert ch.text.startswith("The Ministry of ") and "Health" not in ch.text
        assert ch.text.endswith(" announced the purchase of vaccines.")


def test_entity_swap_keeps_the_kind(lex):
    nationalities = {a for row in lex.entities["nationality"] for a in row}
    for seed in range(5):
        ch = inject.swap_entity("The Japanese carmaker said so.", random.Random(seed), lex,
                                [], "")
        new = ch.text.split()[1]
        assert new in nationalities and new != "Japanese"


def test_mistranslation_changes_one_word_and_keeps_the_article(lex):
    ch = inject.swap_word("The police arrested a man.", random.Random(1), lex)
    before, after = "The police arrested a man.".split(), ch.text.split()
    assert len(before) <= len(after) <= len(before) + 1 and ch.text != "The police arrested a man."
    ch = inject.swap_word("It was an increase.", random.Random(1), lex)
    assert ch.text in ("It was a decrease.", "It was a cut.")


def test_number_change_keeps_the_shape(lex):
    for seed in range(10):
        ch = inject.change_number("Prices rose 12.5% to $1,250 in 2019.", random.Random(seed),
                                  lex)
        assert ch.text != "Prices rose 12.5% to $1,250 in 2019."
        assert ch.text.startswith("Prices rose ") and ch.text.endswith(".")
    assert inject.change_number("Nothing to count here.", random.Random(1), lex) is None


def test_half_omission_cuts_at_a_clause(lex):
    text = ("The council approved the bridge on Monday, but residents said they had not "
            "been consulted about the plans.")
    ch = inject.cut_half(text, random.Random(2))
    assert text.startswith(ch.text[:-1]) and ch.text.endswith(".")
    assert len(ch.text.split()) < 0.7 * len(text.split())


def test_untranslated_leaves_the_portuguese(lex):
    en = "The mayor said the work would begin next year, according to the council."
    pt = "A presidente da câmara disse que a obra começa no próximo ano, segundo a câmara."
    seen = {inject.leave_portuguese(en, pt, random.Random(s)).text for s in range(20)}
    assert pt in seen                                          # whole unit
    assert any(t.startswith("The mayor said") and t.endswith("segundo a câmara.")
               for t in seen)                                  # its last clause
    assert inject.leave_portuguese("Tom Daley", "Tom Daley", random.Random(1)) is None


def test_artifact_adds_junk_and_keeps_the_words(lex):
    text = "The bridge will have two lanes for cars and a cycle path."
    for seed in range(20):
        ch = inject.add_junk(text, random.Random(seed), lex)
        assert ch.text != text and len(ch.text) > len(text) - 2


def run_cli(*args):
    return subprocess.run([sys.executable, str(INJECT), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_cli_writes_a_scoring_corpus_and_refuses_to_overwrite(clean_dir, tmp_path):
    out = tmp_path / "out"
    r = run_cli(clean_dir, out, "--seed", "9", "--variants", "2")
    assert r.returncode == 0, r.stderr
    assert "errors in" in r.stdout and "(seed 9)" in r.stdout
    assert sorted(p.name for p in (out / "clean").iterdir()) == [
        "t-001.json", "t-002.json", "t-003.json"]
    assert len(list((out / "corrupted").glob("*-[ab].json"))) == 6
    check_corpus(out)
    before = files(out)
    r = run_cli(clean_dir, out, "--seed", "9")
    assert r.returncode == 2 and r.stderr.startswith("inject: error: ")
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert files(out) == before                               # nothing lost
    r = run_cli(clean_dir, out, "--seed", "9", "--force")
    assert r.returncode == 0 and len(list((out / "corrupted").glob("*.json"))) == 3


@pytest.mark.parametrize("setup, reason", [
    (lambda d: None, "not a directory"),
    (lambda d: d.mkdir(), "no *.json articles"),
    (lambda d: (d.mkdir(), (d / "x.json").write_text("{not json")), "not a readable JSON"),
    (lambda d: (d.mkdir(), (d / "x.json").write_text('{"en": {}}')), "corpus format"),
])
def test_cli_bad_input_is_one_line_exit_2(tmp_path, setup, reason):
    d = tmp_path / "in"
    setup(d)
    r = run_cli(d, tmp_path / "out")
    assert r.returncode == 2
    assert r.stderr.startswith("inject: error: ") and reason in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_on_the_real_articles_all_types_are_balanced(tmp_path):
    ntrex = need_shared("corpus", "ntrex", "clean")
    counts = inject.inject(ntrex, tmp_path, seed=1)
    types = check_corpus(tmp_path)
    assert 300 <= len(types) <= 400
    assert set(counts) == set(inject.TYPES)
    assert min(counts.values()) >= 30 and max(counts.values()) <= 55


def test_eval_prints_the_real_text_figures(tmp_path):
    need_apertium()
    ntrex = need_shared("corpus", "ntrex", "clean")
    scorer = need_shared("corpus", "score.py")
    real = tmp_path / "ntrex"
    real.mkdir()
    for p in sorted(ntrex.glob("*.json"))[:2]:
        shutil.copy(p, real / p.name)
    corpus = tmp_path / "corpus"
    (corpus / "clean").mkdir(parents=True)
    shutil.copy(sorted(ntrex.glob("*.json"))[2], corpus / "clean")
    out = tmp_path / "reports"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval.py"),
                        "--corpus", str(corpus), "--scorer", str(scorer), "--out", str(out),
                        "--cache-dir", str(tmp_path / "cache"), "--no-align", "--heldout", "",
                        "--ntrex", str(real)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "2 clean real articles:" in r.stdout and "counted alarms per article" in r.stdout
    assert "errors injected by inject.py (seed 1)" in r.stdout
    reports = tmp_path / "reports-ntrex"
    assert sorted(p.stem for p in reports.iterdir()) == sorted(
        [p.stem for p in real.iterdir()] + [p.stem + "-a" for p in real.iterdir()])
    lines = r.stdout.splitlines()
    assert sum(line.startswith("recall:") for line in lines) == 2      # dev and ntrex
    assert "alignment_unit_recall:" in r.stdout
    assert "eval took" in r.stdout
