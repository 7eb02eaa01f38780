"""MarianMT (OPUS-MT) through transformers, plus the tokenizer-side helpers the ct2
engine and the scorer share: target-language prefix, long-input splitting, batching.

Entry point: `MarianTranslator(model_dir, beam=1, allow_pickle=False)`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from backcheck.errors import InputError
from backcheck.translate import models

# On a shared, busy machine OpenMP threads that spin while waiting slow torch down
# several times over (measured here, 2 threads under load: 14 s a pass spinning, 5.5 s
# sleeping); let them sleep unless the user says otherwise. The OpenMP runtime reads this
# when it loads, i.e. at the first `import torch`, which this module precedes.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

LANG_CODES = {"pt": (">>por<<", ">>pob<<"), "en": (">>eng<<",)}
# break points for over-long inputs, strongest first: sentence end, clause, comma, space
BREAKS = [re.compile(r"(?<=[.!?…])\s+"), re.compile(r"(?<=[;:—–])\s+|\s+(?=[—–])"),
          re.compile(r"(?<=,)\s+"), re.compile(r"\s+")]
MAX_BATCH_TOKENS = 4096
MAX_BATCH = 32


def cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def load_tokenizer(d: Path):
    from transformers import MarianTokenizer
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # "Recommended: pip install sacremoses" where absent
        try:
            return MarianTokenizer.from_pretrained(str(d))
        except (OSError, ValueError, TypeError) as e:
            raise InputError(d, f"cannot load the Marian tokenizer: {e}") from None


def prefix_for(tok, meta_prefix: str | None, tgt: str) -> str:
    """Target-language token for multi-target models (opus-mt-tc-big-en-pt needs >>por<<).
    The manifest's `prefix` wins; otherwise use the code when the vocabulary has it."""
    if meta_prefix is not None:
        return meta_prefix
    vocab = tok.get_vocab()
    if not any(t.startswith(">>") and t.endswith("<<") for t in vocab):
        return ""
    return next((c for c in LANG_CODES.get(tgt, ()) if c in vocab), "")


