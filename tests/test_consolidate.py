"""Consolidation: one problem, one issue; evidence normalised from the bead."""
from checks_ctx import make_ctx

from backcheck.checks.consolidate import consolidate
from backcheck.report.model import Issue

ROWS = [(["A tarifa subiu para R$ 5,20 nesta segunda."], ["The fare rose to R$5.80 on Monday."],
         ["The tariff went up to R$ 5,20 this Monday."], ["A tarifa subiu para R$5.80 na segunda."], 0.7),
        (["O prefeito defendeu o reajuste."], ["The mayor defended the increase."],
         ["The mayor defended the readjustment."], ["O prefeito defendeu o aumento."], 0.8)]


def ctx():
    return make_ctx(ROWS)


def issue(c, kind, severity, bead=0, **ev):
    b = c.beads[bead]
    return Issue(kind, severity, c.loc("pt", b.src), c.loc("en", b.tgt), f"{kind} here", dict(ev))


def test_number_and_mistranslation_on_one_sentence_give_one_number_issue():
    c = ctx()
    out = consolidate(c, [issue(c, "mistranslation", "major"), issue(c, "number", "major")])
    assert [(i.type, i.severity) for i in out] == [("number", "major")]
    assert out[0].evidence["also"] == ["mistranslation: mistranslation here"]


def test_kept_issue_takes_the_worst_counted_severity():
    c = ctx()
    out = consolidate(c, [issue(c, "entity", "minor"), issue(c, "omission", "critical")])
    assert [(i.type, i.severity) for i in out] == [("entity", "critical")]


def test_hint_on_a_counted_sentence_is_absorbed_but_alone_it_stays():
    c = ctx()
    out = consolidate(c, [issue(c, "mistranslation", "info"), issue(c, "omission", "major"),
                          issue(c, "mistranslation", "info", bead=1)])
    assert [(i.type, i.severity) for i in out] == [("omission", "major"),
                                                   ("mistranslation", "info")]


def test_artifact_is_a_separate_problem():
    c = ctx()
    out = consolidate(c, [issue(c, "artifact", "major"), issue(c, "number", "major")])
    assert sorted(i.type for i in out) == ["artifact", "number"]


def test_issues_on_different_beads_stay_apart():
    c = ctx()
    out = consolidate(c, [issue(c, "number", "major"), issue(c, "number", "major", bead=1)])
    assert len(out) == 2


def test_evidence_and_missing_side_are_filled_from_the_bead():
    c = ctx()
    only_en = Issue("number", "major", None, c.loc("en", (0,)), "number",
                    {"back_translation": "given by the check"})
    out = consolidate(c, [only_en])
    ev = out[0].evidence
    assert ev["pt2en"] == "given by the check"          # D1's name is kept as pt2en
    assert ev["en2pt"] == ROWS[0][3][0] and ev["similarity"] == 0.7
    assert out[0].pt.text == ROWS[0][0][0]              # both sides named for the scorer
    plain = consolidate(c, [issue(c, "mistranslation", "major", bead=1)])[0].evidence
    assert plain["pt2en"] == ROWS[1][2][0] and plain["similarity"] == 0.8


def test_omission_keeps_no_english_side():
    c = make_ctx(ROWS + [(["A oposição criticou a medida."], [], ["The opposition criticised the measure."], [])])
    b = c.beads[2]
    out = consolidate(c, [Issue("omission", "major", c.loc("pt", b.src), None, "omitted", {})])
    assert out[0].en is None and out[0].evidence["pt2en"] == "The opposition criticised the measure."


def test_dropped_half_sentence_outranks_the_numbers_it_took_with_it():
    c = ctx()
    partial = issue(c, "omission", "major", missing=["perdeu", "11", "rodadas"])
    out = consolidate(c, [issue(c, "number", "major"), partial])
    assert [i.type for i in out] == ["omission"]


