"""Pages whose Portuguese is only a caption or a headline line over an English article
(the seed's layout, in any order): a partial source, never additions for the English body,
one note in the report. Every text here was written for this test."""
import json
import subprocess
import sys

import pytest

from backcheck import align, article, pipeline, segment
from backcheck.config import Config
from backcheck.segment import Segment, Segmented
from conftest import ROOT, need_apertium, need_shared

EN_HEAD = "Porto Verde opens floating solar farm on its main reservoir"
EN_CAPTION = ("Floating solar panels on the Porto Verde reservoir, which supplies the city "
              "| Photo: Ana Lima/Agency")
PT_CAPTION = "Painéis solares flutuantes na represa de Porto Verde, que abastece a cidade."
PT_CAPTION_BARE = "Painéis solares flutuantes na represa de Porto Verde"
EN_BODY = [
    "The city of Porto Verde opened its first floating solar farm on Tuesday, on the "
    "reservoir that supplies most of its drinking water.",
    "The plant has 12,000 panels spread over eight hectares and should produce enough "
    "electricity for about 9,000 homes, according to the regional energy agency.",
    "Engineers say the water keeps the panels cool, which raises their output by up to a "
    "tenth compared with panels on land. The shade also slows evaporation from the "
    "reservoir during the dry months.",
    "Local fishermen had opposed the project at first, fearing that the floats would drive "
    "fish away. After two years of trials the agency agreed to leave a wide channel free "
    "along the northern shore.",
    "The project cost 14 million euros, two thirds of it from a European fund for the "
    "energy transition. The rest came from the municipal water company, which will sell "
    "the electricity to the grid.",
    "The mayor, Helena Duarte, said the city wants to cover a second reservoir by 2029. "
    "Environmental groups welcomed the plan but asked for an independent study of the "
    "effects on birds that nest on the banks.",
]

# (name, paragraphs): the Portuguese line at the top, beside the English caption, in the
# middle of the body, at the end; with and without a final full stop
LAYOUTS = {
    "pt-caption-on-top": [PT_CAPTION, EN_HEAD, EN_CAPTION, *EN_BODY],
    "pt-beside-en-caption": [EN_HEAD, PT_CAPTION_BARE, EN_CAPTION, *EN_BODY],
    "pt-after-headline": [EN_HEAD, PT_CAPTION, *EN_BODY],
    "pt-in-the-body": [EN_HEAD, EN_CAPTION, *EN_BODY[:3], PT_CAPTION, *EN_BODY[3:]],
    "pt-at-the-end": [EN_HEAD, EN_CAPTION, *EN_BODY, PT_CAPTION],
    "pt-headline-on-top": [PT_CAPTION_BARE, EN_HEAD, *EN_BODY],
}


def page(tmp_path, name):
    p = tmp_path / f"{name}.txt"
    p.write_text("\n\n".join(LAYOUTS[name]) + "\n", encoding="utf-8")
    return p


def assert_partial(rep: dict) -> None:
    assert not [i for i in rep["issues"] if i["type"] == "addition"], rep["issues"]
    notes = [n for n in rep["notes"] if "Partial source" in n]
    assert len(notes) == 1, rep["notes"]
    # no body row taken for an addition: the English with no source is shown, unchecked
    assert not [b for b in rep["alignment"] if not b["pt"] and b["en"]
                and b["en"]["field"] == "body" and b.get("checked", True)]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_seed_like_pages_through_the_api(tmp_path, name):
    art = article.load(page(tmp_path, name))
    rep = pipeline.check(art, None, Config()).to_dict()
    assert_partial(rep)


def run_cli(path, engine):
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--format",
                        "json", "--engine", engine, "--no-cache"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_seed_like_pages_cli_without_translation(tmp_path, name):
    assert_partial(run_cli(page(tmp_path, name), "none"))


@pytest.mark.apertium
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_seed_like_pages_cli_apertium(tmp_path, name):
    need_apertium()
    rep = run_cli(page(tmp_path, name), "apertium")
    assert_partial(rep)
    if "en-caption" in name or name == "pt-caption-on-top":
        # the Portuguese line finds the English caption that translates it
        found = [b for b in rep["alignment"] if b["pt"]]
        assert found and all(b["en"] and b["en"]["field"] == "caption" for b in found)


@pytest.mark.apertium
def test_seed_page_is_a_partial_source():
    need_apertium()
    rep = run_cli(need_shared("seed", "000_fe25936ff1d3ac08.txt"), "apertium")
    assert_partial(rep)



FREE_HEADLINE_PAGE = """# Heatwave pushes electricity demand to record in Spain and Portugal

*Onda de calor leva o consumo de eletricidade a um máximo histórico na Península Ibérica*

Electricity demand in Spain and Portugal reached a record on Tuesday as temperatures \
passed 44 degrees in parts of the Alentejo.

Grid operators said supply was never at risk, thanks mainly to solar power, which covered \
almost half of the demand at midday.

Meteorologists expect the heat to ease from Friday, when a cold front is due to reach the \
north of Portugal.
"""


