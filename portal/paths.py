"""The one rule for paths editors type, and the guard on every file the build writes.

Editors type paths in the featured ``Image``, in ``Video``, in the body
(inline images, links to local files) and in ``campaigns.yml`` (``image``).
:func:`resolve` is the only function that turns such a value into a file:
it returns the file as a posix path from ``content/`` or a reason (in
Vietnamese, for the editor's message). The rules:

- the value is a path from ``content/`` (a leading ``/`` means the same
  thing: the site root is ``content/``), or from ``base`` (the article's
  folder) when the caller allows relative paths;
- no control or invisible characters (NUL included), no ``\\``, no drive
  letters or other hosts (``C:/``, ``//server``, ``file:``), no leftover
  percent-encoding (``%2e``), no name longer than the filesystem allows;
- after ``..`` are applied the path stays inside ``content/``; images
  (kind :data:`IMAGE`, and image files linked as attachments) must be under
  ``content/images/`` (only there are they published, as stripped copies);
- the type is allowed for the field (:data:`EXTENSIONS`): SVG (it can carry
  scripts) and HEIC are refused with a hint to export PNG/JPEG;
- every component below ``content/`` is checked with ``lstat``: a symlink
  anywhere (file or folder) is refused, the last component must be a
  regular file. ``content/`` itself may live anywhere.

:func:`guard_write` is called before every write, copy or delete the build
makes: the target, resolved, must lie inside one of the allowed roots (the
staging output folder, the image cache); otherwise :class:`UnsafeWriteError`
is raised and nothing is written.

Pure functions of their arguments and the filesystem; no Pelican import.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .problems import PortalError

IMAGE = "image"            # featured Image, inline images, campaign image
VIDEO = "video"            # the Video field (a local file)
ATTACHMENT = "attachment"  # links to local files in bodies

IMAGE_TYPES = ("jpg", "jpeg", "png", "webp", "gif")
VIDEO_TYPES = ("mp4", "webm")
ATTACHMENT_TYPES = ("pdf", *IMAGE_TYPES)
EXTENSIONS = {IMAGE: IMAGE_TYPES, VIDEO: VIDEO_TYPES, ATTACHMENT: ATTACHMENT_TYPES}
NOUNS = {IMAGE: "ảnh", VIDEO: "video", ATTACHMENT: "tệp đính kèm"}
SVG_TYPES = ("svg", "svgz")
HEIC_TYPES = ("heic", "heif")

IMAGES_DIR = "images"
MAX_NAME_BYTES = 255        # one path component (ext4, NTFS, APFS)
MAX_PATH_CHARS = 1024

HINT_WHERE = "đặt tệp vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/, ví dụ images/2025/01/anh.jpg"
HINT_EXPORT = "mở ảnh bằng phần mềm xem ảnh, xuất (lưu) lại thành PNG hoặc JPEG rồi dùng tệp đó"
HINT_HEIC = ("ảnh HEIC của iPhone: xuất lại thành JPEG (hoặc đặt Cài đặt › Camera › Định dạng › "
             "Tương thích nhất trước khi chụp)")

_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")

# Codes of :class:`Resolved` (``code``), for callers that choose their own wording.
OK = "ok"
EMPTY = "empty"
CONTROL = "control"
TOO_LONG = "too-long"
BACKSLASH = "backslash"
ELSEWHERE = "elsewhere"          # a drive letter, another host, a URL scheme
ENCODED = "encoded"
ESCAPES = "escapes"              # leaves content/
NOT_IN_IMAGES = "not-in-images"
SVG = "svg"
HEIC = "heic"
WRONG_TYPE = "wrong-type"
MISSING = "missing"
SYMLINK = "symlink"
NOT_A_FILE = "not-a-file"
UNREADABLE = "unreadable"

# Which reason to report when several readings of one value all fail (the
# first in this list wins): a real file behind a symlink beats "not found".
LOCATION_ORDER = (SYMLINK, NOT_A_FILE, UNREADABLE, ESCAPES, MISSING, NOT_IN_IMAGES)


@dataclass(frozen=True)
class Resolved:
    """The file a typed value names (``rel``), or why it is refused."""

    rel: str | None = None     # posix path from content/, as spelled on disk
    code: str = OK
    reason: str = ""           # Vietnamese: what is wrong (without the value)
    hint: str = ""             # Vietnamese: what to do

    @property
    def ok(self) -> bool:
        return self.rel is not None


def _refuse(code: str, reason: str, hint: str = HINT_WHERE) -> Resolved:
    return Resolved(None, code, reason, hint)


def shown(value: str, length: int = 80) -> str:
    """``value`` safe to print in a message: control characters made visible, long values cut."""
    out = "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch
                  for ch in str(value))
    return out if len(out) <= length else out[: length - 1] + "…"


def extension(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.strip(".") else ""


def type_problem(rel: str, kind: str) -> Resolved | None:
    """Why the file type of ``rel`` is not allowed for ``kind`` (None if it is)."""
    ext = extension(rel)
    allowed = EXTENSIONS[kind]
    if ext in allowed:
        return None
    if ext in SVG_TYPES:
        return _refuse(SVG, "ảnh SVG không được dùng (tệp SVG có thể chứa mã chạy trên trang của người đọc)",
                       HINT_EXPORT)
    if ext in HEIC_TYPES:
        return _refuse(HEIC, "ảnh HEIC không hiển thị được trên nhiều trình duyệt", HINT_HEIC)
    what = f"loại tệp «.{ext}»" if ext else "tệp không có phần đuôi (.jpg, .png…)"
    hint = "chỉ dùng tệp " + ", ".join(allowed)
    if kind == IMAGE:
        hint += "; " + HINT_EXPORT
    elif kind == VIDEO:
        hint += ", hoặc địa chỉ YouTube đầy đủ (https://www.youtube.com/watch?v=...)"
    return _refuse(WRONG_TYPE, f"{what} không dùng được làm {NOUNS[kind]}", hint)


def lexical_problem(value: str) -> Resolved | None:
    """Refusals that depend only on the characters typed."""
    if not value:
        return _refuse(EMPTY, "đường dẫn trống")
    bad = sorted({f"U+{ord(ch):04X}" for ch in value if unicodedata.category(ch) in ("Cc", "Cf", "Cs")})
    if bad:
        return _refuse(CONTROL, f"đường dẫn có ký tự điều khiển hoặc ký tự vô hình ({', '.join(bad[:5])})",
                       "gõ lại đường dẫn bằng tay (ký tự ẩn thường theo vào khi dán)")
    if len(value) > MAX_PATH_CHARS or any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in value.split("/")):
        return _refuse(TOO_LONG, "đường dẫn hoặc tên tệp quá dài",
                       "đổi tên tệp cho ngắn (dưới 100 ký tự, không dấu, nối bằng gạch ngang)")
    if "\\" in value:
        return _refuse(BACKSLASH, "đường dẫn dùng dấu «\\» (kiểu Windows)",
                       "dùng dấu «/» giữa các thư mục, ví dụ images/2025/01/anh.jpg")
    if _DRIVE.match(value) or value.startswith("//") or _SCHEME.match(value):
        return _refuse(ELSEWHERE, "đường dẫn trỏ tới ổ đĩa, máy tính hoặc trang web khác, không phải tệp trong content/",
                       "chép tệp vào content/images/năm/tháng/ và ghi đường dẫn tính từ content/, "
                       "ví dụ images/2025/01/anh.jpg")
    if _ENCODED.search(value):
        return _refuse(ENCODED, "đường dẫn có ký tự mã hoá kiểu «%2e», «%20»",
                       "ghi tên tệp đúng như trên máy (dấu cách là dấu cách), không mã hoá")
    return None


def normalise(value: str, base: str = "") -> Resolved:
    """The path from content/ that ``value`` names (``rel``, not checked on disk), or a refusal.

    A leading ``/`` means content/; otherwise the value is read from ``base``
    (a posix folder under content/, ``""`` for content/ itself).
    """
    refused = lexical_problem(value)
    if refused:
        return refused
    if value.startswith("/"):
        joined = value.lstrip("/")
    else:
        joined = posixpath.join(base.strip("/"), value) if base.strip("/") else value
    rel = posixpath.normpath(joined) if joined else "."
    if rel == ".." or rel.startswith("../") or rel.startswith("/"):
        return _refuse(ESCAPES, "đường dẫn đi ra ngoài thư mục content/",
                       "chỉ dùng tệp nằm trong content/: chép tệp vào đó và ghi đường dẫn tính từ content/, "
                       "ví dụ images/2025/01/anh.jpg")
    if rel in (".", ""):
        return _refuse(NOT_A_FILE, "đường dẫn không chỉ tới tệp nào")
    return Resolved(rel)


def file_problem(content_dir: Path | str, rel: str) -> Resolved | None:
    """``lstat`` every component of ``rel`` from ``content_dir`` down: None if
    ``rel`` is a regular file reached without any symlink, else the refusal."""
    current = os.fspath(content_dir)
    parts = rel.split("/")
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            info = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return _refuse(MISSING, "không tìm thấy tệp trong content/")
        except OSError as exc:
            return _refuse(UNREADABLE, f"không đọc được tệp ({exc.strerror or exc})",
                           "kiểm tra tên tệp và quyền đọc tệp")
        if stat.S_ISLNK(info.st_mode):
            where = "/".join(parts[: index + 1])
            what = "tệp" if index == len(parts) - 1 else "thư mục"
            return _refuse(SYMLINK, f"{what} «{where}» là liên kết tượng trưng (symlink), không phải tệp thật",
                           "xoá liên kết, chép tệp thật vào content/images/ rồi ghi đường dẫn tới tệp đó")
        last = index == len(parts) - 1
        if not last and not stat.S_ISDIR(info.st_mode):
            return _refuse(MISSING, "không tìm thấy tệp trong content/")
        if last and not stat.S_ISREG(info.st_mode):
            return _refuse(NOT_A_FILE, "đây là thư mục hoặc tệp đặc biệt, không phải tệp thường",
                           "ghi đường dẫn tới đúng một tệp, ví dụ images/2025/01/anh.jpg")
    return None


def resolve(value: str, kind: str, content_dir: Path | str, *, base: str = "",
            images_dir: str = IMAGES_DIR) -> Resolved:
    """The file under ``content_dir`` that an editor's ``value`` names for a
    field of ``kind`` (:data:`IMAGE`, :data:`VIDEO`, :data:`ATTACHMENT`).

    ``value`` is a path, not a URL (callers decode URLs first). The NFC and
    NFD spellings of the name are both tried (files copied from macOS).
    """
    if kind not in EXTENSIONS:
        raise ValueError(f"unknown kind {kind!r}")
    value = (value or "").strip()
    found = normalise(value, base)
    if not found.ok:
        return found
    rel = found.rel
    refused = type_problem(rel, kind)
    if refused:
        return refused
    images = images_dir.strip("/")
    if (kind == IMAGE or extension(rel) in IMAGE_TYPES) and not rel.startswith(images + "/"):
        return _refuse(NOT_IN_IMAGES, f"ảnh phải nằm trong thư mục content/{images}/",
                       f"chuyển ảnh vào content/{images}/năm/tháng/ và ghi đường dẫn {images}/năm/tháng/tên-ảnh.jpg")
    first = None
    for form in dict.fromkeys((rel, unicodedata.normalize("NFC", rel), unicodedata.normalize("NFD", rel))):
        problem = file_problem(content_dir, form)
        if problem is None:
            return Resolved(form)
        if first is None or (problem.code != MISSING and first.code == MISSING):
            first = problem
    return first


def pick(failures: list[Resolved]) -> Resolved:
    """The most useful refusal among several readings of one value (see :data:`LOCATION_ORDER`)."""
    def rank(r: Resolved) -> int:
        return LOCATION_ORDER.index(r.code) if r.code in LOCATION_ORDER else -1
    return min(failures, key=rank)


@dataclass(frozen=True)
class TreeEntry:
    """One entry found under a folder of content/ (``rel`` from content/)."""

    rel: str
    kind: str          # "file" (regular), "symlink" (file or folder; never followed), "special"


def walk(content_dir: Path | str, folder: str) -> Iterator[TreeEntry]:
    """Every entry under ``content_dir/folder`` without following any symlink,
    in sorted order; names starting with ``.`` are skipped. A symlinked folder
    is reported once and not entered; so is a symlinked ``folder`` itself."""
    content_dir = os.fspath(content_dir)
    folder = folder.strip("/")
    top = os.path.join(content_dir, folder)
    problem = file_problem(content_dir, folder)
    if problem is not None and problem.code == SYMLINK:
        yield TreeEntry(folder, "symlink")
        return
    if not os.path.isdir(top) or os.path.islink(top):
        return
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        reldir = os.path.relpath(dirpath, content_dir).replace(os.sep, "/")
        keep = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                yield TreeEntry(f"{reldir}/{name}", "symlink")
            else:
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            try:
                mode = os.lstat(os.path.join(dirpath, name)).st_mode
            except OSError:
                continue
            kind = "symlink" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "special"
            yield TreeEntry(f"{reldir}/{name}", kind)


def output_files(root: Path | str) -> Iterator[tuple[str, os.DirEntry]]:
    """``(name, entry)`` of every regular file under a folder, a built tree or
    content/articles (``name`` relative, ``/``-separated), symlinks neither
    followed nor yielded. From
    ``os.scandir``: whether an entry is a file or a link comes with the
    folder listing, so the tens of thousands of files a build writes cost
    no system call each (a caller that wants a size asks ``entry.stat``)."""
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                yield f"{prefix}{entry.name}", entry


# --- Writes: every file the build writes or deletes stays inside its roots ----------------

class UnsafeWriteError(PortalError):
    """The build was about to write or delete a file outside the folders it may touch
    (a :class:`~portal.problems.PortalError`: reported as a message, never a traceback)."""

    def __init__(self, target, roots, action: str = "ghi"):
        self.target = str(target)
        self.roots = [str(r) for r in roots]
        super().__init__(
            f"Bản dựng định {action} «{self.target}», nằm ngoài thư mục được phép "
            f"({', '.join(self.roots)}); đã dừng lại, không tệp nào bị ghi hay xoá. "
            "Kiểm tra đường dẫn ảnh/video trong bài, «Slug», và các cài đặt OUTPUT_PATH, "
            "IMAGES_CACHE_DIR, *_SAVE_AS (không dùng «..» hay đường dẫn tuyệt đối)."
        )


class UnsafeSourceError(PortalError):
    """The build was about to publish a file that is a symlink or not a regular file."""

    def __init__(self, source):
        self.source = str(source)
        super().__init__(
            f"Bản dựng định chép «{self.source}» lên trang nhưng đó là liên kết tượng trưng (symlink) "
            "hoặc không phải tệp thường; đã dừng lại, không chép gì. Xoá liên kết, chép tệp thật vào "
            "content/images/ rồi chạy «invoke check»."
        )


# --- The key a source file is known by -------------------------------------

_REAL_FOLDERS: dict[str, Path] = {}


def forget_folders() -> None:
    """Drop what ``source_key`` remembers (at the start of every run: a folder
    may have become a symlink since)."""
    _REAL_FOLDERS.clear()


def resolve_folder(folder: str, memo: dict[str, Path]) -> Path:
    """``Path(folder).resolve()``, from the parent's answer remembered in
    ``memo`` when the last component is a plain name and not a symlink (one
    ``lstat`` per new folder instead of one per component)."""
    found = memo.get(folder)
    if found is None:
        parent, name = os.path.split(folder)
        if not os.path.isabs(folder) or not name or name in (".", "..") or parent == folder \
                or os.path.islink(folder):
            found = Path(folder).resolve()
        else:
            found = resolve_folder(parent, memo) / name
        memo[folder] = found
    return found


def source_key(path: Path | str) -> str:
    """``str(Path(path).resolve())``, each folder resolved once per run (a
    build looks its 10,000 articles up by this key in several places; a full
    ``resolve`` reads every component of every path each time)."""
    path = os.path.abspath(os.fspath(path))
    if os.path.islink(path):
        return str(Path(path).resolve())
    folder, name = os.path.split(path)
    return str(resolve_folder(folder, _REAL_FOLDERS) / name)


def inside(base: Path | str, target: Path | str) -> bool:
    """True when ``target`` (resolved, symlinks followed) is ``base`` or below it."""
    base_path = Path(base).resolve()
    target_path = Path(target).resolve()
    return target_path == base_path or base_path in target_path.parents


def guard_write(target: Path | str, *roots: Path | str, action: str = "ghi") -> Path:
    """``target`` if it lies strictly inside one of ``roots``; else raise :class:`UnsafeWriteError`.

    A target that is itself a symlink is refused too: writing through it
    would land wherever it points.
    """
    target = Path(target)
    if not os.path.islink(target):
        for root in roots:
            if root and inside(root, target) and Path(target).resolve() != Path(root).resolve():
                return target
    raise UnsafeWriteError(target, [r for r in roots if r], action)


class WriteGuard:
    """``guard_write`` for many files under one ``root`` in a row: each folder
    is resolved once (a build writes thousands of files into a few hundred
    folders), the file itself is still checked for being a symlink."""

    def __init__(self, root: Path | str, action: str = "ghi"):
        self.root = Path(root)
        self._base = self.root.resolve()
        self._folders: dict[str, bool] = {}
        self._resolved: dict[str, Path] = {}
        self.action = action

    def __call__(self, target: Path | str) -> Path:
        target = Path(target)
        folder = os.path.dirname(os.fspath(target))
        inside_root = self._folders.get(folder)
        if inside_root is None:
            inside_root = self._folders[folder] = self._inside(folder)
        if inside_root and not os.path.islink(target):  # its folder is root or below: strictly inside
            return target
        raise UnsafeWriteError(target, [self.root], self.action)

    def _inside(self, folder: str) -> bool:
        """Is ``folder`` the root or below it? A plain name (not a symlink)
        in a folder known to be so is so too: one ``lstat`` for each new
        folder (every article's page has its own), nothing resolved."""
        parent, name = os.path.split(folder)
        if self._folders.get(parent) and os.path.isabs(folder) and name and name not in (".", "..") \
                and parent != folder and not os.path.islink(folder):
            return True
        resolved = str(resolve_folder(folder, self._resolved))
        base = str(self._base)
        return resolved == base or resolved.startswith(base if base.endswith(os.sep) else base + os.sep)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Hard-link ``source`` at ``target`` (an unchanged file shared, no bytes
    copied); copy it where links are not possible (another file system)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
