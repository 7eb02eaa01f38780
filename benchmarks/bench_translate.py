"""Translation speed and memory: marian fp32 vs ct2 int8 vs apertium, and the cache.

Prints figures, asserts nothing. The model is an OPUS-MT-base-sized Marian (d_model 512,
6+6 layers, 8 heads, FFN 2048, vocabulary 58,101) with random weights (no hub here):
its sentencepiece model is trained on the sentences below (250 pieces) and
vocab.json is padded with unused entries up to 58,101, so tokenization is the real
MarianTokenizer path and the embedding and output layers have the full size. Every
sentence decodes exactly 40 tokens (min = max = 40 new tokens for marian,
min_decoding_length = max_decoding_length = 40 for ct2), so the engines do equal work.
Each engine runs in its own subprocess, so peak RSS is per engine.

    python benchmarks/bench_translate.py [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".cache" / "bench-translate"
VOCAB = 58101
OUT_TOKENS = 40
SENTENCES = [
    "A Câmara aprovou nesta terça-feira o projeto que muda as regras do imposto de renda.",
    "O texto segue agora para o Senado, onde deve ser votado até o fim do mês.",
    "Segundo o relator, a mudança beneficia cerca de 10 milhões de contribuintes.",
    "A oposição criticou a pressa na votação e prometeu recorrer ao Supremo.",
    "O Banco Central manteve a taxa básica de juros em 10,5% ao ano.",
    "Analistas esperavam um corte de meio ponto percentual, o que não aconteceu.",
    "O dólar fechou em alta de 1,2%, cotado a R$ 5,43.",
    "A Bolsa de São Paulo caiu pelo terceiro dia seguido.",
    "Fortes chuvas atingiram o litoral norte paulista durante o fim de semana.",
    "A Defesa Civil registrou 42 deslizamentos e mais de 300 desalojados.",
    "O governador visitou as áreas afetadas e anunciou ajuda emergencial.",
    "Escolas da região continuarão fechadas até a próxima segunda-feira.",
    "O ministro da Saúde anunciou a ampliação da campanha de vacinação contra a gripe.",
    "Crianças de seis meses a cinco anos e idosos terão prioridade.",
    "A meta é vacinar 90% do público-alvo até o fim de junho.",
    "Postos de saúde abrirão também aos sábados para atender a demanda.",
    "O Flamengo venceu o Palmeiras por 2 a 1 no Maracanã neste domingo.",
    "O gol da vitória saiu nos acréscimos, depois de um cruzamento pela direita.",
    "Com o resultado, o time carioca assumiu a liderança do campeonato.",
    "O técnico elogiou a entrega dos jogadores, mas pediu mais atenção na defesa.",
    "A polícia federal cumpriu 15 mandados de busca em três estados.",
    "A operação investiga um esquema de fraude em licitações de merenda escolar.",
    "Segundo os investigadores, o prejuízo aos cofres públicos passa de R$ 20 milhões.",
    "Os advogados dos suspeitos disseram que não tiveram acesso ao processo.",
]


def build(work: Path) -> Path:
    """Build the random full-size model once (about 300 MB) and its int8 conversion."""
    d = work / "model"
    if (d / "config.json").is_file() and (d / "ct2" / "model.bin").is_file():
        return d
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer
    from backcheck.translate import models

    d.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text("\n".join(SENTENCES * 4) + "\n", "utf-8")
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(work / "spm"),
                                   vocab_size=250, character_coverage=1.0, bos_id=-1,
                                   eos_id=-1, unk_id=0, pad_id=-1, minloglevel=2)
    for name in ("source.spm", "target.spm"):
        (d / name).write_bytes((work / "spm.model").read_bytes())
    sp = spm.SentencePieceProcessor(model_file=str(d / "source.spm"))
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    while len(vocab) < VOCAB - 1:               # unused entries up to the OPUS-MT size
        vocab[f"<unused{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (d / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    MarianTokenizer(str(d / "source.spm"), str(d / "target.spm"), str(d / "vocab.json"),
                    model_max_length=512).save_pretrained(d)
    cfg = MarianConfig(vocab_size=VOCAB, decoder_vocab_size=VOCAB, d_model=512,
                       encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
                       decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
                       max_position_embeddings=512, pad_token_id=VOCAB - 1, eos_token_id=0,
                       decoder_start_token_id=VOCAB - 1, scale_embedding=True,
                       share_encoder_decoder_embeddings=True)
    torch.manual_seed(0)
    MarianMTModel(cfg).eval().save_pretrained(d)
    models.convert_ct2(d, d / "ct2", quantization="int8")
    return d


def peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries the parent's high
    water mark across fork+exec into it, which would charge every engine the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    """Largest finished child's ru_maxrss: an upper bound for the apertium processes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_engine(engine: str, beam: int, model: Path, reps: int, threads: int | None) -> dict:
    """In a subprocess: translate the sentences `reps` times after one warm-up pass."""
    if engine == "marian":
        from backcheck.translate.marian import MarianTranslator
        t = MarianTranslator(model, beam=beam, threads=threads)
        t.decode_opts = {"min_new_tokens": OUT_TOKENS, "max_new_tokens": OUT_TOKENS}
    elif engine == "ct2":
        from backcheck.translate.ct2 import Ct2Translator
        t = Ct2Translator(model, beam=beam, compute_type="int8", threads=threads)
        t.decode_opts = {"min_decoding_length": OUT_TOKENS, "max_decoding_length": OUT_TOKENS}
    else:
        from backcheck.translate.apertium import ApertiumTranslator
        t = ApertiumTranslator()
    t.translate(SENTENCES[:4], "pt", "en")
    times = []
    for _ in range(reps):               # best of `reps`: the CPUs are shared and noisy
        start = time.perf_counter()
        out = t.translate(SENTENCES, "pt", "en")
        times.append(time.perf_counter() - start)
    assert len(out) == len(SENTENCES)
    secs = min(times)
    return {"sent_per_s": len(SENTENCES) / secs, "secs": secs,
            "peak_rss_mb": peak_mb() + (children_peak_mb() if engine == "apertium" else 0)}


