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
     "duplicated", "the new law on public"),
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
