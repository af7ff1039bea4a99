"""Royalties (nhuận bút): the rules by hand, the rate file's and the ``Grade``
field's validation, and the sample report (page, CSV, spreadsheet) against an
independent recount from the sources and content/data/nhuan-but.yml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
import yaml

from conftest import ROOT, TEST_BUILD_DATE, check_content, make_content, read_html
from conftest import read_header as header

BUILD_DATE = dt.date.fromisoformat(TEST_BUILD_DATE)


def rates_fixture():
    from portal.data.royalties import Rates

    return Rates("QĐ mẫu", {"tin": 150000, "bai": 400000}, 50000, {"A": Decimal("1.5"), "C": Decimal("0.7")})


def test_a_month_with_co_authors_and_a_republished_article_by_hand():
    from portal.rules.royalties import Source, year_royalties

    day = dt.date(2026, 3, 10)
    sources = [
        Source("Tin có ảnh", day, "tin", ("An", "Bình"), grade="a", photos=1),      # (150 000 + 50 000) × 1,5 = 300 000
        Source("Bài ba người", day, "bai", ("Bình", "Cúc", "An"), grade="C"),      # 400 000 × 0,7 = 280 000 → 93 334 + 93 333 × 2
        Source("Bài đăng lại", day, "tin", ("An",), republished=True),             # nothing
        Source("Bản nháp", day, "tin", ("Cúc",), counted=False),                  # nothing
        Source("Ảnh không có mức riêng", day, "anh", ("An",), photos=3),           # 0 + 3 × 50 000 = 150 000
        Source("Tháng khác", dt.date(2026, 4, 1), "tin", ("An",)),                 # 150 000 in April
    ]
    report = year_royalties(sources, rates_fixture(), 2026)
    march = {row.name: row.amount for row in report.by_month[3]}
    assert march == {"An": 150000 + 93333 + 150000, "Bình": 150000 + 93334, "Cúc": 93333}
    assert report.month_total(3) == 300000 + 280000 + 150000 == sum(march.values())
    assert [s.title for s in report.excluded] == ["Bài đăng lại", "Bản nháp"]
    assert report.total == 730000 + 150000
    people = {name: (months, works, total) for _key, name, months, works, total in report.people()}
    assert people["An"] == ({3: 393333, 4: 150000}, 4, 543333)


def test_shares_split_and_photos_count():
    from portal.rules.royalties import count_photos, split, work_amount

    assert split(100, 3) == [34, 33, 33] and split(280000, 3) == [93334, 93333, 93333] and split(5, 0) == []
    body = ["![Ảnh 1](/images/2026/01/a.jpg \"Chú thích\")", "Chữ ![Ảnh 2](images/2026/01/b.jpg) và lại ![](images/2026/01/a.jpg)",
            '<img src="images/2026/01/c.png" alt="c">']
    assert count_photos(body) == 3 and count_photos(body, "images/2026/01/a.jpg") == 3
    assert count_photos(body, "images/2026/01/d.jpg") == 4
    assert work_amount(rates_fixture(), "tin", 1, "A") == 300000 and work_amount(rates_fixture(), "tin", 0, "Z") == 150000
    from portal.data.royalties import Rates

    half = Rates(types={"tin": 1}, grades={"X": Decimal("0.5")})
    assert work_amount(half, "tin", 0, "X") == 1  # 0.5 đồng rounds half up


def test_rate_file_problems_are_all_reported():
    from portal.data.royalties import parse_rates
    from portal.problems import Problems

    problems = Problems()
    parse_rates({"types": {"tin": -5, "thu": 100, "bai": "400.000"}, "photo": 1.5, "grades": {"A": 20, "B!": 1},
                 "ghi_chu": "x"}, "content/data/nhuan-but.yml", problems)
    messages = sorted(p.message for p in problems.errors)
    assert len(messages) == 7, messages
    assert "khóa lạ «ghi_chu»" in messages
    assert "loại bài «thu» không hợp lệ" in messages
    assert any(m.startswith("số tiền cho «tin» phải là số nguyên đồng") for m in messages)
    assert any(m.startswith("số tiền cho «bai»") and "«400.000»" in m for m in messages)
    assert any(m.startswith("«photo» (số tiền mỗi ảnh)") for m in messages)
    assert any(m.startswith("hệ số của hạng «A» phải là số từ 0 đến 10") for m in messages)
    assert "hạng «B!» không hợp lệ" in messages
    empty = Problems()
    parse_rates({"photo": 0}, "x.yml", empty)
    assert [p.field for p in empty.errors] == ["types"]


ARTICLE = """Title: {title}
Date: 2025-01-10 08:00
Authors: Lò Văn Thắng
Unit: cdcs-thuy-dien-huoi-quang
{extra}
Nội dung ngắn.
"""


def test_grade_is_validated_against_the_rate_file(tmp_path):
    content = make_content(tmp_path, {
        "hang-la.md": ARTICLE.format(title="Hạng lạ", extra="Grade: D"),
        "hang-trong.md": ARTICLE.format(title="Hạng trống", extra="Grade:   "),
        "dang-lai.md": ARTICLE.format(title="Đăng lại có hạng", extra="Grade: A\nSource: Báo Lao Động"),
        "hang-dung.md": ARTICLE.format(title="Hạng đúng", extra="Grade: b"),
    })
    proc = check_content(content)
    assert proc.returncode != 0
    lines = [line for line in proc.stdout.splitlines() if "«Grade»" in line]
    assert any("hang-la.md:5: [lỗi] trường «Grade»: hạng «D» không có trong khung nhuận bút (các hạng: A, B, C)" in l
               for l in lines), lines
    assert any("hang-trong.md:5: [lỗi] trường «Grade»: «Grade» để trống" in l for l in lines), lines
    assert any("dang-lai.md:5: [cảnh báo] trường «Grade»: bài đăng lại" in l for l in lines), lines
    assert not any("hang-dung.md" in l for l in lines)
    # Without a rate file any Grade is an error that names the file to create.
    (content / "data" / "nhuan-but.yml").unlink()
    proc = check_content(content)
    assert any("hang-dung.md:5: [lỗi] trường «Grade»: có hạng nhuận bút nhưng không có tệp khung nhuận bút "
               "content/data/nhuan-but.yml" in l for l in proc.stdout.splitlines()), proc.stdout


def test_broken_rate_file_stops_check_with_file_and_line(tmp_path):
    content = make_content(tmp_path, {"tin.md": ARTICLE.format(title="Tin", extra="")})
    (content / "data" / "nhuan-but.yml").write_text("types:\n  tin: mười nghìn\n", encoding="utf-8")
    proc = check_content(content)
    assert proc.returncode != 0
    assert "nhuan-but.yml:2: [lỗi] trường «types.tin»: số tiền cho «tin» phải là số nguyên đồng" in proc.stdout


# --- The sample report against an independent recount ------------------------------------------

def person(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def independent_month(year: int, month: int) -> dict[str, int]:
    """Person (folded name) → đồng for the month, from the headers and the rate file."""
    rates = yaml.safe_load((ROOT / "content/data/nhuan-but.yml").read_text(encoding="utf-8"))
    canon = {}
    for entry in yaml.safe_load((ROOT / "content/data/contributors.yml").read_text(encoding="utf-8")):
        for spelling in [entry["name"], *(entry.get("aliases") or [])]:
            canon[person(spelling)] = person(entry["name"])
    out: dict[str, int] = defaultdict(int)
    for path in sorted((ROOT / "content/articles").rglob("*.md")):
        h = header(path)
        if h.get("status", "published").lower() != "published" or h.get("source") or not h.get("unit"):
            continue
        day = dt.date.fromisoformat(h["date"][:10])
        if (day.year, day.month) != (year, month) or day > BUILD_DATE:
            continue
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        photos = set(m.lstrip("/") for m in re.findall(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)", body))
        if h.get("image"):
            photos.add(h["image"].lstrip("/"))
        grade = (h.get("grade") or "").upper()
        factor = Decimal(str(rates["grades"][grade])) if grade else Decimal(1)
        amount = int((Decimal(rates["types"].get(h.get("type", "tin").lower(), 0) + len(photos) * rates["photo"]) * factor)
                     .quantize(Decimal(1), rounding=ROUND_HALF_UP))
        authors = list(dict.fromkeys(canon.get(person(a), person(a)) for a in h["authors"].split(",") if a.strip()))
        base, rest = divmod(amount, len(authors))
        for i, author in enumerate(authors):
            out[author] += base + (1 if i < rest else 0)
    return dict(out)


@pytest.mark.parametrize("month", [2, 5])
def test_sample_month_matches_the_rates(site, month):
    expected = independent_month(2026, month)
    assert expected and sum(expected.values()) > 0
    raw = (site / "nhuan-but/2026.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    shares = defaultdict(int)
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
        if row["month"] == str(month):
            shares[person(row["author"])] += int(row["share"])
    assert dict(shares) == expected
    page = read_html(site / "nhuan-but/2026/index.html")
    section = page.select_one(f'section[data-month="{month}"]')
    shown = {person(tr.th.get_text(strip=True)): int(tr.select_one('td[data-col="amount"]').get_text(strip=True).replace(".", ""))
             for tr in section.select("tbody tr")}
    assert shown == expected
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO((site / "nhuan-but/2026.xlsx").read_bytes()))
    assert book.sheetnames == ["Theo tháng", "Chi tiết", "Khung nhuận bút"]
    sheet = book["Theo tháng"]
    assert sheet.freeze_panes == "B2" and sheet.cell(row=1, column=month + 1).value == f"Tháng {month}"
    from_excel = {person(r[0]): r[month] for r in sheet.iter_rows(min_row=2, values_only=True)
                  if r[0] != "Tổng cộng" and r[month]}
    assert from_excel == expected
    assert sheet.cell(row=2, column=month + 1).number_format == "#,##0"


def test_royalty_pages_are_noindex_and_out_of_the_sitemap(site):
    for path in (site / "nhuan-but").rglob("index.html"):
        robots = read_html(path).find("meta", attrs={"name": "robots"})
        assert robots is not None and "noindex" in robots["content"], path
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8") if (site / "sitemap.xml").exists() else ""
    assert "nhuan-but" not in sitemap
    index = read_html(site / "nhuan-but/index.html")
    assert index.find("h1").get_text(strip=True) == "Nhuận bút tin, bài năm 2026"
