"""Property tests (hypothesis) for the stages that see arbitrary input."""
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcheck import align, article, segment
from backcheck.errors import InputError

WS = re.compile(r"\s+")
NEWS_ALPHABET = st.sampled_from(list("abcdeéãçAÉSP .,;:!?…“”\"'()-–0123456789%$\n") +
                                ["Sr.", "Dr.", "EUA", "U.S.", "p.m.", "n.º", " 3,5", " 1.250", "..."])
texts = st.one_of(st.text(max_size=300), st.lists(NEWS_ALPHABET, max_size=120).map("".join))


def squash(s: str) -> str:
    return WS.sub("", s)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["pt", "en"]))
def test_split_keeps_every_non_space_character_once(text, lang):
    sentences = segment.split(text, lang)
    assert all(s.strip() for s in sentences)
    assert squash("".join(sentences)) == squash(text)


sent_lists = st.lists(st.text(min_size=0, max_size=40), max_size=30)


@settings(max_examples=150, deadline=None)
@given(sent_lists, sent_lists, st.booleans(), st.booleans())
def test_aligner_covers_each_sentence_once_in_order(src, tgt, with_fwd, with_back):
    fwd = [s[::-1] for s in src] if with_fwd else None
    back = [t.upper() for t in tgt] if with_back else None
    beads = align.align(src, tgt, fwd, back)
    src_idx = [i for b in beads for i in b.src]
    tgt_idx = [j for b in beads for j in b.tgt]
    assert src_idx == list(range(len(src)))
    assert tgt_idx == list(range(len(tgt)))
    assert all(b.src or b.tgt for b in beads)
    assert all(b.score is None or 0.0 <= b.score <= 1.0 for b in beads)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from(["a.json", "a.txt", "a.md", "a"]))
def test_loader_raises_only_input_error_on_random_bytes(tmp_path, data, name):
    p = tmp_path / name
    p.write_bytes(data)
    try:
        art = article.load(p)
    except InputError as e:
        assert e.reason
    else:
        assert isinstance(art, article.Article)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda c: st.lists(c, max_size=4) | st.dictionaries(
                               st.sampled_from(["pt", "en", "body", "headline", "caption",
                                                "credit", "standfirst", "id"]), c, max_size=5),
                           max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_values)
def test_json_loader_raises_only_input_error_on_random_structures(tmp_path, obj):
    p = tmp_path / "r.json"
    p.write_text(json.dumps(obj), encoding="utf-8")
    try:
        art = article.load(p)
    except InputError as e:
        assert e.reason
    else:
        assert not art.pt.is_empty() and not art.en.is_empty()
