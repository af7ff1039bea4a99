"""The editorial calendar: campaign editions and the year's key dates. Pure.

Entries are all-day spans (``start``…``end``, both included). Key dates are
fixed in the solar calendar except Tết Nguyên đán, which follows the lunar
calendar: its Gregorian dates are listed in :data:`TET` (a year missing from
the table has no Tết entry rather than a guessed one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

EDITION, KEY = "edition", "key"

# First day of the lunar new year (mùng 1 Tết) in Vietnam.
TET = {
    2020: dt.date(2020, 1, 25), 2021: dt.date(2021, 2, 12), 2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 22), 2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17), 2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26),
    2029: dt.date(2029, 2, 13), 2030: dt.date(2030, 2, 3),
}


@dataclass(frozen=True)
class Entry:
    uid: str  # stable across builds, unique: editions "dot-<campaign>-<year>", key dates "<name>-<year>"
    kind: str  # EDITION or KEY
    title: str
    start: dt.date
    end: dt.date  # included
    description: str = ""
    campaign_id: str = ""
    year: int = 0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def key_dates(year: int) -> list[Entry]:
    """The recurring dates the union press writes for in ``year``."""
    out = []
    tet = TET.get(year)
    if tet is not None:
        out.append(Entry(f"tet-{year}", KEY, f"Tết Nguyên đán {year}", tet, tet + dt.timedelta(days=2),
                         "Mùng 1 đến mùng 3 Tết: bài về đoàn viên, người lao động đón Tết, trực Tết.", year=year))
    out += [
        Entry(f"thanh-lap-dang-{year}", KEY, "Ngày thành lập Đảng Cộng sản Việt Nam (3/2)",
              dt.date(year, 2, 3), dt.date(year, 2, 3), year=year),
        Entry(f"thang-cong-nhan-{year}", KEY, f"Tháng Công nhân năm {year}", dt.date(year, 5, 1), dt.date(year, 5, 31),
              "Cả tháng 5: đối thoại, chăm lo công nhân khó khăn, an toàn lao động.", year=year),
        Entry(f"sinh-nhat-bac-{year}", KEY, "Ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
              dt.date(year, 5, 19), dt.date(year, 5, 19), year=year),
        Entry(f"thanh-lap-cdvn-{year}", KEY, "Ngày thành lập Công đoàn Việt Nam (28/7)",
              dt.date(year, 7, 28), dt.date(year, 7, 28), year=year),
    ]
    return out


def entries(campaigns: Iterable, years: Iterable[int]) -> list[Entry]:
    """One entry per campaign edition (every edition, whatever its year) plus the
    key dates of ``years``; by start date, then title."""
    out = []
    for campaign in campaigns:
        for edition in campaign.editions:
            out.append(Entry(f"dot-{campaign.id}-{edition.year}", EDITION, f"{campaign.name} {edition.year}",
                             edition.start, edition.end, campaign.message or "", campaign.id, edition.year))
    for year in sorted(set(years)):
        out.extend(key_dates(year))
    return sorted(out, key=lambda e: (e.start, e.kind != EDITION, e.title))
