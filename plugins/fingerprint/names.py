"""Content names for static files (pure)."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

DIGITS = 10


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGITS]


def fingerprinted(rel: str, data: bytes) -> str:
    """``css/site.css`` + bytes → ``css/site-<10 hex>.css``."""
    path = PurePosixPath(rel)
    return str(path.with_name(f"{path.stem}-{digest(data)}{path.suffix}"))
