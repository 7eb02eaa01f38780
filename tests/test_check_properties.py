"""Every targeted check survives odd text on both sides, with and without translations."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck import checks
from backcheck.align import Bead
from backcheck.checks import entity, negation, number, untranslated
from backcheck.config import Config
from backcheck.segment import Segment, Segmented

PIECES = st.sampled_from(list("0123456789.,:%$€ hHºª°()“”'’-/aeoãçNT\n") + [
    "não", "no", "n't", "mil", "milhões", "billion", "Pequim", "US$", "R$", "p.m.", "maio",
    "May", "EUA", "U.S.", "Sr.", "de", "Rio", "19h30", "dois", "twenty-five", "Código"])
TEXT = st.lists(PIECES, max_size=50).map("".join)


@pytest.mark.parametrize("check", [number, entity, negation, untranslated],
                         ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_check_never_crashes_on_odd_text(check):
    @settings(max_examples=60, deadline=None)
    @given(TEXT, TEXT, st.booleans())
    def run_once(p, e, mt):
        ctx = checks.Context(None, Segmented([Segment("pt", "body", 0, p)],
                                             [Segment("en", "body", 0, e)]),
                             [e] if mt else None, [p] if mt else None,
                             [Bead((0,), (0,), None)], Config())
        for issue in check.check(ctx):
            assert issue.pt is not None and issue.en is not None and issue.message

    run_once()
