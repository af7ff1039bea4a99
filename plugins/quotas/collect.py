"""Turn Pelican articles into ``CountedItem``s (the only Pelican-aware step of counting)."""

from __future__ import annotations

from pathlib import Path

from portal.dates import to_local

from portal.rules.counting import CountedItem


def counted_items(articles, portal) -> list[CountedItem]:
    """One item per counted article (``article.is_counted``, set by the contract plugin).

    Authors are the roster spelling when the name (or an alias) is on the
    roster; campaign editions come from the validator's record of the file.
    """
    items = []
    for article in articles:
        if not getattr(article, "is_counted", False):
            continue
        record = portal.records.get(str(Path(article.source_path).resolve()))
        editions = tuple((campaign.id, ed.year) for campaign, ed in (record.campaigns if record else ())
                         if ed is not None)
        names = [author.name for author in getattr(article, "authors", [])]
        items.append(CountedItem(
            unit_id=article.unit_ref.id,
            authors=tuple(portal.roster.canonical(name) for name in names),
            date=to_local(article.date).date(),
            type=getattr(article, "type", "tin"),
            editions=editions,
            ref=article,
        ))
    return items
