"""Artifact check: CMS junk found on either side, no false alarms on ordinary news text."""
import glob
import json

import pytest

from backcheck import article, segment
from backcheck.article import Article, Side
from backcheck.checks import Context, artifact
from backcheck.config import Config


def issues_for(en_body, pt_body=None, **en_fields):
    pt_body = pt_body or [f"Parágrafo {k} em português sem nenhum problema." for k in range(len(en_body))]
    art = Article("t", Side(body=pt_body), Side(body=en_body, **en_fields))
    ctx = Context(art, segment.segment(art), None, None, [], Config())
    return artifact.check(ctx)


def kinds(issues):
    return sorted(i.evidence["kind"] for i in issues)


@pytest.mark.parametrize("text, kind, match", [
    ("Talks resumed on Monday. 04160333The meeting took place amid tension.", "glued-digits", "04160333"),
    ("The meeting took place in Geneva 11250917.", None, None),      # standalone: not glued
    ("Officials met in Geneva04160333 on Monday.", "glued-digits", "04160333"),
    ("The bill was approved&nbsp;by the Senate.", "markup", "&nbsp;"),
    ("He called it <strong>a historic day.", "markup", "<strong>"),
    ("She said it was <em>very</em> clear.", "markup", "<em>"),
    ("The rate rose &#8220;sharply&#8221; in May.", "markup", "&#8220;"),
    ("[caption id=\"attachment_12\"]The mayor speaks.", "markup", "[caption id=\"attachment_12\"]"),
    ("Fans follow the match at the stadium [TK]", "placeholder", "[TK]"),
    ("The company earned XXXX million last year.", "placeholder", "XXXX"),
    ("Lorem ipsum dolor sit amet, the minister said.", "placeholder", "Lorem ipsum"),
    ("The project costs [insert figure] in total.", "placeholder", "[insert figure]"),
    ("He promised to defend “equality and justice”. international.”", "stray-fragment", "international.”"),
    ("It forecasts exports of 106 million tonnes of 106 million tonnes in 2025.", "duplicated", "of 106 million tonnes"),
    ("Sites open at subway stations and bus terminals, and bus terminals, daily.", "duplicated", "and bus terminals"),
    ("The the government said on Friday that talks would go on.", "doubled-word", "The"),
    ("He said “the talks failed and left.", "unbalanced-quote", "“"),
    ("He said the talks failed” and left.", "unbalanced-quote", "”"),
    ("He said \"the talks failed and left.", "unbalanced-quote", '"'),
    ("O ministro disse «que não sabe e saiu.", "unbalanced-quote", "«"),
    ("Officials met in Beijing.04160333 The talks went on.", "glued-digits", "04160333"),
    ("Officials met in Beijing. 04160333 The talks went on.", "glued-digits", "04160333"),
    ("Leia também: governo anuncia novo pacote", "boilerplate", "Leia também"),
    ("Advertisement", "boilerplate", "Advertisement"),
    ("The plan was **approved** by the council.", "markup", "**approved**"),
    ("See [the report](https://example.org/r) for details.", "markup", "[the report]"),
    ("He resigned.\\nThe party agreed.", "markup", "\\n"),
    ("Dear {name}, the figure is (TK).", "placeholder", "{name}"),
    ("The plan was approved. was approved. by the council on Friday.", "duplicated", "was approved"),
    ("The new law on public tenders for state companies was passed after the new law on public tenders for state companies stalled.",
     "repeated-phrase", "the new law on public"),
])
def test_finds_junk(text, kind, match):
    found = issues_for([text])
    if kind is None:
        assert found == []
        return
    assert kinds(found) == [kind]
    assert found[0].evidence["match"].startswith(match) or match.startswith(found[0].evidence["match"])
    assert found[0].type == "artifact" and found[0].en.field == "body" and found[0].pt is None
    assert found[0].en.text in text and found[0].evidence["match"] in found[0].en.text


