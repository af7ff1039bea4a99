"""A persistent memo of pure conversions (Markdown body → sanitised HTML, …).

Keys are digests of everything the result depends on (the input text, the
options, the code); values are strings. An entry can never be stale, only
unused: a changed input or option is a different key. Stored in one SQLite
file under the project's ``.cache`` folder; a damaged or locked file makes
the memo empty for the run (the build converts everything itself), never a
failed build.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)


def key_of(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=24)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(b"%d:" % len(data) + data)
    return hasher.hexdigest()


KEEP_RUNS = 3  # entries no run used among the last KEEP_RUNS are deleted


class Memo:
    """``get(key)`` / ``put(key, value)``; writes are kept until ``save()``.

    Each run numbers itself; the entries it used are marked with its number
    and entries left unused for ``KEEP_RUNS`` runs are deleted, so the file
    follows the content instead of growing with every edit.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self._pending: dict[str, str] = {}
        self._used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self.run = 0
        self.hits = 0
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS memo "
                             "(key TEXT PRIMARY KEY, value TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 0)")
            row = self._db.execute("SELECT MAX(run) FROM memo").fetchone()
            self.run = (row[0] or 0) + 1
        except (OSError, sqlite3.Error) as exc:
            logger.debug("memo %s unusable: %s", path, exc)
            self._db = None

    def get(self, key: str) -> str | None:
        if key in self._pending:
            return self._pending[key]
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is not None:
            self.hits += 1
            self._used.add(key)
        return row[0] if row else None

    def known(self, keys) -> set[str]:
        """Which of ``keys`` the memo holds (not counted as used: ``get`` does that)."""
        keys = list(keys)
        found = {key for key in keys if key in self._pending}
        if self._db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(row[0] for row in self._db.execute(f"SELECT key FROM memo WHERE key IN ({marks})", chunk))
        except sqlite3.Error:
            pass
        return found

    def put(self, key: str, value: str) -> None:
        self._pending[key] = value

    def save(self) -> None:
        if self._db is None:
            self._pending.clear()
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO memo (key, value, run) VALUES (?, ?, ?)",
                                     ((k, v, self.run) for k, v in self._pending.items()))
                self._db.executemany("UPDATE memo SET run = ? WHERE key = ?",
                                     ((self.run, k) for k in self._used))
                self._db.execute("DELETE FROM memo WHERE run <= ?", (self.run - KEEP_RUNS,))
        except sqlite3.Error as exc:
            logger.debug("memo %s not saved: %s", self.path, exc)
        self._pending.clear()
        self._used.clear()

    def close(self) -> None:
        self.save()
        if self._db is not None:
            self._db.close()
            self._db = None
