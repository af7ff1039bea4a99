"""Pace against the annual target: expected-by-now, percent, status. Pure.

Fractions keep the comparisons exact: "on pace" means
``count >= target × elapsed share`` with no rounding in between.
"""

from __future__ import annotations

import calendar
import datetime as dt
from fractions import Fraction

DONE = "Vượt/đạt"
ON_PACE = "Đúng tiến độ"
BEHIND = "Chậm tiến độ"
NOTHING = "Chưa có bài"
STATUSES = (DONE, ON_PACE, BEHIND, NOTHING)
# CSS-friendly keys for the same statuses (class names, data attributes).
STATUS_KEYS = {DONE: "dat", ON_PACE: "dung-tien-do", BEHIND: "cham", NOTHING: "chua-co"}


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


def expected(target: int, share: Fraction) -> Fraction:
    """How many articles the target asks for by now."""
    return target * share


def percent(count: int, target: int) -> float | None:
    """Achieved share of the target in percent; None when there is no target."""
    if not target:
        return None
    return float(Fraction(count * 100, target))


def status(count: int, target: int, share: Fraction) -> str:
    """``Vượt/đạt`` (≥ 100 %), ``Đúng tiến độ`` (≥ expected), ``Chậm tiến độ``, ``Chưa có bài``.

    No article at all is "Chưa có bài" whatever the target; with articles but
    no target the unit has reached it (any count is ≥ 0).
    """
    if count <= 0:
        return NOTHING
    if count >= target:
        return DONE
    if count >= expected(target, share):
        return ON_PACE
    return BEHIND
