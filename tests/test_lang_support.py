"""lang.words and lang.support: content words, cognates and word-level support."""
from backcheck.lang.support import support
from backcheck.lang.words import cognate, content, content_tokens, same_word, tokens


def test_content_words_fold_and_read_figures_as_values():
    assert content("O governo anunciou R$ 1,6 milhões para 30 escolas.", "pt") == \
        ["governo", "anunciou", "1600000", "30", "escolas"]
    assert content("The government announced R$1.6m for 30 schools.", "en") == \
        ["government", "announced", "1600000", "30", "schools"]
    toks = content_tokens("A Ação subiu 3,5%.", "pt")
    assert [t.text for t in toks] == ["Ação", "subiu", "3,5"] and toks[0].fold == "acao"


def test_tokens_are_cached_but_each_caller_gets_its_own_list():
    first = tokens("A polícia prendeu o suspeito.")
    assert [t.fold for t in first] == ["a", "policia", "prendeu", "o", "suspeito"]
    first.clear()
    assert [t.text for t in tokens("A polícia prendeu o suspeito.")][1] == "polícia"


def test_inflections_and_cognates():
    assert same_word("rises", "rise") and same_word("motoristas", "motorista")
    assert not same_word("valor", "valoriza")
    assert cognate("presidente", "president") and cognate("tecnologia", "technology")
    assert not cognate("valor", "value") and not cognate("polícia", "army")


def test_cognates_through_regular_endings():
    """Portuguese endings in their English form (data/cognate_endings.tsv): -ção/-tion,
    -dade/-ty, -mente/-ly, -oso/-ous, des-/de-; a false friend whose stems differ stays
    apart ("atualmente" is "currently", not "actually")."""
    from backcheck.lang.normalise import fold
    for pt, en in [("informação", "information"), ("eleições", "elections"),
                   ("universidade", "university"), ("totalmente", "totally"),
                   ("vigorosamente", "vigorously"), ("nacional", "national"),
                   ("desnuclearização", "denuclearization")]:
        assert cognate(fold(pt), en) and cognate(en, fold(pt)), (pt, en)
    assert not cognate("atualmente", "actually") and not cognate("politica", "policy")
    sup = support("A desnuclearização foi totalmente verificada.",
                  "The denuclearization was totally verified.")
    assert {w.text: "copy" in w.by for w in sup.en}["denuclearization"]


class FakeDictionary:
    """A test double with the lang.dictionary interface and a handful of entries."""
    PT = {"polícia": {"police"}, "prendeu": {"arrest"}, "suspeito": {"suspect"}}
    EN = {"police": {"policia"}, "arrested": {"prender"}, "suspect": {"suspeito"}}
    LEMMAS = {"arrested": {"arrest"}, "prendeu": {"prender"}}

    def available(self):
        return True

    def lemmas(self, words, lang):
        return {w: frozenset(self.LEMMAS.get(w, {w})) for w in words}

    def translations(self, words, src, tgt):
        table = self.PT if src == "pt" else self.EN
        return {w: frozenset(table.get(w, ())) for w in words}


def test_each_source_supports_what_it_should():
    pt, en = "A polícia prendeu o suspeito em Lisboa.", "Police arrested the suspect in Lisbon."
    bare = support(pt, en)
    # cognates need no translation: suspect/suspeito, Lisbon/Lisboa
    assert {w.text for w in bare.unsupported("en")} == {"Police", "arrested"}
    mt = support(pt, en, pt2en="The police arrested the suspect in Lisbon.")
    assert {w.fold for w in mt.en if "mt" in w.by} == {"police", "arrested", "suspect", "lisbon"}
    d = support(pt, en, dictionary=FakeDictionary())
    assert {w.fold for w in d.en if "dict" in w.by} == {"police", "arrested", "suspect"}
    assert {w.fold for w in d.pt if "dict" in w.by} == {"policia", "prendeu", "suspeito"}
    assert d.unsupported("pt") == [] and d.ratio() == 1.0


