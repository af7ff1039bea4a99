"""What a page is rendered from, as one digest (see portal.fingerprint).

- the build: the code of the project (``portal``, ``plugins``), the versions
  of the libraries that shape HTML, every file of the theme but its
  templates, the settings, and the shared template context (every article
  as a *list card*);
- the page: its template and the templates that one extends, includes and
  imports (``templates.py``: an edit to one template renders again only the
  pages made with it), output name and the values it adds to the context,
  with the article or page it is about in full.

An article's *card* digest covers everything a listing, a sidebar or a
related-articles block may show: all its attributes except the body after
the lead (the first paragraph with a letter or digit: what Pelican's
summary (``SUMMARY_MAX_PARAGRAPHS = 1``) and the SEO ``lead`` are made from),
and except links to other articles. Its *full* digest adds the
whole body and the cards of the articles it links to (related, previous,
next). So a body edit below the lead renders that article's page again and
nothing else.

What a title or Summary edit changes is left out of every digest here (the
*frame*): an article's or page's title, slug, Summary and the values made
from them (``DISPLAY_ATTRIBUTES``, the ``DISPLAY_KEYS`` of its metadata and
of its header in ``PORTAL``). ``display_values`` digests those apart, per source
file, with the address and the title they had. When only they changed,
the build's digest stays the same and ``jobs.flush`` renders again the
pages that show an article whose display values changed, found by its old
or new address or its title in the live page's bytes: every template shows
an article's title inside a link to it (the title, as escaped text, is
looked for too: a page that showed it without a link is rendered again
all the same). Anything else made from a title (a list ordered by it, a
string in the shared context) is in the frame, and changes the build's
digest as before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import unicodedata
from pathlib import Path

from markupsafe import escape
from pelican.contents import Content

from portal.article import ArticleFacts
from portal.fingerprint import SKIPPED_ATTRIBUTES, Fingerprinter, code_digest, file_digest, lead_source
from portal.paths import source_key
from portal.parallel import Forked, can_fork

from .templates import closure_digest

# From this many articles and pages on, their card digests (most of a cold
# build's serial digest time) are shared out with a forked child.
SPLIT_CARDS_FROM = 2000
# Shared values the child digests too, beside its share of the cards: the
# largest of the rest (PORTAL holds every article's facts), so that both
# processes finish at about the same time.
CHILD_PARTS = ("settings:PORTAL", "context:PORTAL")  # one object: digested once
# The share of the cards computed here: PORTAL's digest takes about a third
# of the cards' time (both grow with the articles), so the child, which does
# it too, gets fewer cards.
PARENT_SHARE = 0.65
# The shared context's lists of every article and page (Pelican's names).
CONTENT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")
VOLATILE_SETTINGS = ("PORTAL_TIMINGS", "OUTPUT_PATH")
# Settings of the build machinery itself: how pages are rendered and whether a
# build runs at all never changes what a page shows.
MACHINERY_PREFIXES = ("RENDER_", "UPTODATE_")
# What a title or Summary edit changes on an article or page read from a
# source file (Pelican's attributes, ``_summary`` being its Summary, and those
# the images plugin makes from the title and slug: the share image, the video
# player's label), and in its metadata and its header
# (``ArticleFacts.header``): left out of the frame.
DISPLAY_ATTRIBUTES = ("title", "slug", "og_image", "player", "_summary")
DISPLAY_KEYS = ("title", "slug", "summary")


def _unstable(value) -> bytes:
    """The digest of a value with no stable one: its identity, never equal
    to the last build's (what shows it is always rendered)."""
    return hashlib.blake2b(repr(id(value)).encode() + sys.version.encode()).digest() + b"!"


def _has_source(item) -> bool:
    return bool(getattr(item, "source_path", None))


def _frame_fields(fields: dict) -> dict:
    """``fields`` (an article's attributes) without its display values."""
    out = {k: v for k, v in fields.items() if k not in DISPLAY_ATTRIBUTES}
    metadata = out.get("metadata")
    if isinstance(metadata, dict):
        out["metadata"] = {k: v for k, v in metadata.items() if k not in DISPLAY_KEYS}
    return out


