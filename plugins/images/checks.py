"""Image and file checks for ``invoke check`` and the build (declared in ``CHECKS`` of its settings).

Every path an editor types goes through :func:`portal.paths.resolve` (the
contract already reports a refused or missing featured ``Image``/``Video``).
Here:

- for every article: the featured image must be a readable image of at
  most ``IMAGES_MAX_PIXELS`` and should be at least ``IMAGES_MIN_SHARE_WIDTH``
  px wide (warning);
- in the body of every article and static page: every image
  (``![alt](path)``, reference-style images and ``<img>``) must resolve
  (inside content/images, no symlink, JPEG, PNG, WebP or GIF), be readable,
  have alt text and not come from another host; every link to a local file
  (``{static}``/``{attach}`` links, links into content/images/, links to PDF
  or image files) must resolve as an attachment (PDF or an image);
- every entry under ``content/images/`` (symlinks are never followed): a
  symlink (file or folder) is an error naming it; an image that Pillow cannot
  open or decode (corrupt, truncated, not really an image) or that has more
  than ``IMAGES_MAX_PIXELS`` pixels is an error naming the file; PDFs are
  published as they are; any other file (SVG, HEIC, text…) is not published
  and gets a warning saying so (a stray file should not stop the site, and
  an SVG can carry scripts).

The checks use the defaults of ``images/settings.py`` (``IMAGES_DIR``,
``IMAGES_MAX_PIXELS``, ``IMAGES_MIN_SHARE_WIDTH``): they run before Pelican's
settings reach any plugin.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from portal import paths as editor_paths
from portal.imagefile import HINT_FORMATS, HINT_TOO_LARGE, UnreadableImage, inspect  # noqa: F401 (re-exported)
from portal.header import Header, parse_header, prose_lines

from .paths import resolve_src
from .settings import DEFAULTS

BODY = "nội dung"
_INLINE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?P<src><[^>]*>|[^\s)]+)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\s?\[(?P<ref>[^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<src><[^>]*>|\S+)")
_LINK = re.compile(r"(?<!!)\[(?:\\.|[^\]\\])*\]\(\s*(?P<src><[^>]*>|[^\s)]+)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_HTML_A = re.compile(r"<a\b[^>]*>", re.I)
# Every image or link the patterns above find holds one of these.
_REF_TOKENS = ("](", "]:", "][", "] [", "<")
_FILE_PLACEHOLDER = re.compile(r"^(\{(static|attach)\}|\|(static|attach)\|)")
# Plain local links with these endings are links to files (checked like {static} ones).
FILE_LINK_TYPES = frozenset({*editor_paths.ATTACHMENT_TYPES, *editor_paths.SVG_TYPES,
                             *editor_paths.HEIC_TYPES, "yml", "yaml"})
HINT_HEIC = editor_paths.HINT_HEIC


@dataclass(frozen=True)
class ImageRef:
    """One image in an article body: ``alt`` is None when there is no alt at all."""

    src: str
    alt: str | None
    line: int


@dataclass(frozen=True)
class LinkRef:
    """One link to a local file in an article body."""

    src: str
    line: int


def _body(source: str | Header) -> tuple[list[str], int]:
    """The body's lines and the file line of the first, from a file's text
    (``portal.header``: the one header parser) or the header the validator
    already parsed."""
    header = source if isinstance(source, Header) else parse_header(source)
    return header.body.splitlines(), header.body_line


def body_images(text: str | Header) -> list[ImageRef]:
    """Every image in the Markdown body of an article file, with file line numbers."""
    lines, first = _body(text)
    definitions = {}
    for line in lines:
        match = _DEFINITION.match(line)
        if match:
            definitions[match["ref"].strip().lower()] = match["src"].strip("<>")
    refs: list[ImageRef] = []
    for number, line in prose_lines(lines, first):
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


def body_links(text: str | Header, images_dir: str = "images") -> list[LinkRef]:
    """Links to local files in the Markdown body (``[x](url)``, reference
    definitions not used by an image, ``<a href>``), with file line numbers.

    A link is to a local file when it uses ``{static}``/``{attach}``, or is a
    local path into content/<images_dir>/ or ending in a file type editors
    link to (PDF, images, SVG, HEIC, YAML). Links to pages are left alone.
    """
    lines, first = _body(text)
    image_refs = set()
    for line in lines:
        for match in _REFERENCE.finditer(line):
            image_refs.add((match["ref"] or match["alt"]).strip().lower())
    out: list[LinkRef] = []
    for number, line in prose_lines(lines, first):
        candidates = [m["src"].strip("<>") for m in _LINK.finditer(line)]
        definition = _DEFINITION.match(line)
        if definition and definition["ref"].strip().lower() not in image_refs:
            candidates.append(definition["src"].strip("<>"))
        for match in _HTML_A.finditer(line):
            tag = BeautifulSoup(match.group(0), "html.parser").find("a")
            if tag is not None and isinstance(tag.get("href"), str):
                candidates.append(tag["href"])
        out.extend(LinkRef(src, number) for src in candidates if is_file_link(src, images_dir))
    return out


def is_file_link(src: str, images_dir: str = "images") -> bool:
    src = (src or "").strip()
    if _FILE_PLACEHOLDER.match(src):
        return True
    if not src or src.startswith(("#", "?", "{", "|")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src) \
            or src.startswith("//"):
        return bool(re.match(r"^[A-Za-z]:[\\/]", src))  # a Windows path typed as a link
    path = src.split("#", 1)[0].split("?", 1)[0]
    if path.lstrip("/").startswith(images_dir.strip("/") + "/"):
        return True
    return editor_paths.extension(path) in FILE_LINK_TYPES


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_images(portal, records, problems, settings: dict | None = None) -> None:
    content = Path(portal.content_dir)
    root = content.parent
    settings = {**DEFAULTS, **(settings or {})}  # the build's settings, every default merged
    min_width = settings["IMAGES_MIN_SHARE_WIDTH"]
    max_pixels = settings["IMAGES_MAX_PIXELS"]
    images_dir = settings["IMAGES_DIR"].strip("/")
    resolved = content.resolve()  # once per check, not once per article
    sizes: dict[str, tuple[int, int] | UnreadableImage] = {}
    referenced: set[str] = set()

    def size_of(rel: str) -> tuple[int, int] | UnreadableImage:
        if rel not in sizes:
            try:
                sizes[rel] = inspect(content / rel, max_pixels)
            except UnreadableImage as exc:
                sizes[rel] = exc
        return sizes[rel]

    for rec in records:
        header = rec.header
        field = header.names.get("image", "Image")
        if rec.image:  # resolved by the contract (portal.paths): a regular file under content/images
            referenced.add(rec.image)
            size = size_of(rec.image)
            if isinstance(size, UnreadableImage):
                problems.error(rec.rel, field, f"ảnh đại diện «{rec.image}» {size.message}", size.hint,
                               header.line("image"))
            elif size[0] < min_width:
                problems.warn(rec.rel, field, f"ảnh đại diện «{rec.image}» chỉ rộng {size[0]} px, quá nhỏ để làm "
                              f"ảnh chia sẻ lên mạng xã hội (cần ít nhất {min_width} px)",
                              "dùng ảnh gốc từ máy ảnh hoặc điện thoại, rộng từ 1200 px", header.line("image"))
        referenced |= _check_body(rec.rel, Path(rec.path), content, size_of, problems, images_dir, resolved,
                                  rec.header)
    # Static pages: the same rules for their images and file links (the contract lists
    # them without symlinks; a file outside content/ or reached through a symlink is skipped).
    for page in sorted(getattr(portal, "page_files", None) or ()):
        path = Path(page)
        try:
            inner = path.relative_to(resolved).as_posix()
        except ValueError:
            continue
        if editor_paths.file_problem(content, inner) is None:
            referenced |= _check_body(_rel(path, resolved.parent), path, content, size_of, problems,
                                      images_dir, resolved)
    for campaign in getattr(portal, "campaigns", ()):
        if getattr(campaign, "image", ""):
            referenced.add(campaign.image.lstrip("/"))  # campaigns.checks reports these
    check_image_folder(content, images_dir, root, referenced, size_of, problems)


def _check_body(rel: str, path: Path, content: Path, size_of, problems, images_dir: str,
                resolved: Path, header: Header | None = None) -> set[str]:
    """Images and file links in one Markdown body; returns the local images it
    uses. ``resolved``: ``content`` resolved (once per check, by the caller);
    ``header``: the file as the validator parsed it (else the file is read)."""
    text = header
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return set()  # the contract reports unreadable files
    body = text.body if isinstance(text, Header) else text
    if not any(token in body for token in _REF_TOKENS):
        return set()  # no image, link or tag at all (most articles): nothing to look up
    try:
        folder = posixpath.dirname(Path(editor_paths.source_key(path)).relative_to(resolved).as_posix())
    except ValueError:
        folder = ""
    used = set()
    for ref in body_images(text):
        found = _check_ref(rel, ref, folder, content, size_of, problems, images_dir)
        if found:
            used.add(found)
    for link in body_links(text, images_dir):
        _check_link(rel, link, folder, content, problems, images_dir)
    return used


def check_image_folder(content: Path, images_dir: str, root: Path, referenced: set[str], size_of, problems) -> None:
    """Every entry under content/<images_dir>, never following a symlink."""
    for entry in editor_paths.walk(content, images_dir):
        shown = editor_paths.shown(_rel(content / entry.rel, root), 200)
        if entry.kind == "symlink":
            problems.error(shown, None, "là liên kết tượng trưng (symlink) trỏ tới nơi khác, không phải tệp thật: "
                           "không được đăng và bản dựng dừng lại",
                           "xoá liên kết này; muốn dùng ảnh thì chép tệp ảnh thật vào content/images/")
            continue
        if entry.kind != "file":
            problems.warn(shown, None, "không phải tệp thường (thiết bị, ống dẫn…): không được đăng", "xoá mục này")
            continue
        ext = editor_paths.extension(entry.rel)
        if ext in editor_paths.IMAGE_TYPES:
            if entry.rel in referenced:
                continue  # reported where it is used, with the line
            size = size_of(entry.rel)
            if isinstance(size, UnreadableImage):
                problems.error(shown, None, f"tệp ảnh {size.message}", size.hint)
        elif ext != "pdf":
            why = editor_paths.type_problem(entry.rel, editor_paths.IMAGE)
            problems.warn(shown, None, f"tệp này không được đăng: {why.reason}",
                          why.hint + "; hoặc xoá tệp khỏi content/images/")


def _check_ref(rel: str, ref: ImageRef, article_dir: str, content: Path, size_of, problems,
               images_dir: str) -> str | None:
    found = resolve_src(ref.src, article_dir, content, images_dir=images_dir)
    local = None
    if found.kind == "external":
        problems.error(rel, BODY, f"ảnh «{editor_paths.shown(ref.src)}» lấy từ trang web khác",
                       "tải ảnh về, đặt vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/: "
                       "trang không được gọi tới máy chủ bên ngoài (chậm, lộ thông tin người đọc)", ref.line)
    elif found.kind == "data":
        problems.error(rel, BODY, "ảnh nhúng trực tiếp dạng «data:» không được hỗ trợ",
                       "lưu ảnh thành tệp trong content/images/ rồi ghi đường dẫn", ref.line)
    elif found.kind in ("missing", "empty"):
        problems.error(rel, BODY, f"không tìm thấy ảnh «{editor_paths.shown(ref.src)}» trong content/",
                       "đặt ảnh vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/, "
                       "ví dụ ![Mô tả ảnh](/images/2025/01/anh.jpg)", ref.line)
    elif found.kind == "refused":
        problems.error(rel, BODY, f"ảnh «{editor_paths.shown(ref.src)}»: {found.reason}", found.hint, ref.line)
    else:
        local = found.rel
        size = size_of(found.rel)
        if isinstance(size, UnreadableImage):
            problems.error(rel, BODY, f"ảnh «{editor_paths.shown(ref.src)}» {size.message}", size.hint, ref.line)
    if ref.alt is None or not ref.alt.strip():
        problems.error(rel, BODY, f"ảnh «{editor_paths.shown(ref.src)}» thiếu mô tả thay thế (alt)",
                       "viết mô tả ngắn nội dung ảnh trong ngoặc vuông: ![Mô tả ảnh](đường/dẫn.jpg) — "
                       "cho người dùng máy đọc màn hình và khi ảnh chưa tải được", ref.line)
    return local


def _check_link(rel: str, link: LinkRef, article_dir: str, content: Path, problems, images_dir: str) -> None:
    found = resolve_src(link.src, article_dir, content, kind=editor_paths.ATTACHMENT, images_dir=images_dir)
    if found.kind in ("missing", "empty"):
        problems.error(rel, BODY, f"liên kết tới tệp «{editor_paths.shown(link.src)}»: không tìm thấy tệp trong content/",
                       "đặt tệp (PDF hoặc ảnh) vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/, "
                       "ví dụ [Báo cáo](/images/2025/01/bao-cao.pdf)", link.line)
    elif found.kind == "refused":
        problems.error(rel, BODY, f"liên kết tới tệp «{editor_paths.shown(link.src)}»: {found.reason}",
                       found.hint, link.line)
