"""Scaffold a new article at the conventional path with a valid header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal.data.campaigns import split_values
from portal.dates import TIMEZONE
from portal.text import nfc, slugify

from portal.article import TYPES
from portal.load import load_portal
from portal.data.units import did_you_mean


class ScaffoldError(ValueError):
    """The requested article cannot be created (Vietnamese message)."""


def render_header(*, title, date, authors, unit, campaigns, type_) -> str:
    lines = [f"Title: {title}", f"Date: {date:%Y-%m-%d %H:%M}", f"Authors: {authors}", f"Unit: {unit}"]
    if campaigns:
        lines.append(f"Campaign: {', '.join(campaigns)}")
    lines += [f"Type: {type_}", "Category: Hoạt động công đoàn", "Status: draft"]
    body = ("Viết đoạn mở đầu (sa-pô) ở đây: ai, làm gì, ở đâu, khi nào.\n\n"
            "## Tiêu đề phụ\n\nNội dung chính của bài.\n")
    return "\n".join(lines) + "\n\n" + body


def scaffold_article(content_dir: Path, *, title: str, unit: str, campaign: str = "",
                     authors: str = "", type_: str = "tin", date: str | None = None) -> Path:
    title = nfc(title).strip()
    if not title:
        raise ScaffoldError("Thiếu tiêu đề: dùng --title \"Tiêu đề bài viết\".")
    when = (dt.datetime.strptime(date, "%Y-%m-%d %H:%M").replace(tzinfo=TIMEZONE) if date
            else dt.datetime.now(TIMEZONE).replace(second=0, microsecond=0))
    portal, _ = load_portal(content_dir, content_dir / "data", when.date(), content_dir.parent)
    problems = []
    if unit not in portal.units:
        problems.append(f"Đơn vị «{unit}» không có trong units.yml{did_you_mean(portal.units.suggest(unit))}")
    campaign_ids = []
    for value in split_values(campaign):
        found = portal.campaigns.match(value)
        if found is None:
            problems.append(f"Chiến dịch «{value}» không có trong campaigns.yml"
                            f"{did_you_mean(portal.campaigns.suggest(value))}")
        else:
            campaign_ids.append(found.id)
    if type_ not in TYPES:
        problems.append(f"Loại bài «{type_}» không hợp lệ: dùng một trong {', '.join(TYPES)}")
    if problems:
        raise ScaffoldError("\n".join(problems))
    path = content_dir / "articles" / f"{when:%Y}" / f"{when:%m}" / f"{slugify(title)}.md"
    if path.exists():
        raise ScaffoldError(f"Đã có tệp {path}: đổi tiêu đề hoặc sửa tệp đó.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_header(title=title, date=when, authors=nfc(authors) or "Họ Tên tác giả",
                                  unit=unit, campaigns=campaign_ids, type_=type_), encoding="utf-8")
    return path
