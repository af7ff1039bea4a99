"""Patching a body-only edit into the live site (used by plugins/uptodate).

When the only inputs that changed since the last successful build are the
bodies of a few published articles, and each edit leaves everything a
listing, a feed summary, a quota or a royalty reads of the article as it was
(the header, the lead, no image or link to a local file before or after),
the edit changes nothing but the body shown on the article's own page, the
full content in the feeds that list it and the search index. The patch takes
those from a build of just the edited articles (the real pipeline, in a
scratch folder) and writes them into the live site.

This module has the pure parts: the markers around the body on an article
page, what makes a body "plain" (nothing the image or link rewriting
touches), the digest of a header, and the ``Patch`` handed to the plugins
that add their part (``PATCH_SIGNAL``, a blinker signal by name, sent in
``PLUGINS`` order: search re-indexes, safety scans, precompress compresses).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

BODY_START = "<!--than-bai-->"
BODY_END = "<!--/than-bai-->"
PATCH_SIGNAL = "portal.patch"

# Anything the image plugin, Pelican's intrasite links or the royalty photo
# count read in a body: a plain body has none of it.
_NOT_PLAIN = re.compile(
    r"!\[|<\s*(img|picture|source|video|audio|iframe|embed|object|a|link|base|form)\b|\{\s*(filename|static|attach|"
    r"tag|category|author|index)\s*\}|\|\s*(filename|static|attach)\s*\|", re.I)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*)", re.M)
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "#")


class PatchRefused(Exception):
    """The edit cannot be patched: the reason (for the log); a full build runs."""


def is_plain(body: str) -> bool:
    """True when the Markdown ``body`` has no image, no raw media or link tag,
    no intrasite link and links only to other sites."""
    if _NOT_PLAIN.search(body):
        return False
    targets = _INLINE_LINK.findall(body) + _REFERENCE.findall(body)
    return all(t.lower().startswith(_EXTERNAL) for t in targets)


def header_digest(fields: dict) -> str:
    """Digest of an article's header fields (name → value as typed)."""
    hasher = hashlib.blake2b(digest_size=16)
    for key in sorted(fields):
        hasher.update(f"{key}\0{fields[key]}\0".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def body_span(page: str) -> tuple[int, int] | None:
    """Where the body lies in a rendered article page (between the markers),
    or None when the markers are not there exactly once each."""
    if page.count(BODY_START) != 1 or page.count(BODY_END) != 1:
        return None
    start = page.index(BODY_START) + len(BODY_START)
    end = page.index(BODY_END)
    return (start, end) if start <= end else None


@dataclass
class Patch:
    """One patch of the live site. Plugins receiving ``PATCH_SIGNAL`` read
    ``settings``, ``live`` and ``notes`` (what they left in the record of the
    last build), and add to ``files`` (output name → new bytes) and
    ``folders`` (output folder → a finished replacement folder)."""

    settings: dict
    live: Path
    work: Path                               # scratch space, removed afterwards
    pages: list[str]                         # output names of the patched article pages
    notes: dict = field(default_factory=dict)
    portal: object = None                    # the scratch build's validated PORTAL (roster matchers)
    files: dict[str, bytes] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)   # output names that go (a replaced folder's old files)
