"""From Pelican articles to what the feeds need (``Item`` for membership, ``Entry`` to render)."""

from __future__ import annotations

import datetime as dt
import html

from portal.safety import clean_html
from portal.dates import to_local
from portal.text import sort_key

from .catalogue import Item
from .content import absolutize, attribution, plain_text
from .render import Category, Entry


def published(articles) -> list:
    """Articles on the site now (``facts.is_published``: never hidden, drafts or scheduled)."""
    return [a for a in articles if getattr(a, "status", "published") == "published" and a.facts.is_published]


def campaigns_of(article) -> list:
    """The article's campaigns, as the validator matched them (``article.facts``)."""
    out = []
    for campaign, _ in article.facts.campaigns:
        if campaign not in out:
            out.append(campaign)
    return out


def item_for(article, portal) -> Item:
    date = to_local(article.date)
    campaigns = campaigns_of(article)
    editions = [(campaign.id, edition.year) for campaign, edition in article.facts.campaigns if edition is not None]
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


def video_link(player) -> str:
    """A paragraph linking the article's video (watch page or file) with its
    duration, first in the entry: feed readers never run the site's player."""
    link = getattr(player, "link", "") if player is not None else ""
    if not link or not link.startswith(("https://", "http://")):
        return ""
    duration = getattr(player, "duration_label", "")
    label = f"▶ Xem video ({duration})" if duration else "▶ Xem video"
    return f'<p class="video-link"><a href="{html.escape(link)}">{html.escape(label)}</a></p>\n'


def entry_for(article, portal, *, siteurl: str, build_datetime: dt.datetime, schemes: dict,
              enclosure=None) -> Entry:
    """The feed entry of one article. ``schemes``: absolute URL of the campaign,
    category and tag indexes, the category scheme of each kind of term."""
    link = f"{siteurl}/{article.url}"
    content = absolutize(article.content, link)
    content = video_link(getattr(article, "player", None)) + content
    source = getattr(article, "source", None)
    source_url = getattr(article, "source_url", None)
    if source:
        content += "\n" + attribution(source, source_url)
    # Readers show this HTML outside the site (no CSP there): the allowlist, always.
    content = clean_html(content)
    summary = plain_text(getattr(article, "summary", "") or "")
    categories = [Category(c.id, c.name, schemes["campaign"])
                  for c in sorted(campaigns_of(article), key=lambda c: sort_key(c.name))]
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
