"""Which published articles each unit page lists (pure: plain objects in, lists out).

A unit page lists the published articles of the unit and of every unit below
it, newest first. Articles only need ``unit`` (an id or None) and ``date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class UnitListing:
    """One unit's page: its own articles and the subtree's, newest first."""

    unit: object
    own: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)


def _unit_id(article):
    ref = getattr(article, "unit_ref", None)
    if ref is not None:
        return ref.id
    return getattr(article, "unit", None)


def build_listings(tree, articles) -> dict[str, UnitListing]:
    """Map every unit id of ``tree`` to its listing (units without articles included)."""
    listings = {unit_id: UnitListing(unit) for unit_id, unit in tree.units.items()}
    articles = list(articles)
    position = {id(article): i for i, article in enumerate(articles)}
    for article in articles:
        unit_id = _unit_id(article)
        if unit_id in listings:
            listings[unit_id].own.append(article)
    for unit_id, listing in listings.items():
        collected = []
        for member in tree.subtree_ids(unit_id):
            collected.extend(listings[member].own)
        # newest first; articles of the same moment in the order of the site's
        # own list (a set of unit ids has no stable order between runs)
        collected.sort(key=lambda a: position[id(a)])
        listing.articles = sorted(collected, key=lambda a: a.date, reverse=True)
        listing.own.sort(key=lambda a: a.date, reverse=True)
    return listings
