"""Baseline JPEGs assembled from rows: encode only the rows that changed.

A share card is a fixed background with a title drawn across a band of it.
A baseline JPEG written with a restart marker after every row of MCUs
(``restart_marker_rows=1``) codes each such row on its own: the DC
predictions restart at every marker and each row ends on a byte boundary.
With the same quality, subsampling and (unoptimised, standard) Huffman
tables, a row of pixels is therefore coded to the same bytes wherever it
stands. So the background is encoded once per process, the band holding
the title is encoded alone, and the card is the background's rows with the
band's rows in their place: the same bytes as encoding the whole card
(``tests/test_images.py`` compares them), at the cost of the band only.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from PIL import Image

_RST = re.compile(rb"\xff[\xd0-\xd7]")  # in coded data 0xFF is always followed by 0x00 or a marker
_SOS, _EOI = 0xDA, b"\xff\xd9"


class JpegRowsError(ValueError):
    """The encoder's output was not the one-scan, row-restarted JPEG expected."""


MCU_HEIGHT = 16  # pixel rows per MCU row with 4:2:0 chroma subsampling


def encode(img: Image.Image, quality: int) -> bytes:
    """``img`` as a baseline 4:2:0 JPEG with a restart marker after every MCU row."""
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, subsampling=2, optimize=False, progressive=False,
             restart_marker_rows=1)
    return buffer.getvalue()


@dataclass(frozen=True)
class Rows:
    header: bytes          # SOI … SOS, as written for the whole image
    rows: tuple[bytes, ...]  # each MCU row's coded bytes, without the markers around them


def split(data: bytes, height: int | None = None) -> Rows:
    """The header and the coded rows of a JPEG written by :func:`encode`
    (``height``: the image's, checked against the number of rows)."""
    if data[:2] != b"\xff\xd8" or not data.endswith(_EOI):
        raise JpegRowsError("không phải tệp JPEG trọn vẹn")
    at = 2
    while True:  # marker segments up to and including SOS
        if at + 4 > len(data) or data[at] != 0xFF:
            raise JpegRowsError("đầu tệp JPEG hỏng")
        marker = data[at + 1]
        length = int.from_bytes(data[at + 2:at + 4], "big")
        at += 2 + length
        if marker == _SOS:
            break
        if marker == 0xC2:  # progressive: several scans, rows not coded alone
            raise JpegRowsError("JPEG progressive")
    rows = tuple(_RST.split(data[at:-2]))
    if height is not None and len(rows) != -(-height // MCU_HEIGHT):
        raise JpegRowsError(f"{len(rows)} hàng mã hoá cho {height} px")
    return Rows(data[:at], rows)


def join(header: bytes, rows) -> bytes:
    """A JPEG of ``header`` and ``rows``, with the restart markers numbered in order."""
    out = bytearray(header)
    for number, row in enumerate(rows):
        if number:
            out += bytes((0xFF, 0xD0 + (number - 1) % 8))
        out += row
    out += _EOI
    return bytes(out)


def replace_rows(whole: Rows, first: int, band: Rows) -> bytes:
    """``whole`` with its rows from ``first`` on replaced by ``band``'s rows."""
    last = first + len(band.rows)
    if first < 0 or last > len(whole.rows):
        raise JpegRowsError(f"hàng {first}…{last} ngoài ảnh ({len(whole.rows)} hàng)")
    return join(whole.header, whole.rows[:first] + band.rows + whole.rows[last:])


def band_box(top: int, bottom: int, width: int, height: int, unit: int) -> tuple[int, int, int, int]:
    """The crop box of whole MCU rows covering pixel rows ``top``…``bottom``
    (clamped to the image; the last row may be partial, as in the whole image)."""
    first = max(0, top) // unit * unit
    last = min(height, -(-max(bottom, first + 1) // unit) * unit)
    return 0, first, width, last
