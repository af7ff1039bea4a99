"""Lint written feeds for what the W3C feed validator rejects and static sites often get wrong.

``lint_feed(data, url, now)`` returns a list of problems (empty = clean):
the feed's self link is its own URL; it has entries; GUIDs / ids are
absolute http(s) permalinks; no relative URL inside entry content; RSS dates
are RFC 822 and Atom dates RFC 3339; no entry is dated after ``now``; the
channel date is the newest entry's date; enclosures are absolute with a length.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree

from .content import SRCSET_ATTRIBUTES, URL_ATTRIBUTES

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_A = f"{{{ATOM_NS}}}"
# RFC 822 as RSS 2.0 uses it, with a four-digit year and a numeric zone.
_RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                     r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def is_absolute_http(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def relative_urls(fragment: str) -> list[str]:
    """Every relative URL in an HTML fragment (href, src, srcset candidates, …)."""
    return list(_relative_urls(fragment or ""))


# An article's entry is in several feeds (site, campaign, edition, unit and its
# parents, category; RSS and Atom): its HTML is parsed once, not once per feed.
@functools.lru_cache(maxsize=16384)
def _relative_urls(fragment: str) -> tuple[str, ...]:
    soup = BeautifulSoup(fragment, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attr in URL_ATTRIBUTES.get(tag.name, ()):
            if tag.has_attr(attr) and not urlsplit(tag[attr].strip()).scheme:
                found.append(tag[attr])
        for attr in SRCSET_ATTRIBUTES.get(tag.name, ()):
            if tag.has_attr(attr):
                for candidate in tag[attr].split(","):
                    parts = candidate.split()
                    if parts and not urlsplit(parts[0]).scheme:
                        found.append(parts[0])
    return tuple(found)


def _rss_date(text: str | None, where: str, problems: list[str]) -> dt.datetime | None:
    if not text or not _RFC822.match(text.strip()):
        problems.append(f"{where}: ngày «{text}» không đúng định dạng RFC 822")
        return None
    try:
        return email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError):
        problems.append(f"{where}: ngày «{text}» không đọc được")
        return None


def _atom_date(text: str | None, where: str, problems: list[str]) -> dt.datetime | None:
    if not text or not _RFC3339.match(text.strip()):
        problems.append(f"{where}: ngày «{text}» không đúng định dạng RFC 3339")
        return None
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def lint_feed(data: bytes, url: str, now: dt.datetime) -> list[str]:
    """Problems of one feed document served at ``url`` (absolute), built at ``now``."""
    problems: list[str] = []
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"XML không hợp lệ: {exc}"]
    if root.tag == "rss":
        _lint_rss(root, url, now, problems)
    elif root.tag == f"{_A}feed":
        _lint_atom(root, url, now, problems)
    else:
        problems.append(f"không phải RSS hay Atom: phần tử gốc «{root.tag}»")
    return problems


def _check_dates(dates: list[dt.datetime], channel_date, now, problems: list[str]) -> None:
    for date in dates:
        if date > now:
            problems.append(f"mục đề ngày {date.isoformat()} sau thời điểm dựng trang {now.isoformat()}")
    if dates and channel_date is not None and channel_date != max(dates):
        problems.append(f"ngày cập nhật của kênh {channel_date.isoformat()} khác ngày mục mới nhất {max(dates).isoformat()}")


def _lint_rss(rss, url: str, now, problems: list[str]) -> None:
    channel = rss.find("channel")
    if channel is None:
        problems.append("thiếu <channel>")
        return
    selfs = [link.get("href") for link in channel.findall(f"{_A}link") if link.get("rel") == "self"]
    if selfs != [url]:
        problems.append(f"atom:link rel=self là {selfs}, phải là [{url}]")
    if not is_absolute_http(channel.findtext("link")):
        problems.append(f"<link> của kênh «{channel.findtext('link')}» không phải địa chỉ tuyệt đối")
    items = channel.findall("item")
    if not items:
        problems.append("kênh rỗng: không có mục nào")
    channel_date = None
    if channel.find("lastBuildDate") is not None:
        channel_date = _rss_date(channel.findtext("lastBuildDate"), "lastBuildDate", problems)
    dates = []
    for number, item in enumerate(items, start=1):
        where = f"mục {number}"
        guid = item.find("guid")
        if guid is None or not is_absolute_http(guid.text):
            problems.append(f"{where}: <guid> thiếu hoặc không phải địa chỉ tuyệt đối")
        elif guid.get("isPermaLink", "true") != "true":
            problems.append(f"{where}: <guid> không có isPermaLink=\"true\"")
        if not is_absolute_http(item.findtext("link")):
            problems.append(f"{where}: <link> «{item.findtext('link')}» không phải địa chỉ tuyệt đối")
        date = _rss_date(item.findtext("pubDate"), f"{where}: pubDate", problems)
        if date is not None:
            dates.append(date)
        for tag in ("description", f"{{{CONTENT_NS}}}encoded"):
            for rel in relative_urls(item.findtext(tag) or ""):
                problems.append(f"{where}: địa chỉ tương đối «{rel}» trong nội dung")
        enclosure = item.find("enclosure")
        if enclosure is not None:
            _lint_enclosure(enclosure.get("url"), enclosure.get("length"), enclosure.get("type"), where, problems)
    _check_dates(dates, channel_date, now, problems)


def _lint_atom(feed, url: str, now, problems: list[str]) -> None:
    selfs = [link.get("href") for link in feed.findall(f"{_A}link") if link.get("rel") == "self"]
    if selfs != [url]:
        problems.append(f"link rel=self là {selfs}, phải là [{url}]")
    entries = feed.findall(f"{_A}entry")
    if not entries:
        problems.append("kênh rỗng: không có mục nào")
    channel_date = _atom_date(feed.findtext(f"{_A}updated"), "updated của kênh", problems)
    dates = []
    for number, entry in enumerate(entries, start=1):
        where = f"mục {number}"
        if not is_absolute_http(entry.findtext(f"{_A}id")):
            problems.append(f"{where}: <id> «{entry.findtext(f'{_A}id')}» không phải địa chỉ tuyệt đối")
        alternates = [link.get("href") for link in entry.findall(f"{_A}link") if link.get("rel", "alternate") == "alternate"]
        if not alternates or not all(is_absolute_http(h) for h in alternates):
            problems.append(f"{where}: thiếu link rel=alternate tuyệt đối")
        for name in ("published", "updated"):
            date = _atom_date(entry.findtext(f"{_A}{name}"), f"{where}: {name}", problems)
            if date is not None and name == "updated":
                dates.append(date)
            elif date is not None and date > now:
                problems.append(f"{where}: published {date.isoformat()} sau thời điểm dựng trang")
        for tag in ("summary", "content"):
            element = entry.find(f"{_A}{tag}")
            if element is not None and element.get("type") == "html":
                for rel in relative_urls(element.text or ""):
                    problems.append(f"{where}: địa chỉ tương đối «{rel}» trong nội dung")
        for link in entry.findall(f"{_A}link"):
            if link.get("rel") == "enclosure":
                _lint_enclosure(link.get("href"), link.get("length"), link.get("type"), where, problems)
    _check_dates(dates, channel_date, now, problems)


def _lint_enclosure(url, length, mime, where: str, problems: list[str]) -> None:
    if not is_absolute_http(url):
        problems.append(f"{where}: enclosure «{url}» không phải địa chỉ tuyệt đối")
    if not (length or "").isdigit() or int(length) <= 0:
        problems.append(f"{where}: enclosure thiếu độ dài (byte)")
    if not mime or "/" not in mime:
        problems.append(f"{where}: enclosure thiếu kiểu MIME")
