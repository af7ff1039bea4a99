"""Image checks for ``invoke check`` and the build (``CONTRACT_EXTRA_CHECKS``).

For every article: the featured ``Image`` must be a readable image (the
contract already reports a missing file or a missing ``Image_alt``) and should
be at least ``IMAGES_MIN_SHARE_WIDTH`` px wide (warning); every image in the
body (``![alt](path)``, reference-style images and ``<img>``) must exist
under content/, be readable, have alt text and not come from another host.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from vietnamese.text import nfc

from .paths import resolve_src
from .process import oriented_size
from .settings import DEFAULTS

BODY = "nội dung"
_INLINE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?P<src><[^>]*>|[^\s)]+)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\s?\[(?P<ref>[^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<src><[^>]*>|\S+)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
HINT_FORMATS = "lưu lại ảnh dạng JPEG, PNG hoặc WebP rồi thay tệp"
HINT_HEIC = ("ảnh HEIC của iPhone: xuất lại thành JPEG (hoặc đặt Cài đặt › Camera › Định dạng › "
             "Tương thích nhất trước khi chụp)")


@dataclass(frozen=True)
class ImageRef:
    """One image in an article body: ``alt`` is None when there is no alt at all."""

    src: str
    alt: str | None
    line: int


class UnreadableImage(ValueError):
    """Pillow cannot open or decode the file."""


def body_start(lines: list[str]) -> int:
    """Index of the first body line (after the header and its blank line)."""
    for index, line in enumerate(lines):
        if not line.strip():
            return index + 1
    return len(lines)


def body_images(text: str) -> list[ImageRef]:
    """Every image in the Markdown body of an article file, with file line numbers."""
    lines = nfc(text.lstrip("\ufeff")).splitlines()
    start = body_start(lines)
    definitions = {}
    for line in lines[start:]:
        match = _DEFINITION.match(line)
        if match:
            definitions[match["ref"].strip().lower()] = match["src"].strip("<>")
    refs: list[ImageRef] = []
    fenced = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in _INLINE.finditer(line):
            refs.append(ImageRef(match["src"].strip("<>"), _unescape(match["alt"]), number))
        for match in _REFERENCE.finditer(line):
            ref = (match["ref"] or match["alt"]).strip().lower()
            if ref in definitions:
                refs.append(ImageRef(definitions[ref], _unescape(match["alt"]), number))
        for match in _HTML_IMG.finditer(line):
            tag = BeautifulSoup(match.group(0), "html.parser").find("img")
            if tag is not None:
                alt = tag.get("alt")
                refs.append(ImageRef(tag.get("src") or "", alt if isinstance(alt, str) else None, number))
    return refs


def _unescape(alt: str) -> str:
    return re.sub(r"\\(.)", r"\1", alt)


def inspect(path: Path) -> tuple[int, int]:
    """(width, height) as shown, after fully decoding the file; raises UnreadableImage."""
    try:
        with Image.open(path) as img:
            size = oriented_size(img)
            if img.format == "JPEG":
                img.draft(img.mode if img.mode in ("RGB", "L") else None, (64, 64))
            img.load()
            return size
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(str(exc)) from exc


def _unreadable_hint(path: str) -> str:
    return HINT_HEIC if path.lower().endswith((".heic", ".heif")) else HINT_FORMATS


def check_images(portal, records, problems) -> None:
    content = Path(portal.content_dir)
    min_width = DEFAULTS["IMAGES_MIN_SHARE_WIDTH"]
    sizes: dict[str, tuple[int, int] | None] = {}

    def size_of(rel: str) -> tuple[int, int] | None:
        if rel not in sizes:
            try:
                sizes[rel] = inspect(content / rel)
            except UnreadableImage:
                sizes[rel] = None
        return sizes[rel]

    for rec in records:
        header = rec.header
        field = header.names.get("image", "Image")
        if rec.image and (content / rec.image).is_file():
            size = size_of(rec.image)
            if size is None:
                problems.error(rec.rel, field, f"ảnh đại diện «{rec.image}» không phải tệp ảnh đọc được "
                               "(tệp hỏng hoặc không phải ảnh)", _unreadable_hint(rec.image), header.line("image"))
            elif size[0] < min_width:
                problems.warn(rec.rel, field, f"ảnh đại diện «{rec.image}» chỉ rộng {size[0]} px, quá nhỏ để làm "
                              f"ảnh chia sẻ lên mạng xã hội (cần ít nhất {min_width} px)",
                              "dùng ảnh gốc từ máy ảnh hoặc điện thoại, rộng từ 1200 px", header.line("image"))
        try:
            text = rec.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the contract reports unreadable article files
        try:
            article_dir = posixpath.dirname(Path(rec.path).resolve().relative_to(content.resolve()).as_posix())
        except ValueError:
            article_dir = ""
        for ref in body_images(text):
            _check_ref(rec.rel, ref, article_dir, content, size_of, problems)


def _check_ref(rel: str, ref: ImageRef, article_dir: str, content: Path, size_of, problems) -> None:
    found = resolve_src(ref.src, article_dir, content)
    if found.kind == "external":
        problems.error(rel, BODY, f"ảnh «{ref.src}» lấy từ trang web khác",
                       "tải ảnh về, đặt vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/: "
                       "trang không được gọi tới máy chủ bên ngoài (chậm, lộ thông tin người đọc)", ref.line)
    elif found.kind == "data":
        problems.error(rel, BODY, "ảnh nhúng trực tiếp dạng «data:» không được hỗ trợ",
                       "lưu ảnh thành tệp trong content/images/ rồi ghi đường dẫn", ref.line)
    elif found.kind in ("missing", "empty"):
        problems.error(rel, BODY, f"không tìm thấy ảnh «{ref.src}» trong content/",
                       "đặt ảnh vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/, "
                       "ví dụ ![Mô tả ảnh](/images/2025/01/anh.jpg)", ref.line)
    elif size_of(found.rel) is None:
        problems.error(rel, BODY, f"ảnh «{ref.src}» không phải tệp ảnh đọc được (tệp hỏng hoặc không phải ảnh)",
                       _unreadable_hint(found.rel), ref.line)
    if ref.alt is None or not ref.alt.strip():
        problems.error(rel, BODY, f"ảnh «{ref.src}» thiếu mô tả thay thế (alt)",
                       "viết mô tả ngắn nội dung ảnh trong ngoặc vuông: ![Mô tả ảnh](đường/dẫn.jpg) — "
                       "cho người dùng máy đọc màn hình và khi ảnh chưa tải được", ref.line)
