"""The build moment as shown to readers (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.dates import TIMEZONE


@dataclass(frozen=True)
class Stamp:
    text: str      # "00:05 01/12/2026" or "21/11/2026"
    iso: str       # for <time datetime="...">

    def __str__(self) -> str:
        return self.text


def parse_moment(value) -> dt.datetime | None:
    """``BUILDSTAMP_AT`` as an aware datetime (Vietnam time when none is given); None if malformed."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            return None
    return moment.replace(tzinfo=TIMEZONE) if moment.tzinfo is None else moment.astimezone(TIMEZONE)


def build_stamp(at, build_date, now: dt.datetime | None = None, precision: str = "minute") -> Stamp:
    """``at``: BUILDSTAMP_AT; ``build_date``: PORTAL_BUILD_DATE (None, date or ISO text);
    ``precision``: BUILDSTAMP_PRECISION ("day": the date alone)."""
    now = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE)
    moment = parse_moment(at) if at else None
    if moment is not None:   # a malformed value is reported by checks.check_settings before any page
        return Stamp(moment.strftime("%H:%M %d/%m/%Y"), moment.isoformat(timespec="minutes"))
    if build_date not in (None, ""):
        day = build_date if isinstance(build_date, dt.date) else dt.date.fromisoformat(str(build_date))
        if isinstance(day, dt.datetime):
            day = day.date()
        if day != now.date():
            return Stamp(day.strftime("%d/%m/%Y"), day.isoformat())
    if precision == "day":
        return Stamp(now.strftime("%d/%m/%Y"), now.date().isoformat())
    return Stamp(now.strftime("%H:%M %d/%m/%Y"), now.isoformat(timespec="minutes"))
