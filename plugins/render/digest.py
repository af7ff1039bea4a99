"""What a page is rendered from, as one digest (see portal.fingerprint).

- the build: the code of the project (``portal``, ``plugins``), the versions
  of the libraries that shape HTML, every file of the theme, the settings,
  and the shared template context (every article as a *list card*);
- the page: its template, output name and the values it adds to the context,
  with the article or page it is about in full.

An article's *card* digest covers everything a listing, a sidebar or a
related-articles block may show: all its attributes except the body after
the lead (the first non-empty paragraph, and at least ``CARD_BODY_CHARS``
characters), and except links to other articles. Its *full* digest adds the
whole body and the cards of the articles it links to (related, previous,
next). So a body edit below the lead renders that article's page again and
nothing else; a title edit changes the shared context and renders every page.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from pelican.contents import Content

from portal.fingerprint import SKIPPED_ATTRIBUTES, Fingerprinter, code_digest, file_digest

CARD_BODY_CHARS = 4000
CARD_SKIPPED = frozenset({"body"})  # attribute names a card never shows (the Markdown body)
VOLATILE_SETTINGS = ("PORTAL_TIMINGS", "OUTPUT_PATH")
_PARAGRAPH_END = re.compile(r"</p\s*>", re.I)
_PARAGRAPH_START = re.compile(r"<p[\s>]", re.I)
_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[#\w]+;")
_WORD = re.compile(r"\w")


def lead_source(html: str) -> str:
    """The start of ``html`` through its first paragraph with a letter or
    digit in it (conservative: never shorter than what a lead is made from)."""
    for end in _PARAGRAPH_END.finditer(html):
        start = None
        for start in _PARAGRAPH_START.finditer(html, 0, end.start()):
            pass
        text = html[start.start() if start else 0:end.start()]
        if _WORD.search(_TAG_OR_ENTITY.sub(" ", text)):
            cut = end.end()
            return html[:max(cut, CARD_BODY_CHARS)]
    return html


def _links_content(value) -> bool:
    if isinstance(value, Content):
        return True
    if isinstance(value, (list, tuple)) and value and any(isinstance(v, Content) for v in value):
        return True
    return False


class Digests:
    """Card and full digests of Pelican content objects, memoised for one flush."""

    def __init__(self):
        self._cards: dict[int, bytes] = {}
        self._keep: list = []
        self.cards = Fingerprinter(self._card_or_none)
        # inside a card: other articles are only links, and the raw Markdown
        # body the validator kept (``facts.header.body``) is left out
        self._card_fields = Fingerprinter(lambda v: b"linked" if isinstance(v, Content) else None,
                                          skip=CARD_SKIPPED)

    def _card_or_none(self, value) -> bytes | None:
        if not isinstance(value, Content):
            return None
        return self.card(value)

    def card(self, item: Content) -> bytes:
        found = self._cards.get(id(item))
        if found is not None:
            return found
        self._cards[id(item)] = b"pending"  # a card never depends on another card
        fields = {k: v for k, v in vars(item).items()
                  if k != "_content" and k not in SKIPPED_ATTRIBUTES and not _links_content(v)}
        fields["_lead"] = lead_source(getattr(item, "_content", "") or "")
        fields["_class"] = type(item).__name__
        digest = self._card_fields.digest(fields)
        if digest is None:  # no stable card: a fresh value every run (always rendered)
            digest = hashlib.blake2b(repr(id(item)).encode() + sys.version.encode()).digest() + b"!"
        self._cards[id(item)] = digest
        self._keep.append(item)
        return digest

    def full(self, item: Content) -> bytes | None:
        """Everything about ``item``; other articles it links to as cards."""
        fields = {k: v for k, v in vars(item).items() if k not in SKIPPED_ATTRIBUTES}
        fields["_class"] = type(item).__name__
        return self.cards.digest(fields)


def build_digest(settings: dict, context: dict, digests: Digests) -> bytes | None:
    """The digest of everything every page depends on; ``None`` if unstable."""
    hasher = hashlib.blake2b(digest_size=32)
    hasher.update(code_digest().encode())
    theme = Path(settings["THEME"])
    hasher.update(file_digest(p for p in theme.rglob("*") if p.is_file() and not p.is_symlink()).encode())
    for name in settings.get("THEME_TEMPLATES_OVERRIDES") or ():
        folder = Path(name)
        if folder.is_dir():
            hasher.update(file_digest(p for p in folder.rglob("*") if p.is_file()).encode())
    for part in (settings, context):
        part = {k: v for k, v in part.items() if not k.startswith("_") and k not in VOLATILE_SETTINGS}
        value = digests.cards.digest(part)
        if value is None:
            return None
        hasher.update(value)
    return hasher.digest()


def unstable_keys(mapping: dict, digests: Digests) -> list[str]:
    """Which keys of ``mapping`` have no stable digest (for the debug log)."""
    return [k for k, v in mapping.items() if digests.cards.digest(v) is None]


def page_digest(build: bytes, job, digests: Digests) -> bytes | None:
    own = {k: v for k, v in job.own.items() if v is not job.main}
    value = digests.cards.digest(own)
    main = digests.full(job.main) if isinstance(job.main, Content) else digests.cards.digest(job.main)
    if value is None or main is None:
        return None
    hasher = hashlib.blake2b(build, digest_size=32)
    for part in (job.name.encode(), getattr(job.template, "name", "").encode(), value, main):
        hasher.update(part)
    return hasher.digest()
