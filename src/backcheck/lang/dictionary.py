"""Word-level translation candidates from Apertium's own dictionaries.

Apertium's translation picks one rendering of each word; its dictionaries know them all.
This module looks words up in the lttoolbox transducers that the Debian packages
apertium-es-pt and apertium-eng-spa ship:

- `lemmas(words, lang)`: the folded lemmas of every analysis of each word
  ("força" -> {"forca", "forcar"}, "filhas" -> {"filho"}: Apertium's lemma of a feminine
  noun is the masculine form);
- `translations(words, src, tgt)`: the folded target-language lemmas of every
  dictionary translation of every analysis, composed through Spanish: pt -> es -> en,
  en -> es -> pt (Spanish to Portuguese through both the European and the Brazilian
  dictionaries). "polícia" -> {"police"}, "força" -> {"force", "strength", ...},
  "filha" -> {"daughter"} (not "niece").
- `verb_forms(words, lang)`: the words that can only be a verb making a clause (a past
  tense or participle, an auxiliary: "called", "has");
- `given_names(words, lang)`: the words the analyser knows as a person's given name
  (tagged <np><ant>: "José", "Rita"), which a place or a saint may also be named after;
- `available()`: whether lt-proc and the dictionaries are installed. When they are not,
  every lookup gives empty sets, so callers work (with less evidence) without them.

Translations are lemmas: compare them with the `lemmas` of the other side's words, not
with its surface words ("daughters" has the lemma "daughter").

Each word is looked up on its own, never joined with its neighbours. A word may hold
spaces: "por causa de" is the multiword it is (lemma "por causa de"); a string the
analyser cuts into several units ("Ministério da Saúde", "disse-lhe", "da" = de + o)
gets the lemmas and translations of all of them. Multiword lemmas are one string with
single spaces ("take off", "united states"). Unknown words, punctuation, empty strings
and strings longer than MAX_CHARS give an empty set; no string makes a lookup raise.

Cost: each transducer runs as one persistent `lt-proc -z` process per OS process, and a
call makes one round trip per stage for all its words (analysis, then each dictionary
leg), not one per word. Results are cached in memory. Calls are safe from several
threads (one lock per process) and processes (a forked child starts its own).
"""
from __future__ import annotations

import atexit
import os
import re
import select
import shutil
import subprocess
import threading
import time
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, NamedTuple

from streamparser import known, parse, unknown

from backcheck.lang.normalise import fold

Lang = Literal["pt", "en"]

# A dictionary entry that translates to nothing (Portuguese "se" -> no Spanish word) is a
# unit without readings: streamparser warns, we read it as no translation.
warnings.filterwarnings("ignore", message="Empty readings", category=RuntimeWarning,
                        module="streamparser")

# Where Debian (and a source install under /usr/local) put the language data.
ROOTS = (Path("/usr/share/apertium"), Path("/usr/local/share/apertium"))
ANALYSERS = {"pt": "apertium-es-pt/pt-es.automorf.bin",
             "en": "apertium-eng-spa/eng-spa.automorf.bin"}


class Leg(NamedTuple):
    """One step of a route: its bilingual transducers (their translations are unioned)
    and the analyser of the pair they belong to, which re-reads a lemma that came from
    the other pair (the two pairs' Spanish dictionaries tag words differently:
    "defensa<n><f>" in apertium-es-pt is "defensa<n><mf>" in apertium-eng-spa)."""
    transducers: tuple[str, ...]
    analyser: str | None = None


ROUTES = {("pt", "en"): (Leg(("apertium-es-pt/pt-es.autobil.bin",)),
                         Leg(("apertium-eng-spa/spa-eng.autobil.bin",),
                             "apertium-eng-spa/spa-eng.automorf.bin")),
          ("en", "pt"): (Leg(("apertium-eng-spa/eng-spa.autobil.bin",)),
                         Leg(("apertium-es-pt/es-pt.autobil.bin",
                              "apertium-es-pt/es-pt_BR.autobil.bin"),
                             "apertium-es-pt/es-pt.automorf.bin"))}
MAX_CHARS = 128          # longer strings are not words: no lookup
TIMEOUT_S = 60.0         # one round trip, whatever its size; past it the process is restarted
CACHE_MAX = 400_000      # entries per cache; a full cache is emptied (simple, bounded memory)

