"""The daily rhythm of a unit with a ``daily`` target: items per day of a year. Pure.

Counts the counted articles of the unit and every unit below it (the same
roll-up as the quota table) per calendar day, up to the build day in the
current year (later days are not yet due) and over the whole year once it is
closed. A *gap* is a run of consecutive due days without any item.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


@dataclass(frozen=True)
class Day:
    date: dt.date
    count: int
    due: bool  # on or before the build day

    @property
    def level(self) -> int:
        """Colour step of the heat map: 0 none, 1 one, 2 two or three, 3 four or more."""
        if self.count <= 0:
            return 0
        return 1 if self.count == 1 else 2 if self.count <= 3 else 3


@dataclass(frozen=True)
class Gap:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class Rhythm:
    year: int
    daily: int  # items a day asked for
    days: list[Day]  # every day of the year

    @property
    def due_days(self) -> list[Day]:
        return [d for d in self.days if d.due]

    @property
    def empty_days(self) -> list[dt.date]:
        """Due days without any item."""
        return [d.date for d in self.days if d.due and d.count == 0]

    @property
    def short_days(self) -> list[dt.date]:
        """Due days under the daily target (the same as ``empty_days`` for ``daily: 1``)."""
        return [d.date for d in self.days if d.due and d.count < self.daily]

    @property
    def longest_gap(self) -> Gap | None:
        """The longest run of consecutive empty due days (the earliest of equal runs)."""
        best: Gap | None = None
        start = None
        previous = None
        for day in self.days:
            if day.due and day.count == 0:
                if start is None:
                    start = day.date
                previous = day.date
                continue
            if start is not None:
                gap = Gap(start, previous)
                if best is None or gap.days > best.days:
                    best = gap
                start = None
        if start is not None:
            gap = Gap(start, previous)
            if best is None or gap.days > best.days:
                best = gap
        return best

    @property
    def total(self) -> int:
        return sum(d.count for d in self.days)

    def months(self) -> list[tuple[int, list[list[Day | None]]]]:
        """Per month, its weeks Monday→Sunday (``None`` outside the month), for the calendar grid."""
        by_date = {d.date: d for d in self.days}
        out = []
        for month in range(1, 13):
            weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(self.year, month)
            out.append((month, [[by_date[d] if d.month == month else None for d in week] for week in weeks]))
        return out


def daily_rhythm(dates: Iterable[dt.date], year: int, today: dt.date, daily: int = 1) -> Rhythm:
    """Items per day of ``year`` from the items' publication dates (other years ignored)."""
    counts = Counter(d for d in dates if d.year == year)
    day = dt.date(year, 1, 1)
    days = []
    while day.year == year:
        days.append(Day(day, counts.get(day, 0), day <= today))
        day += dt.timedelta(days=1)
    return Rhythm(year, daily, days)
