"""``chi-tieu/<year>.csv`` for official reports. Pure.

UTF-8 with a byte-order mark and CRLF line ends, so Excel opens it with the
Vietnamese text intact. One row per unit, in the order of the HTML table.
Numbers are plain (no thousands separator, ``.`` as the decimal point); an
empty ``percent`` means the unit has no target; ``expected`` is whole
articles; ``status`` is the one scale of ``portal.rules.pace``;
``contributors_missing`` is the separate contributor flag (0: none). The
board's spreadsheet is ``xlsxout`` (``chi-tieu/<year>.xlsx``).
"""

from __future__ import annotations

import csv
import io

from .report import YearReport

COLUMNS = (
    "year",
    "unit_id",
    "unit_name",
    "parent_id",
    "level",
    "own_target",
    "target",
    "own_articles",
    "articles",
    "own_contributors",
    "contributors",
    "contributors_target",
    "expected",
    "percent",
    "status",
    "contributors_missing",
)


def rows(report: YearReport) -> list[dict[str, str]]:
    out = []
    for row in report.rows:
        out.append({
            "year": str(report.year),
            "unit_id": row.id,
            "unit_name": row.name,
            "parent_id": row.parent_id,
            "level": str(row.depth),
            "own_target": "" if row.own_target is None else str(row.own_target),
            "target": str(row.target),
            "own_articles": str(row.own_articles),
            "articles": str(row.articles),
            "own_contributors": str(row.own_contributors),
            "contributors": str(row.contributors),
            "contributors_target": str(row.contributors_target),
            "expected": str(row.expected),
            "percent": "" if row.percent is None else f"{row.percent:.1f}",
            "status": row.status,
            "contributors_missing": str(row.contributors_missing),
        })
    return out


def year_csv(report: YearReport) -> bytes:
    """The CSV file's bytes (BOM + UTF-8, CRLF)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(report))
    return buffer.getvalue().encode("utf-8-sig")