def run_cache(model: Path) -> dict:
    """An article's translation through the cache: first run (all misses), then again."""
    from backcheck.translate.cache import CachedTranslator, TranslationCache
    from backcheck.translate.ct2 import Ct2Translator
    with tempfile.TemporaryDirectory() as tmp:
        t = CachedTranslator(Ct2Translator(model, compute_type="int8"), TranslationCache(tmp))
        t.inner.decode_opts = {"min_decoding_length": OUT_TOKENS,
                               "max_decoding_length": OUT_TOKENS}
        s = time.perf_counter()
        a = t.translate(SENTENCES, "pt", "en")
        first = time.perf_counter() - s
        t2 = CachedTranslator(t.inner, TranslationCache(tmp))     # a fresh connection
        s = time.perf_counter()
        b = t2.translate(SENTENCES, "pt", "en")
        second = time.perf_counter() - s
        assert a == b
    return {"first_s": first, "second_s": second}


def child(args) -> None:
    model = Path(args.model)
    res = run_cache(model) if args.child == "cache" else \
        run_engine(args.child, args.beam, model, args.reps, args.threads)
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="greedy only, one repetition")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--beam", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--reps", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--threads", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--model", help=argparse.SUPPRESS)
    args, _ = ap.parse_known_args()
    if args.child:
        return child(args)

    from backcheck.translate import apertium
    from backcheck.translate.marian import cpu_threads
    t0 = time.perf_counter()
    model = build(WORK)
    print(f"model: random OPUS-MT-base-size Marian (512d, 6+6 layers, vocab {VOCAB}); "
          f"{len(SENTENCES)} sentences, {OUT_TOKENS} output tokens each; "
          f"{cpu_threads()} CPU threads (built/loaded in {time.perf_counter() - t0:.0f}s); "
          f"load average {os.getloadavg()[0]:.1f}")

    def sub(name, beam=1, reps=1, threads=None):
        extra = ["--threads", str(threads)] if threads else []
        r = subprocess.run([sys.executable, __file__, "--child", name, "--beam", str(beam),
                            "--reps", str(reps), "--model", str(model), *extra],
                           capture_output=True, text=True, cwd=ROOT)
        if r.returncode:
            print(f"{name}: failed: {r.stderr.strip().splitlines()[-1:]}")
            return None
        return json.loads(r.stdout.strip().splitlines()[-1])

    n = cpu_threads()
    # (beam, threads): both engines on every core, and on one core, where thread
    # scheduling on a busy machine cannot distort the comparison
    runs = [(1, n)] if args.quick else [(1, n), (1, 1), (4, n)]
    print(f"{'engine':22} {'beam':>4} {'thr':>3} {'sent/s':>8} {'s/pass':>8} {'peak RSS MB':>12}"
          "   (best pass of 2, or 1 for marian beam 4)")
    for beam, threads in runs:
        m = sub("marian", beam, 1 if args.quick or beam > 1 else 2, threads)
        c = sub("ct2", beam, 1 if args.quick else 2, threads)
        for label, r in (("marian fp32", m), ("ct2 int8", c)):
            if r:
                print(f"{label:22} {beam:>4} {threads:>3} {r['sent_per_s']:8.1f} {r['secs']:8.2f} "
                      f"{r['peak_rss_mb']:12.0f}")
        if m and c:
            print(f"ct2 int8 / marian fp32 speed ratio (beam {beam}, {threads} thread(s)): "
                  f"{c['sent_per_s'] / m['sent_per_s']:.1f}x  (target >= 4x)")
    if apertium.installed():
        a = sub("apertium", reps=2)
        if a:
            print(f"{'apertium (pt-es-en)':22} {'-':>4} {'-':>3} {a['sent_per_s']:8.1f} "
                  f"{a['secs']:8.2f} {a['peak_rss_mb']:12.0f}  (driver + largest apertium "
                  "child: an upper bound)")
    else:
        print("apertium: not installed, skipped")
    c = sub("cache")
    if c:
        print(f"cache (ct2 int8, {len(SENTENCES)} sentences): first run {c['first_s']:.3f}s, "
              f"second run {c['second_s'] * 1000:.2f}ms, speed-up "
              f"{c['first_s'] / c['second_s']:.0f}x  (target >= 50x)")
    print(f"total {time.perf_counter() - t0:.0f}s; load average at the end "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (others' work skews timings)")


if __name__ == "__main__":
    main()
