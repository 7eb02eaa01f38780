"""lang.figures: figures read into comparable values, through the API (`figures.read`,
`figures.mismatch`, `figures.calendar_words`) and the lexicons behind them."""
import re
from importlib import resources
from pathlib import Path

import pytest

from backcheck.lang import figures, lexicon


def values(text, lang, kind="num"):
    return sorted(v for f in figures.read(text, lang) if f.kind == kind
                  for v in f.values if isinstance(v, (int, float)))


def one(text, lang):
    [f] = [f for f in figures.read(text, lang) if f.kind == "num"]
    return f


def test_both_locales_give_the_same_values():
    assert values("R$ 4,2 bilhões", "pt") == values("R$4.2 billion", "en") == [4.2e9]
    assert values("3,5%", "pt") == values("3.5 per cent", "en") == [3.5]
    assert values("41 237 adeptos", "pt") == values("41,237 fans", "en") == [41237]
    assert values("38,7 mil", "pt") == values("38,700", "en") == [38700]
    assert one("R$ 4,2 bilhões", "pt").currency == one("R$4.2 billion", "en").currency == "BRL"
    assert one("45 milhões de euros", "pt").currency == one("€45m", "en").currency == "EUR"
    assert figures.parse_number("1.250,5", "pt") == figures.parse_number("1,250.5", "en") == 1250.5


def test_written_numbers_with_their_parts_and_multipliers():
    assert values("vinte e cinco", "pt") == values("twenty-five", "en") == [25]
    assert values("duzentos e cinquenta", "pt") == values("two hundred and fifty", "en") == [250]
    assert values("dois milhões", "pt") == values("two million", "en") == [2e6]
    assert values("duas dezenas", "pt") == [20] and values("a dozen eggs", "en") == [12]
    assert values("meio milhão", "pt") == values("half a million", "en") == [5e5]
    assert values("um carro", "pt") == [] and values("one of them", "en") == []   # articles
    assert all(f.written and f.soft for f in figures.read("vinte e cinco", "pt"))


def test_clock_conventions_read_as_hours():
    for pt, en in [("às 19h", "at 7 p.m."), ("às 14h30", "at 2:30 p.m."),
                   ("às 17:30h", "at 5.30pm"), ("às 2h:30", "at 02:30"),
                   ("às três da tarde", "at 3 p.m."), ("às 18h30", "a 6.30 p.m. kick-off")]:
        assert values(pt, "pt") == values(en, "en"), (pt, en)
    assert values("às 00h55", "pt") != values("at 12:55 p.m.", "en")   # noon is not midnight
    assert values("às 4h04", "pt") != values("at 4.40 am", "en")


def test_months_are_read_only_where_they_are_dates():
    assert [f.shown for f in figures.read("O acordo foi assinado em junho.", "pt")] == ["junho"]
    assert values("em outubro", "pt", "month") == values("on Oct.", "en", "month") == [10]
    assert values("after enlisting on Sept.", "en", "month") == [9]
    assert values("3 de jan.", "pt", "month") == [1]
    for text in ("O navio afundou no mar.", "Ele saiu e set a mesa"):
        assert values(text, "pt", "month") == []
    for text in ("Mrs May said", "Drought Areas May Benefit", "prices may rise"):
        assert values(text, "en", "month") == [], text
    assert values("in May", "en", "month") == values("on May 6", "en", "month") == [5]
    assert values("no Rio de Janeiro", "pt", "month") == []


def test_units_and_conversions_within_rounding():
    def q(text, lang):
        return next(f.quantity for f in figures.read(text, lang) if f.quantity)
    # a translator's conversions, rounded: faithful
    for pt, en in [("200 km", "130 miles"), ("300 km", "200 miles"), ("60 km", "40 miles"),
                   ("1,98 m", "the 6-foot-6 forward"), ("60 cm", "a two-foot brim"),
                   ("27 °C", "80 degrees"), ("80 km/h", "50mph"), ("25 hectares", "62 acres"),
                   ("140 km por hora", "85 miles per hour"), ("250 kg", "a 550 pound hog"),
                   ("cerca de 1,5 km", "about a mile"), ("15 cm", "6 inches")]:
        assert figures.mismatch(q(pt, "pt"), q(en, "en")) == 0, (pt, en)
    # real errors in published translations stay off
    for pt, en in [("227 quilos", "550 pound"), ("3 metros", "30 yards"), ("5 mm", "2 inches"),
                   ("30 °C", "96°F"), ("200 km", "150 miles")]:
        assert figures.mismatch(q(pt, "pt"), q(en, "en")) > 0, (pt, en)
    # the same unit is no conversion: 874 km² vs 847 km² is a changed figure
    assert figures.mismatch(q("874 km²", "pt"), q("847 km²", "en")) is None