@pytest.mark.parametrize("text", [
    "Gasoline costs R$5.92 a litre, up from R$ 5,40, and the deal is worth US$ 3 bi.",
    "The session starts at 14h30 and ends at 2:30 p.m. on the 19th; it is the 1º round.",
    "Sales rose 3.5% to 1,250 units in 2024, and 12.4 million people voted in 1990s polls.",
    "The 10km race and the 5G auction were held on 12/03/2025 at 9am.",
    "“We will win. We are ready,” he said. “Nobody doubts it.”",
    "It was a very very long night, and the answer was no, no and no.",
    "He had had enough, and he said that that was the end of it.",
    "The band Duran Duran played in Bora Bora.",
    "Interest rose 0,5 p.p. in May and 0,25 p.p. in June, the U.S. Fed said.",
    "The score was 2 2 at half time, officials of the Ministry of Health and the Ministry of Health of Bahia said.",
    "Super Bowl XXX was played in Arizona.",
    "Population reached 203,062,512 people, or 203062512 in the raw table.",
    "AT&T and Johnson & Johnson shares rose <3% on the day.",
    "He is 5'10\" tall and weighs 80 kg; call 0800 123 4567 or 011 98765-4321.",
    "The loan costs 0.0012% a day, and the code 0,0000125 was published.",
    "Read the full report on the ministry website. Related parties were heard.",
    "The minister said: \"We will cut taxes.\" The deal is done.",
    "«Não vamos desistir», disse o ministro. «O país está preparado.»",
    "O guia vai de A a Z e recomenda vitamina E e zinco, se se confirmar o diagnóstico.",
])
def test_no_false_alarms(text):
    assert issues_for([text]) == []


def test_quote_running_over_paragraphs_is_fine():
    body = ["“We will rebuild every school in the region, and we will do it this year.",
            "“The money is already in the budget,” the governor said."]
    assert issues_for(body) == []


def test_straight_quote_running_over_paragraphs_is_fine():
    body = ['"We will rebuild every school in the region, and we will do it this year.',
            '"The money is already in the budget," the governor said.']
    assert issues_for(body) == []


def test_portuguese_side_checked_and_one_issue_per_problem():
    pt = ["O governo disse 04160333que vai agir. Ele defendeu “a justiça”. internacional.”"]
    art = Article("t", Side(body=pt), Side(body=["The government said it would act."]))
    found = artifact.check(Context(art, segment.segment(art), None, None, [], Config()))
    assert kinds(found) == ["glued-digits", "stray-fragment"]
    assert all(i.pt is not None and i.en is None for i in found)
    assert {i.severity for i in found} == {"major"}


def test_repeated_sentence_and_severity_policy():
    body = ["The council approved the new budget on Friday night.",
            "The council approved the new budget on Friday night.",
            "Taxes will rise in the the next year."]
    found = issues_for(body)
    assert [(i.evidence["kind"], i.severity) for i in found] == [
        ("duplicated", "major"), ("doubled-word", "minor")]


def test_headline_and_caption_are_checked():
    found = issues_for(["Fine text."], headline="Markets <b>rally", caption="Fans at the stadium [TK]")
    assert sorted((i.en.field, i.evidence["kind"]) for i in found) == [
        ("caption", "placeholder"), ("headline", "markup")]


def test_counterpart_filled_from_beads():
    from backcheck.align import Bead
    art = Article("t", Side(body=["O governo agiu."]), Side(body=["The government&nbsp;acted."]))
    ctx = Context(art, segment.segment(art), None, None, [Bead([0], [0], 0.9)], Config())
    (issue,) = artifact.check(ctx)
    assert issue.pt.text == "O governo agiu." and issue.en.text == "The government&nbsp;acted."


def _ctx(path):
    art = article.load(path)
    return Context(art, segment.segment(art), None, None, [], Config())


def test_clean_dev_corpus_has_no_artifacts(shared):
    files = sorted(glob.glob(str(shared("corpus", "dev", "clean") / "*.json")))
    assert files
    for f in files:
        assert artifact.check(_ctx(f)) == [], f


def test_corrupted_dev_corpus_artifacts_found(shared):
    files = sorted(glob.glob(str(shared("corpus", "dev", "corrupted") / "*.json")))
    n = 0
    for f in files:
        gold = [g for g in json.load(open(f, encoding="utf-8"))["gold"] if g["type"] == "artifact"]
        found = artifact.check(_ctx(f))
        for g in gold:
            n += 1
            para = g["en_unit"][0] if g["en_unit"] else None
            assert any(i.en and i.en.field == g["field"] and i.en.paragraph == para
                       for i in found), (f, g["note"])
        assert len(found) == len(gold), f          # nothing else, one issue per problem
    assert n >= 5


def test_cli_reports_artifacts(tmp_path):
    import subprocess
    import sys
    from conftest import ROOT
    d = {"id": "junk", "pt": {"headline": "Governo corta gastos",
                             "body": ["O governo anunciou cortes de R$ 5,92 bilhões nesta sexta-feira (4).",
                                      "A oposição criticou a medida."]},
         "en": {"headline": "Government cuts spending",
                "body": ["The government announced cuts of R$5.92 billion on Friday (4).&nbsp;",
                         "12345678The opposition criticised the measure."]}}
    p = tmp_path / "junk.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--format", "json",
                        "--engine", "none"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stderr                # major issues fail by default
    rep = json.loads(r.stdout)
    arts = sorted((i["en"]["paragraph"], i["evidence"]["kind"]) for i in rep["issues"]
                  if i["type"] == "artifact")
    assert arts == [(0, "markup"), (1, "glued-digits")]


