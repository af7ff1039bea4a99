"""Counting for the quota pages: pure functions over plain data.

Nothing here imports Pelican. The input is a list of ``CountedItem`` (one per
counted article: published, not republished, with a unit) and the unit tree
as a ``{unit_id: parent_id}`` mapping. The counting rules are the content
contract's:

* an article counts once for its ``Unit`` (own count) and, rolled up, once
  for that unit and each ancestor;
* each author is credited with it, co-authors each once (an author listed
  twice on one article is credited once);
* a contributor is active in a period when credited with at least one
  counted article in it — for a unit's own count, an article of that unit;
  rolled up, an article of the unit or any unit below it (distinct people
  across the subtree).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Hashable, Iterable, Mapping

from portal.data.units import lineage, subtree  # noqa: F401  (the one unit-tree rule)
from portal.text import name_key

YEAR, QUARTER, MONTH, EDITION = "year", "quarter", "month", "edition"
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class CountedItem:
    """One counted article, reduced to what counting needs."""

    unit_id: str
    authors: tuple[str, ...]  # canonical names (roster spelling when known)
    date: dt.date
    type: str = "tin"
    editions: tuple[tuple[str, int], ...] = ()  # (campaign id, edition year)
    ref: object = field(default=None, compare=False, hash=False)  # the article, for listings

    @property
    def author_keys(self) -> tuple[str, ...]:
        """Identity keys of the credited people, each once."""
        return tuple(dict.fromkeys(name_key(a) for a in self.authors if a.strip()))


@dataclass(frozen=True)
class Period:
    """A year, a quarter, a month, or a campaign edition."""

    kind: str
    year: int
    number: int = 0  # quarter 1–4 or month 1–12
    campaign: str = ""

    def contains(self, item: CountedItem) -> bool:
        if self.kind == EDITION:
            return (self.campaign, self.year) in item.editions
        if item.date.year != self.year:
            return False
        if self.kind == QUARTER:
            return quarter_of(item.date) == self.number
        if self.kind == MONTH:
            return item.date.month == self.number
        return True

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return f"Quý {ROMAN[self.number - 1]}/{self.year}"
        if self.kind == MONTH:
            return f"Tháng {self.number}/{self.year}"
        if self.kind == EDITION:
            return f"{self.campaign} ({self.year})"
        return f"Năm {self.year}"


def year(value: int) -> Period:
    return Period(YEAR, value)


def quarter(value: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise ValueError(f"quarter must be 1–4, not {number}")
    return Period(QUARTER, value, number)


def month(value: int, number: int) -> Period:
    if not 1 <= number <= 12:
        raise ValueError(f"month must be 1–12, not {number}")
    return Period(MONTH, value, number)


def edition(campaign_id: str, value: int) -> Period:
    return Period(EDITION, value, campaign=campaign_id)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass
class Tally:
    """What one unit achieved in one period."""

    own_articles: int = 0
    articles: int = 0  # rolled up: the unit and every unit below it
    own_people: set[str] = field(default_factory=set)  # name keys
    people: set[str] = field(default_factory=set)

    @property
    def own_contributors(self) -> int:
        return len(self.own_people)

    @property
    def contributors(self) -> int:
        return len(self.people)


def select(items: Iterable[CountedItem], period: Period | None) -> list[CountedItem]:
    return [item for item in items if period is None or period.contains(item)]


def tally(items: Iterable[CountedItem], parents: Mapping[str, str | None],
          period: Period | None = None) -> dict[str, Tally]:
    """Own and rolled-up article and contributor counts of every unit in ``parents``."""
    out = {unit_id: Tally() for unit_id in parents}
    for item in select(items, period):
        keys = item.author_keys
        own = out.setdefault(item.unit_id, Tally())
        own.own_articles += 1
        own.own_people.update(keys)
        for unit_id in lineage(item.unit_id, parents):
            rolled = out.setdefault(unit_id, Tally())
            rolled.articles += 1
            rolled.people.update(keys)
    return out


def breakdown(items: Iterable[CountedItem], parents: Mapping[str, str | None],
              keys_of: Callable[[CountedItem], Iterable[Hashable]],
              period: Period | None = None) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Counts per key (type, month, edition…) of every unit: ``(own, rolled_up)``.

    ``keys_of`` gives the keys an item counts under (each once per item).
    """
    own = {unit_id: Counter() for unit_id in parents}
    rolled = {unit_id: Counter() for unit_id in parents}
    for item in select(items, period):
        keys = list(dict.fromkeys(keys_of(item)))
        own.setdefault(item.unit_id, Counter()).update(keys)
        for unit_id in lineage(item.unit_id, parents):
            rolled.setdefault(unit_id, Counter()).update(keys)
    return own, rolled


def by_type(item: CountedItem) -> tuple[str]:
    return (item.type,)


def by_month(item: CountedItem) -> tuple[int]:
    return (item.date.month,)


def by_quarter(item: CountedItem) -> tuple[int]:
    return (quarter_of(item.date),)


def by_edition(item: CountedItem) -> tuple[tuple[str, int], ...]:
    return item.editions


def roll_up(own: Mapping[str, int], parents: Mapping[str, str | None]) -> dict[str, int]:
    """Sum a per-unit number over each unit's subtree (own + all descendants)."""
    out = {unit_id: 0 for unit_id in parents}
    for unit_id, value in own.items():
        for target in lineage(unit_id, parents):
            out[target] = out.get(target, 0) + value
    return out


def roll_up_counters(own: Mapping[str, Mapping[Hashable, int]],
                     parents: Mapping[str, str | None]) -> dict[str, Counter]:
    """``roll_up`` for per-key numbers (per-type or per-campaign targets)."""
    out = {unit_id: Counter() for unit_id in parents}
    for unit_id, values in own.items():
        for target in lineage(unit_id, parents):
            out.setdefault(target, Counter()).update(values)
    return out


def credits(items: Iterable[CountedItem], period: Period | None = None,
            units: set[str] | None = None) -> Counter:
    """Counted articles credited to each person (name key), optionally within ``units``."""
    out: Counter = Counter()
    for item in select(items, period):
        if units is None or item.unit_id in units:
            out.update(item.author_keys)
    return out


def display_names(items: Iterable[CountedItem]) -> dict[str, str]:
    """Name key → the spelling shown: the first one met in date order."""
    out: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i.date):
        for name in item.authors:
            out.setdefault(name_key(name), " ".join(name.split()))
    return out