def _facts_fields(facts: ArticleFacts) -> dict:
    """What the frame digests of an article's facts: all but its display
    values (its header's raw title and slug included)."""
    out = {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)
           if f.name not in DISPLAY_ATTRIBUTES and f.name != "header"}
    header = facts.header
    excluded = set(getattr(header, "__digest_exclude__", ()))
    values = {k: v for k, v in vars(header).items() if k not in excluded}
    values["fields"] = {k: v for k, v in header.fields.items() if k not in DISPLAY_KEYS}
    out["header"] = values
    out["_class"] = "ArticleFacts"
    return out


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
        self.known_parts: dict[str, str | None] = {}  # build parts digested by precompute's child
        self.cards = Fingerprinter(self._card_or_none)
        # inside a card, other articles are only links
        self._card_fields = Fingerprinter(self._linked_or_none)
        self._facts = Fingerprinter()
        self._templates: dict[tuple[int, str], bytes] = {}
        self._references: dict = {}  # templates.closure_digest's, shared by Pelican's environments

    def _card_or_none(self, value) -> bytes | None:
        if isinstance(value, ArticleFacts):
            return self.facts(value)
        if not isinstance(value, Content):
            display = getattr(type(value), "__digest_display__", None)
            return self._without_display(value, display) if display else None
        return self.card(value)

    def _without_display(self, value, display) -> bytes:
        """The frame digest of an object whose class names, in
        ``__digest_display__``, the fields it copies from an article's display
        values (a feed item's address): all its other fields."""
        excluded = set(display) | set(getattr(type(value), "__digest_exclude__", ()))
        fields = {k: v for k, v in vars(value).items() if k not in excluded}
        fields["_class"] = f"{type(value).__module__}.{type(value).__qualname__}"
        found = self.cards.digest(fields)
        return found if found is not None else _unstable(value)

    def _linked_or_none(self, value) -> bytes | None:
        if isinstance(value, ArticleFacts):
            return self.facts(value)
        return b"linked" if isinstance(value, Content) else None

    def template(self, template) -> bytes:
        """The closure digest of a Jinja template (``templates.py``), once
        per environment and name; empty for an object that is not one."""
        env, name = getattr(template, "environment", None), getattr(template, "name", None)
        if env is None or not name or env.loader is None:
            return b""
        key = (id(env), name)
        found = self._templates.get(key)
        if found is None:
            found = self._templates[key] = closure_digest(env, name, self._references)
        return found

    def facts(self, facts: ArticleFacts) -> bytes:
        """The frame digest of an article's facts (``PORTAL.records``)."""
        found = self._facts.digest(_facts_fields(facts))
        return found if found is not None else _unstable(facts)

    def card(self, item: Content) -> bytes:
        found = self._cards.get(id(item))
        if found is not None:
            return found
        self._cards[id(item)] = b"pending"  # a card never depends on another card
        fields = {k: v for k, v in vars(item).items()
                  if k != "_content" and k not in SKIPPED_ATTRIBUTES and not _links_content(v)}
        if _has_source(item):  # its display values: display_values
            fields = _frame_fields(fields)
        fields["_lead"] = lead_source(getattr(item, "_content", "") or "")
        fields["_class"] = type(item).__name__
        digest = self._card_fields.digest(fields)
        if digest is None:  # no stable card: a fresh value every run (always rendered)
            digest = _unstable(item)
        self._cards[id(item)] = digest
        self._keep.append(item)
        return digest

    def precompute(self, settings: dict, context: dict, split_from: int = SPLIT_CARDS_FROM) -> int:
        """Card digests of every article and page of the shared context; from
        ``split_from`` of them on, the last 35% and the ``CHILD_PARTS``
        (``known_parts``, used by ``build_parts``) in a forked child while
        this process does the rest (the same digests: computed here should
        the child fail). Returns how many cards were computed."""
        todo, seen = [], set(self._cards)
        for name in CONTENT_LISTS:
            for item in context.get(name) or ():
                if isinstance(item, Content) and id(item) not in seen:
                    seen.add(id(item))
                    todo.append(item)
        if len(todo) < split_from or not can_fork():
            _cards_of(todo, self)
            return len(todo)
        half = round(len(todo) * PARENT_SHARE)
        values = {name: _part_value(name, settings, context) for name in CHILD_PARTS}
        later = Forked(_child_share, todo[half:], self, values)
        _cards_of(todo[:half], self)
        found = later.result()
        if found is None:
            _cards_of(todo[half:], self)
            return len(todo)
        cards, parts = found
        for item, digest in zip(todo[half:], cards):  # a card never depends on another card
            self._cards[id(item)] = digest
            self._keep.append(item)
        self.known_parts.update(parts)
        return len(todo)

    def full(self, item: Content) -> bytes | None:
        """Everything about ``item``: its card, its whole body, and the cards of
        the articles it links to (related, previous, next)."""
        fields = {k: v for k, v in vars(item).items()
                  if k not in SKIPPED_ATTRIBUTES and (k == "_content" or _links_content(v))}
        fields["_card"] = self.card(item)
        return self.cards.digest(fields)


@dataclasses.dataclass(frozen=True)
class Display:
    """The display values of one source file: their digest, and what a page
    that shows them holds (the address, the title as escaped HTML)."""

    digest: str
    url: str | None
    title: str


