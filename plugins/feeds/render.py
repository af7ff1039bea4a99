"""RSS 2.0 and Atom documents with feedgen, from plain data.

Deterministic: the channel date is the newest entry's date, never the build
time (RSS lastBuildDate: newest pubDate; Atom updated: newest entry
updated); entries keep the order given and categories come sorted, so the
same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

RSS, ATOM = "rss", "atom"
MIME = {RSS: "application/rss+xml", ATOM: "application/atom+xml"}


class EmptyFeedError(ValueError):
    """A feed without entries must not be written."""


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str = ""


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime: str


@dataclass(frozen=True)
class Entry:
    """One feed entry; every URL absolute, dates timezone-aware."""

    title: str
    link: str
    published: dt.datetime
    updated: dt.datetime
    summary: str                      # plain text (escaped for RSS <description> here)
    content: str                      # HTML, absolute URLs
    authors: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    enclosure: Enclosure | None = None
    via: str | None = None            # the original of a republished article


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    link: str                         # the HTML page (absolute)
    self_url: str                     # this document's own URL (absolute)
    language: str = "vi"
    logo: str | None = None
    logo_size: tuple[int, int] | None = None
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def newest(self, fmt: str) -> dt.datetime:
        """The newest entry date as the format shows it: RSS items carry only
        ``pubDate``, Atom entries ``updated``."""
        if fmt == RSS:
            return max(e.published for e in self.entries)
        return max(e.updated for e in self.entries)


class AtomLinks(BaseEntryExtension):
    """Atom entry links written with all their attributes.

    feedgen 1.0.0 drops ``rel``/``type``/``length`` of entry links in Atom,
    which turns an enclosure or a ``via`` link into a second "alternate" link.
    """

    def __init__(self):
        self.links: list[dict[str, str]] = []

    def add(self, href: str, rel: str, type: str, length: int | None = None) -> None:
        link = {"href": href, "rel": rel, "type": type}
        if length is not None:
            link["length"] = str(length)
        self.links.append(link)

    def extend_atom(self, entry):
        for link in self.links:
            xml_elem("link", entry, **link)
        return entry


def render(channel: Channel, fmt: str) -> bytes:
    """The feed document in ``fmt`` (``rss`` or ``atom``), UTF-8 bytes."""
    if not channel.entries:
        raise EmptyFeedError(channel.self_url)
    fg = FeedGenerator()
    if fmt == RSS:
        fg.load_extension("dc", atom=False, rss=True)
    else:
        fg.register_extension("atomlinks", BaseExtension, AtomLinks, atom=True, rss=False)
    fg.id(channel.self_url)
    fg.title(channel.title)
    fg.subtitle(channel.description)       # Atom subtitle
    fg.description(channel.description)    # RSS description
    fg.language(channel.language)
    # feedgen makes the LAST link of the channel the RSS <link>: self first.
    fg.link(href=channel.self_url, rel="self", type=MIME[fmt])
    fg.link(href=channel.link, rel="alternate", type="text/html")
    if channel.logo:
        fg.logo(channel.logo)
        if channel.logo_size:
            width, height = channel.logo_size
            fg.image(url=channel.logo, title=channel.title, link=channel.link,
                     width=str(width), height=str(height))
    fg.lastBuildDate(channel.newest(fmt))  # also Atom <updated>; never "now"
    for entry in channel.entries:
        _add_entry(fg, entry, fmt)
    if fmt == RSS:
        return fg.rss_str(pretty=True)
    return fg.atom_str(pretty=True)


def _add_entry(fg: FeedGenerator, entry: Entry, fmt: str) -> None:
    fe = fg.add_entry(order="append")
    fe.guid(entry.link, permalink=True)    # also the Atom <id>
    fe.title(entry.title)
    if fmt == RSS:
        fe.link(href=entry.link, rel="alternate")
        if entry.enclosure:
            fe.enclosure(entry.enclosure.url, str(entry.enclosure.length), entry.enclosure.mime)
    else:
        fe.atomlinks.add(entry.link, "alternate", "text/html")
        if entry.enclosure:
            fe.atomlinks.add(entry.enclosure.url, "enclosure", entry.enclosure.mime, entry.enclosure.length)
        if entry.via:
            fe.atomlinks.add(entry.via, "via", "text/html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    fe.content(entry.content, type="html")
    if entry.summary:
        # RSS <description> is read as HTML by every reader: the plain text is
        # escaped once for HTML (feedgen then escapes it for XML), so a quoted
        # "<script>" stays text. Atom <summary> without a type is text already.
        fe.summary(html.escape(entry.summary, quote=False) if fmt == RSS else entry.summary)
    if fmt == RSS:
        # feedgen drops RSS <author> without an e-mail address: use dc:creator.
        fe.dc.dc_creator(list(entry.authors), replace=True)
        if entry.via:
            fe.dc.dc_source(entry.via, replace=True)
    else:
        for name in entry.authors:
            fe.author(name=name)
    for cat in entry.categories:
        fe.category(term=cat.term, label=cat.label, **({"scheme": cat.scheme} if cat.scheme else {}))
