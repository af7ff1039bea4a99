"""Vietnamese date formatting that does not depend on a system locale."""

from __future__ import annotations

import datetime as dt
# Vietnam has kept UTC+07:00 since 1975 and has no daylight saving time. A
# fixed offset (not the tz database, whose early history gives +07:06:40)
# means every date the site writes carries exactly +07:00.
TIMEZONE = dt.timezone(dt.timedelta(hours=7), "ICT")
# The same zone by name, for Pelican's own TIMEZONE setting (pelicanconf.py
# takes it from here: one definition of the portal's time zone).
TIMEZONE_NAME = "Asia/Ho_Chi_Minh"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def to_local(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    """Express an aware datetime in Vietnam time; naive values are taken as local."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=TIMEZONE)
        return value.astimezone(TIMEZONE)
    return value


def weekday_name(value: dt.date) -> str:
    return WEEKDAYS[value.weekday()]


def vn_date(value: dt.date) -> str:
    """``20/01/2024``"""
    value = to_local(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def vn_datetime(value: dt.datetime) -> str:
    """``Thứ Bảy, 20/01/2024 08:30``"""
    value = to_local(value)
    text = f"{weekday_name(value)}, {vn_date(value)}"
    if isinstance(value, dt.datetime):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def vn_long_date(value: dt.date) -> str:
    """``ngày 20 tháng 1 năm 2024``"""
    value = to_local(value)
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def vn_month(value: dt.date) -> str:
    """``Tháng 1/2024``"""
    value = to_local(value)
    return f"Tháng {value.month}/{value.year}"


def iso(value: dt.datetime | dt.date) -> str:
    """ISO 8601 with the +07:00 offset for datetimes."""
    value = to_local(value)
    return value.isoformat()


def number(value: int | float, decimals: int = 0) -> str:
    """Vietnamese number format: ``1.234`` and ``12,5``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