def display_values(settings: dict, context: dict) -> dict[str, Display]:
    """Source file (``source_key``) → the display values the frame leaves
    out, of every article and page of the shared context and every article
    of ``PORTAL``."""
    found: dict[str, dict] = {}
    for name in CONTENT_LISTS:
        for item in context.get(name) or ():
            if not isinstance(item, Content) or not _has_source(item):
                continue
            values = found.setdefault(source_key(item.source_path), {})
            values["content"] = (
                {k: getattr(item, k, None) for k in DISPLAY_ATTRIBUTES},
                {k: v for k, v in (getattr(item, "metadata", None) or {}).items() if k in DISPLAY_KEYS},
            )
            try:
                values["url"] = str(item.url)
            except Exception:  # noqa: BLE001 - an address Pelican cannot make: none to look for
                values["url"] = None
            values["title"] = str(getattr(item, "title", "") or "")
    records = getattr(settings.get("PORTAL"), "records", None) or {}
    for key, facts in records.items():
        values = found.setdefault(key, {})
        values["facts"] = ({k: getattr(facts, k, None) for k in DISPLAY_ATTRIBUTES},
                           {k: v for k, v in facts.header.fields.items() if k in DISPLAY_KEYS})
        values.setdefault("title", str(facts.title or ""))
    fingerprinter = Fingerprinter()
    out = {}
    for key, values in found.items():
        digest = fingerprinter.digest((values.get("content"), values.get("facts")))
        out[key] = Display(digest.hex() if digest is not None else f"!{id(values)}", values.get("url"),
                           str(escape(values.get("title", ""))))
    return out


def display_needles(old: dict[str, Display], new: dict[str, Display]) -> tuple[list[str], list[bytes]]:
    """(the source files whose display values changed, the bytes to look
    for in a live page that showed them: old and new addresses and titles)."""
    changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    needles: set[bytes] = set()
    for key in changed:
        for found in (old.get(key), new.get(key)):
            if found is None:
                continue
            if found.url:
                needles.add(str(escape(found.url)).encode("utf-8", "surrogatepass"))
            for title in {found.title, " ".join(found.title.split())}:
                for form in {title, unicodedata.normalize("NFC", title)}:
                    if form:
                        needles.add(form.encode("utf-8", "surrogatepass"))
    return changed, sorted(needles)


def _cards_of(items: list, digests: Digests) -> list[bytes]:
    return [digests.card(item) for item in items]


def _part_value(name: str, settings: dict, context: dict):
    label, key = name.split(":", 1)
    return (settings if label == "settings" else context).get(key)


def _child_share(items: list, digests: Digests, values: dict) -> tuple[list[bytes], dict[str, str | None]]:
    """In precompute's child: the cards of ``items`` and the parts ``values``."""
    parts = {}
    for name, value in values.items():
        found = digests.cards.digest(value)
        parts[name] = found.hex() if found is not None else None
    return _cards_of(items, digests), parts


def build_parts(settings: dict, context: dict, digests: Digests) -> dict[str, str | None]:
    """What every page depends on, part by part (``None``: no stable digest):
    the code, the theme's files but its templates, each setting and each
    value of the shared context."""
    parts: dict[str, str | None] = {"code": code_digest()}
    # the theme but its templates: each page's digest covers the templates
    # it is made of (templates.py), those of THEME_TEMPLATES_OVERRIDES too
    theme = Path(settings["THEME"])
    templates = theme / "templates"
    parts["theme"] = file_digest(p for p in theme.rglob("*") if p.is_file() and not p.is_symlink()
                                 and templates not in p.parents)
    for label, mapping in (("settings", settings), ("context", context)):
        for key, value in mapping.items():
            if key.startswith("_") or key in VOLATILE_SETTINGS or key.startswith(MACHINERY_PREFIXES):
                continue
            name = f"{label}:{key}"
            if name in digests.known_parts:
                parts[name] = digests.known_parts[name]
                continue
            found = digests.cards.digest(value)
            parts[name] = found.hex() if found is not None else None
    return parts


def build_digest(parts: dict[str, str | None]) -> bytes | None:
    """One digest of ``build_parts``; ``None`` if any part is unstable."""
    if any(value is None for value in parts.values()):
        return None
    hasher = hashlib.blake2b(digest_size=32)
    for key in sorted(parts):
        hasher.update(f"{key}={parts[key]};".encode("utf-8", "surrogatepass"))
    return hasher.digest()


def changed_parts(old: dict | None, new: dict) -> list[str]:
    """The parts that differ between two builds (why every page is rendered)."""
    if not old:
        return []
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def page_digest(build: bytes, job, digests: Digests) -> bytes | None:
    own = {k: v for k, v in job.own.items() if v is not job.main}
    value = digests.cards.digest(own)
    main = digests.full(job.main) if isinstance(job.main, Content) else digests.cards.digest(job.main)
    if value is None or main is None:
        return None
    hasher = hashlib.blake2b(build, digest_size=32)
    for part in (job.name.encode(), getattr(job.template, "name", "").encode(), value, main,
                 digests.template(job.template)):
        hasher.update(part)
    return hasher.digest()