def test_run_never_crashes_and_gives_valid_issues():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from backcheck import checks
    from backcheck.report.model import SEVERITIES, TYPES

    words = st.sampled_from(["o", "preço", "subiu", "fell", "não", "12", "“", "Lula", "",
                             "the", "price", "rose", "sem", "R$", "3,5%", "caiu", "e"])
    sent = st.lists(words, max_size=8).map(" ".join)
    bead = st.tuples(st.lists(sent, max_size=2), st.lists(sent, max_size=2))

    @settings(max_examples=60, deadline=None)
    @given(st.lists(bead, max_size=5), st.booleans(), st.booleans())
    def prop(beads, partial, translated):
        rows = [(p, e, [s[::-1] for s in p], [s.upper() for s in e]) for p, e in beads
                if p or e]
        c = make_ctx(rows, partial=partial, translated=translated)
        for i in checks.run(c):
            assert i.type in TYPES and i.severity in SEVERITIES
            assert i.pt is not None or i.en is not None

    prop()


def test_moved_sentence_gets_both_translations():
    c = make_ctx(ROWS + [(["A oposição criticou a medida."], [], ["The opposition criticised the measure."], []),
                         ([], ["The opposition criticised the measure."], [], ["A oposição criticou a medida."])])
    out = consolidate(c, [Issue("mistranslation", "minor", c.loc("pt", (2,)), c.loc("en", (2,)),
                                "moved", {})])
    assert out[0].evidence["pt2en"] == "The opposition criticised the measure."
    assert out[0].evidence["en2pt"] == "A oposição criticou a medida."


def test_omission_keeps_its_rating_over_the_negation_that_went_missing_with_it():
    c = ctx()
    partial = issue(c, "omission", "major", missing=["empresa", "comentou"])
    out = consolidate(c, [issue(c, "negation", "critical"), partial])
    assert [(i.type, i.severity) for i in out] == [("omission", "major")]


def test_untranslated_outranks_an_addition_on_the_same_sentence():
    c = ctx()
    out = consolidate(c, [issue(c, "addition", "major", extra=["tarifa"]),
                          issue(c, "untranslated", "critical")])
    assert [(i.type, i.severity) for i in out] == [("untranslated", "critical")]


def test_flip_on_a_sentence_with_a_wrong_figure_is_a_second_problem():
    """A negator added to a sentence whose figure is also wrong: the negation check sees
    only negators, the number check only figures; neither explains the other."""
    c = ctx()
    out = consolidate(c, [issue(c, "negation", "major"), issue(c, "number", "major"),
                          issue(c, "mistranslation", "major")])
    assert sorted((i.type, i.severity) for i in out) == [("negation", "major"),
                                                         ("number", "major")]
    number = next(i for i in out if i.type == "number")
    assert number.evidence["also"] == ["mistranslation: mistranslation here"]
    # a hint of a flip is still absorbed, and a dropped clause still explains the flip
    out = consolidate(c, [issue(c, "negation", "info"), issue(c, "entity", "major")])
    assert [i.type for i in out] == ["entity"]
    out = consolidate(c, [issue(c, "negation", "major"), issue(c, "number", "major"),
                          issue(c, "omission", "major", missing=["não", "subiu"])])
    assert [i.type for i in out] == ["omission"]


def test_a_name_swapped_outside_an_added_clause_is_a_second_problem():
    c = ctx()
    added = issue(c, "addition", "major", extra=["received", "loud", "boos"])
    swap = issue(c, "entity", "major", pt_items=["Feinstein"], en_items=["Kelly"])
    assert sorted(i.type for i in consolidate(c, [added, swap])) == ["addition", "entity"]
    # the figure that went with a dropped clause is its symptom
    c = ctx()
    dropped = issue(c, "omission", "major", missing=["virão", "60%", "financiamento"])
    figure = issue(c, "number", "major", pt_items=["60%"], en_items=[])
    assert [i.type for i in consolidate(c, [dropped, figure])] == ["omission"]


def test_a_flip_in_another_clause_than_the_dropped_one_is_a_second_problem():
    c = ctx()
    dropped = issue(c, "omission", "major", missing=["pediu", "testemunhas", "investigação"])
    flip = issue(c, "negation", "major", pt_items=["não"], negated=["ferimentos", "graves"])
    assert sorted(i.type for i in consolidate(c, [dropped, flip])) == ["negation", "omission"]
    # the negated clause is the one that went missing: the flip is its symptom
    c = ctx()
    dropped = issue(c, "omission", "major", missing=["ferimentos", "graves", "polícia"])
    flip = issue(c, "negation", "major", pt_items=["não"], negated=["ferimentos", "graves"])
    assert [i.type for i in consolidate(c, [dropped, flip])] == ["omission"]
