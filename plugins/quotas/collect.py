"""Turn Pelican articles into ``CountedItem``s (the only Pelican-aware step of counting)."""

from __future__ import annotations

from portal.dates import to_local

from portal.rules.counting import CountedItem


def counted_items(articles, portal) -> list[CountedItem]:
    """One item per counted article (``article.facts.is_counted``): the roster
    spelling of every author and the campaign editions, as the validator
    resolved them."""
    items = []
    for article in articles:
        facts = article.facts
        if not facts.is_counted:
            continue
        items.append(CountedItem(
            unit_id=facts.unit,
            authors=tuple(facts.authors),
            date=to_local(facts.date).date(),
            type=facts.type,
            editions=tuple((campaign.id, ed.year) for campaign, ed in facts.campaigns if ed is not None),
            ref=article,
        ))
    return items