def test_doubled_preposition_is_only_info():
    # a phrasal verb's particle meeting the next phrase's preposition is grammatical
    found = issues_for(["It is a project we have been waiting for for more than a century."])
    assert [(i.evidence["kind"], i.severity) for i in found] == [("doubled-particle", "info")]
    found = issues_for(["Taxes will rise in the the next year."])
    assert [(i.evidence["kind"], i.severity) for i in found] == [("doubled-word", "minor")]


def test_closing_tag_opening_a_sentence_belongs_to_the_one_before():
    # "years.</p> Chilean" is split after the full stop; the tag closes the first sentence
    found = issues_for(["Work starts in 2027 and takes eight years.</p> The president spoke next."])
    [i] = found
    assert i.evidence["kind"] == "markup" and i.en.text.startswith("Work starts")


def test_line_break_opening_a_sentence_belongs_to_the_one_before():
    found = issues_for(["Work starts in 2027 and takes eight years.<br/> The president spoke next."])
    [i] = found
    assert i.evidence["kind"] == "markup" and i.en.text.startswith("Work starts")
    # an opening tag stays with the sentence it opens
    [i] = issues_for(["Work starts in 2027 and takes eight years. <strong>The president spoke next."])
    assert i.en.text.startswith("<strong>The president")


# ---- real prose versus CMS junk -------------------------------------------------------------

@pytest.mark.parametrize("text, kind, match", [
    ("HIV HIV transmission through sex is an acute issue.", "doubled-word", "HIV"),
    ("Aguero received the ball deep in Brighton territory [update].", "placeholder", "[update]"),
    ("Trump [[image:2]] took a much more optimistic view.", "markup", "[[image:2]]"),
    ("By %%AUTHOR%% in Brasília.", "markup", "%%AUTHOR%%"),
    ("He was XXX arrested and charged on Monday night.", "placeholder", "XXX"),
    ("Never more so67381 than at competitions like these.", "glued-digits", "67381"),
    ('208584"This is a fire that people are drawn to," he said.', "glued-digits", "208584"),
    ("It is likely to happen early happen early next week.", "duplicated", "happen early"),
])
def test_finds_more_junk(text, kind, match):
    [i] = [i for i in issues_for([text]) if i.severity != "info"]
    assert (i.evidence["kind"], i.evidence["match"]) == (kind, match)
    assert i.severity in ("major", "minor")


@pytest.mark.parametrize("text", [
    "Fans wrote to @maria2019123 and used #covid19 on example.com/a1234567 all day.",
    "He said the plan was [...] a disgrace, and the Games of the XXX Olympiad opened.",
    "Boeing 737 and A380 jets, a G20 summit and MP3 files.",
])
def test_more_ordinary_text_is_fine(text):
    assert issues_for([text]) == []


def counted(issues):
    return [i for i in issues if i.severity != "info"]


def test_rhetoric_and_parallel_lists_are_only_info():
    # real news repeats on purpose: anaphora, parallel lists
    body = ['"Women are not going to forget what happened yesterday - they are not going to '
            'forget it tomorrow and not in November," she said.',
            "Background to high concentrations in Manatee County, background to high "
            "concentrations in or offshore of Sarasota County, were reported."]
    found = issues_for(body)
    assert counted(found) == []
    assert [i.evidence["kind"] for i in found] == ["repeated-phrase", "repeated-phrase"]


def test_quotes_across_sentences_and_paragraphs_are_only_info():
    # a quotation re-punctuated by the translator, one closing mark in the next paragraph
    body = ['"We will win this, the minister said. We are ready.',
            'Nobody doubts it," she added.']
    found = issues_for(body)
    assert counted(found) == [] and {i.evidence["kind"] for i in found} == {"unbalanced-quote"}


def _pair(pt, en):
    from backcheck.align import Bead
    art = Article("t", Side(body=[pt]), Side(body=[en]))
    seg = segment.segment(art)
    beads = [Bead(list(range(len(seg.pt))), list(range(len(seg.en))), 0.8)]
    return Context(art, seg, None, None, beads, Config())


