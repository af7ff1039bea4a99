"""Board spreadsheets (xlsxwriter, in memory): what every workbook shares.

Vietnamese properties, a creation date that is the build day (the same build
gives the same bytes), and sheets that open with a bold, wrapped header row
frozen together with the first column.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

HEADER = {"bold": True, "bg_color": "#F2E6C9", "border": 1, "text_wrap": True, "valign": "top"}


class Workbook:
    def __init__(self, title: str, created: dt.date):
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        self.book.set_properties({"title": title, "language": "vi-VN",
                                  "created": dt.datetime.combine(created, dt.time())})
        self.head = self.book.add_format(HEADER)

    def format(self, **spec):
        return self.book.add_format(spec)

    def sheet(self, title: str, headers, widths, header_height: int):
        ws = self.book.add_worksheet(title)
        ws.write_row(0, 0, headers, self.head)
        ws.freeze_panes(1, 1)
        ws.set_row(0, header_height)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        return ws

    def bytes(self) -> bytes:
        self.book.close()
        return self._buffer.getvalue()
