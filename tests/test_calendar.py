"""The editorial calendar: its iCalendar feed parsed with ``icalendar`` (one
event per campaign edition, the key dates), and its page."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import ROOT, read_html

icalendar = pytest.importorskip("icalendar")


def editions() -> list[tuple[str, int, dt.date, dt.date]]:
    raw = yaml.safe_load((ROOT / "content/data/campaigns.yml").read_text(encoding="utf-8"))
    return [(c["id"], e["year"], e["start"], e["end"]) for c in raw for e in c.get("editions", [])]


def events(site):
    cal = icalendar.Calendar.from_ical((site / "lich-bien-tap.ics").read_bytes())
    return cal, [c for c in cal.walk("VEVENT")]


def test_ics_has_one_event_per_campaign_edition(site):
    cal, evs = events(site)
    assert str(cal["version"]) == "2.0"
    by_uid = {str(e["uid"]).split("@")[0]: e for e in evs}
    assert len(by_uid) == len(evs)  # unique UIDs
    expected = editions()
    campaign_events = [e for e in evs if "Chiến dịch" in e.get("categories").cats]
    assert len(campaign_events) == len(expected)
    for cid, year, start, end in expected:
        event = by_uid[f"dot-{cid}-{year}"]
        assert event.decoded("dtstart") == start
        assert event.decoded("dtend") == end + dt.timedelta(days=1)  # all-day: the day after the last
        assert str(event["url"]).endswith(f"/chien-dich/{cid}/{year}/")


def test_ics_has_the_key_dates(site):
    _, evs = events(site)
    by_uid = {str(e["uid"]).split("@")[0]: e for e in evs}
    assert by_uid["tet-2026"].decoded("dtstart") == dt.date(2026, 2, 17)
    assert by_uid["thanh-lap-cdvn-2026"].decoded("dtstart") == dt.date(2026, 7, 28)
    may = by_uid["thang-cong-nhan-2026"]
    assert (may.decoded("dtstart"), may.decoded("dtend")) == (dt.date(2026, 5, 1), dt.date(2026, 6, 1))
    assert "tet-2027" in by_uid and str(by_uid["tet-2027"]["summary"]) == "Tết Nguyên đán 2027"


def test_calendar_page_lists_every_entry(site):
    page = read_html(site / "lich-bien-tap/index.html")
    _, evs = events(site)
    assert len(page.select(".calendar-list li[data-uid]")) == len(evs)
    assert page.select_one('a[href$="/lich-bien-tap.ics"]') is not None
    robots = page.find("meta", attrs={"name": "robots"})
    assert robots is not None and "noindex" in robots["content"]


def test_key_dates_skip_unknown_tet():
    from portal.rules.editorial import key_dates

    assert [e.uid for e in key_dates(2040)] == ["thanh-lap-dang-2040", "thang-cong-nhan-2040", "sinh-nhat-bac-2040",
                                                 "thanh-lap-cdvn-2040"]
