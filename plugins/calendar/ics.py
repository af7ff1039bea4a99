"""The iCalendar file of the editorial calendar (``icalendar``). Pure."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from icalendar import Calendar, Event

from portal.rules.editorial import EDITION, Entry


def calendar_bytes(entries: list[Entry], *, name: str, siteurl: str, stamp: dt.datetime,
                   edition_url=None) -> bytes:
    """All-day events (``DTEND`` is the day after the last day, as RFC 5545 says)."""
    host = urlparse(siteurl).hostname or "localhost"
    cal = Calendar()
    cal.add("prodid", f"-//{name}//Lịch biên tập//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Lịch biên tập – {name}")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Chiến dịch" if entry.kind == EDITION else "Ngày kỷ niệm"])
        if entry.description:
            event.add("description", entry.description)
        if entry.kind == EDITION and edition_url is not None:
            url = edition_url(entry)
            if url:
                event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()