def test_a_substituted_word_is_unsupported_on_both_sides():
    pt = "A polícia prendeu o suspeito."
    s = support(pt, "The army arrested the suspect.", pt2en="The police arrested the suspect.",
                en2pt="O exército prendeu o suspeito.", dictionary=FakeDictionary())
    assert [w.text for w in s.unsupported("en")] == ["army"]
    assert [w.text for w in s.unsupported("pt")] == ["polícia"]


def test_names_the_languages_write_differently_support_each_other():
    """The gazetteer's names: a Brazilian state's abbreviation and its English name, a
    city's Portuguese and English names; a different name is not supported."""
    s = support("Os fundadores no escritório da empresa em Piracicaba (SP)",
                "The founders at the company's office in Piracicaba, São Paulo state")
    by = {w.text: w.by for w in s.en}
    assert by["São"] == by["Paulo"] == {"name"} and not by["state"]
    s = support("A delegação chegou a Pequim.", "The delegation arrived in Beijing.")
    assert "name" in {w.text: w.by for w in s.en}["Beijing"]
    assert "name" in {w.text: w.by for w in s.pt}["Pequim"]
    s = support("A delegação chegou a Pequim.", "The delegation arrived in Tokyo.")
    assert not {w.text: w.by for w in s.en}["Tokyo"]
    assert not support("A delegação chegou a Pequim.", "The delegation arrived in Beijing.",
                       sources=("copy",)).en[-1].by


def test_a_state_named_in_full_is_no_addition_through_the_cli(tmp_path):
    """Brazilian papers write 'Cidade (UF)', English 'City, State state': not an addition."""
    import subprocess
    import sys

    from conftest import need_apertium
    need_apertium()
    (tmp_path / "pt.txt").write_text(
        "Os fundadores da Safrix, Bruno Kato e Marina Dallagnol, trabalham no escritório "
        "da empresa em Piracicaba (SP).\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Safrix founders Bruno Kato and Marina Dallagnol work at the company's office in "
        "Piracicaba, São Paulo state.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "pt.txt"),
                        "--en", str(tmp_path / "en.txt"), "--engine", "apertium", "--format",
                        "json", "--no-cache"], capture_output=True, text=True, timeout=300)
    import json
    rep = json.loads(r.stdout)
    assert not [i for i in rep["issues"] if i["type"] == "addition"], rep["issues"]


def test_a_state_capital_named_by_its_state_is_supported():
    """"a capital gaúcha" is Porto Alegre (data/metonyms.tsv: a state and its capital);
    another capital is not."""
    s = support("Choveu muito no centro da capital gaúcha.", "Heavy rain fell in downtown Porto Alegre.")
    by = {w.text: w.by for w in s.en}
    assert by["Porto"] == by["Alegre"] == {"name"}
    assert "name" in {w.text: w.by for w in s.pt}["gaúcha"]
    s = support("Choveu muito no centro da capital gaúcha.", "Heavy rain fell in downtown Curitiba.")
    assert not {w.text: w.by for w in s.en}["Curitiba"]


def test_the_demo_article_has_no_false_addition_through_the_cli():
    """The bundled example's caption says "no centro da capital mineira" for "in downtown
    Belo Horizonte": the capital of Minas Gerais, not an addition."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from conftest import need_apertium
    need_apertium()
    example = Path(__file__).resolve().parents[1] / "examples" / "article.json"
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(example), "--engine",
                        "apertium", "--format", "json", "--no-cache"],
                       capture_output=True, text=True, timeout=300)
    rep = json.loads(r.stdout)
    assert r.returncode == 1 and rep["issues"], r.stderr     # its planted errors are found
    assert not [i for i in rep["issues"] if i["type"] == "addition"
                and (i["en"] or i["pt"])["field"] == "caption"], rep["issues"]
