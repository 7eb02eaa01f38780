"""The CTranslate2 fast path: the same Marian model converted with
ctranslate2.converters.TransformersConverter, int8 on CPU by default.

Entry point: `Ct2Translator(model_dir, beam=1, compute_type="int8")`.
"""
from __future__ import annotations

from pathlib import Path

from backcheck.errors import InputError
from backcheck.translate import models
from backcheck.translate.marian import (MarianFamily, batches, cpu_threads, join,
                                        load_tokenizer, max_new, plan)

MAX_LIMIT = 1024     # some tokenizer configs carry a huge sentinel model_max_length


class Ct2Translator(MarianFamily):
    name = "ct2"

    def __init__(self, model_dir=None, beam: int = 1, compute_type: str = "int8",
                 device: str = "cpu", threads: int | None = None,
                 directions=models.DIRECTIONS):
        self.compute_type, self.device = compute_type, device
        self.threads = threads or cpu_threads()
        super().__init__(model_dir, beam, directions)
        self.cache_tag = f"ct2/{compute_type}/beam{self.beam}"
        self.decode_opts: dict = {}      # extra translate_batch() options (benchmarks)

    kind, what, expected = "ct2", "CTranslate2 model", "{}-ct2/model.bin"

    def _dir(self, direction: str) -> Path:
        d = super()._dir(direction)
        if not (d / "source.spm").is_file():
            raise InputError(d, "the converted model has no tokenizer files (source.spm, "
                                "vocab.json); convert with `backcheck models download`")
        return d

    def _open(self, d: Path) -> tuple:
        import ctranslate2
        tok = load_tokenizer(d)
        try:
            # Batches in parallel (inter_threads), one core each: on CPU, int8 decoding
            # of news-sized batches scales poorly within a batch (measured 2.3x more
            # sentences/s on 2 cores than intra_threads=2; docs/benchmarks.md).
            translator = ctranslate2.Translator(str(d), device=self.device,
                                                compute_type=self.compute_type,
                                                inter_threads=self.threads,
                                                intra_threads=1)
        except (RuntimeError, ValueError) as e:
            raise InputError(d, f"cannot load the CTranslate2 model: {e}") from None
        return tok, translator

    def _max_positions(self, model) -> int:
        return MAX_LIMIT

    def tokens(self, tok, text: str) -> list[str]:
        return tok.convert_ids_to_tokens(tok(text).input_ids)      # ends with </s>

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        texts = list(texts)
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        tok, translator, prep, _, _, limit = self.loaded(src, tgt)
        pieces, owner = plan(prep, texts)
        sources = [self.tokens(tok, prep.source(p)) for p in pieces]
        lengths = [len(s) for s in sources]
        out = [""] * len(pieces)
        groups = list(batches(lengths))
        # hand ct2 several length-sorted batches per call so its inter threads share them
        for k in range(0, len(groups), self.threads):
            idx = [i for g in groups[k:k + self.threads] for i in g]
            # ct2 re-sorts by length and cuts max_batch_size-sized batches: one per thread
            opts = dict(beam_size=self.beam, batch_type="examples",
                        max_batch_size=-(-len(idx) // self.threads),
                        max_decoding_length=max_new(max(lengths[i] for i in idx), limit))
            res = translator.translate_batch([sources[i] for i in idx],
                                             **(opts | self.decode_opts))
            for i, r in zip(idx, res):
                ids = tok.convert_tokens_to_ids(r.hypotheses[0])
                out[i] = tok.decode(ids, skip_special_tokens=True)
        return join(texts, owner, out)
