"""Pace against the annual target: expected-by-now, percent, status. Pure.

One status scale, the same on the pages, the CSV and the spreadsheet:

* the current (or a future) year: ``Đã đạt`` (the whole year's target is
  reached), ``Đúng tiến độ`` (at least the whole articles expected by now),
  ``Chậm tiến độ`` (fewer), ``Chưa có bài`` (none at all although some were
  expected: the most severe);
* a closed year: only a verdict, ``Đạt`` or ``Không đạt``;
* no target that year: ``Không giao chỉ tiêu`` (outside the scale).

Expected-by-now is a whole number of articles: ``ceil(target × elapsed
share)``. For whole counts ``count ≥ target × share`` exactly when
``count ≥ ceil(target × share)``, so rounding up changes no status.
The contributor target is a separate flag (:func:`contributors_short`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from fractions import Fraction

DONE = "Đã đạt"
ON_PACE = "Đúng tiến độ"
BEHIND = "Chậm tiến độ"
NOTHING = "Chưa có bài"
MET = "Đạt"
NOT_MET = "Không đạt"
NO_TARGET = "Không giao chỉ tiêu"
CURRENT_STATUSES = (DONE, ON_PACE, BEHIND, NOTHING)
CLOSED_STATUSES = (MET, NOT_MET)
STATUSES = (*CURRENT_STATUSES, *CLOSED_STATUSES, NO_TARGET)
# CSS-friendly keys for the same statuses (class names, data attributes).
STATUS_KEYS = {DONE: "dat", ON_PACE: "dung-tien-do", BEHIND: "cham", NOTHING: "chua-co",
               MET: "dat", NOT_MET: "khong-dat", NO_TARGET: "khong-giao"}
# Sort order "most urgent first" (the board's sort by status): lower is more severe.
SEVERITY = {NOTHING: 0, NOT_MET: 0, BEHIND: 1, ON_PACE: 2, DONE: 3, MET: 3, NO_TARGET: 4}
# What each status means, in the words of the legend (pages and spreadsheet).
MEANINGS = {
    DONE: "đã đủ số bài của cả năm",
    ON_PACE: "số bài đã đăng bằng hoặc nhiều hơn số bài cần có đến hôm nay",
    BEHIND: "đã có bài nhưng ít hơn số bài cần có đến hôm nay",
    NOTHING: "chưa có bài nào được tính trong khi đến nay đã cần có bài",
    MET: "năm đã kết thúc, đủ số bài của cả năm",
    NOT_MET: "năm đã kết thúc, chưa đủ số bài của cả năm",
    NO_TARGET: "đơn vị không được giao chỉ tiêu năm này",
}


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def elapsed_share(year: int, today: dt.date) -> Fraction:
    """Share of ``year`` elapsed on ``today``, the build day counted in full.

    1 for past years, 0 for future years.
    """
    if year < today.year:
        return Fraction(1)
    if year > today.year:
        return Fraction(0)
    elapsed = (today - dt.date(year, 1, 1)).days + 1
    return Fraction(elapsed, days_in_year(year))


def days_left(year: int, today: dt.date) -> int:
    """Days of ``year`` after ``today`` (0 once the year is over; the whole year before it)."""
    if year < today.year:
        return 0
    if year > today.year:
        return days_in_year(year)
    return (dt.date(year, 12, 31) - today).days


def is_closed(year: int, today: dt.date) -> bool:
    return year < today.year


def expected(target: int, share: Fraction) -> int:
    """How many whole articles the target asks for by now (rounded up)."""
    return math.ceil(target * share)


def percent(count: int, target: int) -> float | None:
    """Achieved share of the target in percent; None when there is no target."""
    if not target:
        return None
    return float(Fraction(count * 100, target))


def status(count: int, target: int, share: Fraction, closed: bool = False) -> str:
    """The unit's place on the one scale (see the module docstring)."""
    if not target:
        return NO_TARGET
    if closed:
        return MET if count >= target else NOT_MET
    if count >= target:
        return DONE
    if count >= expected(target, share):
        return ON_PACE
    if count <= 0:
        return NOTHING
    return BEHIND


def is_behind(value: str) -> bool:
    """Statuses the summary lists unit by unit (something is missing)."""
    return value in (BEHIND, NOTHING, NOT_MET)


def contributors_short(active: int, target: int | None) -> int:
    """How many active contributors are missing against the contributor target (0: none)."""
    if not target:
        return 0
    return max(target - active, 0)
