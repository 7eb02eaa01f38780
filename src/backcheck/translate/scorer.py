"""Forced decoding: how likely a Marian model finds the English given the Portuguese.

`score(src_texts, tgt_texts) -> list[list[(token, logprob)]]`: the target's tokens as
text pieces ("▁word", ending with "</s>") with their log-probabilities. Two
implementations that agree in float32: transformers (per-token log-softmax) and
CTranslate2 (`score_batch`). Inputs longer than the model limit are cut at the limit:
the returned token list then stops there (scoring cannot split a sentence pair).

Entry point: `load(config, src="pt", tgt="en") -> Scorer | None`.
"""
from __future__ import annotations

from backcheck.translate import models

BATCH = 16


class MarianScorer:
    """transformers implementation. `engine`: a MarianTranslator whose loaded model to
    share (check and batch pass theirs, so the model is not loaded twice)."""

    def __init__(self, model_dir=None, src: str = "pt", tgt: str = "en",
                 allow_pickle: bool = False, engine=None):
        if engine is None:
            from backcheck.translate.marian import MarianTranslator
            engine = MarianTranslator(model_dir, allow_pickle=allow_pickle,
                                      directions=(f"{src}-{tgt}",))
        self.tok, self.model, self.prep, _, _, self.limit = engine.loaded(src, tgt)

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
    """CTranslate2 implementation (`Translator.score_batch`); `engine`: a Ct2Translator
    whose loaded model to share."""

    def __init__(self, model_dir=None, src: str = "pt", tgt: str = "en",
                 compute_type: str = "int8", engine=None):
        if engine is None:
            from backcheck.translate.ct2 import Ct2Translator
            engine = Ct2Translator(model_dir, compute_type=compute_type,
                                   directions=(f"{src}-{tgt}",))
        self.tok, self.model, self.prep, _, _, self.limit = engine.loaded(src, tgt)

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


def load(config, src: str = "pt", tgt: str = "en", engine=None):
    """A scorer on the configured model (ct2 preferred), or None when there is none.
    Given the Marian-family `engine` that translates, the scorer shares its model."""
    if engine is not None and engine.name == "ct2":
        return Ct2Scorer(src=src, tgt=tgt, engine=engine)
    if engine is not None and engine.name == "marian":
        return MarianScorer(src=src, tgt=tgt, engine=engine)
    if config.engine in ("auto", "ct2", None) and models.find(config.model, f"{src}-{tgt}", "ct2"):
        return Ct2Scorer(config.model, src, tgt)
    if config.engine in ("auto", "marian", "ct2", None) and \
            models.find(config.model, f"{src}-{tgt}", "hf"):
        return MarianScorer(config.model, src, tgt, allow_pickle=config.allow_pickle)
    return None
