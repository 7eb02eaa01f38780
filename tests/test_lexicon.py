"""lang.lexicon: word lists from data files, and the user's keep list."""
import pytest

from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.lang import lexicon
from backcheck.lang.words import own_function_words


def test_words_and_phrases_from_data_files():
    assert "selic" in lexicon.words("loanwords.en", folded=True)
    assert "centrao" in lexicon.words("loanwords.en", folded=True)     # folded: no accent
    phrases = lexicon.phrases("boilerplate")
    assert "leia também" in phrases and "story continues below" in phrases
    assert all("#" not in p for p in phrases)
    with pytest.raises(LookupError):
        lexicon.words("no-such-lexicon")


def test_function_words_only_one_language_has():
    pt, en = own_function_words("pt"), own_function_words("en")
    assert {"que", "nao", "pelo"} <= pt and {"the", "of", "which"} <= en
    assert not pt & en and "a" not in pt and "a" not in en      # shared: neither


def test_keep_file_one_entry_a_line(tmp_path):
    p = tmp_path / "keep.txt"
    p.write_bytes("\ufeff# brands and places\nPraça  da Sé\n\nfavela\nItaú\n".encode("utf-8"))
    keep = lexicon.user(Config(keep=str(p))).keep
    assert keep == frozenset({"praca da se", "favela", "itau"})
    assert lexicon.user(Config()).keep == frozenset()


@pytest.mark.parametrize("make, reason", [
    (lambda p: None, "lexicon file not found"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b"caf\xe9\n"), "not UTF-8"),
])
def test_bad_keep_file_is_an_input_error(tmp_path, make, reason):
    p = tmp_path / "keep.txt"
    make(p)
    with pytest.raises(InputError, match=reason):
        lexicon.user(Config(keep=str(p)))


def test_example_keep_file_is_valid():
    from conftest import EXAMPLES
    from backcheck import config
    cfg = config.load(EXAMPLES / "backcheck.toml")
    assert cfg.keep == str((EXAMPLES / "keep.txt").resolve())
    assert "praca da se" in lexicon.user(cfg).keep


def test_portuguese_function_words_match_the_english_ones():
    """The contractions, possessives and auxiliaries whose English counterparts are
    function words ("nessas" = "in these", "dela" = "her", "sendo" = "being") carry no
    evidence of content on either side."""
    from backcheck.lang.words import content
    assert content("A pressão é muito grande nessas partidas, disse ela.", "pt") == \
        ["pressao", "grande", "partidas"]
    assert content("O meu irmão esteve aqui, sendo apenas um visitante dela.", "pt") == \
        ["irmao", "visitante"]
    assert content("My brother was here, being only her visitor.", "en") == \
        ["brother", "visitor"]


def test_function_words_are_closed_classes_on_both_sides():
    """English contractions and reflexives ("it's", "don't", "himself") and the
    Portuguese adverbs, pronouns and auxiliary forms whose English translations are
    function words ("antes" = "before", "mim" = "me", "pudéssemos" = "could") were
    counted as content words that the other side never supports."""
    from backcheck.lang.words import content
    assert content("It's what I'm saying: he didn't do it himself.", "en") == ["saying"]
    assert content("Antes disso, pudéssemos ter feito isso por mim, novamente.", "pt") == \
        ["feito"]
    # a word some of whose translations are content words stays one on both sides:
    # "depois" is also "later", "tudo" is "everything"
    assert content("Depois, tudo mudou apesar disso.", "pt") == ["depois", "tudo", "mudou"]
    assert content("Later, everything changed despite that.", "en") == \
        ["later", "everything", "changed"]
