"""Hand-built reports shared by the renderer tests (imported as a module), plus their sanity tests.

The article text is invented for these tests.
"""
from __future__ import annotations

from backcheck.report.model import BeadLoc, Issue, Loc, Report, report_from_dict

PT = {
    "headline": "Câmara aprova orçamento de R$ 3,2 bilhões para 2025",
    "standfirst": "Vereadores votaram por 31 a 4 na noite de terça-feira.",
    "b0": "A proposta prevê aumento de 12% nos gastos com saúde.",
    "b1": "O prefeito Ricardo Nunes não comentou a votação.",
    "b2": "A oposição criticou o corte no transporte público.",
    "b3": "A sessão durou seis horas.",
}
EN = {
    "headline": "City council approves R$2.3 billion budget for 2025",
    "standfirst": "Councillors voted 31 to 4 on Tuesday night.",
    "b0": "The proposal foresees a 12% increase in health spending.",
    "b1": "Mayor Ricardo Nunes commented on the vote.",
    "b3": "The session lasted six hours.",
    "b4": "Click here to subscribe 04160333",
}


def _pt(key, par=None):
    field = key if par is None else "body"
    return Loc(field, par, PT[key])


def _en(key, par=None):
    field = key if par is None else "body"
    return Loc(field, par, EN[key])


def sample_report() -> Report:
    """A realistic report: five issue types over four severities, seven aligned rows."""
    alignment = [
        BeadLoc(_pt("headline"), _en("headline"), 0.71),
        BeadLoc(_pt("standfirst"), _en("standfirst"), 0.88),
        BeadLoc(_pt("b0", 0), _en("b0", 0), 0.93),
        BeadLoc(_pt("b1", 1), _en("b1", 1), 0.64),
        BeadLoc(_pt("b2", 2), None, None),
        BeadLoc(_pt("b3", 3), _en("b3", 2), 0.97),
        BeadLoc(None, _en("b4", 3), None),
    ]
    issues = [
        Issue("negation", "major", _pt("b1", 1), _en("b1", 1),
              "Portuguese says the mayor did not comment; English says he commented",
              {"pt2en": "Mayor Ricardo Nunes did not comment on the vote.",
               "en2pt": "O prefeito Ricardo Nunes comentou a votação.",
               "similarity": 0.64, "pt_items": ["não"], "en_items": []}),
        Issue("artifact", "minor", None, _en("b4", 3),
              "CMS leftover: digits glued to text", {"match": "04160333"}),
        Issue("number", "critical", _pt("headline"), _en("headline"),
              "number 3,2 in Portuguese is 2.3 in English",
              {"pt2en": "City Council approves budget of R$ 3.2 billion for 2025",
               "similarity": 0.71, "pt_items": ["3,2"], "en_items": ["2.3"]}),
        Issue("omission", "major", _pt("b2", 2), None,
              "Portuguese sentence has no English counterpart",
              {"pt2en": "The opposition criticised the cut in public transport."}),
        Issue("entity", "info", _pt("standfirst"), _en("standfirst"),
              "'Vereadores' rendered as 'Councillors'",
              {"similarity": 0.88, "pt_items": ["Vereadores"], "en_items": ["Councillors"]}),
    ]
    return Report(
        id="camara-orcamento-2025",
        engine={"name": "marian", "model": "opus-mt-tc-big-pt-en", "revision": "0123abc"},
        verdict="fail", score=35.5, alignment=alignment, issues=issues,
        notes=["Body paragraph 4 of the English side has no Portuguese source."],
        stats={"pt_sentences": 6, "en_sentences": 6, "pt_words": 54, "en_words": 50},
        source="articles/camara.json",
    )


def clean_report() -> Report:
    """A passing report with no issues and no engine (nothing translated)."""
    return Report(id="clean-one", engine=None, verdict="pass", score=0.0,
                  alignment=[BeadLoc(_pt("b3", 0), _en("b3", 0), 0.97)],
                  stats={"pt_sentences": 1, "en_sentences": 1, "pt_words": 5, "en_words": 5})


def test_sample_round_trips_through_json_dict():
    rep = sample_report()
    assert report_from_dict(rep.to_dict()) == rep


def test_sample_covers_every_severity():
    assert {i.severity for i in sample_report().issues} == {"critical", "major", "minor", "info"}
