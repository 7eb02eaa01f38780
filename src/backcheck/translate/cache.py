"""SQLite translation cache keyed by (engine, model, revision, direction, text).

WAL mode and a busy timeout make it safe for several processes at once (batch -j N).
Entry points: `TranslationCache(dir)`, `CachedTranslator(inner, cache)`.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from backcheck.errors import InputError

SCHEMA = """CREATE TABLE IF NOT EXISTS translation (
  engine TEXT NOT NULL, model TEXT NOT NULL, revision TEXT NOT NULL,
  direction TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
  PRIMARY KEY (engine, model, revision, direction, source))"""
CHUNK = 500          # stay under SQLite's bound-parameter limit


def default_dir() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("backcheck"))


class TranslationCache:
    def __init__(self, directory=None, timeout_s: float = 30.0):
        d = Path(directory) if directory else default_dir()
        try:
            d.mkdir(parents=True, exist_ok=True)
            self.path = d / "translations.sqlite3"
            self.db = sqlite3.connect(self.path, timeout=timeout_s, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
            self._retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._retry(lambda: self.db.execute(SCHEMA))
        except (OSError, sqlite3.Error) as e:
            raise InputError(d, f"cannot open the translation cache: {e}") from None

    @staticmethod
    def _retry(fn, tries: int = 20):
        """busy_timeout covers most contention; WAL switching and schema creation can
        still report 'locked' straight away when several processes start together."""
        for n in range(tries):
            try:
                return fn()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or n == tries - 1:
                    raise
                time.sleep(0.05 * (n + 1))

    def get_many(self, key: tuple, texts: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        uniq = list(dict.fromkeys(texts))
        for i in range(0, len(uniq), CHUNK):
            part = uniq[i:i + CHUNK]
            q = (f"SELECT source, target FROM translation WHERE engine=? AND model=? AND "
                 f"revision=? AND direction=? AND source IN ({','.join('?' * len(part))})")
            found.update(self._retry(lambda: self.db.execute(q, (*key, *part)).fetchall()))
        return found

    def put_many(self, key: tuple, pairs: dict[str, str]) -> None:
        rows = [(*key, s, t) for s, t in pairs.items()]

        def write():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("INSERT OR REPLACE INTO translation VALUES (?,?,?,?,?,?)", rows)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        if rows:
            self._retry(write)

    def close(self) -> None:
        self.db.close()


class CachedTranslator:
    """Wraps an engine: looks every text up, translates only the misses, in one batch."""

    def __init__(self, inner, cache: TranslationCache):
        self.inner, self.cache = inner, cache
        self.name = inner.name
        self._keys: dict[tuple, tuple] = {}

    def info(self, src: str, tgt: str) -> dict:
        return self.inner.info(src, tgt)

    def _key(self, src: str, tgt: str) -> tuple:
        if (src, tgt) not in self._keys:
            i = self.inner.info(src, tgt)
            # cache_tag adds what else changes the output (beam size, int8 vs float32)
            tag = getattr(self.inner, "cache_tag", self.inner.name)
            self._keys[(src, tgt)] = (tag, str(i.get("model")),
                                      str(i.get("revision")), f"{src}-{tgt}")
        return self._keys[(src, tgt)]

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        texts = list(texts)
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        key = self._key(src, tgt)
        found = self.cache.get_many(key, [t for t in texts if t.strip()])
        misses = list(dict.fromkeys(t for t in texts if t.strip() and t not in found))
        if misses:
            new = dict(zip(misses, self.inner.translate(misses, src, tgt)))
            self.cache.put_many(key, new)
            found.update(new)
        return [found[t] if t.strip() else "" for t in texts]
