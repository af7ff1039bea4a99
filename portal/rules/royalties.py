"""Royalties (nhuận bút) per work and per contributor and month. Pure.

The rules (documented for editors in docs/huong-dan-bien-tap.md):

* only counted works earn: published, original (no ``Source``), with a unit;
  republished, draft, hidden, scheduled articles earn nothing;
* a work earns ``(rate of its type + photos × rate per photo) × multiplier of
  its Grade`` (1 without a grade), rounded to whole đồng (half up);
* co-authors share a work equally; the few đồng that do not divide go one
  each to the first-listed authors, so the shares add up to the work's amount;
* a work belongs to the month of its publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from portal.data.royalties import Rates, normalise_grade
from portal.text import name_key, sort_key

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)", re.IGNORECASE)


def count_photos(body_lines: Iterable[str], featured: str | None = None) -> int:
    """Distinct images of a work: those in its body plus the featured image (once)."""
    seen = []
    for line in body_lines:
        for match in (*_MD_IMAGE.finditer(line), *_HTML_IMAGE.finditer(line)):
            src = match.group(1).lstrip("/")
            if src not in seen:
                seen.append(src)
    if featured and featured.lstrip("/") not in seen:
        seen.append(featured.lstrip("/"))
    return len(seen)


def work_amount(rates: Rates, type_: str, photos: int, grade: str | None) -> int:
    base = Decimal(rates.types.get(type_, 0) + photos * rates.photo)
    return int((base * rates.multiplier(grade)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split(amount: int, people: int) -> list[int]:
    """Equal shares of ``amount`` for ``people`` (remainder: 1 đồng each to the first)."""
    if people <= 0:
        return []
    base, rest = divmod(amount, people)
    return [base + (1 if i < rest else 0) for i in range(people)]


@dataclass(frozen=True)
class Source:
    """What the rules need of one article (built by the plugin from ``article.facts``)."""

    title: str
    date: dt.date
    type: str
    authors: tuple[str, ...]  # canonical spelling, in header order
    grade: str | None = None
    photos: int = 0
    counted: bool = True
    republished: bool = False
    unit_id: str | None = None
    ref: object = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Share:
    key: str  # person's identity key
    name: str
    amount: int


@dataclass
class Work:
    source: Source
    base: int  # type rate
    photo_amount: int
    multiplier: Decimal
    amount: int
    shares: list[Share]

    @property
    def month(self) -> int:
        return self.source.date.month


@dataclass
class PersonMonth:
    key: str
    name: str
    month: int
    works: list[tuple[Work, int]] = field(default_factory=list)  # (work, this person's share)

    @property
    def amount(self) -> int:
        return sum(share for _, share in self.works)


@dataclass
class YearRoyalties:
    year: int
    rates: Rates
    works: list[Work]  # earning works of the year, by date
    excluded: list[Source]  # published this year but earning nothing (republished, uncounted)
    by_month: dict[int, list[PersonMonth]]  # month → people, by name

    @property
    def total(self) -> int:
        return sum(w.amount for w in self.works)

    def people(self) -> list[tuple[str, str, dict[int, int], int, int]]:
        """``(key, name, {month: amount}, works, year total)`` per person, by name."""
        out: dict[str, list] = {}
        for month, rows in self.by_month.items():
            for row in rows:
                entry = out.setdefault(row.key, [row.key, row.name, {}, 0, 0])
                entry[2][month] = row.amount
                entry[3] += len(row.works)
                entry[4] += row.amount
        return sorted((tuple(v) for v in out.values()), key=lambda v: sort_key(v[1]))

    def month_total(self, month: int) -> int:
        return sum(row.amount for row in self.by_month.get(month, []))


def work_of(source: Source, rates: Rates) -> Work:
    people = list(dict.fromkeys(name_key(a) for a in source.authors if a.strip()))
    names = {}
    for author in source.authors:
        names.setdefault(name_key(author), " ".join(author.split()))
    amount = work_amount(rates, source.type, source.photos, source.grade)
    shares = [Share(key, names[key], part) for key, part in zip(people, split(amount, len(people)))]
    return Work(source, rates.types.get(source.type, 0), source.photos * rates.photo,
                rates.multiplier(source.grade), amount, shares)


def year_royalties(sources: Iterable[Source], rates: Rates, year: int) -> YearRoyalties:
    works, excluded = [], []
    for source in sorted((s for s in sources if s.date.year == year), key=lambda s: (s.date, s.title)):
        if source.counted and not source.republished:
            works.append(work_of(source, rates))
        else:
            excluded.append(source)
    table: dict[int, dict[str, PersonMonth]] = defaultdict(dict)
    for work in works:
        for share in work.shares:
            row = table[work.month].setdefault(share.key, PersonMonth(share.key, share.name, work.month))
            row.works.append((work, share.amount))
    by_month = {month: sorted(rows.values(), key=lambda r: sort_key(r.name)) for month, rows in sorted(table.items())}
    return YearRoyalties(year, rates, works, excluded, by_month)


def grade_problem(value: str, rates: Rates) -> str | None:
    """Why a ``Grade`` value is refused (None: fine)."""
    if not rates.grades:
        return "khung nhuận bút (content/data/nhuan-but.yml) không khai báo hạng nào («grades»)"
    if normalise_grade(value) not in rates.grades:
        return f"hạng «{value}» không có trong khung nhuận bút (các hạng: {', '.join(rates.grades)})"
    return None
