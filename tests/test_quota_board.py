"""The board's quota pages (issue 12): one status scale, the summary, the
phone table, the spreadsheet and the daily rhythm.

Expected values come from hand-computed fixtures or from an independent
recount of the sample sources (``test_quotas.recount``); the pages, the CSV
and the spreadsheet (read back with openpyxl) must agree with them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest

from conftest import ROOT, TEST_BUILD_DATE, read_html
from test_quotas import html_table, load_yaml, read_csv, recount

BUILD_DATE = dt.date.fromisoformat(TEST_BUILD_DATE)
CURRENT = ("Đã đạt", "Đúng tiến độ", "Chậm tiến độ", "Chưa có bài")


def summary_counts(page) -> dict[str, int]:
    out = {}
    for li in page.select(".quota-counts li[data-status]"):
        out[li["data-status"]] = int(li.select_one("[data-count]").get_text(strip=True).replace(".", ""))
    return out


# --- The summary and the table agree (sample site) --------------------------------------------

@pytest.mark.parametrize("page_path", ["chi-tieu/index.html", "chi-tieu/2026/index.html", "chi-tieu/2025/index.html"])
def test_summary_counts_match_the_table(site, page_path):
    page = read_html(site / page_path)
    table = html_table(site / page_path)
    shown = Counter(row["status"] for row in table.values())
    counts = summary_counts(page)
    assert counts == {status: shown.get(status, 0) for status in counts}
    assert sum(counts.values()) == len(table)


def test_current_year_shows_every_status_and_every_zero_unit_as_behind(site):
    table = html_table(site / "chi-tieu/2026/index.html")
    rows = {r["unit_id"]: r for r in read_csv(site / "chi-tieu/2026.csv")}
    assert set(CURRENT) <= {row["status"] for row in table.values()}  # the sample shows the whole scale
    recounted = recount(ROOT / "content")[2026]
    page = read_html(site / "chi-tieu/2026/index.html")
    behind = {li["data-unit"]: li.get_text(" ", strip=True) for li in page.select(".quota-behind li")}
    for unit, row in rows.items():
        target, articles = int(row["target"]), recounted.get(unit, {}).get("articles", 0)
        if target and articles == 0:
            # Nothing yet late in the year: the most severe status, listed with what is missing.
            assert table[unit]["status"] == "Chưa có bài" == row["status"], unit
            assert f"cần thêm {target} bài trong 40 ngày" in behind[unit], unit
        if row["status"] == "Chậm tiến độ":
            assert f"cần thêm {target - articles} bài trong 40 ngày" in behind[unit], unit
        if target:  # expected-by-now in whole articles: ceil(target × 325/365)
            assert row["expected"] == str(-(-target * 325 // 365)), unit
    # The contributor target is its own flag, not a status.
    assert any(int(r["contributors_missing"]) > 0 for r in rows.values())
    flagged = {li["data-unit"] for li in page.select(".quota-short li")}
    assert flagged == {u for u, r in rows.items() if int(r["contributors_missing"]) > 0}


def test_closed_year_shows_a_verdict_only(site):
    table = html_table(site / "chi-tieu/2025/index.html")
    assert {row["status"] for row in table.values()} <= {"Đạt", "Không đạt", "Không giao chỉ tiêu"}
    page = read_html(site / "chi-tieu/2025/index.html")
    headers = [th.get_text(" ", strip=True) for th in page.select("#bang-chi-tieu thead th")]
    assert "Cần có đến nay" not in headers and "Chậm tiến độ" not in page.get_text()
    assert [dt_.get_text(strip=True) for dt_ in page.select(".quota-legend dt")][:2] == ["Đạt", "Không đạt"]


def test_labels_are_plain_vietnamese(site):
    page = read_html(site / "chi-tieu/2026/index.html")
    text = page.select_one("main").get_text(" ", strip=True)
    for jargon in ("Vượt/đạt", "cộng dồn", "CTV hoạt động", "Chỉ tiêu riêng", "Unit"):
        assert jargon not in text, jargon
    assert page.select_one(".quota-legend") is not None
    script = page.select_one('script[src*="theme/js/quota-sort"]')
    assert script is not None and not script.string  # an external file: no inline script (CSP)


# --- The spreadsheet ---------------------------------------------------------------------------

def test_board_spreadsheet_has_three_views_with_numbers(site):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO((site / "chi-tieu/2026.xlsx").read_bytes()))
    assert book.sheetnames == ["Đơn vị", "Cộng tác viên", "Theo tháng"]
    units = book["Đơn vị"]
    header = [c.value for c in units[1]]
    assert header[:8] == ["Đơn vị", "Đơn vị cấp trên", "Cấp", "Trạng thái", "Tỷ lệ (%)", "Đã đăng (bài)",
                          "Chỉ tiêu cả năm (bài)", "Cần có đến nay (bài)"]
    assert units.freeze_panes == "B2"
    rows = read_csv(site / "chi-tieu/2026.csv")
    for excel_row, csv_row in zip(units.iter_rows(min_row=2, max_row=len(rows) + 1, values_only=True), rows):
        assert excel_row[0] == csv_row["unit_name"] and excel_row[3] == csv_row["status"]
        assert excel_row[5] == int(csv_row["articles"]) and isinstance(excel_row[5], int)
        assert (excel_row[6] or 0) == int(csv_row["target"])
        if csv_row["percent"]:
            assert excel_row[4] == pytest.approx(float(csv_row["percent"]), abs=0.05)
    assert units.cell(row=2, column=6).number_format == "#,##0"
    months = book["Theo tháng"]
    assert [c.value for c in months[1]][1] == "Tháng 1" and months.freeze_panes == "B2"
    for row in months.iter_rows(min_row=2, values_only=True):
        assert sum(row[1:13]) == row[13]
    people = book["Cộng tác viên"]
    assert [c.value for c in people[1]][:4] == ["Họ tên", "Chức danh", "Đơn vị (danh sách cộng tác viên)",
                                                   "Số bài được tính"]
    total_credits = sum(r[3] for r in people.iter_rows(min_row=2, values_only=True))
    assert total_credits >= int(rows[0]["articles"])  # co-authors are each credited
    # Nothing private reaches the workbook.
    raw = (site / "chi-tieu/2026.xlsx").read_bytes()
    for entry in load_yaml(ROOT / "content", "contributors.yml"):
        for cell in people.iter_rows(values_only=True):
            assert str(entry.get("phone")) not in cell and entry.get("email") not in cell
    assert raw.startswith(b"PK")


# --- Daily rhythm ------------------------------------------------------------------------------

def test_rhythm_empty_days_and_longest_gap_by_hand():
    from portal.rules.rhythm import daily_rhythm

    dates = [dt.date(2026, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 1, 3), dt.date(2026, 1, 9), dt.date(2025, 12, 31)]
    rhythm = daily_rhythm(dates, 2026, dt.date(2026, 1, 10))
    assert [d.isoformat() for d in rhythm.empty_days] == [
        "2026-01-02", "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-10"]
    gap = rhythm.longest_gap
    assert (gap.start, gap.end, gap.days) == (dt.date(2026, 1, 4), dt.date(2026, 1, 8), 5)
    assert len(rhythm.due_days) == 10 and rhythm.total == 4  # the 2025 item is not this year's
    assert rhythm.days[0].level == 2 and rhythm.days[2].level == 1 and not rhythm.days[10].due
    assert daily_rhythm(dates, 2026, dt.date(2026, 1, 10), daily=2).short_days[0] == dt.date(2026, 1, 2)
    assert rhythm.days[0].count == 2 and dt.date(2026, 1, 1) not in rhythm.short_days


def test_sample_heat_map_matches_an_independent_count(site):
    quotas = load_yaml(ROOT / "content", "quotas.yml")
    daily_units = [u for u, spec in quotas[2026].items() if spec.get("daily")]
    assert daily_units == ["lai-chau"]  # the provincial federation: the root, so every counted item
    from conftest import read_header as header

    days = set()
    for path in (ROOT / "content" / "articles").rglob("*.md"):
        h = header(path)
        if h.get("status", "published").lower() != "published" or h.get("source") or not h.get("unit"):
            continue
        day = dt.date.fromisoformat(h["date"][:10])
        if day.year == 2026 and day <= BUILD_DATE:
            days.add(day)
    due = (BUILD_DATE - dt.date(2026, 1, 1)).days + 1
    page = read_html(site / "chi-tieu/2026/lai-chau/index.html")
    heat = page.select_one(".quota-heatmap")
    assert int(heat.select_one("[data-empty-days]").get_text(strip=True)) == due - len(days)
    empty = {td["data-date"] for td in heat.select("td.hm-0")}
    assert len(empty) == due - len(days) and not empty & {d.isoformat() for d in days}
    assert len(heat.select("td[data-date]")) == 365 and len(heat.select("td.hm-future")) == 365 - due
    board = read_html(site / "chi-tieu/2026/index.html")
    assert board.select_one('.quota-rhythm li[data-unit="lai-chau"]') is not None


def test_daily_target_is_validated():
    from portal.data.campaigns import CampaignIndex
    from portal.data.quotas import parse_quotas
    from portal.data.units import UnitTree
    from portal.problems import Problems

    problems = Problems()
    parse_quotas({2026: {"a": {"articles": 5, "daily": 0}, "b": {"articles": 5, "daily": "mỗi ngày"}}},
                 "content/data/quotas.yml", problems, UnitTree(), CampaignIndex())
    messages = [p.message for p in problems.errors]
    assert len(messages) == 2 and all("«daily» (số tin, bài mỗi ngày) phải là số nguyên từ 1 đến 50" in m for m in messages)


# --- The phone ---------------------------------------------------------------------------------

def test_status_and_percentage_visible_at_360_px(chromium, served_site):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for path in ("/chi-tieu/", "/chi-tieu/2025/"):
            page.goto(served_site.origin + path, wait_until="load")
            assert page.evaluate("document.scrollingElement.scrollWidth") <= 360, path
            boxes = page.evaluate("""() => [...document.querySelectorAll('#bang-chi-tieu tbody tr')].map(tr => {
                const r = c => { const b = tr.querySelector(c).getBoundingClientRect(); return [b.left, b.right, b.width]; };
                return {unit: tr.dataset.unit, name: r('th'), status: r('td[data-col=status]'), percent: r('td[data-col=percent]'),
                        hidden: getComputedStyle(tr.querySelector('td[data-col=target]')).display};
            })""")
            assert boxes, path
            for row in boxes:
                for key in ("name", "status", "percent"):
                    left, right, width = row[key]
                    assert width > 0 and left >= 0 and right <= 360, (path, row["unit"], key, row[key])
                assert row["hidden"] == "none"  # the other numbers are on the unit's page
    finally:
        context.close()


def test_sort_by_status_on_desktop(chromium, served_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site.origin + "/chi-tieu/2026/", wait_until="load")
        before = page.eval_on_selector_all("#bang-chi-tieu tbody tr", "rows => rows.map(r => r.dataset.unit)")
        page.click("#bang-chi-tieu th[data-sort-key] button")
        severities = page.eval_on_selector_all("#bang-chi-tieu tbody tr", "rows => rows.map(r => Number(r.dataset.severity))")
        assert severities == sorted(severities) and severities[0] == 0
        assert page.get_attribute("#bang-chi-tieu th[data-sort-key]", "aria-sort") == "ascending"
        page.click("#bang-chi-tieu th[data-sort-key] button")
        assert page.eval_on_selector_all("#bang-chi-tieu tbody tr", "rows => rows.map(r => r.dataset.unit)") == before
    finally:
        context.close()


# --- Accessibility of the new board pages (axe-core, WCAG 2.1 AA) ------------------------------

BOARD_PAGES = ["/chi-tieu/2026/", "/chi-tieu/2026/lai-chau/", "/nhuan-but/2026/", "/lich-bien-tap/"]


@pytest.mark.parametrize("width", [360, 1280])
def test_board_pages_have_no_wcag_aa_violations(chromium, served_site, width):
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import WCAG

    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        problems = []
        for path in BOARD_PAGES:
            assert page.goto(served_site.origin + path, wait_until="load").status == 200, path
            for v in Axe().run(page, options=WCAG).response["violations"]:
                problems.append(f"{path} {v['id']}: {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3]))
        assert not problems, "\n".join(problems)
    finally:
        context.close()