@pytest.mark.apertium
def test_a_freely_rendered_headline_finds_the_english_headline(tmp_path):
    """The Portuguese line over the page renders the English headline freely ("Península
    Ibérica" / "Spain and Portugal"): too little evidence for a match anywhere on the
    page, enough in its own field where it is clearly the best. It was a major omission."""
    need_apertium()
    p = tmp_path / "heatwave.md"
    p.write_text(FREE_HEADLINE_PAGE, encoding="utf-8")
    rep = run_cli(p, "apertium")
    assert_partial(rep)
    assert [i for i in rep["issues"] if i["severity"] != "info"] == []
    [bead] = [b for b in rep["alignment"] if b["pt"]]
    assert bead["en"]["field"] == "headline" and bead["en"]["text"].startswith("Heatwave")

# -- the decision, at the aligner --------------------------------------------------------

def seg(side, field, par, text):
    return Segment(side, field, par, text)


PT_BODY = [
    "A cidade de Porto Verde inaugurou na terça-feira a sua primeira central solar flutuante.",
    "A central tem 12.000 painéis em oito hectares.",
    "O projeto custou 14 milhões de euros.",
]
EN_TR = [
    "The city of Porto Verde opened its first floating solar plant on Tuesday.",
    "The plant has 12,000 panels on eight hectares.",
    "The project cost 14 million euros.",
]
EXTRA = ["The mayor said the city wants to cover a second reservoir by 2029.",
         "Fishermen had opposed the project at first."]
EXTRA_PT = ["O prefeito disse que a cidade quer cobrir uma segunda represa até 2029.",
            "Os pescadores se opuseram ao projeto no início."]


def test_a_translation_with_added_sentences_is_not_partial():
    s = Segmented(pt=[seg("pt", "body", k, t) for k, t in enumerate(PT_BODY)],
                  en=[seg("en", "body", k, t) for k, t in enumerate(EN_TR)]
                  + [seg("en", "body", 3, t) for t in EXTRA])
    beads, partial = align.align_article(s, EN_TR, PT_BODY + EXTRA_PT)
    assert not partial
    assert [b.tgt for b in beads if not b.src] == [(3,), (4,)]


def test_a_short_portuguese_body_over_a_long_english_one_is_partial():
    # the Portuguese caption came out as body (it ends with a full stop)
    s = Segmented(pt=[seg("pt", "body", 0, PT_BODY[1])],
                  en=[seg("en", "body", k, t) for k, t in enumerate(EN_TR + EXTRA)])
    beads, partial = align.align_article(s, [EN_TR[1]], PT_BODY + EXTRA_PT)
    assert partial
    assert [(b.src, b.tgt) for b in beads] == [((0,), (1,))]


def test_a_faithful_translation_is_never_partial(shared):
    from backcheck.translate.apertium import installed
    if not installed():
        pytest.skip("apertium is not installed (scripts/system-deps.sh apertium)")
    from backcheck.translate.apertium import ApertiumTranslator
    tr = ApertiumTranslator()
    path = shared("corpus", "dev", "clean", "dev-001.json")
    s = segment.segment(article.load(path))
    _, partial = align.align_article(s, tr.translate([x.text for x in s.pt], "pt", "en"),
                                     tr.translate([x.text for x in s.en], "en", "pt"))
    assert not partial


NAMED_HEADLINE_PAGE = """Metrô de São Paulo inaugura estações Orfanato e Água Rasa da Linha 2-Verde

São Paulo metro opens Orfanato and Água Rasa stations on Line 2-Green

The two new stations are expected to serve 60,000 passengers a day, according to the state's metropolitan transport department.

Work on the extension began in 2019 and was delayed twice by disputes over the contract. Officials said the line would reach the next district by 2027.

Residents of the area, which until now relied on buses to reach the nearest station, welcomed the opening on Saturday morning.
"""


def test_an_english_headline_of_portuguese_names_is_english(tmp_path):
    """"São Paulo metro opens Orfanato and Água Rasa stations": lingua is unsure (the
    names look Portuguese); "and", "on" are function words only English has. It was read
    as Portuguese, leaving both headlines unmatched (two major omissions)."""
    from backcheck.lang.detect import detect
    assert detect("São Paulo metro opens Orfanato and Água Rasa stations on Line 2-Green") == "en"
    assert detect("Metrô de São Paulo inaugura estações Orfanato e Água Rasa da Linha 2-Verde") == "pt"
    p = tmp_path / "metro.txt"
    p.write_text(NAMED_HEADLINE_PAGE, encoding="utf-8")
    art = article.load(p)
    assert art.en.headline.startswith("São Paulo metro") and art.pt.headline.startswith("Metrô")
    rep = run_cli(p, "none")
    assert_partial(rep)
    assert [i for i in rep["issues"] if i["severity"] != "info"] == []
