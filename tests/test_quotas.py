"""Quota pages: counting, pace, pages, CSV, privacy and data validation.

Expected numbers are recounted here from the Markdown headers and the data
YAML with a few lines of independent code (no import of plugins/quotas for
them), then compared with ``chi-tieu/<year>.csv`` and the HTML tables.

Sites built: the sample site (``site`` from conftest) and
``tests/fixtures/quota_counting_site`` — a four-unit tree whose articles cover
co-authors, an alias, a lower-case name with two spaces, a decomposed (NFD)
name, a draft, a hidden article, a republished article, a future-dated article,
an article dated on the build day, a December article in the next year's Tết
edition and an author missing from the roster.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TEST_BUILD_DATE, check_content, read_html, run_pelican
from conftest import read_header as header

FIXTURES = Path(__file__).parent / "fixtures"
COUNTING_SITE = FIXTURES / "quota_counting_site"
BUILD_DATE = dt.date.fromisoformat(TEST_BUILD_DATE)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".txt", ".js", ".svg", ".css", ".webmanifest"}


# --- An independent recount from the sources --------------------------------------------



def person(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def load_yaml(content: Path, name: str):
    return yaml.safe_load((content / "data" / name).read_text(encoding="utf-8"))


def recount(content: Path) -> dict[int, dict[str, dict[str, int]]]:
    """year → unit → own_articles, articles, own_contributors, contributors."""
    parents = {u["id"]: u.get("parent") for u in load_yaml(content, "units.yml")}
    aliases = {}
    for entry in load_yaml(content, "contributors.yml"):
        for spelling in [entry["name"], *(entry.get("aliases") or [])]:
            aliases[person(spelling)] = person(entry["name"])
    own = defaultdict(lambda: defaultdict(int))
    rolled = defaultdict(lambda: defaultdict(int))
    own_people = defaultdict(lambda: defaultdict(set))
    rolled_people = defaultdict(lambda: defaultdict(set))
    for path in sorted((content / "articles").rglob("*.md")):
        h = header(path)
        if h.get("status", "published").lower() != "published" or h.get("source") or not h.get("unit"):
            continue
        day = dt.date.fromisoformat(h["date"][:10])
        if day > BUILD_DATE:
            continue
        people = {aliases.get(person(a), person(a)) for a in h["authors"].split(",") if a.strip()}
        year, unit = day.year, h["unit"]
        own[year][unit] += 1
        own_people[year][unit] |= people
        while unit is not None:
            rolled[year][unit] += 1
            rolled_people[year][unit] |= people
            unit = parents[unit]
    years = set(own) | set(load_yaml(content, "quotas.yml") or {})
    return {
        year: {
            unit: {
                "own_articles": own[year][unit], "articles": rolled[year][unit],
                "own_contributors": len(own_people[year][unit]), "contributors": len(rolled_people[year][unit]),
            }
            for unit in parents
        }
        for year in years
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV must start with a UTF-8 byte-order mark (Excel)"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def plain(text: str) -> str:
    """A number as shown in Vietnamese («1.234», «85,7 %», «—») → the CSV form («1234», «85.7», «»)."""
    text = text.strip().rstrip("%").strip()
    if text in ("—", ""):
        return ""
    return text.replace(".", "").replace(",", ".")


def html_table(path: Path) -> dict[str, dict[str, str]]:
    """unit id → column → plain value, from the main quota table of a year page."""
    table = read_html(path).find("table", id="bang-chi-tieu")
    out = {}
    for tr in table.find("tbody").find_all("tr"):
        out[tr["data-unit"]] = {td["data-col"]: td.get_text(" ", strip=True) for td in tr.find_all("td")}
    return out


def private_values(content: Path) -> set[str]:
    values = set()
    for entry in load_yaml(content, "contributors.yml"):
        for key in ("phone", "email", "facebook"):
            if entry.get(key):
                value = str(entry[key])
                values.add(value)
                if key == "phone":
                    values.add(re.sub(r"\D", "", value))
                if key == "facebook":
                    values.add(value.split("://", 1)[-1])
    return values


def assert_no_private_value(output: Path, content: Path) -> None:
    values = private_values(content)
    assert values
    scanned = 0
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            scanned += 1
            for value in values:
                assert value not in text, f"private roster value {value!r} leaked into {path.relative_to(output)}"
    assert scanned > 10


# --- Pure functions, plain data -------------------------------------------------------------

from portal.rules import counting, pace  # noqa: E402
from plugins.quotas.chart import bar_chart  # noqa: E402

PARENTS = {"tinh": None, "huyen": "tinh", "cdcs": "huyen", "ban": "tinh"}


def item(unit, authors, day, type_="tin", editions=()):
    return counting.CountedItem(unit, tuple(authors), dt.date.fromisoformat(day), type_, tuple(editions))


def test_spellings_of_one_name_are_one_person():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    items = [item("cdcs", ["Nguyễn  Thị Hoa "], "2025-01-02"), item("cdcs", [decomposed], "2025-01-03"),
             item("cdcs", ["nguyễn thị hoa"], "2025-01-04")]
    assert counting.tally(items, PARENTS)["cdcs"].contributors == 1
    assert len({key for i in items for key in i.author_keys}) == 1


def test_own_and_rolled_up_counts_with_co_authors():
    items = [
        item("cdcs", ["Hoa", "Thắng"], "2025-01-10"),
        item("huyen", ["Hoa"], "2025-02-10"),
        item("ban", ["Đức", "Đức"], "2025-03-10"),  # listed twice: credited once
        item("ban", ["Đức"], "2024-03-10"),
    ]
    year = counting.tally(items, PARENTS, counting.year(2025))
    assert (year["cdcs"].own_articles, year["cdcs"].articles, year["cdcs"].contributors) == (1, 1, 2)
    assert (year["huyen"].own_articles, year["huyen"].articles) == (1, 2)
    assert (year["huyen"].own_contributors, year["huyen"].contributors) == (1, 2)
    assert (year["ban"].articles, year["ban"].contributors) == (1, 1)
    assert (year["tinh"].own_articles, year["tinh"].articles, year["tinh"].contributors) == (0, 3, 3)
    assert counting.credits(items, counting.year(2025)) == {"hoa": 2, "thắng": 1, "đức": 1}
    # A roll-up equals the unit's own count plus its children's roll-ups.
    assert year["tinh"].articles == year["tinh"].own_articles + year["huyen"].articles + year["ban"].articles


def test_periods_year_quarter_month_and_campaign_edition():
    items = [item("ban", ["A"], "2025-12-20", editions=[("tet", 2026)]), item("ban", ["A"], "2026-01-05", editions=[("tet", 2026)]),
             item("ban", ["A"], "2026-05-01"), item("ban", ["A"], "2026-03-31")]
    count = lambda period: counting.tally(items, PARENTS, period)["ban"].articles  # noqa: E731
    assert count(counting.year(2026)) == 3 and count(counting.year(2025)) == 1
    assert count(counting.quarter(2026, 1)) == 2 and count(counting.quarter(2026, 2)) == 1
    assert count(counting.month(2026, 5)) == 1 and count(counting.month(2025, 12)) == 1
    assert count(counting.edition("tet", 2026)) == 2
    assert counting.quarter(2026, 1).label == "Quý I/2026"
    assert counting.roll_up({"cdcs": 2, "huyen": 3, "ban": 1}, PARENTS) == {"tinh": 6, "huyen": 5, "cdcs": 2, "ban": 1}


def test_pace_share_expected_and_every_status():
    share = pace.elapsed_share(2026, BUILD_DATE)
    assert share == Fraction(325, 365)
    assert pace.elapsed_share(2024, dt.date(2024, 12, 31)) == 1  # leap year, last day
    assert pace.elapsed_share(2024, dt.date(2024, 2, 29)) == Fraction(60, 366)
    assert pace.elapsed_share(2025, BUILD_DATE) == 1 and pace.elapsed_share(2027, BUILD_DATE) == 0
    assert pace.status(10, 10, share) == "Đã đạt" and pace.status(12, 10, share) == "Đã đạt"
    assert pace.expected(10, share) == 9  # 8.9 articles → 9 whole articles
    assert pace.status(9, 10, share) == "Đúng tiến độ"  # 9 ≥ 8.9
    assert pace.status(8, 10, share) == "Chậm tiến độ"
    assert pace.status(0, 10, share) == "Chưa có bài"  # nothing although 9 were expected: the most severe
    assert pace.status(0, 0, share) == "Không giao chỉ tiêu" and pace.status(3, 0, share) == "Không giao chỉ tiêu"
    half = Fraction(1, 2)
    assert pace.status(5, 10, half) == "Đúng tiến độ"  # exactly on the expected count
    # Day one of a year: 1 × 1/365 → one whole article expected already; a future year expects nothing.
    assert pace.expected(1, pace.elapsed_share(2026, dt.date(2026, 1, 1))) == 1
    assert pace.status(0, 5, pace.elapsed_share(2027, BUILD_DATE)) == "Đúng tiến độ"
    # A closed year: only a verdict.
    assert pace.status(10, 10, Fraction(1), closed=True) == "Đạt"
    assert pace.status(9, 10, Fraction(1), closed=True) == "Không đạt"
    assert pace.status(0, 10, Fraction(1), closed=True) == "Không đạt"
    assert pace.days_left(2026, BUILD_DATE) == 40 and pace.days_left(2025, BUILD_DATE) == 0
    assert pace.contributors_short(17, 20) == 3 and pace.contributors_short(21, 20) == 0 and pace.contributors_short(0, None) == 0
    assert pace.percent(1, 3) == pytest.approx(33.333, abs=0.001) and pace.percent(3, 0) is None


def test_svg_chart_is_accessible_escaped_and_shows_every_value():
    values = [0, 3, 1, 0, 0, 0, 0, 0, 0, 10, 0, 2]
    svg = bar_chart(values, [f"T{m}" for m in range(1, 13)], title="Đơn vị <A> & B", description="Mô tả.",
                    element_id="bd", long_labels=[f"tháng {m}" for m in range(1, 13)])
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert [el.get("id") for el in root.iter() if el.get("id") in ids] == ids
    assert root.find(f"{ns}title").text == "Đơn vị <A> & B"
    assert len(root.findall(f"{ns}rect")) == sum(1 for v in values if v)
    labels = [t.text for t in root.findall(f"{ns}text")]
    assert labels[0::2] == [str(v) for v in values] and labels[1::2] == [f"T{m}" for m in range(1, 13)]
    assert "tháng 10: 10" in root.find(f"{ns}desc").text
    assert "<script" not in svg


def test_year_report_and_csv_from_plain_data():
    from types import SimpleNamespace

    from plugins.quotas.csvout import year_csv
    from portal.data.quotas import Target
    from plugins.quotas.report import build_year

    units = [SimpleNamespace(id=i, name=n, parent=p, depth=d) for i, n, p, d in (
        ("tinh", "Tỉnh", None, 0), ("ban", "Ban", "tinh", 1), ("huyen", "Huyện", "tinh", 1), ("cdcs", "Cơ sở", "huyen", 2))]
    targets = {"tinh": Target("tinh", 2026, 1, 2), "huyen": Target("huyen", 2026, 4, types={"bai": 2}),
               "cdcs": Target("cdcs", 2026, 5, campaigns={"tet": 1})}
    items = [item("cdcs", ["A", "B"], "2026-01-05", "bai", [("tet", 2026)]), item("cdcs", ["A"], "2026-02-05"),
             item("huyen", ["C"], "2026-03-05"), item("huyen", ["C"], "2026-10-05", "bai"),
             item("cdcs", ["A"], "2025-12-20", editions=[("tet", 2026)])]
    report = build_year(2026, units, targets, items, BUILD_DATE)
    row = {r.id: r for r in report.rows}
    assert (row["huyen"].own_target, row["huyen"].target, row["huyen"].own_articles, row["huyen"].articles) == (4, 9, 2, 4)
    assert row["huyen"].status == "Chậm tiến độ"  # 4 < 9 × 325/365 = 8.01 → 9 whole articles
    assert row["huyen"].expected == 9 and row["huyen"].missing == 5
    assert row["cdcs"].expected == 5 and row["cdcs"].status == "Chậm tiến độ"  # 5 × 325/365 = 4.45 → 5
    assert row["tinh"].target == 10 and row["tinh"].contributors == 3 and row["tinh"].contributors_target == 2
    assert row["tinh"].contributors_missing == 0
    assert row["ban"].own_target is None and row["ban"].status == "Không giao chỉ tiêu" and row["ban"].percent is None
    summary = report.summary
    assert summary.counts == {"Đã đạt": 0, "Đúng tiến độ": 0, "Chậm tiến độ": 3, "Chưa có bài": 0}
    assert summary.without_target == 1 and [r.id for r in summary.behind] == ["tinh", "huyen", "cdcs"]  # most missing first
    assert report.type_columns == ["tin", "bai"] and row["huyen"].types["bai"] == (2, 2)
    assert report.edition_columns == [("tet", 2026)] and row["tinh"].editions[("tet", 2026)] == (2, 1)
    assert row["cdcs"].months == [1, 1] + [0] * 10 and row["huyen"].quarters == [3, 0, 0, 1]
    assert (report.totals.articles, report.totals.target, report.totals.contributors) == (4, 10, 3)
    text = year_csv(report).decode("utf-8-sig")
    assert text.splitlines()[2] == "2026,ban,Ban,tinh,1,,0,0,0,0,0,0,0,,Không giao chỉ tiêu,0"
    assert text.splitlines()[1] == "2026,tinh,Tỉnh,,0,1,10,0,4,0,3,2,9,40.0,Chậm tiến độ,0"
    # The same units in 2025, a closed year: a verdict only.
    closed = {r.id: r for r in build_year(2025, units, targets, items, BUILD_DATE).rows}
    assert closed["cdcs"].status == "Không đạt" and closed["ban"].status == "Không giao chỉ tiêu"


def test_roster_aliases_and_duplicate_names():
    from portal.problems import Problems
    from portal.data.units import parse_units
    from portal.data.roster import parse_roster

    problems = Problems()
    units = parse_units([{"id": "tinh", "name": "Tỉnh"}, {"id": "huyen", "name": "Huyện", "parent": "tinh"}],
                        "units.yml", problems)
    raw = [
        {"name": "Lò  Văn Thắng", "unit": "huyen", "role": "CTV", "phone": "0900", "aliases": ["Lò V. Thắng", "lò văn thắng"]},
        {"name": "Nguyễn Thị Hoa", "unit": "tinh", "aliases": ["Lò V. Thắng"]},
        {"name": "Ai Đó", "unit": 3},
    ]
    roster = parse_roster(raw, "contributors.yml", problems, units)
    messages = [p.format() for p in problems.errors]
    assert messages == [
        "contributors.yml: [lỗi] trường «name»: «Nguyễn Thị Hoa»: tên «Lò V. Thắng» trùng với người đã có "
        "(Lò Văn Thắng, huyen) → nếu là hai người trùng tên, thêm chữ lót hoặc ghi chú để phân biệt",
        "contributors.yml: [lỗi] trường «unit»: «Ai Đó»: đơn vị «3» không có trong units.yml → dùng id đơn vị "
        "có trong units.yml",
    ]  # an alias equal to the person's own name is not a clash
    decomposed = unicodedata.normalize("NFD", "LÒ V.  THẮNG")
    assert roster.canonical(decomposed) == "Lò Văn Thắng" and roster.find("lò văn thắng").role == "CTV"
    assert roster.canonical("Người  Lạ") == "Người Lạ"
    assert not hasattr(roster.find("Lò Văn Thắng"), "phone")


# --- Invalid data: every problem at once, in Vietnamese, naming file and entry ---------------

def content_with(tmp_path: Path, scenario: str) -> Path:
    """The counting site's data and one valid article, with the scenario's data files on top."""
    content = tmp_path / "content"
    shutil.copytree(COUNTING_SITE / "data", content / "data")
    (content / "articles").mkdir()
    shutil.copy(COUNTING_SITE / "articles/2025/04/bi-danh.md", content / "articles/bi-danh.md")
    for path in (FIXTURES / scenario / "data").glob("*.yml"):
        shutil.copy(path, content / "data" / path.name)
    return content


UNITS_DUPLICATE = ("units.yml:13: [lỗi] trường «id»: id «huyen-a» bị trùng (đã dùng cho «Liên đoàn Lao động huyện An»)"
                   " → mỗi đơn vị cần một id riêng")
UNITS_UNKNOWN_PARENT = ("units.yml:10: [lỗi] trường «parent»: đơn vị «ban-b»: đơn vị cha «tinhh» không tồn tại"
                        " → dùng một id có trong units.yml; có phải ý bạn là: tinh?")
TARGET_WORD = ("quotas.yml:4: [lỗi] trường «2025.tinh.articles»: năm 2025, đơn vị «tinh»: «articles» phải là số "
               "nguyên không âm, đang là «mười» → ví dụ: articles: 12")
TARGET_NEGATIVE = ("quotas.yml:6: [lỗi] trường «2025.huyen-a.articles»: năm 2025, đơn vị «huyen-a»: «articles» phải "
                   "là số nguyên không âm, đang là «-3»")
QUOTA_UNKNOWN_UNIT = ("[lỗi] trường «2025.huyen-z»: năm 2025, đơn vị «huyen-z»: đơn vị không có trong units.yml"
                      " → dùng id đơn vị có trong units.yml; có phải ý bạn là: huyen-a?")
ROSTER_UNKNOWN_UNIT = ("contributors.yml:{line}: [lỗi] trường «unit»: «Trần Văn Đức»: đơn vị «huyen-b» không có "
                       "trong units.yml")

SCENARIOS = {
    "units_with_duplicate_id": [UNITS_DUPLICATE],
    "units_with_unknown_parent": [UNITS_UNKNOWN_PARENT],
    "units_with_cycle": ["units.yml:7: [lỗi] trường «parent»: vòng lặp trong cây đơn vị: cdcs-a1 → huyen-a → cdcs-a1"
                         " → sửa «parent» để mỗi đơn vị dẫn lên đúng một gốc"],
    "quotas_with_invalid_targets": [
        TARGET_WORD, TARGET_NEGATIVE, QUOTA_UNKNOWN_UNIT,
        "trường «2025.huyen-a.contributors»: năm 2025, đơn vị «huyen-a»: «contributors» phải là số nguyên không âm, "
        "đang là «1.5» → ví dụ: contributors: 3",
        "trường «2025.cdcs-a1.types.phongsu»: năm 2025, đơn vị «cdcs-a1»: «phongsu» không hợp lệ → loại bài hợp lệ: "
        "tin, bai, phong-su, anh, video, infographic",
        "trường «2025.ban-b.campaigns.tet-sum-vay»: năm 2025, đơn vị «ban-b»: chỉ tiêu «tet-sum-vay» phải là số "
        "nguyên không âm, đang là «hai»",
        "trường «2024.ban-b.campaigns.tet-sum-vay»: năm 2024, đơn vị «ban-b»: chiến dịch «tet-sum-vay» không có đợt "
        "năm 2024",
    ],
    "roster_with_unknown_unit": [ROSTER_UNKNOWN_UNIT.format(line=10), "có phải ý bạn là: huyen-a"],
}
ERROR_COUNTS = {"quotas_with_invalid_targets": 7}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_invalid_data_is_reported_in_vietnamese_with_file_and_entry(tmp_path, scenario):
    proc = check_content(content_with(tmp_path, scenario))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for piece in SCENARIOS[scenario]:
        assert piece in proc.stdout, f"missing {piece!r} in:\n{proc.stdout}"
    errors = sum(1 for line in proc.stdout.splitlines() if "[lỗi]" in line)
    assert errors == ERROR_COUNTS.get(scenario, 1), proc.stdout  # no knock-on errors
    assert "KẾT QUẢ: CÓ LỖI" in proc.stdout


EVERY_ERROR = [
    UNITS_DUPLICATE, UNITS_UNKNOWN_PARENT,
    "units.yml:16: [lỗi] trường «parent»: vòng lặp trong cây đơn vị: xa-c → xa-d → xa-c",
    TARGET_WORD, TARGET_NEGATIVE, QUOTA_UNKNOWN_UNIT, ROSTER_UNKNOWN_UNIT.format(line=7),
]


def test_every_data_error_is_reported_together_by_check_and_by_the_build(tmp_path):
    content = content_with(tmp_path, "quota_data_with_every_error")
    proc = check_content(content)
    assert proc.returncode == 1
    for piece in EVERY_ERROR:
        assert piece in proc.stdout, f"missing {piece!r} in:\n{proc.stdout}"
    assert "Tổng cộng: 7 lỗi" in proc.stdout

    built = run_pelican(tmp_path / "output", content=content, check=False)
    assert built.returncode == 1
    log = " ".join((built.stdout + built.stderr).split())
    for piece in EVERY_ERROR:
        assert piece.split("[lỗi] ", 1)[1] in log, f"missing {piece!r} in the build log"
    assert "data/units.yml" in log and "data/quotas.yml" in log and "data/contributors.yml" in log
    assert not (tmp_path / "output" / "chi-tieu").exists()


# --- The counting site ---------------------------------------------------------------------------

def copy_of_counting_site(folder: Path) -> Path:
    """Build from a copy: plugins may keep caches beside the content folder."""
    content = folder / "content"
    shutil.copytree(COUNTING_SITE, content)
    return content


@pytest.fixture(scope="module")
def counting_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quota-counting")
    run_pelican(folder / "output", content=copy_of_counting_site(folder))
    return folder / "output"


EXPECTED_2025 = {  # by hand, see the module docstring: (own, rolled, own people, rolled people)
    "tinh": (0, 5, 0, 2), "huyen-a": (2, 4, 1, 2), "cdcs-a1": (2, 2, 2, 2), "ban-b": (1, 1, 1, 1),
}
EXPECTED_2026 = {"tinh": (0, 2, 0, 2), "huyen-a": (0, 1, 0, 1), "cdcs-a1": (1, 1, 1, 1), "ban-b": (1, 1, 1, 1)}


def test_counting_site_csv_matches_hand_count_and_recount(counting_site):
    expected_by_hand = {2025: EXPECTED_2025, 2026: EXPECTED_2026}
    recounted = recount(COUNTING_SITE)
    assert set(recounted) == {2025, 2026}
    for year, by_unit in expected_by_hand.items():
        rows = {r["unit_id"]: r for r in read_csv(counting_site / f"chi-tieu/{year}.csv")}
        assert list(rows) == ["tinh", "ban-b", "huyen-a", "cdcs-a1"]  # tree order, Vietnamese order per level
        for unit, numbers in by_unit.items():
            got = tuple(int(rows[unit][c]) for c in ("own_articles", "articles", "own_contributors", "contributors"))
            assert got == numbers, (year, unit)
            assert {k: int(rows[unit][k]) for k in recounted[year][unit]} == recounted[year][unit]


def test_counting_site_targets_pace_and_status(counting_site):
    rows = {r["unit_id"]: r for r in read_csv(counting_site / "chi-tieu/2025.csv")}
    assert [(rows[u]["own_target"], rows[u]["target"]) for u in ("tinh", "huyen-a", "cdcs-a1", "ban-b")] == [
        ("2", "8"), ("3", "5"), ("2", "2"), ("1", "1")]
    # 2025 is closed on the build day: a verdict only.
    assert rows["tinh"]["percent"] == "62.5" and rows["tinh"]["status"] == "Không đạt"
    assert rows["huyen-a"]["expected"] == "5" and rows["huyen-a"]["status"] == "Không đạt"
    assert rows["cdcs-a1"]["status"] == "Đạt" and rows["ban-b"]["status"] == "Đạt"
    assert rows["tinh"]["contributors_target"] == "3"
    rows = {r["unit_id"]: r for r in read_csv(counting_site / "chi-tieu/2026.csv")}
    # 2026 is the build year: expected = target × 325/365 rounded up to whole articles (4.45 → 5).
    assert rows["tinh"]["expected"] == "5" and rows["tinh"]["status"] == "Chậm tiến độ"
    assert rows["ban-b"]["own_target"] == "" and rows["ban-b"]["percent"] == ""
    assert rows["ban-b"]["status"] == "Không giao chỉ tiêu"


def test_csv_is_excel_friendly(counting_site):
    raw = (counting_site / "chi-tieu/2025.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    assert raw.count(b"\r\n") == 5 and b"\n" not in raw.replace(b"\r\n", b"")
    header_row = raw.decode("utf-8-sig").split("\r\n")[0].split(",")
    for column in ("unit_id", "unit_name", "parent_id", "target", "own_articles", "articles", "contributors",
                   "percent", "status"):
        assert column in header_row
    assert "Liên đoàn Lao động huyện An" in raw.decode("utf-8-sig")


def test_excluded_articles_are_nowhere_on_the_quota_pages(counting_site):
    pages = "".join(p.read_text(encoding="utf-8") for p in (counting_site / "chi-tieu").rglob("*.html"))
    for title in ("Bản nháp không được tính", "Bài ẩn không được tính", "Bài đăng lại không được tính",
                  "Bài hẹn giờ không được tính"):
        assert title not in pages
    unit_page = read_html(counting_site / "chi-tieu/2026/ban-b/index.html")
    listed = [a.get_text(strip=True) for a in unit_page.find("table", id="bang-bai").select("tbody a")]
    assert listed == ["Bài đăng cuối ngày dựng trang"]  # dated on the build day: counted


def test_campaign_edition_of_next_year_counts_december_articles(counting_site):
    soup = read_html(counting_site / "chi-tieu/2026/index.html")
    table = soup.find("table", id="bang-chien-dich")
    assert "Tết Sum vầy – Xuân chia sẻ 2026" in table.find("thead").get_text()
    cell = table.find("tr", attrs={"data-unit": "cdcs-a1"}).find("td", attrs={"data-col": "tet-sum-vay"})
    assert cell.get_text(strip=True) == "1 / 1"  # the 20/12/2025 article belongs to the 2026 edition
    types = read_html(counting_site / "chi-tieu/2025/index.html").find("table", id="bang-the-loai")
    row = types.find("tr", attrs={"data-unit": "cdcs-a1"})
    assert row.find("td", attrs={"data-col": "tin"}).get_text(strip=True) == "2 / 1"
    assert row.find("td", attrs={"data-col": "bai"}).get_text(strip=True) == "0 / 1"


def test_co_authors_alias_and_spellings_on_the_unit_page(counting_site):
    soup = read_html(counting_site / "chi-tieu/2025/huyen-a/index.html")
    people = {tr.th.get_text(" ", strip=True): (tr.find_all("td")[0].get_text(strip=True),
                                                tr.find("td", attrs={"data-col": "articles"}).get_text(strip=True))
              for tr in soup.find("table", id="bang-cong-tac-vien").tbody.find_all("tr")}
    # Hoa: three spellings, one person; Thắng: co-author; Đức: on the roster for huyen-a, nothing counted.
    assert people == {"Nguyễn Thị Hoa": ("Chuyên viên Ban Tuyên giáo", "3"),
                      "Lò Văn Thắng": ("Chủ tịch Công đoàn cơ sở", "2"),
                      "Trần Văn Đức": ("Cộng tác viên", "0")}


def test_unit_page_chart_and_table_show_the_same_months(counting_site):
    soup = read_html(counting_site / "chi-tieu/2025/tinh/index.html")
    svg = soup.find("svg", class_="quota-chart")
    assert svg["role"] == "img" and not soup.find("main").find("script")
    ids = svg["aria-labelledby"].split()
    assert all(svg.find(id=i) for i in ids)
    bars = [t.get_text() for t in svg.find_all("text")][0::2]
    table = soup.find("table", id="bang-theo-thang")
    rolled = [tr.find("td", attrs={"data-col": "articles"}).get_text() for tr in table.tbody.find_all("tr")]
    assert bars == rolled == ["1", "1", "1", "1", "0", "0", "0", "0", "0", "0", "0", "1"]


def test_author_pages_show_unit_and_counted_articles(counting_site):
    hoa = read_html(counting_site / "tac-gia/nguyen-thi-hoa/index.html").find(class_="author-quota")
    assert hoa.find(attrs={"data-field": "unit"}).get_text(strip=True) == "Ban Tuyên giáo"
    assert hoa.find(attrs={"data-field": "counted"}).get_text(" ", strip=True) == "3 (năm 2025: 3)"
    assert len(hoa.select("ol.author-counted li")) == 3
    thang = read_html(counting_site / "tac-gia/lo-van-thang/index.html").find(class_="author-quota")
    titles = [a.get_text(strip=True) for a in thang.select("ol.author-counted a")]
    assert "Bài ký bằng bí danh" in titles and len(titles) == 3
    stranger = read_html(counting_site / "tac-gia/nguoi-la/index.html").find(class_="author-quota")
    assert "Chưa có trong danh sách cộng tác viên" in stranger.get_text()


def test_the_counted_list_is_on_the_author_first_page_only(site):
    """An author's later pages keep the counts and link to the first page for
    the list: repeating it on every page would grow with the square of a
    prolific author's articles."""
    later = sorted(site.glob("tac-gia/*/trang/2/index.html"))
    assert later, "the sample has an author with more than one page"
    for page in later:
        first = page.parent.parent.parent / "index.html"
        whole = read_html(first).find(class_="author-quota")
        assert whole is not None and whole.select("ol.author-counted li")
        part = read_html(page).find(class_="author-quota")
        assert part.find(attrs={"data-field": "counted"}).get_text() == \
            whole.find(attrs={"data-field": "counted"}).get_text()
        assert not part.select("ol.author-counted")
        link = part.find(class_="author-counted-elsewhere").a["href"]
        assert link.endswith("/" + first.parent.relative_to(site).as_posix() + "/")


