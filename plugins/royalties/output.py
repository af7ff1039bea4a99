"""``nhuan-but/<year>.csv`` (machine-readable, one row per share) and ``.xlsx``
(the accountant's workbook). Pure: a ``YearRoyalties`` in, bytes out."""

from __future__ import annotations

import csv
import datetime as dt
import io

from portal.rules.royalties import YearRoyalties
from portal.types import TYPES
from portal.workbook import Workbook

CSV_COLUMNS = ("year", "month", "author", "date", "title", "url", "type", "grade", "photos",
               "type_rate", "photo_amount", "multiplier", "work_amount", "authors_count", "share")


def share_rows(report: YearRoyalties, siteurl: str = "") -> list[dict[str, str]]:
    rows = []
    for work in report.works:
        src = work.source
        url = getattr(src.ref, "url", "") if src.ref is not None else ""
        for share in work.shares:
            rows.append({
                "year": str(report.year), "month": str(work.month), "author": share.name,
                "date": src.date.isoformat(), "title": src.title,
                "url": f"{siteurl}/{url}" if url and siteurl else url,
                "type": src.type, "grade": src.grade or "", "photos": str(src.photos),
                "type_rate": str(work.base), "photo_amount": str(work.photo_amount),
                "multiplier": str(work.multiplier), "work_amount": str(work.amount),
                "authors_count": str(len(work.shares)), "share": str(share.amount),
            })
    return rows


def royalty_csv(report: YearRoyalties, siteurl: str = "") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(share_rows(report, siteurl))
    return buffer.getvalue().encode("utf-8-sig")


def royalty_xlsx(report: YearRoyalties, as_of: dt.date | None = None) -> bytes:
    """The workbook's bytes; ``as_of`` (the build day) is its creation date,
    so the same build gives the same bytes."""
    book = Workbook(f"Nhuận bút năm {report.year}", as_of or dt.date(report.year, 1, 1))
    money = book.format(num_format="#,##0")
    bold_money = book.format(num_format="#,##0", bold=True)
    bold = book.format(bold=True)
    factor = book.format(num_format="0.0#")
    day = book.format(num_format="dd/mm/yyyy")

    def sheet(title, headers, widths):
        return book.sheet(title, headers, widths, 32)

    # Per person and month (the table the accountant pays from).
    months = list(range(1, 13))
    ws = sheet("Theo tháng", ("Họ tên", *(f"Tháng {m}" for m in months), "Số tác phẩm", "Cả năm (đồng)"),
               (30, *([11] * 12), 10, 14))
    people = report.people()
    for r, (_key, name, per_month, works, total) in enumerate(people, start=1):
        ws.write_string(r, 0, name)
        for c, m in enumerate(months, start=1):
            ws.write_number(r, c, per_month.get(m, 0), money)
        ws.write_number(r, 13, works, money)
        ws.write_number(r, 14, total, bold_money)
    last = len(people) + 1
    ws.write_string(last, 0, "Tổng cộng", bold)
    for c, m in enumerate(months, start=1):
        ws.write_number(last, c, report.month_total(m), bold_money)
    ws.write_number(last, 13, len(report.works), bold_money)
    ws.write_number(last, 14, report.total, bold_money)

    # One row per share.
    ws = sheet("Chi tiết", ("Tháng", "Ngày đăng", "Tác phẩm", "Thể loại", "Hạng", "Số ảnh", "Theo thể loại (đồng)",
                            "Tiền ảnh (đồng)", "Hệ số", "Tác phẩm (đồng)", "Số tác giả", "Họ tên", "Phần được hưởng (đồng)"),
               (7, 11, 50, 12, 6, 7, 13, 12, 7, 13, 9, 28, 14))
    r = 1
    for work in report.works:
        src = work.source
        for share in work.shares:
            ws.write_number(r, 0, work.month)
            ws.write_datetime(r, 1, _datetime(src.date), day)
            ws.write_string(r, 2, src.title)
            ws.write_string(r, 3, TYPES.get(src.type, src.type))
            ws.write_string(r, 4, src.grade or "")
            ws.write_number(r, 5, src.photos)
            ws.write_number(r, 6, work.base, money)
            ws.write_number(r, 7, work.photo_amount, money)
            ws.write_number(r, 8, float(work.multiplier), factor)
            ws.write_number(r, 9, work.amount, money)
            ws.write_number(r, 10, len(work.shares))
            ws.write_string(r, 11, share.name)
            ws.write_number(r, 12, share.amount, money)
            r += 1
    if r > 1:
        ws.autofilter(0, 0, r - 1, 12)

    # The rate table used.
    ws = sheet("Khung nhuận bút", ("Mục", "Mức (đồng) hoặc hệ số"), (36, 22))
    r = 1
    if report.rates.decision:
        ws.write_string(r, 0, "Căn cứ")
        ws.write_string(r, 1, report.rates.decision)
        r += 1
    for type_, amount in report.rates.types.items():
        ws.write_string(r, 0, f"Mỗi tác phẩm loại {TYPES.get(type_, type_)}")
        ws.write_number(r, 1, amount, money)
        r += 1
    ws.write_string(r, 0, "Mỗi ảnh")
    ws.write_number(r, 1, report.rates.photo, money)
    r += 1
    for grade, multiplier in report.rates.grades.items():
        ws.write_string(r, 0, f"Hệ số hạng {grade}")
        ws.write_number(r, 1, float(multiplier), factor)
        r += 1
    return book.bytes()


def _datetime(date):
    import datetime as dt

    return dt.datetime(date.year, date.month, date.day)
