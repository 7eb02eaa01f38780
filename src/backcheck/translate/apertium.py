"""The Debian Apertium engine, pivoting through Spanish: pt→es→en and en→es→pt.

One `apertium` process per leg per batch, not per sentence. Sentences travel as HTML
paragraphs (`apertium -f html`): each one escaped in its own <p> block, which Apertium
treats as a block boundary and passes through, so outputs stay aligned; -u drops the
*/#/@ unknown-word marks.

Entry point: `ApertiumTranslator()`.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess

from backcheck.errors import InputError

# apertium -l mode names (apertium-es-pt, apertium-eng-spa)
LEGS = {("pt", "en"): ("pt-es", "spa-eng"), ("en", "pt"): ("eng-spa", "es-pt")}
PACKAGES = {"pt-es": "apertium-es-pt", "es-pt": "apertium-es-pt",
            "spa-eng": "apertium-eng-spa", "eng-spa": "apertium-eng-spa"}
BLOCK = re.compile(r"<p>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]*>")
TIMEOUT_S = 600


def installed() -> bool:
    return shutil.which("apertium") is not None


def modes() -> set[str]:
    try:
        out = subprocess.run(["apertium", "-l"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return set(out.stdout.split())


def package_version() -> str:
    """The Debian versions of the language pairs, for the report's revision field."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Package}=${Version} ",
                              *sorted(set(PACKAGES.values()))],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


class ApertiumTranslator:
    name = "apertium"

    def __init__(self):
        if not installed():
            raise InputError(None, "apertium is not installed (apt-get install apertium "
                                   "apertium-es-pt apertium-eng-spa)")
        have = modes()
        missing = sorted({PACKAGES[m] for legs in LEGS.values() for m in legs if m not in have})
        if missing:
            raise InputError(None, f"apertium language pairs missing: install {' '.join(missing)}")
        self._revision = None

    def info(self, src: str, tgt: str) -> dict:
        if self._revision is None:
            self._revision = package_version()
        legs = LEGS.get((src, tgt), ())
        return {"name": self.name, "model": " | ".join(legs), "revision": self._revision}

    def _run(self, mode: str, doc: str) -> str:
        try:
            out = subprocess.run(["apertium", "-u", "-f", "html", mode], input=doc,
                                 capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise InputError(None, f"apertium {mode} took longer than {TIMEOUT_S}s") from None
        if out.returncode != 0:
            raise InputError(None, f"apertium {mode} failed: {out.stderr.strip()[:200]}")
        return out.stdout

    def _legs(self, texts: list[str], legs) -> list[str]:
        doc = "\n".join(f"<p>{html.escape(' '.join(t.split()), quote=False)}</p>"
                        for t in texts)
        for mode in legs:
            doc = self._run(mode, doc)
        blocks = BLOCK.findall(doc)
        if len(blocks) != len(texts):
            if len(texts) == 1:
                return [html.unescape(TAG.sub("", doc)).strip()]
            # a block boundary was lost: halve the batch rather than misalign sentences
            mid = len(texts) // 2
            return self._legs(texts[:mid], legs) + self._legs(texts[mid:], legs)
        return [" ".join(html.unescape(TAG.sub("", b)).split()) for b in blocks]

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        legs = LEGS.get((src, tgt))
        if legs is None:
            raise InputError(None, f"apertium: no route for {src}→{tgt}")
        texts = list(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        out = ["" for _ in texts]
        if todo:
            for i, r in zip(todo, self._legs([texts[i] for i in todo], legs)):
                out[i] = r
        return out