def test_check_lists_counted_names_missing_from_the_roster(tmp_path):
    proc = check_content(COUNTING_SITE)
    assert proc.returncode == 0, proc.stdout
    warned = [line for line in proc.stdout.splitlines() if "chưa có trong danh sách cộng tác viên" in line]
    assert warned == [
        "tests/fixtures/quota_counting_site/articles/2026/03/nguoi-la.md:3: [cảnh báo] trường «Authors»: tác giả "
        "«Người Lạ» chưa có trong danh sách cộng tác viên (content/data/contributors.yml) → bài vẫn được tính chỉ "
        "tiêu; thêm người này vào contributors.yml, hoặc thêm cách viết này vào «aliases» của người đã có"
    ]  # not the draft's «Người Nháp», not the alias «Lò V. Thắng», not «nguyễn  thị hoa»


def test_quota_pages_are_noindex_unlisted_and_unsearchable(counting_site):
    pages = sorted((counting_site / "chi-tieu").rglob("*.html"))
    assert len(pages) == 1 + 2 * (1 + 4)
    for page in pages:
        soup = read_html(page)
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}), page
        assert not soup.find(attrs={"data-pagefind-body": True}), page
        assert soup.find("main").find(attrs={"data-pagefind-ignore": "all"}), page
    sitemap = (counting_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/tin-tuc/" in sitemap and "chi-tieu" not in sitemap
    indexed = []
    for fragment in (counting_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        indexed.append(json.loads(data[data.index(b"{"):])["url"])
    assert indexed and not [url for url in indexed if "chi-tieu" in url]


def test_index_shows_the_build_year(counting_site):
    soup = read_html(counting_site / "chi-tieu/index.html")
    assert soup.find("h1").get_text(strip=True) == "Chỉ tiêu tin, bài năm 2026"
    assert html_table(counting_site / "chi-tieu/index.html") == html_table(counting_site / "chi-tieu/2026/index.html")


def test_index_falls_back_to_the_latest_year_with_data(tmp_path):
    out = tmp_path / "output"
    run_pelican(out, content=copy_of_counting_site(tmp_path), extra={"PORTAL_BUILD_DATE": "2027-03-01"})
    soup = read_html(out / "chi-tieu/index.html")
    assert soup.find("h1").get_text(strip=True) == "Chỉ tiêu tin, bài năm 2026"
    assert ("Chưa có số liệu chỉ tiêu năm 2027; trang đang hiển thị năm 2026, năm gần nhất có số liệu."
            in soup.find("p", class_="notice").get_text(" ", strip=True))
    rows = {r["unit_id"]: r for r in read_csv(out / "chi-tieu/2026.csv")}
    assert rows["ban-b"]["own_articles"] == "2"  # the 01/12/2026 article is published by now
    assert rows["tinh"]["expected"] == "5"  # 2026 is over: expected = the whole target


def test_navigation_link_follows_the_setting(counting_site, tmp_path):
    def nav_links(out):
        return [a["href"] for a in read_html(out / "index.html").find("nav", class_="site-nav").find_all("a")]

    assert any(h.endswith("/chi-tieu/") for h in nav_links(counting_site))
    hidden = tmp_path / "output"
    run_pelican(hidden, content=copy_of_counting_site(tmp_path), extra={"QUOTAS_IN_NAVIGATION": False})
    assert not any("chi-tieu" in h for h in nav_links(hidden))
    assert (hidden / "chi-tieu/2026/index.html").is_file()  # still built, only not linked


def test_counting_site_leaks_no_private_roster_value(counting_site):
    assert_no_private_value(counting_site, COUNTING_SITE)


# --- The sample site: an independent recount, roll-ups, privacy ----------------------------------

def test_sample_site_csv_and_html_equal_an_independent_recount(site):
    content = ROOT / "content"
    recounted = recount(content)
    quota_years = set(load_yaml(content, "quotas.yml"))
    assert quota_years <= set(recounted)
    units = [u["id"] for u in load_yaml(content, "units.yml")]
    for year, by_unit in recounted.items():
        assert (site / f"chi-tieu/{year}/index.html").is_file(), f"no quota page for {year}"
        rows = {r["unit_id"]: r for r in read_csv(site / f"chi-tieu/{year}.csv")}
        assert sorted(rows) == sorted(units)  # one row per unit
        table = html_table(site / f"chi-tieu/{year}/index.html")
        for unit, numbers in by_unit.items():
            for column, value in numbers.items():
                assert int(rows[unit][column]) == value, (year, unit, column)
            for column in ("articles", "contributors", "target", "percent", "status"):
                shown = table[unit][column]
                assert (plain(shown) or ("0" if column == "target" else "")) == rows[unit][column] \
                    or shown == rows[unit][column], (year, unit, column)
    assert (site / "chi-tieu/index.html").is_file()


def test_sample_site_roll_ups_sum(site):
    parents = {u["id"]: u.get("parent") for u in load_yaml(ROOT / "content", "units.yml")}
    for path in (site / "chi-tieu").glob("*.csv"):
        rows = {r["unit_id"]: r for r in read_csv(path)}
        for unit, row in rows.items():
            children = [rows[c] for c, p in parents.items() if p == unit]
            for own, rolled in (("own_articles", "articles"), ("own_target", "target")):
                assert int(row[rolled]) == int(row[own] or 0) + sum(int(c[rolled]) for c in children), (path.name, unit)


def test_sample_site_leaks_no_private_roster_value(site):
    assert_no_private_value(site, ROOT / "content")