def test_repetition_mirrored_in_the_other_language_is_deliberate():
    ctx = _pair("“Vamos lutar, vamos lutar até o fim”, disse ele.",
                "“We will fight, we will fight to the end,” he said.")
    assert artifact.check(ctx) == []
    # the same English opposite a Portuguese that does not repeat: a duplicated fragment
    ctx = _pair("“Vamos lutar até o fim”, disse ele.",
                "“We will fight, we will fight to the end,” he said.")
    [i] = artifact.check(ctx)
    assert i.evidence["kind"] == "duplicated" and i.severity == "major"
    # a doubled word the translation has too ("muito muito" = "very very" is skipped anyway)
    ctx = _pair("Foi um dia triste, triste.", "It was a sad sad day.")
    assert artifact.check(ctx) == []


def test_entity_split_off_as_a_sentence_names_its_sentence():
    body = ["The plan includes 40 bike racks, which will grow from 600 to 1,250 bicycles.&nbsp;",
            "Residents welcomed it."]
    [i] = issues_for(body)
    assert i.evidence["match"] == "&nbsp;"
    assert i.en.text.startswith("The plan includes 40 bike racks") and "&nbsp;" in i.en.text


def test_cli_shows_the_sentence_of_an_entity(tmp_path):
    import subprocess
    import sys
    from conftest import ROOT
    d = {"id": "nbsp", "pt": {"body": [["O plano prevê 40 bicicletários, que passarão de 600 para 1.250."],
                                      ["Os moradores aprovaram."]]},
         "en": {"body": [["The plan includes 40 bike racks, which will grow from 600 to 1,250.&nbsp;"],
                         ["Residents approved."]]}}
    p = tmp_path / "nbsp.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--engine", "none"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stderr
    block = r.stdout[r.stdout.index("leftover markup"):]
    assert "EN     The plan includes 40 bike racks" in block.split("match")[0]


def test_calibrated_threshold_and_observations():
    from backcheck.checks.calibration import Calibration
    text = "It forecasts exports of 106 million tonnes of 106 million tonnes in 2025."
    ctx = _pair("Prevê exportações de 106 milhões de toneladas em 2025.", text)
    ctx.observations = {}
    [i] = artifact.check(ctx)
    assert i.severity == "major"
    assert ctx.observations == {"artifact": {"repeat": [4.0]}}      # one value for the pair
    # a calibration that asks for 5 words makes the same 4-word repeat minor
    ctx = _pair("Prevê exportações de 106 milhões de toneladas em 2025.", text)
    ctx.calibration = Calibration(values={"artifact": {"duplicated": 5}})
    [i] = artifact.check(ctx)
    assert (i.evidence["kind"], i.severity) == ("duplicated", "minor")


def test_word_lists_are_data_files():
    from backcheck.lang import lexicon
    assert "very" in lexicon.words("repeatable") and "for" in lexicon.words("particles.en")
    assert "leia também" in lexicon.phrases("boilerplate", folded=False)
    assert "strong" in lexicon.words("html_tags") and "TK" in lexicon.words("placeholder_markers")


def test_real_clean_articles_raise_almost_nothing(shared):
    # NTREX: professional translations; the only counted findings allowed are real slips
    files = sorted(glob.glob(str(shared("corpus", "ntrex", "clean") / "*.json")))
    assert len(files) > 100
    found = [(f, i) for f in files for i in artifact.check(_ctx(f)) if i.severity != "info"]
    assert len(found) <= 0.05 * len(files), [(f, i.message) for f, i in found]


def test_furniture_the_translator_carried_over_is_reported_once_on_the_english(tmp_path):
    """"Leia também: ..." translated as "Read more: ..." is one problem: one issue, on
    the English side; furniture on the Portuguese side alone is still reported there."""
    pt, en = ("Leia também: Governo e sindicatos voltam a reunir-se na próxima semana",
              "Read more: Government and unions to meet again next week")
    [i] = artifact.check(_pair(pt, en))
    assert i.evidence["kind"] == "boilerplate" and i.evidence["side"] == "en"
    assert i.pt is not None and i.en is not None
    [i] = artifact.check(_pair(pt, "Government and unions will meet again next week."))
    assert i.evidence["side"] == "pt"
    import subprocess
    import sys

    from conftest import ROOT
    art = {"id": "f1", "pt": {"body": ["Os professores fizeram greve em 14 distritos.", pt]},
           "en": {"body": ["Teachers went on strike in 14 districts.", en]}}
    p = tmp_path / "f1.json"
    p.write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--format", "json",
                        "--engine", "none"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stderr
    arts = [i for i in json.loads(r.stdout)["issues"] if i["type"] == "artifact"]
    assert [(i["evidence"]["kind"], i["evidence"]["side"]) for i in arts] == [("boilerplate", "en")]
