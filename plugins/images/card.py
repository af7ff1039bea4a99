"""The generated share card (1200×630) for articles without an image.

The title is set in the bundled DejaVu Sans Bold, which has every precomposed
Vietnamese letter; text is NFC so no combining marks reach the renderer. The
basic layout engine keeps the card identical on every machine.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from portal.text import nfc

from . import jpegrows

BUNDLED_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
TITLE_SIZES = (66, 60, 54, 48, 44, 40, 36, 32)
ELLIPSIS = "…"


def font(path: str | Path, size: int) -> ImageFont.FreeTypeFont:
    """The face at ``size``, loaded once per process and file version (a
    worker draws thousands of cards; an edited IMAGES_FONT is loaded again)."""
    stat = os.stat(path)
    return _font(str(path), size, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _font(path: str, size: int, _mtime_ns: int, _size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` px; a word longer than a line is cut.

    Lines are planned from each word's width (remembered per face: titles
    share most of their words) and then measured whole; should kerning make
    a planned line too wide, the title is wrapped by measuring every candidate.
    """
    words = text.split()
    if not words:
        return []
    space = _length(face, " ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        size = _length(face, word)
        if size > width:
            return _wrap_measured(text, face, width)
        if line and used + space + size <= width:
            line.append(word)
            used += space + size
            continue
        if line:
            lines.append(" ".join(line))
        line, used = [word], size
    lines.append(" ".join(line))
    if any(face.getlength(one) > width for one in lines):
        return _wrap_measured(text, face, width)
    return lines


_LENGTHS: dict[tuple[ImageFont.FreeTypeFont, str], float] = {}


def _length(face: ImageFont.FreeTypeFont, word: str) -> float:
    key = (face, word)
    found = _LENGTHS.get(key)
    if found is None:
        if len(_LENGTHS) > 200_000:
            _LENGTHS.clear()
        found = _LENGTHS[key] = face.getlength(word)
    return found


def _wrap_measured(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:
            cut = _longest_fitting(word, face, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit_line(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """``text`` shortened with an ellipsis until it fits in ``width`` px."""
    if face.getlength(text) <= width:
        return text
    keep = _longest_fitting(text, face, width, suffix=ELLIPSIS, least=0)
    return text[:keep].rstrip() + ELLIPSIS


def _longest_fitting(text: str, face: ImageFont.FreeTypeFont, width: int, suffix: str = "", least: int = 1) -> int:
    """The longest prefix length (at least ``least``) of ``text`` that, with
    ``suffix``, fits in ``width`` px: found by halving (widths grow with the
    prefix), not one character at a time (a pasted 300-character "word" took
    seconds)."""
    low, high = least, len(text)  # the answer lies in low…high
    while low < high:
        middle = (low + high + 1) // 2
        if face.getlength(text[:middle] + suffix) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def layout_title(title: str, font_path, width: int, height: int) -> tuple[int, list[str]]:
    """Largest title size whose wrapped lines fit the box; the last size is
    truncated with an ellipsis if even it does not fit."""
    for size in TITLE_SIZES:
        face = font(font_path, size)
        lines = wrap(title, face, width)
        if len(lines) * round(size * 1.3) <= height:
            return size, lines
    size = TITLE_SIZES[-1]
    face = font(font_path, size)
    lines = wrap(title, face, width)
    keep = max(1, height // round(size * 1.3))
    if len(lines) > keep:
        lines = lines[:keep - 1] + [fit_line(" ".join(lines[keep - 1:]), face, width)]
    return size, lines


@lru_cache(maxsize=8)
def _base(sitename: str, tagline: str, font_path: str, _mtime_ns: int, size, background, foreground, accent) -> Image.Image:
    """Everything but the title, drawn once per process and copied for each card
    (the title is drawn last, so the pixels are the same as drawing it all)."""
    width, height = size
    pad = round(width * 0.06)
    img = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, round(width * 0.012), height), fill=accent)
    site_face = font(font_path, round(height * 0.056))
    draw.text((pad, pad), fit_line(sitename, site_face, width - 2 * pad), font=site_face, fill=accent, anchor="la")
    rule_y = pad + round(height * 0.056 * 1.5)
    draw.rectangle((pad, rule_y, pad + round(width * 0.08), rule_y + 5), fill=accent)
    tag_face = font(font_path, round(height * 0.038))
    if tagline:
        draw.text((pad, height - pad), fit_line(tagline, tag_face, width - 2 * pad), font=tag_face,
                  fill=foreground, anchor="ld")
    return img


def _title_marks(title: str, font_path, size: tuple[int, int], foreground: str):
    """Where the title's words go: [(mask, (x, y))], and the ink colour."""
    width, height = size
    pad = round(width * 0.06)
    rule_y = pad + round(height * 0.056 * 1.5)
    top = rule_y + round(height * 0.07)
    bottom = height - pad - round(height * 0.038) - round(height * 0.07)
    title_size, lines = layout_title(title, font_path, width - 2 * pad, bottom - top)
    face = font(font_path, title_size)
    space = _length(face, " ")
    line_height = round(title_size * 1.3)
    y = top + (bottom - top - line_height * len(lines)) // 2
    marks = []
    for line in lines:
        # word by word, each word's mask rasterised once per process (titles
        # share most of their syllables): the pixels of drawing the line whole
        # but where a kerning pair spans a space (none in Vietnamese words)
        x = float(pad)
        for word in line.split(" "):
            if word:
                mask, left, top_offset = _word_mask(face, word)
                marks.append((mask, (round(x) + left, y + top_offset)))
            x += _length(face, word) + space
        y += line_height
    return marks, ImageColor.getcolor(foreground, "RGB")


def _background_key(sitename: str, tagline: str, font_path, size, background, foreground, accent) -> tuple:
    """The arguments of ``_base`` (the font file's version included)."""
    return (sitename, tagline, str(font_path), os.stat(font_path).st_mtime_ns, tuple(size), background,
            foreground, accent)


def render_card(title: str, sitename: str, tagline: str, font_path, size=(1200, 630),
                background="#b3191c", foreground="#ffffff", accent="#ffd54f") -> Image.Image:
    title, sitename, tagline = nfc(title), nfc(sitename), nfc(tagline)
    size = tuple(size)
    key = _background_key(sitename, tagline, font_path, size, background, foreground, accent)
    img = _base(*key).copy()
    marks, ink = _title_marks(title, font_path, size, foreground)
    paint(img, 0, marks, ink, key)
    return img


def paint(img: Image.Image, top: int, marks, ink: tuple, key: tuple) -> None:
    """Draw the title's word masks in ``ink`` on ``img``, a copy of the rows
    from ``top`` on of the background ``_base(*key)``.

    The same pixels as pasting ``ink`` through each mask in turn, but where
    the words' boxes do not overlap and the background under them is one
    flat colour (the card's layout keeps the title's box clear), every pixel
    is a function of its mask value alone: the masks are copied into one
    mask, coloured through a 256-entry palette made by that same paste, and
    copied in (a third of a card's time went into blending word by word).
    """
    box = _disjoint_union(marks)
    if box is None or not _is_clear(key, box):
        for mask, (x, y) in marks:
            img.paste(ink, (x, y - top), mask)
        return
    left, upper, right, lower = box
    title = Image.new("L", (right - left, lower - upper), 0)
    for mask, (x, y) in marks:
        title.paste(mask, (x - left, y - upper))
    coloured = Image.frombytes("P", title.size, title.tobytes())
    coloured.putpalette(_ramp(_flat_colour(key), ink))
    img.paste(coloured.convert("RGB"), (left, upper - top))


def _disjoint_union(marks) -> tuple[int, int, int, int] | None:
    """The box around every mask, or None when none or two masks' boxes
    overlap (their blends would not commute): swept left to right, each box
    compared with those still open at its left edge."""
    rects = sorted((x, y, x + mask.width, y + mask.height) for mask, (x, y) in marks)
    if not rects:
        return None
    open_: list[tuple[int, int, int, int]] = []
    for rect in rects:
        open_ = [other for other in open_ if other[2] > rect[0]]
        if any(other[1] < rect[3] and rect[1] < other[3] for other in open_):
            return None
        open_.append(rect)
    return (rects[0][0], min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _flat_colour(key: tuple) -> tuple:
    """The background colour of ``_base(*key)`` (its ``background`` argument)."""
    return ImageColor.getcolor(key[5], "RGB")


@lru_cache(maxsize=8)
def _marks_of_background(key: tuple) -> Image.Image:
    """An L image of ``_base(*key)``: 0 exactly where a pixel is the flat colour."""
    base = _base(*key)
    red, green, blue = ImageChops.difference(base, Image.new("RGB", base.size, _flat_colour(key))).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


@lru_cache(maxsize=256)
def _marked_columns(key: tuple, upper: int, lower: int) -> tuple[int, ...]:
    """For rows ``upper``…``lower`` of the background: 1 for each column with a
    pixel that is not the flat colour (a card's title boxes take a few dozen
    row spans, so each is projected once per process)."""
    marks = _marks_of_background(key)
    return tuple(marks.crop((0, upper, marks.width, lower)).getprojection()[0])


def _is_clear(key: tuple, box: tuple[int, int, int, int]) -> bool:
    """True if every pixel of the background in ``box`` is the flat colour."""
    left, upper, right, lower = box
    base = _base(*key)
    if left < 0 or upper < 0 or right > base.width or lower > base.height:
        return False
    return not any(_marked_columns(key, upper, lower)[left:right])


@lru_cache(maxsize=16)
def _ramp(flat: tuple, ink: tuple) -> bytes:
    """Palette: entry m is ``ink`` pasted over ``flat`` through a mask value m
    (made by Pillow's own paste, so its rounding is the same)."""
    strip = Image.new("RGB", (256, 1), flat)
    strip.paste(ink, (0, 0), Image.frombytes("L", (256, 1), bytes(range(256))))
    return strip.tobytes()


def card_jpeg(title: str, sitename: str, tagline: str, font_path, size=(1200, 630),
              background="#b3191c", foreground="#ffffff", accent="#ffd54f", quality: int = 85) -> bytes:
    """``render_card`` as a baseline JPEG (restart marker after every MCU row),
    byte for byte the whole card encoded, but only the band of rows the title
    covers is copied, drawn and encoded (``jpegrows``): the background's rows
    are encoded once per process."""
    try:
        return _spliced_card(nfc(title), nfc(sitename), nfc(tagline), font_path, tuple(size), background,
                             foreground, accent, quality)
    except jpegrows.JpegRowsError:  # an encoder that wrote no row markers (an old Pillow): the whole card
        return jpegrows.encode(render_card(title, sitename, tagline, font_path, size, background, foreground,
                                           accent), quality)


def _spliced_card(title, sitename, tagline, font_path, size, background, foreground, accent, quality) -> bytes:
    key = _background_key(sitename, tagline, font_path, size, background, foreground, accent)
    base, whole = _base(*key), _encoded_rows(*key, quality)
    marks, ink = _title_marks(title, font_path, size, foreground)
    if not marks:
        return jpegrows.join(whole.header, whole.rows)
    top = min(at[1] for _, at in marks)
    bottom = max(at[1] + mask.height for mask, at in marks)
    box = jpegrows.band_box(top, bottom, base.width, base.height, jpegrows.MCU_HEIGHT)
    band = base.crop(box)
    paint(band, box[1], marks, ink, key)
    rows = jpegrows.split(jpegrows.encode(band, quality), band.height)
    return jpegrows.replace_rows(whole, box[1] // jpegrows.MCU_HEIGHT, rows)


@lru_cache(maxsize=8)
def _encoded_rows(sitename: str, tagline: str, font_path: str, _mtime_ns: int, size, background, foreground,
                  accent, quality: int) -> jpegrows.Rows:
    """The background's coded rows, once per process per background and quality."""
    base = _base(sitename, tagline, font_path, _mtime_ns, size, background, foreground, accent)
    return jpegrows.split(jpegrows.encode(base, quality), base.height)


_MASKS: dict[tuple[ImageFont.FreeTypeFont, str], tuple[Image.Image, int, int]] = {}


def _word_mask(face: ImageFont.FreeTypeFont, word: str) -> tuple[Image.Image, int, int]:
    """The coverage mask of ``word`` drawn at (0, 0) with anchor "la", and
    where its box starts relative to that point."""
    key = (face, word)
    found = _MASKS.get(key)
    if found is None:
        if len(_MASKS) > 20_000:  # a few MB; a portal's titles use a few thousand words
            _MASKS.clear()
        left, top, right, bottom = face.getbbox(word, anchor="la")
        mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
        ImageDraw.Draw(mask).text((-left, -top), word, font=face, fill=255, anchor="la")
        found = _MASKS[key] = (mask, left, top)
    return found
