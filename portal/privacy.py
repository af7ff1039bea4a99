"""Private roster values (phone, e-mail, Facebook) must never reach the site.

:class:`PrivateValues` is built from the raw roster entries. It finds those
values in an article's text (with line numbers, for ``invoke check``) and in
written files (bytes, for the scan after every build), whatever way they
were typed: ``0912 345 601``, ``0912.345.601``, ``+84 912 345 601``; e-mails
in any case; a Facebook profile with or without ``https://``, ``www.`` or
``m.``. The values themselves are never shown in messages or ``repr``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PRIVATE_FIELDS = ("phone", "email", "facebook")
KIND_LABELS = {"phone": "số điện thoại", "email": "địa chỉ e-mail", "facebook": "trang Facebook"}

_SEP = "<SEP>"  # an optional separator between digits, spelled per text or bytes below
_SEP_TEXT = r"(?:[ .\-()]|\u00a0)?"
_SEP_BYTES = r"(?:[ .\-()]|\xc2\xa0)?"


def _phone_pattern(value: str) -> str | None:
    digits = re.sub(r"\D", "", value)
    if digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    digits = digits.lstrip("0")
    if len(digits) < 8:  # too short to be a phone number: matching it would flag ordinary numbers
        return None
    body = _SEP.join(digits)
    return rf"(?<![\d.,])(?:\+?84|0){_SEP}{body}(?![\d])"


def _email_pattern(value: str) -> str | None:
    value = value.strip()
    if "@" not in value:
        return None
    return rf"(?<![\w.+-]){re.escape(value)}(?![\w-])"


def _facebook_pattern(value: str) -> str | None:
    value = value.strip()
    match = re.search(r"(?:facebook\.com|fb\.com|fb\.me)/(.+)$", value, re.IGNORECASE)
    path = (match.group(1) if match else value).strip("/")
    if not path or len(path) < 3:
        return None
    return rf"(?:facebook\.com|fb\.com|fb\.me)/{re.escape(path)}(?![\w.])"


_BUILDERS = {"phone": _phone_pattern, "email": _email_pattern, "facebook": _facebook_pattern}


@dataclass(frozen=True)
class Found:
    line: int
    kind: str      # phone / email / facebook
    owner: str     # the roster name the value belongs to

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class PrivateValues:
    """The roster's private values as matchers; ``repr`` never shows them."""

    _patterns: list[tuple[re.Pattern, re.Pattern, str, str]] = field(default_factory=list, repr=False)
    _combined: re.Pattern | None = field(default=None, repr=False)
    _combined_bytes: re.Pattern | None = field(default=None, repr=False)

    @classmethod
    def from_roster(cls, entries) -> "PrivateValues":
        out = cls()
        parts = []
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            owner = str(entry.get("name") or "?")
            for kind in PRIVATE_FIELDS:
                value = entry.get(kind)
                if value is None or not str(value).strip():
                    continue
                pattern = _BUILDERS[kind](str(value))
                if pattern is None:
                    continue
                text, data = pattern.replace(_SEP, _SEP_TEXT), pattern.replace(_SEP, _SEP_BYTES).encode()
                out._patterns.append((re.compile(text, re.IGNORECASE), re.compile(data, re.IGNORECASE), kind, owner))
                parts.append((text, data))
        if parts:
            out._combined = re.compile("|".join(f"(?:{t})" for t, _ in parts), re.IGNORECASE)
            out._combined_bytes = re.compile(b"|".join(b"(?:" + d + b")" for _, d in parts), re.IGNORECASE)
        return out

    def __len__(self) -> int:
        return len(self._patterns)

    def __repr__(self) -> str:
        return f"PrivateValues({len(self)} values)"

    def find_in_text(self, text: str, first_line: int = 1) -> list[Found]:
        """Every private value in ``text``; lines count from ``first_line``."""
        if self._combined is None or not text or not self._combined.search(text):
            return []
        found = []
        for number, line in enumerate(text.splitlines(), start=first_line):
            for pattern, _, kind, owner in self._patterns:
                if pattern.search(line):
                    found.append(Found(number, kind, owner))
        return found

    def find_in_bytes(self, data: bytes) -> list[tuple[str, str]]:
        """``(kind, owner)`` of every private value in ``data`` (UTF-8 text)."""
        if self._combined_bytes is None or not data or not self._combined_bytes.search(data):
            return []
        return [(kind, owner) for _, pattern, kind, owner in self._patterns if pattern.search(data)]


# --- Scanning what a build wrote --------------------------------------------

# Binary media: stripped of metadata by the images plugin, not text.
BINARY_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".ico", ".mp4", ".webm",
                             ".woff", ".woff2", ".ttf", ".otf", ".wasm", ".br"})
MAX_SCAN_BYTES = 64 * 1024 * 1024


def _text_of(path) -> bytes:
    """A written file's bytes, decompressed when gzip (Pagefind's index, .gz copies)."""
    import gzip
    import zlib

    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as stream:
                return stream.read(MAX_SCAN_BYTES)
        except (OSError, EOFError, zlib.error):
            return data
    return data


def scan_tree(root, private: PrivateValues) -> list[tuple[str, str, str]]:
    """``(relative path, kind label, owner)`` for each private value in a written tree.

    Every file is read once (text files, the search index decompressed);
    images and video are skipped (their metadata is stripped when published).
    Symlinks are not followed.
    """
    import os
    from pathlib import Path

    root = Path(root)
    leaks = []
    if not private:
        return leaks
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() in BINARY_SUFFIXES or path.is_symlink():
                continue
            for kind, owner in private.find_in_bytes(_text_of(path)):
                leaks.append((path.relative_to(root).as_posix(), KIND_LABELS[kind], owner))
    return sorted(leaks)