def test_ranges_take_the_unit_and_brackets_restate():
    first, second = figures.read("chuvas de 5 a 10 cm", "pt")
    assert first.quantity.unit == second.quantity.unit == "cm"
    a, b = figures.read("entre 3 e 4%", "pt")
    assert a.pct and b.pct
    depth, feet = figures.read("sank in about 30 meters (100 feet) of water", "en")
    assert not depth.absorb_only and feet.absorb_only


def test_ordinals_years_codes_and_names():
    assert values("1o de outubro", "pt") == [1.0] and one("1o de outubro", "pt").ordinal
    assert 25.0 in values("no 25o minuto", "pt") and 25.0 in values("in the 25th minute", "en")
    assert values("the 1950-53 Korean War", "en") == [53, 1950, 1953]
    assert [f.kind for f in figures.read("a Covid-19 e o sub-20", "pt")] == ["code", "num"]
    assert one("the Nord Stream 2 pipeline", "en").name
    assert one("it aims to be No.1 in AI", "en").name
    assert not any(f.name for f in figures.read("gives Livingston 1-1 win", "en"))
    assert not [f for f in figures.read("The target runs until May 13.", "en") if f.name]


def test_shares_periods_and_magnitudes():
    assert [f.share for f in figures.read("a third of the vote", "en") if f.share] == [pytest.approx(1 / 3)]
    assert not [f for f in figures.read("It was a third league defeat", "en") if f.share]
    assert not [f for f in figures.read("four first-half shots", "en") if f.share]
    assert not [f for f in figures.read("um quarto de hotel", "pt") if f.share]
    assert [f.kind for f in figures.read("Centenas de crianças", "pt")] == ["magnitude"]
    assert values("Hundreds of children", "en", "magnitude") == values("Centenas", "pt", "magnitude")
    secs = lambda t, l: {v for f in figures.read(t, l) for v in f.values if isinstance(v, tuple)}
    assert secs("um ano e meio", "pt") == secs("18 months", "en")
    assert secs("seis décadas", "pt") == secs("60 years", "en")
    assert secs("48 horas", "pt") == secs("two days", "en")


def test_calendar_words_for_the_other_readers():
    words = figures.calendar_words()
    assert {"marco", "outubro", "october", "sept", "sexta", "feira", "saturday"} <= words
    assert "may" in figures.month_names("en") and "mai" not in figures.month_names("pt")
    assert {"mai", "set", "sept"} <= figures.month_names(None, abbreviations=True)
    assert {"wed", "thurs", "sáb"} <= figures.weekday_names(None, abbreviations=True)
    assert "monday" in figures.weekday_names("en") and "monday" not in figures.weekday_names("pt")


def test_every_figure_lexicon_is_a_data_file_not_a_table_in_code():
    for name in ("months", "weekdays", "numerals", "ordinals", "multipliers", "currencies",
                 "units", "periods", "figure_phrases", "dayparts", "hedges", "percent"):
        assert lexicon.rows(name), name
    src = Path(resources.files("backcheck")) / "lang" / "figures"
    code = "\n".join(p.read_text(encoding="utf-8") for p in src.glob("*.py"))
    code = re.sub(r'"""[\s\S]*?"""|#.*', "", code)          # docstrings and comments aside
    for word in ("janeiro", "october", "quinze", "dezoito", "milhões", "dólares",
                 "quilómetros", "fahrenheit", "terceiro", "segundos"):
        assert word not in code.lower(), word


def test_halves_of_a_period_and_twice():
    """"The first half" (of a match, of a year) is a period, no share of 50%; "twice" is
    two, as "duas vezes" is."""
    assert values("The visitors scored twice in the first half.", "en") == [1.0, 2.0]
    assert values("Os visitantes marcaram duas vezes na primeira parte.", "pt") == [1.0, 2.0]
    assert values("Sales rose in the second half of the year.", "en") == [2.0]
    assert values("As vendas subiram na segunda metade do ano.", "pt") == [2.0]
    assert values("He scored in each half.", "en") == []
    assert values("Half of the voters stayed home.", "en") == [50.0]
    assert values("Metade dos eleitores ficou em casa.", "pt") == [50.0]
    assert values("He was arrested thrice.", "en") == [3.0]
    assert values("o dobro da média", "pt") == values("twice the average", "en") == [2.0]


def test_an_article_before_am_is_no_clock():
    """"An AM" (an Assembly Member) is no 1 a.m.; an hour in words still is one, and
    Portuguese says 1 p.m. with "uma"."""
    assert figures.read("An AM said the group was happy.", "en") == []
    assert [f.clock for f in figures.read("It starts at one AM.", "en")] == [True]
    assert values("Começa à uma da tarde.", "pt") == [13.0]
