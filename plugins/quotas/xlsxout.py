"""``chi-tieu/<year>.xlsx``: the board's spreadsheet (xlsxwriter). Pure: report in, bytes out.

Three sheets, one per view: units (the same rows, numbers and status as the
page and the CSV), contributors (people with counted articles that year) and
months (rolled-up counts per unit and month). Vietnamese headers, real numbers
with number formats (so Excel sums and sorts them), the header row frozen,
an autofilter on every sheet.
"""

from __future__ import annotations

import datetime as dt

from portal.rules import counting
from portal.text import sort_key
from portal.workbook import Workbook

from .report import YearReport

UNIT_HEADERS = ("Đơn vị", "Đơn vị cấp trên", "Cấp", "Trạng thái", "Tỷ lệ (%)", "Đã đăng (bài)", "Chỉ tiêu cả năm (bài)",
                "Cần có đến nay (bài)", "Còn thiếu (bài)", "Bài của chính đơn vị", "Chỉ tiêu riêng (bài)",
                "Cộng tác viên có bài", "Chỉ tiêu cộng tác viên", "Thiếu cộng tác viên")
PEOPLE_HEADERS = ("Họ tên", "Chức danh", "Đơn vị (danh sách cộng tác viên)", "Số bài được tính", "Có trong danh sách")
MONTH_HEADERS = ("Đơn vị", *(f"Tháng {m}" for m in range(1, 13)), "Cả năm")


def year_xlsx(report: YearReport, roster=None, unit_names: dict[str, str] | None = None,
              as_of: dt.date | None = None) -> bytes:
    """The workbook's bytes (in memory: no temporary file). ``as_of`` (the
    build day) is the file's creation date: the same build gives the same bytes."""
    names = unit_names or {row.id: row.name for row in report.rows}
    book = Workbook(f"Chỉ tiêu tin, bài năm {report.year}", as_of or dt.date(report.year, 1, 1))
    whole = book.format(num_format="#,##0")
    pct = book.format(num_format="0.0")
    bold_whole = book.format(num_format="#,##0", bold=True)
    bold = book.format(bold=True)
    indent = {depth: book.format(indent=depth) for depth in range(6)}

    def sheet(title, headers, widths):
        return book.sheet(title, headers, widths, 36)

    # Units
    ws = sheet("Đơn vị", UNIT_HEADERS, (44, 30, 6, 16, 10, 12, 14, 14, 12, 14, 14, 14, 14, 14))
    for r, row in enumerate(report.rows, start=1):
        ws.write_string(r, 0, row.name, indent[min(row.depth, 5)])
        ws.write_string(r, 1, names.get(row.parent_id, "") if row.parent_id else "")
        ws.write_number(r, 2, row.depth + 1, whole)
        ws.write_string(r, 3, row.status)
        _number_or_blank(ws, r, 4, row.percent, pct)
        ws.write_number(r, 5, row.articles, whole)
        _number_or_blank(ws, r, 6, row.target or None, whole)
        _number_or_blank(ws, r, 7, row.expected if row.target and not report.is_closed else None, whole)
        _number_or_blank(ws, r, 8, row.missing if row.target else None, whole)
        ws.write_number(r, 9, row.own_articles, whole)
        _number_or_blank(ws, r, 10, row.own_target, whole)
        ws.write_number(r, 11, row.contributors, whole)
        _number_or_blank(ws, r, 12, row.contributors_target or None, whole)
        _number_or_blank(ws, r, 13, row.contributors_missing if row.contributors_target else None, whole)
    total = len(report.rows) + 1
    t = report.totals
    ws.write_string(total, 0, "Toàn tỉnh", bold)
    ws.write_string(total, 3, t.status, bold)
    _number_or_blank(ws, total, 4, t.percent, pct)
    ws.write_number(total, 5, t.articles, bold_whole)
    _number_or_blank(ws, total, 6, t.target or None, bold_whole)
    _number_or_blank(ws, total, 7, t.expected if t.target and not report.is_closed else None, bold_whole)
    _number_or_blank(ws, total, 8, t.missing if t.target else None, bold_whole)
    ws.write_number(total, 11, t.contributors, bold_whole)
    _number_or_blank(ws, total, 12, t.contributors_target or None, bold_whole)
    ws.autofilter(0, 0, len(report.rows), len(UNIT_HEADERS) - 1)

    # Contributors
    ws = sheet("Cộng tác viên", PEOPLE_HEADERS, (30, 40, 40, 14, 12))
    credits = counting.credits(report.items)
    shown = counting.display_names(report.items)
    people = []
    for key, count in credits.items():
        person = roster.find(key) if roster is not None else None
        people.append((person.name if person else shown.get(key, key), person.role if person else "",
                       names.get(person.unit, person.unit) if person else "", count, person is not None))
    people.sort(key=lambda p: (-p[3], sort_key(p[0])))
    for r, (name, role, unit, count, on_roster) in enumerate(people, start=1):
        ws.write_string(r, 0, name)
        ws.write_string(r, 1, role)
        ws.write_string(r, 2, unit)
        ws.write_number(r, 3, count, whole)
        ws.write_string(r, 4, "có" if on_roster else "chưa")
    if people:
        ws.autofilter(0, 0, len(people), len(PEOPLE_HEADERS) - 1)

    # Months
    ws = sheet("Theo tháng", MONTH_HEADERS, (44, *([9] * 12), 10))
    for r, row in enumerate(report.rows, start=1):
        ws.write_string(r, 0, row.name, indent[min(row.depth, 5)])
        for m, value in enumerate(row.months, start=1):
            ws.write_number(r, m, value, whole)
        ws.write_number(r, 13, row.articles, bold_whole)
    ws.autofilter(0, 0, len(report.rows), len(MONTH_HEADERS) - 1)

    return book.bytes()


def _number_or_blank(ws, row: int, col: int, value, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)
