"""A tiny random-weight Marian model built offline, for engine tests.

`build(dir)` trains a sentencepiece vocabulary on sentences written here, makes a
MarianMTModel with tiny dimensions and fixed-seed random weights (then trained
briefly on those sentences, see train()), saves it with its
MarianTokenizer files (safetensors), and converts it with CTranslate2 into dir/ct2.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SENTENCES = [
    "O governo anunciou nesta segunda-feira um novo plano para a economia.",
    "A inflação subiu 3,5% em março, segundo o instituto de estatística.",
    "O ministro disse que não haverá aumento de impostos neste ano.",
    "A prefeitura de São Paulo vai abrir duas novas escolas em abril.",
    "Os moradores reclamaram da falta de água durante a semana.",
    "A polícia prendeu três suspeitos depois de uma longa investigação.",
    "O time venceu a partida por dois a um no estádio lotado.",
    "A empresa registrou lucro de 1,2 bilhão de reais no trimestre.",
    "Segundo a pesquisa, a maioria dos eleitores apoia a proposta.",
    "O presidente viajou para Brasília para uma reunião com governadores.",
    "As chuvas fortes causaram deslizamentos em várias cidades do litoral.",
    "A votação foi adiada para a próxima semana por falta de acordo.",
    "Os professores entraram em greve por melhores salários.",
    "O hospital recebeu novos equipamentos doados por uma fundação.",
    "A ponte será reaberta ao tráfego no fim do mês.",
    "Ela afirmou que a decisão foi tomada sem consulta aos moradores.",
    "O preço da gasolina caiu pela terceira semana seguida.",
    "O festival de cinema terá filmes de vinte países.",
    "The government announced a new plan for the economy on Monday.",
    "Inflation rose 3.5% in March, according to the statistics institute.",
    "The minister said there will be no tax increase this year.",
    "The São Paulo city hall will open two new schools in April.",
    "Residents complained about the lack of water during the week.",
    "Police arrested three suspects after a long investigation.",
    "The team won the match two to one in a packed stadium.",
    "The company posted a profit of 1.2 billion reais in the quarter.",
    "According to the survey, most voters support the proposal.",
    "The president travelled to Brasília for a meeting with governors.",
    "Heavy rain caused landslides in several coastal towns.",
    "The vote was postponed to next week for lack of agreement.",
    "Teachers went on strike for better wages.",
    "The hospital received new equipment donated by a foundation.",
    "The bridge will reopen to traffic at the end of the month.",
    "She said the decision was taken without consulting residents.",
    "The price of petrol fell for the third week in a row.",
    "The film festival will show films from twenty countries.",
]

# >>por<< makes it look like opus-mt-tc-big-en-pt (a target token for pt); <pad> is last,
# as in OPUS-MT vocabularies (CTranslate2's converter drops it)
SPECIALS = ["</s>", "<unk>", ">>por<<"]


def build(out: Path, *, max_positions: int = 64, seed: int = 7, pickle: bool = False,
          convert: bool = True, steps: int = 400) -> Path:
    """Build the tiny model in `out` (created); returns `out`."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.txt"
    corpus.write_text("\n".join(SENTENCES * 3) + "\n", "utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(out / "spm"), vocab_size=200,
        model_type="unigram", character_coverage=1.0, bos_id=-1, eos_id=-1,
        unk_id=0, pad_id=-1, minloglevel=2)
    corpus.unlink()
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes((out / "spm.model").read_bytes())
    (out / "spm.model").unlink()
    (out / "spm.vocab").unlink()
    sp = spm.SentencePieceProcessor(model_file=str(out / "source.spm"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = {t: i for i, t in enumerate(SPECIALS)}
    for p in pieces:
        vocab.setdefault(p, len(vocab))
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")

    tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"),
                          str(out / "vocab.json"), model_max_length=max_positions)
    tok.save_pretrained(out)
    cfg = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=32,
        encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=max_positions, pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"], decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"], bad_words_ids=[[vocab["<pad>"]]],
        num_beams=1, max_length=max_positions, scale_embedding=True,
        share_encoder_decoder_embeddings=True)
    torch.manual_seed(seed)
    model = MarianMTModel(cfg)
    train(model, tok, steps, seed)
    if pickle:
        cfg.save_pretrained(out)
        model.generation_config.save_pretrained(out)
        torch.save(model.state_dict(), out / "pytorch_model.bin")
    else:
        model.save_pretrained(out)
    if convert and not pickle:
        from backcheck.translate import models
        models.convert_ct2(out, out / "ct2", quantization=None)
    return out


def train(model, tok, steps: int, seed: int) -> None:
    """A few hundred steps on the pt<->en pairs above (seconds on one core): untrained
    random weights emit the same token for every input, which would make order and
    splitting tests meaningless. Deterministic: fixed seed, one thread."""
    import random
    import torch

    rng = random.Random(seed)
    half = len(SENTENCES) // 2
    pairs = list(zip(SENTENCES[:half], SENTENCES[half:]))
    data = pairs + [(b, a) for a, b in pairs]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(steps):
        batch = rng.sample(data, 12)
        enc = tok([a for a, _ in batch], text_target=[b for _, b in batch],
                  return_tensors="pt", padding=True)
        enc["labels"][enc["labels"] == tok.pad_token_id] = -100
        loss = model(**enc).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    torch.set_num_threads(threads)
    # the tied output projection trained the <pad> row; Marian starts decoding from a zero
    # embedding (pad), as real OPUS-MT checkpoints and CTranslate2 do
    with torch.no_grad():
        model.get_input_embeddings().weight[tok.pad_token_id].zero_()


def cached_build(cache_root: Path, name: str = "model", **kw) -> Path:
    """Build once per source version into cache_root (kept across test sessions); built in
    a temporary directory then renamed, so concurrent test runs never see half a model."""
    import hashlib
    import shutil
    import tempfile

    import ctranslate2
    import transformers
    key = hashlib.sha256((Path(__file__).read_text("utf-8") + repr(sorted(kw.items())) +
                          transformers.__version__ + ctranslate2.__version__).encode())
    final = Path(cache_root) / f"{name}-{key.hexdigest()[:12]}"
    if (final / "config.json").is_file():
        return final
    Path(cache_root).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=cache_root))
    build(tmp / "m", **kw)
    try:
        (tmp / "m").rename(final)
    except OSError:          # another run got there first
        pass
    shutil.rmtree(tmp, ignore_errors=True)
    return final


def _cache_root(request) -> Path:
    """pytest's cache dir (kept across runs), or a session temp dir under -p no:cacheprovider."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("backcheck-tiny-marian"))
    return request.getfixturevalue("tmp_path_factory").mktemp("backcheck-tiny-marian")


@pytest.fixture(scope="session")
def tiny_model(request) -> Path:
    """A tiny Marian model directory (safetensors + tokenizer) with its CTranslate2
    conversion in <dir>/ct2."""
    return cached_build(_cache_root(request))


@pytest.fixture(scope="session")
def tiny_pickle_model(request) -> Path:
    """The same architecture saved only as a pickle checkpoint (pytorch_model.bin)."""
    return cached_build(_cache_root(request), name="pickle", pickle=True, convert=False, steps=0)


if __name__ == "__main__":
    import sys
    print(build(Path(sys.argv[1])))