class Prepared:
    """A tokenizer plus its limit and prefix: splits texts into model-sized pieces."""

    def __init__(self, tok, limit: int, prefix: str):
        self.tok, self.prefix = tok, prefix
        self.limit = limit - 2 - (1 if prefix else 0)     # room for </s> and the prefix

    def ntokens(self, text: str) -> int:
        return len(self.tok.tokenize(text))

    def pieces(self, text: str) -> list[str]:
        """Split `text` into pieces within the model limit: at sentence or clause
        punctuation, then at spaces, then by tokens. Never drops text."""
        text = text.strip()
        if not text:
            return []
        if self.ntokens(text) <= self.limit:
            return [text]
        mid = len(text) / 2
        for rx in BREAKS:
            cuts = [m for m in rx.finditer(text) if 0 < m.start() < len(text)]
            if cuts:
                m = min(cuts, key=lambda m: abs(m.start() - mid))
                return self.pieces(text[:m.start()]) + self.pieces(text[m.end():])
        # one huge "word": cut by tokens; a cut piece can re-tokenize a little longer
        # (a new word start), so shrink the step until every piece fits
        toks, step = self.tok.tokenize(text), self.limit
        while True:
            parts = [self.tok.convert_tokens_to_string(toks[i:i + step])
                     for i in range(0, len(toks), step)]
            if step == 1 or all(self.ntokens(p) <= self.limit for p in parts):
                return [p for p in parts if p.strip()]
            step = max(1, step * 3 // 4)

    def source(self, piece: str) -> str:
        return f"{self.prefix} {piece}" if self.prefix else piece


def plan(prep: Prepared, texts: list[str]):
    """Split every text into pieces; return (pieces, owner index per piece)."""
    pieces, owner = [], []
    for i, t in enumerate(texts):
        for p in prep.pieces(t):
            pieces.append(p)
            owner.append(i)
    return pieces, owner


def batches(lengths: list[int]):
    """Index batches sorted by length (less padding), bounded in sentences and tokens."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batch, longest = [], 0
    for i in order:
        longest2 = max(longest, lengths[i])
        if batch and (len(batch) >= MAX_BATCH or longest2 * (len(batch) + 1) > MAX_BATCH_TOKENS):
            yield batch
            batch, longest2 = [], lengths[i]
        batch.append(i)
        longest = longest2
    if batch:
        yield batch


def join(texts: list[str], owner: list[int], outputs: list[str]) -> list[str]:
    result = [[] for _ in texts]
    for i, o in zip(owner, outputs):
        result[i].append(o.strip())
    return [" ".join(x for x in r if x) for r in result]


def max_new(n_in: int, limit: int) -> int:
    """Output length bound: generous for real translations, and the same for marian and
    ct2 so their greedy outputs can be compared token for token."""
    return min(limit, 2 * n_in + 10)


class Loaded(NamedTuple):
    """One direction of a Marian-family engine, ready to use."""
    tok: object
    model: object            # MarianMTModel or ctranslate2.Translator
    prep: Prepared
    dir: Path
    meta: dict
    limit: int


class MarianFamily:
    """What the engines on a Marian model (transformers, CTranslate2) share: the model
    directory per direction, checked up front; one load per directory (a single model
    serving both directions is loaded once), reused by the scorer; the engine info."""
    name = ""

    def __init__(self, model_dir, beam: int, directions):
        self.model_dir, self.beam = model_dir, max(1, int(beam))
        self._loaded: dict[str, Loaded] = {}
        for direction in directions:      # fail early, before any work, when absent
            self._dir(direction)

    kind, what, expected = "hf", "transformers Marian model", "{}/config.json"

    def _dir(self, direction: str) -> Path:
        d = models.find(self.model_dir, direction, self.kind)
        if d is None:
            raise InputError(self.model_dir or models.default_dir(),
                             f"no {self.what} for {direction} (expected "
                             f"{self.expected.format(direction)}; run `backcheck models download`)")
        return d

    def _open(self, d: Path) -> tuple:
        """(tokenizer, model) for a model directory."""
        raise NotImplementedError

    def _max_positions(self, model) -> int:
        raise NotImplementedError

    def loaded(self, src: str, tgt: str) -> Loaded:
        """The tokenizer, model, input preparation and limits of one direction, loaded on
        first use and shared (the forced-decoding scorer reuses the engine's model)."""
        direction = f"{src}-{tgt}"
        if direction not in self._loaded:
            d = self._dir(direction)
            shared = next((v for v in self._loaded.values() if v.dir == d), None)
            tok, model = (shared.tok, shared.model) if shared else self._open(d)
            meta = models.describe(d, direction)
            limit = min(tok.model_max_length, self._max_positions(model))
            prep = Prepared(tok, limit, prefix_for(tok, meta["prefix"], tgt))
            self._loaded[direction] = Loaded(tok, model, prep, d, meta, limit)
        return self._loaded[direction]

    def info(self, src: str, tgt: str) -> dict:
        direction = f"{src}-{tgt}"     # called per article: reuse what the load read
        loaded = self._loaded.get(direction)
        meta = loaded.meta if loaded else models.describe(self._dir(direction), direction)
        return {"name": self.name, "model": meta["model"], "revision": meta["revision"]}


class MarianTranslator(MarianFamily):
    name = "marian"

    def __init__(self, model_dir=None, beam: int = 1, allow_pickle: bool = False,
                 threads: int | None = None, directions=models.DIRECTIONS):
        import torch
        self.allow_pickle = allow_pickle
        torch.set_num_threads(threads or cpu_threads())
        super().__init__(model_dir, beam, directions)
        self.cache_tag = f"marian/beam{self.beam}"
        self.decode_opts: dict = {}      # extra generate() options (benchmarks fix the length)

    def _open(self, d: Path) -> tuple:
        from transformers import MarianMTModel
        models.check_weights(d, self.allow_pickle)
        tok = load_tokenizer(d)
        try:
            model = MarianMTModel.from_pretrained(
                str(d), use_safetensors=not self.allow_pickle or
                (d / "model.safetensors").is_file()).eval()
        except (OSError, ValueError, RuntimeError) as e:
            raise InputError(d, f"cannot load the Marian model: {e}") from None
        return tok, model

    def _max_positions(self, model) -> int:
        return model.config.max_position_embeddings

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        import torch
        texts = list(texts)
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        tok, model, prep, _, _, limit = self.loaded(src, tgt)
        pieces, owner = plan(prep, texts)
        sources = [prep.source(p) for p in pieces]
        lengths = [prep.ntokens(s) + 1 for s in sources]
        out = [""] * len(pieces)
        pad = model.config.pad_token_id
        with torch.inference_mode():
            for idx in batches(lengths):
                enc = tok([sources[i] for i in idx], return_tensors="pt", padding=True)
                opts = dict(num_beams=self.beam, do_sample=False,
                            max_new_tokens=max_new(max(lengths[i] for i in idx), limit),
                            bad_words_ids=[[pad]] if pad is not None else None,
                            # no forced </s> at the length bound: ct2 has none either
                            forced_eos_token_id=None)
                gen = model.generate(**enc, **(opts | self.decode_opts))
                for i, text in zip(idx, tok.batch_decode(gen, skip_special_tokens=True)):
                    out[i] = text
        return join(texts, owner, out)
