"""From Pelican articles to what the feeds need (``Item`` for membership, ``Entry`` to render)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal.safety import clean_html
from portal.dates import to_local
from portal.text import sort_key

from .catalogue import Item
from .content import absolutize, attribution, plain_text
from .render import Category, Entry


def published(articles, build_datetime: dt.datetime) -> list:
    """Published articles dated no later than the build (never hidden, drafts or scheduled)."""
    return [a for a in articles
            if getattr(a, "status", "published") == "published" and to_local(a.date) <= build_datetime]


def campaigns_of(article, portal) -> list:
    """The article's campaigns: ``article.campaign_refs`` if the campaigns plugin set it,
    else what the contract validator matched in the header."""
    refs = getattr(article, "campaign_refs", None)
    if refs is None:
        record = getattr(portal, "records", {}).get(str(Path(article.source_path).resolve()))
        refs = [campaign for campaign, _ in record.campaigns] if record else []
    out = []
    for ref in refs:
        if isinstance(ref, tuple):
            ref = ref[0]
        ref = getattr(ref, "campaign", ref)
        if isinstance(ref, str):
            ref = portal.campaigns.get(ref)
        if ref is not None and ref not in out:
            out.append(ref)
    return out


def item_for(article, portal) -> Item:
    date = to_local(article.date)
    campaigns = campaigns_of(article, portal)
    editions = []
    for campaign in campaigns:
        edition = campaign.edition_for(date.date())
        if edition is not None:
            editions.append((campaign.id, edition.year))
    unit = getattr(article, "unit_ref", None)
    category = getattr(article, "category", None)
    return Item(
        article=article,
        date=date,
        url=article.url,
        campaigns=tuple(c.id for c in campaigns),
        editions=tuple(editions),
        units=tuple(portal.units.lineage(unit.id)) if unit is not None else (),
        category=category.slug if category else None,
    )


def updated_of(article, build_datetime: dt.datetime) -> dt.datetime:
    """``Modified`` if set and already past, else ``Date``."""
    date = to_local(article.date)
    modified = getattr(article, "modified", None)
    if modified is None:
        return date
    modified = to_local(modified)
    return modified if date <= modified <= build_datetime else date


def entry_for(article, portal, *, siteurl: str, build_datetime: dt.datetime, schemes: dict,
              enclosure=None) -> Entry:
    """The feed entry of one article. ``schemes``: absolute URL of the campaign,
    category and tag indexes, the category scheme of each kind of term."""
    link = f"{siteurl}/{article.url}"
    content = absolutize(article.content, link)
    source = getattr(article, "source", None)
    source_url = getattr(article, "source_url", None)
    if source:
        content += "\n" + attribution(source, source_url)
    # Readers show this HTML outside the site (no CSP there): the allowlist, always.
    content = clean_html(content)
    summary = plain_text(getattr(article, "summary", "") or "")
    categories = [Category(c.id, c.name, schemes["campaign"])
                  for c in sorted(campaigns_of(article, portal), key=lambda c: sort_key(c.name))]
    category = getattr(article, "category", None)
    if category:
        categories.append(Category(category.slug, category.name, schemes["category"]))
    tags = sorted(getattr(article, "tags", None) or [], key=lambda t: sort_key(t.name))
    categories += [Category(t.slug, t.name, schemes["tag"]) for t in tags]
    return Entry(
        title=" ".join(str(article.title).split()),  # plain text as typed; feedgen escapes it
        link=link,
        published=to_local(article.date),
        updated=updated_of(article, build_datetime),
        summary=summary,
        content=content,
        authors=tuple(a.name for a in getattr(article, "authors", None) or []),
        categories=tuple(categories),
        enclosure=enclosure,
        via=source_url or None,
    )
