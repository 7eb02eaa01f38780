"""Forced decoding: how likely a Marian model finds the English given the Portuguese.

`score(src_texts, tgt_texts) -> list[list[(token, logprob)]]`: the target's tokens as
text pieces ("▁word", ending with "</s>") with their log-probabilities. Two
implementations that agree in float32: transformers (per-token log-softmax) and
CTranslate2 (`score_batch`). Inputs longer than the model limit are cut at the limit:
the returned token list then stops there (scoring cannot split a sentence pair).

Entry point: `load(config, src="pt", tgt="en") -> Scorer | None`.
"""
from __future__ import annotations

from backcheck.errors import InputError
from backcheck.translate import models
from backcheck.translate.marian import Prepared, cpu_threads, load_tokenizer, prefix_for

BATCH = 16


class MarianScorer:
    """transformers implementation."""

    def __init__(self, model_dir=None, src: str = "pt", tgt: str = "en",
                 allow_pickle: bool = False):
        import torch
        from transformers import MarianMTModel
        d = models.find(model_dir, f"{src}-{tgt}", "hf")
        if d is None:
            raise InputError(model_dir or models.default_dir(), f"no Marian model for {src}-{tgt}")
        models.check_weights(d, allow_pickle)
        torch.set_num_threads(cpu_threads())
        self.tok = load_tokenizer(d)
        self.model = MarianMTModel.from_pretrained(
            str(d), use_safetensors=not allow_pickle or (d / "model.safetensors").is_file()).eval()
        self.limit = min(self.tok.model_max_length, self.model.config.max_position_embeddings)
        self.prep = Prepared(self.tok, self.limit,
                             prefix_for(self.tok, models.describe(d, "")["prefix"], tgt))

    def score(self, src_texts: list[str], tgt_texts: list[str]) -> list[list[tuple[str, float]]]:
        import torch
        out: list[list[tuple[str, float]]] = []
        pad = self.model.config.pad_token_id
        for i in range(0, len(src_texts), BATCH):
            srcs = [self.prep.source(s) for s in src_texts[i:i + BATCH]]
            tgts = list(tgt_texts[i:i + BATCH])
            enc = self.tok(srcs, text_target=tgts, return_tensors="pt", padding=True,
                           truncation=True, max_length=self.limit)
            labels = enc.pop("labels")
            with torch.inference_mode():
                logits = self.model(**enc, labels=labels.masked_fill(labels == pad, -100)).logits
                logits[..., pad] = float("-inf")     # pad is never a prediction (as in ct2)
                logp = torch.log_softmax(logits.float(), dim=-1)
                picked = logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1)
            for row, lp in zip(labels.tolist(), picked.tolist()):
                n = sum(1 for t in row if t != pad)
                out.append(list(zip(self.tok.convert_ids_to_tokens(row[:n]), lp[:n])))
        return out


class Ct2Scorer:
    """CTranslate2 implementation (`Translator.score_batch`)."""

    def __init__(self, model_dir=None, src: str = "pt", tgt: str = "en",
                 compute_type: str = "int8"):
        import ctranslate2
        d = models.find(model_dir, f"{src}-{tgt}", "ct2")
        if d is None:
            raise InputError(model_dir or models.default_dir(),
                             f"no CTranslate2 model for {src}-{tgt}")
        self.tok = load_tokenizer(d)
        self.model = ctranslate2.Translator(str(d), compute_type=compute_type,
                                            intra_threads=cpu_threads())
        self.limit = min(self.tok.model_max_length, 1024)
        self.prep = Prepared(self.tok, self.limit,
                             prefix_for(self.tok, models.describe(d, "")["prefix"], tgt))

    def _tokens(self, text: str, eos: bool) -> list[str]:
        toks = self.tok.convert_ids_to_tokens(self.tok(text).input_ids)[:self.limit]
        if toks and toks[-1] != self.tok.eos_token:
            toks[-1] = self.tok.eos_token
        return toks if eos else toks[:-1]

    def score(self, src_texts: list[str], tgt_texts: list[str]) -> list[list[tuple[str, float]]]:
        srcs = [self._tokens(self.prep.source(s), True) for s in src_texts]
        tgts = [self._tokens(t, False) for t in tgt_texts]   # ct2 appends </s> itself
        res = self.model.score_batch(srcs, tgts, max_batch_size=BATCH)
        return [list(zip(r.tokens, r.log_probs)) for r in res]


def load(config, src: str = "pt", tgt: str = "en"):
    """A scorer on the configured model (ct2 preferred), or None when there is none."""
    if config.engine in ("auto", "ct2", None) and models.find(config.model, f"{src}-{tgt}", "ct2"):
        return Ct2Scorer(config.model, src, tgt)
    if config.engine in ("auto", "marian", "ct2", None) and \
            models.find(config.model, f"{src}-{tgt}", "hf"):
        return MarianScorer(config.model, src, tgt, allow_pickle=config.allow_pickle)
    return None
