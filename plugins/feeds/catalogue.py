"""Which feeds exist and which articles each one holds.

Pure logic over plain data: ``Item`` says what the feeds need to know about
one published article (its campaigns, editions, unit lineage, category);
``build_catalogue`` turns a list of items into every non-empty feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from portal.text import sort_key

SITE, CAMPAIGN, EDITION, UNIT, CATEGORY = "site", "campaign", "edition", "unit", "category"


@dataclass(frozen=True)
class Item:
    """One published article as the feeds see it."""

    article: object
    date: dt.datetime
    url: str
    campaigns: tuple[str, ...] = ()
    editions: tuple[tuple[str, int], ...] = ()
    units: tuple[str, ...] = ()          # the article's unit then its ancestors
    category: str | None = None          # category slug

    # ``url`` is the article's address: a display value of the article, which
    # the render plugin's build digest leaves out (plugins/render/digest.py)
    __digest_display__ = ("url",)


@dataclass
class Feed:
    """One feed, written twice: RSS 2.0 at ``rss_url`` and Atom at ``atom_url``."""

    key: str
    kind: str
    ident: str
    label: str            # short name for lists ("Tết Sum vầy – Xuân chia sẻ", "Đợt 2025")
    title: str            # channel title
    description: str      # channel description / Atom subtitle
    page_url: str         # the HTML page the feed stands for (relative to SITEURL)
    rss_url: str
    atom_url: str
    items: list[Item] = field(default_factory=list)   # newest first, at most FEEDS_MAX_ENTRIES
    total: int = 0        # all matching articles (before the cut)
    depth: int = 0        # units: depth in the tree
    children: list["Feed"] = field(default_factory=list)  # campaigns: their editions

    @property
    def articles(self) -> list:
        return [item.article for item in self.items]

    @property
    def newest(self) -> dt.datetime:
        return self.items[0].date


@dataclass
class Catalogue:
    """Every feed of one build, in the order the follow page lists them."""

    site: Feed | None = None
    campaigns: list[Feed] = field(default_factory=list)
    units: list[Feed] = field(default_factory=list)
    categories: list[Feed] = field(default_factory=list)
    by_key: dict[str, Feed] = field(default_factory=dict)

    def __iter__(self):
        """Every feed: site, campaigns (each followed by its editions), units, categories."""
        if self.site:
            yield self.site
        for feed in self.campaigns:
            yield feed
            yield from feed.children
        yield from self.units
        yield from self.categories

    def __len__(self) -> int:
        return len(self.by_key)

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def unit_tree(self) -> list[tuple[Feed, list]]:
        """Unit feeds nested as ``[(feed, [(child, [...]), ...]), ...]`` (tree order).

        A unit feed holds its descendants' articles, so a unit with a feed
        always has its parent's feed too: the nesting has no holes.
        """
        roots: list[tuple[Feed, list]] = []
        stack: list[tuple[Feed, list]] = []
        for feed in self.units:
            node = (feed, [])
            while stack and stack[-1][0].depth >= feed.depth:
                stack.pop()
            (stack[-1][1] if stack else roots).append(node)
            stack.append(node)
        return roots

    def get(self, key: str) -> Feed | None:
        return self.by_key.get(key)

    def campaign(self, campaign_id) -> Feed | None:
        return self.by_key.get(f"{CAMPAIGN}:{_ident(campaign_id)}")

    def edition(self, campaign_id, year) -> Feed | None:
        return self.by_key.get(f"{EDITION}:{_ident(campaign_id)}:{year}")

    def unit(self, unit_id) -> Feed | None:
        return self.by_key.get(f"{UNIT}:{_ident(unit_id)}")

    def category(self, slug) -> Feed | None:
        return self.by_key.get(f"{CATEGORY}:{_ident(slug, 'slug')}")

    @staticmethod
    def keys_of(feeds) -> tuple[str, ...]:
        """The keys of ``feeds``: all their ``<link>`` tags depend on in a run
        (with ``SITEURL``), the key of that render fragment."""
        return tuple(feed.key for feed in feeds)

    def for_page(self, article=None, category=None, campaign=None, edition=None,
                 unit=None, extra=None) -> list[Feed]:
        """The feeds a page advertises with ``<link rel="alternate">``, most specific first.

        Takes whatever the page's template context holds (Jinja ``Undefined``
        counts as absent): an article page advertises the site feed, then its
        campaigns', category's and unit's feeds; a campaign (edition), unit or
        category page its own feed first, then the site feed. ``extra``: more
        feeds or feed keys. Only feeds that exist are returned.
        """
        found: list[Feed | None] = []
        if article:
            found.append(self.site)
            for ref in _campaign_refs(article):
                found.append(self.campaign(ref))
            if getattr(article, "category", None):
                found.append(self.category(article.category))
            if getattr(article, "unit_ref", None):
                found.append(self.unit(article.unit_ref))
        else:
            if campaign and edition:
                year = getattr(edition, "year", edition)
                found.append(self.edition(campaign, year))
            if campaign:
                found.append(self.campaign(campaign))
            if unit:
                found.append(self.unit(unit))
            if category:
                found.append(self.category(category))
            found.append(self.site)
        for more in extra or ():
            found.append(self.get(more) if isinstance(more, str) else more)
        out: list[Feed] = []
        for feed in found:
            if feed is not None and feed not in out:
                out.append(feed)
        return out


def _ident(value, attr: str = "id") -> str:
    """An id or slug from a model object (Campaign, Unit, Category) or a plain string."""
    if isinstance(value, str):
        return value
    return str(getattr(value, attr, None) or getattr(value, "id", None) or getattr(value, "slug", value))


def _campaign_refs(article) -> list:
    refs = getattr(article, "campaign_refs", None) or ()
    out = []
    for ref in refs:
        if isinstance(ref, tuple):
            ref = ref[0]
        ref = getattr(ref, "campaign", ref)
        out.append(ref)
    return out


@dataclass(frozen=True)
class Names:
    """What the channel titles and descriptions are made of."""

    sitename: str
    sitesubtitle: str


@dataclass(frozen=True)
class PageUrls:
    """The HTML page each feed stands for (relative to SITEURL), from the owning plugins."""

    campaign: Callable[[object], str]     # Campaign -> URL
    edition: Callable[[object], str]      # Edition -> URL
    unit: Callable[[str], str]            # unit id -> URL


def build_catalogue(items: list[Item], *, portal, categories: dict[str, tuple[str, str]], patterns: dict,
                    pages: PageUrls, names: Names, limit: int) -> Catalogue:
    """Every feed with at least one item.

    ``portal``: anything with ``.campaigns`` (iterable of Campaign) and
    ``.units`` (UnitTree); ``categories``: slug → (name, page URL);
    ``patterns``: the ``FEEDS_*`` settings.
    """
    items = sorted(items, key=lambda i: (i.date, i.url), reverse=True)
    cat = Catalogue()
    site = names.sitename

    def make(key, kind, ident, label, title, description, page_url, rss, atom, chosen, **fmt) -> Feed | None:
        if not chosen:
            return None
        feed = Feed(key, kind, ident, label, title, description, page_url,
                    patterns[rss].format(**fmt), patterns[atom].format(**fmt),
                    items=chosen[:limit], total=len(chosen))
        cat.by_key[key] = feed
        return feed

    cat.site = make(SITE, SITE, "", "Tất cả tin, bài", f"{site} – Tất cả tin, bài",
                    f"Tin, bài mới nhất trên {names.sitesubtitle or site}", "",
                    "FEEDS_SITE_RSS", "FEEDS_SITE_ATOM", items)

    for campaign in portal.campaigns:
        chosen = [i for i in items if campaign.id in i.campaigns]
        feed = make(f"{CAMPAIGN}:{campaign.id}", CAMPAIGN, campaign.id, campaign.name,
                    f"Chiến dịch «{campaign.name}» – {site}",
                    campaign.describe(f"Tin, bài thuộc chiến dịch «{campaign.name}»"),
                    pages.campaign(campaign),
                    "FEEDS_CAMPAIGN_RSS", "FEEDS_CAMPAIGN_ATOM", chosen, id=campaign.id)
        if feed is None:
            continue
        cat.campaigns.append(feed)
        for edition in sorted(campaign.editions, key=lambda e: e.year, reverse=True):
            chosen = [i for i in items if (campaign.id, edition.year) in i.editions]
            child = make(f"{EDITION}:{campaign.id}:{edition.year}", EDITION, f"{campaign.id}/{edition.year}",
                         f"Đợt {edition.year}",
                         f"Chiến dịch «{campaign.name}», đợt {edition.year} – {site}",
                         f"Tin, bài thuộc chiến dịch «{campaign.name}», đợt {edition.year} "
                         f"(từ {edition.start:%d/%m/%Y} đến {edition.end:%d/%m/%Y})",
                         pages.edition(edition),
                         "FEEDS_EDITION_RSS", "FEEDS_EDITION_ATOM", chosen, id=campaign.id, year=edition.year)
            if child is not None:
                feed.children.append(child)
    cat.campaigns.sort(key=lambda f: sort_key(f.label))

    for unit in portal.units.walk():
        chosen = [i for i in items if unit.id in i.units]
        has_children = bool(getattr(unit, "children", None))
        feed = make(f"{UNIT}:{unit.id}", UNIT, unit.id, unit.name, f"{unit.name} – {site}",
                    f"Tin, bài của {unit.name}" + (" và các công đoàn trực thuộc" if has_children else ""),
                    pages.unit(unit.id),
                    "FEEDS_UNIT_RSS", "FEEDS_UNIT_ATOM", chosen, id=unit.id)
        if feed is not None:
            feed.depth = getattr(unit, "depth", 0)
            cat.units.append(feed)

    for slug, (name, page_url) in sorted(categories.items(), key=lambda kv: sort_key(kv[1][0])):
        chosen = [i for i in items if i.category == slug]
        feed = make(f"{CATEGORY}:{slug}", CATEGORY, slug, name, f"Chuyên mục «{name}» – {site}",
                    f"Tin, bài trong chuyên mục «{name}» của {site}",
                    page_url,
                    "FEEDS_CATEGORY_RSS", "FEEDS_CATEGORY_ATOM", chosen, slug=slug)
        if feed is not None:
            cat.categories.append(feed)
    return cat
