"""The processed-image cache: one folder per (content hash, parameters).

``<cache>/<key[:2]>/<key>/`` holds the files of one job and its
``manifest.json``; a share card is one file, ``<cache>/<key[:2]>/<key>.jpg``
(its manifest is known from its job). The key is sha256 of the source file's sha256, the job's
parameters and the recipe version, so any change to the bytes or to a setting
that affects the pixels makes a new entry; a rebuild with nothing changed
finds every entry and processes nothing. ``digests.json`` remembers each
source file's sha256 by (size, mtime) so unchanged files are not re-read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import uuid
from pathlib import Path

from portal.paths import guard_write

from .process import RECIPE, Job, card_file, card_manifest, read_manifest

logger = logging.getLogger(__name__)

DIGESTS = "digests.json"
_KEY = re.compile(r"^[0-9a-f]{64}$")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def job_key(kind: str, source_digest: str, params: dict) -> str:
    blob = json.dumps({"kind": kind, "src": source_digest, "params": params, "recipe": RECIPE},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def key_of(path: Path | str) -> str:
    """The key of the cache entry a cached file belongs to: a card's file is
    named after it (``<key>.jpg``), any other file lies in its folder."""
    path = Path(path)
    return path.stem if path.suffix == ".jpg" and _KEY.match(path.stem) else path.parent.name


class ImageCache:
    """Cache folder of one run (created on first use)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._digests: dict[str, list] = {}
        self._dirty = False
        try:
            self._digests = json.loads((self.root / DIGESTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._digests = {}

    def digest(self, path: Path) -> str:
        """sha256 of the file, reusing the remembered one if size and mtime match."""
        path = Path(path).resolve()
        stat = path.stat()
        known = self._digests.get(str(path))
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        value = file_sha256(path)
        self._digests[str(path)] = [stat.st_size, stat.st_mtime_ns, value]
        self._dirty = True
        return value

    def entry(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.root / key[:2] / key

    def manifest(self, key: str) -> dict | None:
        """The manifest of a folder entry (every kind of job but cards: ``manifest_of``)."""
        return read_manifest(self.entry(key))

    def manifest_of(self, job: Job) -> dict | None:
        """The manifest of ``job``'s entry, None when the cache lacks it (a
        card's file is there or not; its manifest is known from the job)."""
        if job.kind == "card":
            return card_manifest(job) if os.path.isfile(card_file(self.entry(job.key))) else None
        return self.manifest(job.key)

    def file_of(self, job: Job, manifest: dict) -> Path:
        """The cached file a one-file manifest (a share crop, a card) names."""
        if job.kind == "card":
            return card_file(self.entry(job.key))
        return self.entry(job.key) / manifest["file"]

    def save(self) -> None:
        """Write the digest index (atomically) if it changed."""
        if not self._dirty:
            return
        tmp = self.root / f"{DIGESTS}.{uuid.uuid4().hex[:8]}.tmp"
        guard_write(tmp, self.root)
        guard_write(self.root / DIGESTS, self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            tmp.write_text(json.dumps(self._digests, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.root / DIGESTS)
            self._dirty = False
        except OSError as exc:
            logger.warning("Không ghi được chỉ mục bộ nhớ đệm ảnh %s: %s", self.root, exc)
            tmp.unlink(missing_ok=True)
