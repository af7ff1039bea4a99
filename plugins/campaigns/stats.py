"""Statistics of a campaign (or one edition) from its published articles.

Pure logic on plain article-like objects with the attributes the contract
plugin sets (``unit_ref``, ``type``, ``is_counted``, ``is_republished``) plus
``authors`` and ``date``. No Pelican imports.

Counting rules (shown as a footnote on the landing pages):

* ``articles`` counts every published article tagged with the campaign,
  republished ones included: they are what the page lists.
* ``units`` and ``contributors`` use only *counted* articles (published,
  original — no ``Source`` — and with a ``Unit``), exactly like the quota
  pages: drafts, hidden, scheduled and republished articles credit nobody.
* A contributor is identified by ``name_key`` of the roster spelling of the
  name (aliases resolved), so "Lò Văn Thắng" typed in NFD or upper case is
  one person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from portal.text import name_key, sort_key

TYPE_ORDER = ("tin", "bai", "phong-su", "anh", "video", "infographic")


@dataclass
class UnitRow:
    """One line of the "units by number of articles" table."""

    unit: object  # contract.units.Unit
    articles: int = 0
    contributors: int = 0


@dataclass
class TypeRow:
    type: str
    label: str
    articles: int


@dataclass
class CampaignStats:
    articles: int = 0
    republished: int = 0
    counted: int = 0
    contributors: int = 0
    units: list[UnitRow] = field(default_factory=list)
    by_type: list[TypeRow] = field(default_factory=list)

    @property
    def participating_units(self) -> int:
        return len(self.units)


def author_names(article) -> list[str]:
    """Author names of a Pelican article (``Author`` objects) or plain strings."""
    return [str(getattr(a, "name", a)) for a in getattr(article, "authors", None) or []]


def newest_first(articles: Iterable) -> list:
    """Newest first; same-time articles in Vietnamese title order (stable output)."""
    by_title = sorted(articles, key=lambda a: sort_key(str(getattr(a, "title", ""))))
    return sorted(by_title, key=lambda a: a.date, reverse=True)


def compute_stats(articles: Iterable, canonical: Callable[[str], str] = lambda n: n,
                  type_labels: dict[str, str] | None = None) -> CampaignStats:
    """Statistics of ``articles`` (the published articles of one campaign or edition)."""
    articles = list(articles)
    stats = CampaignStats(articles=len(articles))
    stats.republished = sum(1 for a in articles if getattr(a, "is_republished", False))
    per_unit: dict[str, UnitRow] = {}
    unit_people: dict[str, set[str]] = {}
    people: set[str] = set()
    for article in articles:
        if not getattr(article, "is_counted", False):
            continue
        stats.counted += 1
        unit = article.unit_ref
        row = per_unit.setdefault(unit.id, UnitRow(unit))
        row.articles += 1
        keys = {name_key(canonical(name)) for name in author_names(article)}
        unit_people.setdefault(unit.id, set()).update(keys)
        people.update(keys)
    for unit_id, row in per_unit.items():
        row.contributors = len(unit_people[unit_id])
    stats.contributors = len(people)
    stats.units = sorted(per_unit.values(), key=lambda r: (-r.articles, sort_key(r.unit.name)))
    labels = type_labels or {}
    counts: dict[str, int] = {}
    for article in articles:
        kind = getattr(article, "type", "tin")
        counts[kind] = counts.get(kind, 0) + 1
    order = [t for t in TYPE_ORDER if t in counts] + sorted(t for t in counts if t not in TYPE_ORDER)
    stats.by_type = [TypeRow(t, labels.get(t, t), counts[t]) for t in order]
    return stats