# Characters lt-proc reads as stream syntax in its input (an unescaped "{" or "[" can
# even stop it: "Malformed input stream"); escaped, they are plain blanks.
_SPECIAL = re.compile(r"([\\^$/<>{}\[\]@*#+~|])")
_ESCAPED = re.compile(r"\\(.)")
_SPACES = re.compile(r"\s+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# Apertium's lemma for every English personal pronoun ("it", "them"): not a word.
PLACEHOLDERS = frozenset({"prpers"})


class _Sub(NamedTuple):
    """One lexical unit of a reading: lemma (escaped, as lt-proc writes it), tags, and the
    invariable tail of a multiword ("# off" of "take<vblex># off")."""
    lemma: str
    tags: tuple[str, ...]
    queue: str = ""

    def stream(self) -> str:
        """The unit as bilingual-lookup input, the queue after the lemma (as
        apertium-pretransfer moves it): ^take# off<vblex><inf>$."""
        return "^" + self.lemma + self.queue + "".join(f"<{t}>" for t in self.tags) + "$"

    def folded(self) -> str:
        text = _ESCAPED.sub(r"\1", self.lemma + self.queue).replace("#", " ")
        return _SPACES.sub(" ", fold(text)).strip()


def _folded(subs: Iterable[_Sub]) -> frozenset[str]:
    """Folded lemmas that are words: no punctuation, no placeholder."""
    return frozenset(f for s in subs
                     if _LETTER_OR_DIGIT.search(f := s.folded()) and f not in PLACEHOLDERS)


def _subs(segment: str, whole: bool = False) -> list[_Sub]:
    """Every subreading of every known lexical unit in lt-proc output (ambiguous
    readings and "+"-joined units alike), in order, without repeats. `whole`: the
    segment is one word, which has none when the analyser split it and did not know a
    part of it ("O'Hagan" is no article "o", "Jong-un" no "un")."""
    out: dict[_Sub, None] = {}
    try:
        units = list(parse(segment))
    except Exception:            # a malformed stream is no evidence, never an error
        return []
    if whole and any(lu.knownness is unknown for lu in units):
        return []
    for lu in units:
        if lu.knownness is not known:
            continue
        for reading in lu.readings:
            for sr in reading:
                if not sr.baseform or sr.baseform[0] in "*@#":
                    continue
                tags = tuple(t for t in sr.tags if not t.startswith("#"))
                queue = "".join(t for t in sr.tags if t.startswith("#"))
                out[_Sub(sr.baseform, tags, queue)] = None
    return list(out)


def _clean(word: str) -> str:
    """A word as analyser input: one line, no NUL, stream syntax escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", word.replace("\0", " ")).strip())


class _Failed(Exception):
    pass


class _LtProc:
    """One persistent `lt-proc -z` on one transducer, fed NUL-terminated segments.

    Written by hand: the lttoolbox Python binding (Debian's python3-lttoolbox) serves
    only the system Python and reads and writes files, and the PyPI `apertium` package
    wraps that binding. A pipe to lt-proc in null-flush mode is also how Apertium's own
    web service keeps its transducers loaded. Each segment ends with "\\n" before the
    NUL: without it lt-proc 3.7 drops a number that ends a segment ("COVID-19")."""

    def __init__(self, args: list[str]):
        self.args = args
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         bufsize=0)
        return self.proc

    def close(self) -> None:
        p, self.proc = self.proc, None
        if p is not None:
            for f in (p.stdin, p.stdout):
                try:
                    f.close()
                except OSError:
                    pass
            try:
                p.kill()
                p.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass

    def forget(self) -> None:
        """In a forked child: drop the parent's process without touching it."""
        self.lock = threading.Lock()
        p, self.proc = self.proc, None
        if p is not None:
            for f in (p.stdin, p.stdout):
                try:
                    f.close()         # the child's copies of the pipes only
                except OSError:
                    pass
            p.returncode = 0          # so Popen's finaliser does not wait on it

    def lookup(self, segments: list[str]) -> list[str] | None:
        """lt-proc's output for each segment (already escaped stream input); None when
        the process cannot answer (it is restarted on the next call)."""
        if not segments:
            return []
        with self.lock:
            for _ in range(2):           # a process that died between calls: one restart
                try:
                    return self._exchange(segments)
                except (OSError, _Failed):
                    self.close()
        global _failures
        _failures += 1
        return None

    def _exchange(self, segments: list[str]) -> list[str]:
        p = self._start()
        payload = "".join(s + "\n\0" for s in segments).encode("utf-8", "replace")
        failed: list[BaseException] = []

        def write():
            # a thread, so that a big batch cannot fill both pipes and deadlock
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(p.stdin.fileno(), view):]
            except (OSError, ValueError) as e:
                failed.append(e)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        fd, buf, n = p.stdout.fileno(), bytearray(), 0
        deadline = time.monotonic() + TIMEOUT_S
        while n < len(segments):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise _Failed(f"lt-proc gave no answer in {TIMEOUT_S:.0f}s")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise _Failed("lt-proc exited")
            n += chunk.count(0)
            buf += chunk
        writer.join(TIMEOUT_S)
        if failed or n != len(segments) or not buf.endswith(b"\0"):
            raise _Failed("lt-proc's answer does not match the question")
        return [s.decode("utf-8", "replace") for s in bytes(buf[:-1]).split(b"\0")]


def _path(rel: str) -> Path | None:
    return next((r / rel for r in ROOTS if (r / rel).is_file()), None)


def _lt_proc() -> str | None:
    return shutil.which("lt-proc")


def available() -> bool:
    """lt-proc and all the analysers and bilingual dictionaries are installed (looked
    at once per search path: the checks ask for every sentence pair, and the stat calls
    were 7% of the checking time; `clear_cache()` looks again)."""
    key = (ROOTS, os.environ.get("PATH", ""))
    if key not in _found:
        rels = [*ANALYSERS.values(), *(t for legs in ROUTES.values() for leg in legs
                                       for t in (*leg.transducers, leg.analyser) if t)]
        _found[key] = _lt_proc() is not None and all(_path(r) for r in rels)
    return _found[key]


_found: dict[tuple, bool] = {}     # (ROOTS, PATH) -> available()


_procs: dict[tuple[str, bool], _LtProc] = {}
_failures = 0            # lookups lt-proc could not answer: their empty results are not cached
_procs_lock = threading.Lock()


def _proc(rel: str, bilingual: bool) -> _LtProc | None:
    exe, path = _lt_proc(), _path(rel)
    if exe is None or path is None:
        return None
    with _procs_lock:
        p = _procs.get((rel, bilingual))
        if p is None:
            p = _procs[(rel, bilingual)] = _LtProc(
                [exe, "-z", *(["-b"] if bilingual else []), str(path)])
        return p


def _after_fork() -> None:
    global _procs_lock
    _procs_lock = threading.Lock()
    for p in _procs.values():
        p.forget()


def close() -> None:
    """Stop the lt-proc processes (the next lookup starts them again); run at exit."""
    for p in list(_procs.values()):
        with p.lock:
            p.close()


os.register_at_fork(after_in_child=_after_fork)
atexit.register(close)

# Caches: (analyser, word) -> subreadings; (transducer, unit) -> translations; answers.
_analyses: dict[tuple[str, str], tuple[_Sub, ...]] = {}
_bilingual: dict[tuple[str, _Sub], tuple[_Sub, ...]] = {}
_lemmas: dict[tuple[str, str], frozenset[str]] = {}
_translations: dict[tuple[str, str, str], frozenset[str]] = {}
_CACHES = (_analyses, _bilingual, _lemmas, _translations)


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= CACHE_MAX:
        cache.clear()
    cache[key] = value


def _cached(cache: dict, items, key) -> dict:
    """The cached answers for `items` (one get each: another thread may empty the cache)."""
    return {x: v for x in items if (v := cache.get(key(x))) is not None}


def clear_cache() -> None:
    """Forget every cached lookup and whether the binaries are installed (the
    processes stay up)."""
    for c in _CACHES:
        c.clear()
    _found.clear()


def _check_lang(lang: str) -> None:
    if lang not in ANALYSERS:
        raise ValueError(f"language must be one of {sorted(ANALYSERS)}, not {lang!r}")


def _analyse(words: list[str], analyser: str) -> dict[str, tuple[_Sub, ...]]:
    """Subreadings of each word: one analyser round trip for the words not cached."""
    out = _cached(_analyses, words, lambda w: (analyser, w))
    todo = [w for w in dict.fromkeys(words) if w not in out]
    ask = [w for w in todo if 0 < len(w) <= MAX_CHARS and _LETTER_OR_DIGIT.search(w)]
    proc = _proc(analyser, bilingual=False) if ask else None
    answers = (proc.lookup([_clean(w) for w in ask]) if proc else None) or []
    answered = dict(zip(ask, answers))
    for w in todo:
        out[w] = subs = tuple(_subs(answered.get(w, ""), whole=True))
        if w in answered or w not in ask:      # not a failed lookup: worth remembering
            _remember(_analyses, (analyser, w), subs)
    return out


def _bilingual_lookup(units: list[_Sub], rel: str) -> dict[_Sub, tuple[_Sub, ...]]:
    """Translations of each unit in one bilingual transducer: one round trip for the
    units not cached."""
    out = _cached(_bilingual, units, lambda u: (rel, u))
    todo = [u for u in dict.fromkeys(units) if u not in out]
    proc = _proc(rel, bilingual=True) if todo else None
    answers = proc.lookup([u.stream() for u in todo]) if proc else None
    for u, answer in zip(todo, answers or ()):
        out[u] = subs = tuple(_subs(answer))
        _remember(_bilingual, (rel, u), subs)
    return out


def _leg(units: Iterable[_Sub], leg: Leg) -> dict[_Sub, tuple[_Sub, ...]]:
    """Every translation of each unit through one leg (the union of its transducers).
    A unit the leg's dictionaries lack as tagged is re-read by the leg's own analyser
    (its lemma as a word: the same lemma, this pair's tags; same part of speech first)
    and looked up again; a proper noun they lack altogether passes through, as
    Apertium's own translation copies it."""
    units = list(dict.fromkeys(units))
    found: dict[_Sub, dict[_Sub, None]] = {u: {} for u in units}

    def look(asked: dict[_Sub, list[_Sub]]) -> None:
        keys = list(dict.fromkeys(k for ks in asked.values() for k in ks))
        for rel in leg.transducers:
            got = _bilingual_lookup(keys, rel)
            for u, ks in asked.items():
                for k in ks:
                    found[u].update(dict.fromkeys(got.get(k, ())))

    look({u: [u] for u in units})
    missing = [u for u in units if not found[u]]
    if leg.analyser and missing:
        words = {u: _ESCAPED.sub(r"\1", u.lemma + u.queue).replace("#", "") for u in missing}
        again = _analyse(list(words.values()), leg.analyser)
        asked = {}
        for u in missing:
            same = [r for r in again[words[u]] if r.folded() == u.folded()]
            asked[u] = [r for r in same if r.tags[:1] == u.tags[:1]] or same
        look(asked)
    for u in units:
        if not found[u] and u.tags[:1] == ("np",):
            found[u][u] = None
    return {u: tuple(f) for u, f in found.items()}


def lemmas(words: Iterable[str], lang: Lang) -> dict[str, frozenset[str]]:
    """{word: folded lemmas of all its analyses} for each distinct word; an unknown word,
    punctuation or an empty string maps to an empty set."""
    _check_lang(lang)
    words = list(dict.fromkeys(words))
    out = _cached(_lemmas, words, lambda w: (lang, w))
    todo = [w for w in words if w not in out]
    if todo and available():
        failures = _failures
        for w, subs in _analyse(todo, ANALYSERS[lang]).items():
            out[w] = _folded(subs)
            if failures == _failures:
                _remember(_lemmas, (lang, w), out[w])
    return {w: out.get(w, frozenset()) for w in words}


def verb_forms(words: Iterable[str], lang: Lang) -> set[str]:
    """The words every analysis of which is a verb that makes a clause: a past tense or
    participle ("called", "began") or an auxiliary ("has", "is"); none when the
    dictionaries are not installed."""
    _check_lang(lang)
    words = [w for w in dict.fromkeys(words) if w]
    if not words or not available():
        return set()

    def verbal(s: _Sub) -> bool:
        return bool(s.tags) and (s.tags[0] in ("vbhaver", "vbser", "vaux")
                                 or (s.tags[0] == "vblex" and s.tags[1:2] in (("past",), ("pp",))))
    return {w for w, subs in _analyse(words, ANALYSERS[lang]).items()
            if subs and all(verbal(s) for s in subs)}


def given_names(words: Iterable[str], lang: Lang) -> set[str]:
    """The words one of whose analyses is a person's given name (proper noun,
    anthroponym: <np><ant>); none when the dictionaries are not installed."""
    _check_lang(lang)
    words = [w for w in dict.fromkeys(words) if w]
    if not words or not available():
        return set()
    return {w for w, subs in _analyse(words, ANALYSERS[lang]).items()
            if any(s.tags[:2] == ("np", "ant") for s in subs)}


def translations(words: Iterable[str], src: Lang, tgt: Lang) -> dict[str, frozenset[str]]:
    """{word: folded target-language lemmas of every dictionary translation of every
    analysis of the word} for each distinct word, through Spanish; empty when the
    dictionaries know no translation."""
    _check_lang(src)
    _check_lang(tgt)
    if (src, tgt) not in ROUTES:
        raise ValueError(f"no dictionary route {src}→{tgt}")
    words = list(dict.fromkeys(words))
    out = _cached(_translations, words, lambda w: (src, tgt, w))
    todo = [w for w in words if w not in out]
    if todo and available():
        failures = _failures
        analyses = _analyse(todo, ANALYSERS[src])
        reach = {w: {s: None for s in subs} for w, subs in analyses.items()}
        for leg in ROUTES[(src, tgt)]:
            step = _leg((s for subs in reach.values() for s in subs), leg)
            reach = {w: {t: None for s in subs for t in step[s]} for w, subs in reach.items()}
        for w, subs in reach.items():
            out[w] = _folded(subs)
            if failures == _failures:
                _remember(_translations, (src, tgt, w), out[w])
    return {w: out.get(w, frozenset()) for w in words}


__all__ = ["Lang", "Leg", "ROUTES", "available", "clear_cache", "close", "lemmas", "translations"]
