"""Patching a body-only edit into the live site (used by plugins/uptodate).

When the only inputs that changed since the last successful build are the
bodies of a few published articles, and each edit leaves everything a
quota or a royalty reads of the article as it was (the header, no image or
link to a local file before or after), the edit changes only the body shown
on the article's own page, the content in the feeds that list it and the
search index; and, when the lead (the first paragraph, without a
``Summary``) changed, the page's sapo and description and the article's
summary wherever a listing shows it. The patch takes those from a build of
just the edited articles (the real pipeline, in a scratch folder) and
writes them into the live site.

This module has the pure parts: the markers around the body on an article
page, what makes a body "plain" (nothing the image or link rewriting
touches), the digest of a header, where a page shows the lead
(``splice_lead``, ``summary_spans``), and the ``Patch`` handed to the plugins
that add their part (``PATCH_SIGNAL``, a blinker signal by name, sent in
``PLUGINS`` order: search re-indexes, safety scans, precompress compresses).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

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


# --- A lead edit: where a page shows an article's first paragraph ------------
# On the article's own page: the sapo, and its description in the head (three
# meta tags and the NewsArticle JSON-LD). In a listing: the summary of each of
# its cards and of the home page's lead story (``macros.html``, ``index.html``).
_SAPO = re.compile(r'<p class="sapo">.*?</p>', re.S)
_HEAD_DESCRIPTIONS = tuple(re.compile(re.escape(prefix) + r'[^"]*"') for prefix in (
    '<meta name="description" content="', '<meta property="og:description" content="',
    '<meta name="twitter:description" content="'))
_JSONLD_DESCRIPTION = re.compile(r'"description":"(?:[^"\\]|\\.)*"')
SUMMARY_OPEN, SUMMARY_CLOSE = '<p class="summary">', "</p>"
# Each kind of block showing an article's summary: how it opens, and its
# title link. No content can forge one: the sanitiser's allowlist has no
# <article> tag (portal.safety.TAGS), and a block holds only escaped text.
SUMMARY_KINDS = {"card": ('<article class="card', 'class="card-title"><a href="{url}">'),
                 "lead story": ('<article class="lead-story', 'class="lead-title"><a href="{url}">')}


def splice_lead(live_page: str, scratch_page: str, name: str) -> str:
    """``live_page`` (an article's) with the sapo and the description of
    ``scratch_page``: each must be there exactly once in both pages, else
    PatchRefused."""
    for pattern in (_SAPO, *_HEAD_DESCRIPTIONS, _JSONLD_DESCRIPTION):
        live_found, scratch_found = pattern.findall(live_page), pattern.findall(scratch_page)
        if len(live_found) != 1 or len(scratch_found) != 1:
            raise PatchRefused(f"{name}: không tìm thấy đúng một chỗ có đoạn mở đầu "
                               f"({pattern.pattern[:40]})")
        live_page = pattern.sub(lambda _match: scratch_found[0], live_page)
    return live_page


def summary_spans(page: str, url: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of the summary text of every block of ``page``
    that shows the article at ``url`` (its absolute address, as in the
    pages) with a summary: a card or the home page's lead story."""
    spans = []
    for kind, (opening, title) in SUMMARY_KINDS.items():
        title = title.format(url=escape(url))  # as the templates write it
        at = page.find(opening)
        while at != -1:
            block_end = page.find("</article>", at)
            if block_end == -1:
                break
            link = page.find(title, at, block_end)
            summary = page.find(SUMMARY_OPEN, link, block_end) if link != -1 else -1
            if summary != -1:
                start = summary + len(SUMMARY_OPEN)
                end = page.find(SUMMARY_CLOSE, start, block_end)
                if end == -1:
                    raise PatchRefused(f"tóm tắt không đóng ({url})")
                spans.append((kind, start, end))
            at = page.find(opening, block_end)
    return sorted(spans, key=lambda span: span[1])


def replace_summaries(page: str, url: str, summaries: dict[str, str], name: str) -> str:
    """``page`` with each summary of the article at ``url`` replaced by the
    one of its kind in ``summaries`` (PatchRefused when a kind is missing)."""
    for kind, start, end in reversed(summary_spans(page, url)):
        if kind not in summaries:
            raise PatchRefused(f"{name}: bản dựng thử không có phần tóm tắt kiểu «{kind}» của bài")
        page = page[:start] + summaries[kind] + page[end:]
    return page


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
