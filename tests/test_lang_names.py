"""lang.names: name knowledge (gazetteer, spelling, acronyms, titles) through its API."""
import pytest

from backcheck.lang import lexicon, names


def mentions(text, lang, gaz=None):
    return names.mentions(text, lang, gaz=gaz)


def word(m, text):
    return next(k for k, t in enumerate(m.toks) if t.text == text)


@pytest.mark.parametrize("a, b", [("Zelenski", "Zelensky"), ("Cloiseau", "Clouseau"),
                                  ("Uzbequistão", "Uzbekistan"), ("Catalunha", "Catalonia"),
                                  ("Francisco", "Francis"), ("Minis", "Mini")])
def test_one_name_spelt_two_ways_is_alike(a, b):
    assert names.likeness(a, b) == 1.0


@pytest.mark.parametrize("a, b", [("Menezes", "Mendes"), ("Kong", "Jong"), ("Lemos", "Lima"),
                                  ("Trump", "Muller"), ("Silva", "Silveira")])
def test_replaced_names_are_not(a, b):
    assert names.likeness(a, b) < 0.5


def test_acronym_keys():
    assert names.acronym_key("N.F.L.") == "NFL"
    assert names.acronym_key("AMs") == "AM"
    assert names.acronym_key("Aids") is None and names.acronym_key("EU") == "EU"


def test_gazetteer_places_peoples_institutions_and_ministries():
    gaz = names.gazetteer()
    same = lambda pt, en: gaz.group(pt, "pt") == gaz.group(en, "en") is not None
    assert same("Pequim", "Beijing") and same("uruguaias", "Uruguayan")    # derived demonym forms
    assert same("Parlamento Europeu", "European Parliament")
    assert same("Ministério da Saúde", "Health Ministry") and same("Ministra da Saúde", "Health Secretary")
    assert gaz.group("Ministério da Saúde", "pt") != gaz.group("Ministry of Defence", "en")
    assert gaz.group("Conselho Europeu", "pt") != gaz.group("European Parliament", "en")
    # a demonym the data does not list, derived from a listed name
    m = mentions("Malaysian officials said so.", "en")
    assert m.group_of[word(m, "Malaysian")] == gaz.group("Malásia", "pt")


def test_how_the_other_side_accounts_for_a_name():
    pt = mentions("O acordo foi firmado em Pequim pelo BC e pela SIDA.", "pt")
    en = mentions("The deal was signed in Beijing by the Central Bank and Aids.", "en")
    assert names.accounted(pt, word(pt, "Pequim"), en) == "known"
    assert names.accounted(pt, word(pt, "BC"), en) == "acronym"
    assert names.accounted(pt, word(pt, "SIDA"), en) == "same"
    pt = mentions("Segundo o Itamaraty, a nota saiu ontem.", "pt")
    en = mentions("According to the Foreign Ministry, the note came out yesterday.", "en")
    assert names.accounted(pt, word(pt, "Itamaraty"), en) == "metonym"
    pt = mentions("Ele vive em Nova Iorque.", "pt")
    en = mentions("He lives in NYC.", "en")
    assert names.accounted(en, word(en, "NYC"), pt) == "acronym"
    # the portfolio written in lower case is still the ministry
    pt = mentions("O Ministro das Relações Exteriores falou.", "pt")
    en = mentions("The foreign minister spoke.", "en")
    assert names.accounted(pt, word(pt, "Relações"), en) == "known"
    en = mentions("The defence minister spoke.", "en")
    assert names.accounted(pt, word(pt, "Relações"), en) is None


def test_titles_currencies_and_first_words_are_no_candidates():
    m = mentions('Em Lisboa, o Presidente Lula e o Rev. Jones pagaram 500 USD. "Nada" mudou.', "pt")
    assert not any(m.is_candidate(word(m, w)) for w in ("Presidente", "Rev", "USD"))
    assert m.is_candidate(word(m, "Lula"))
    assert m.toks[word(m, "Nada")].initial and m.toks[word(m, "Em")].initial


def test_names_of_a_newsroom_join_the_gazetteer(tmp_path):
    (tmp_path / "names.csv").write_text("pt,en\nTimão,Corinthians\n", encoding="utf-8")

    class Cfg:
        names = str(tmp_path / "names.csv")
        keep = None
    gaz = names.gazetteer(lexicon.user(Cfg()))
    pt = mentions("O Timão venceu.", "pt", gaz)
    en = mentions("Corinthians won.", "en", gaz)
    assert names.accounted(pt, word(pt, "Timão"), en) == "known"
    assert names.gazetteer().group("Timão", "pt") is None     # the built-in data is unchanged


def test_no_name_is_listed_in_two_gazetteer_entries():
    """A form in two lines of data/exonyms.tsv or data/institutions.tsv splits one place
    between two entries ("coreano" in one, "Korean" in the other): the later line wins
    for the forms they share, and the names read as two different places."""
    seen = {}
    for n, row in enumerate(lexicon.rows("exonyms") + lexicon.rows("institutions")):
        for side in ("pt", "en"):
            for form in lexicon.variants(row[side]):
                assert seen.setdefault((side, form), n) == n, f"{form!r} is in two entries"
    g = names.gazetteer()
    assert g.group("coreano", "pt") == g.group("Korean", "en") == g.group("Coreia", "pt")
