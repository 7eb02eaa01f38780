"""Figures: numbers, dates, amounts, units and times as the two locales write them, read
into comparable values: 1.250 = 1,250; 3,5% = 3.5%; R$ 4,2 bilhões = R$4.2 billion;
38,7 mil = 38,700; dois = two; 19h = 7 p.m.; 14h30 = 2:30 p.m.; 1º = 1st; maio = May;
80 km/h ≈ 50mph.

Entry point: `read(text, lang) -> list[Figure]`. The small parsers it runs, each with one
entry point of its own, in the order they claim text:
- `durations`: times in two units ("2h05min"), "um ano e meio", units of time;
- `numerals.fractions`: a fraction in digits before "of"/"de" ("1/12 do valor");
  `clock.stoppage`: a minute of stoppage time ("90+3");
- `numbers`: codes ("H3N2") and digits with currency, multiplier, percentage, clock,
  unit, year, decade, weekday date, match minute;
- `units`: heights in feet and inches, conversions, bracketed restatements;
- `clock`: hours written in words ("às três da tarde"), match clocks;
- `dates`: month and weekday names; `numerals`: written numbers, halves, multiplying verbs,
  proportions; `phrases`: set phrases (periods, shares, "noon", "hundreds");
  `ordinals`: ordinal words;
- `digits.parse_number(s, lang)`: one digit string in a locale; `value_tokens(text,
  lang)`: figures as one word each, for word-level evidence (lang.words, coverage).
Every lexicon is a data file in src/backcheck/data/ read through `backcheck.lang.lexicon`.
"""
from __future__ import annotations

from backcheck.lang.figures import clock, dates, durations, numbers, numerals, ordinals
from backcheck.lang.figures import phrases, units
from backcheck.lang.figures.digits import parse_number, value_tokens
from backcheck.lang.figures.model import Figure, Quantity, Spans

__all__ = ["Figure", "Quantity", "read", "parse_number", "value_tokens", "mismatch",
           "calendar_words", "month_names", "weekday_names", "describe_period"]

mismatch = units.mismatch
calendar_words = dates.calendar_words          # for the name reader: dates are no names
month_names = dates.month_names                # for the segmenter: "Jan. 3", "Wed. Feb. 5"
weekday_names = dates.weekday_names
describe_period = durations.describe            # for messages: 3628800 s is "6 weeks"


def read(text: str, lang: str) -> list[Figure]:
    """Every figure of one text in `lang` ("pt" or "en"), normalised."""
    taken = Spans()
    figs: list[Figure] = []
    figs += durations.compound(text, lang, taken)
    figs += numbers.codes(text, taken)
    figs += units.heights(text, taken)
    figs += clock.written(text, lang, taken)
    figs += numerals.fractions(text, lang, taken)
    figs += clock.stoppage(text, taken)
    figs += numbers.read(text, lang, taken)
    figs += dates.months(text, lang)
    figs += dates.weekdays(text, lang)
    figs += numerals.halves(text, lang, taken)
    figs += durations.and_a_half(text, lang, numerals.cardinal, taken)
    figs += phrases.read(text, lang, taken)
    figs += numerals.read(text, lang, taken)
    figs += ordinals.words(text, lang)
    figs += numerals.multiplying(text, lang)
    figs += numerals.proportions(text, lang)
    figs += clock.from_half(text, lang)
    return units.restatements(numbers.ranges(figs, text), text)
