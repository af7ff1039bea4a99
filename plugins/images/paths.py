"""Where images come from (paths editors write) and where they go (output names)."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlparse

from vietnamese.text import slugify

_PLACEHOLDER = re.compile(r"^(\{(static|attach|filename)\}|\|(static|attach|filename)\|)")
_SAFE = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class Resolved:
    """What an image address in an article points to.

    kind: ``local`` (``rel`` exists under content/), ``missing`` (a local path
    that does not exist; ``rel`` is the best guess), ``external`` (another
    host), ``data`` (a data: URI), ``empty``.
    """

    kind: str
    rel: str | None = None


def resolve_src(src: str, article_dir: str, content_dir: Path, siteurl: str = "") -> Resolved:
    """Map an ``<img src>``/Markdown address to a file under ``content_dir``.

    Accepts ``{static}/images/a.jpg``, ``/images/a.jpg``, ``images/a.jpg``
    (from content/), paths relative to the article's folder, and this site's
    own absolute URL.
    """
    src = (src or "").strip()
    if not src:
        return Resolved("empty")
    base = (siteurl or "").rstrip("/")
    if base and src.startswith(base + "/"):
        src = src[len(base):]
    src = _PLACEHOLDER.sub("", src)
    if src.startswith("data:"):
        return Resolved("data")
    parsed = urlparse(src)
    if parsed.scheme or parsed.netloc:
        return Resolved("external", src)
    path = unquote(parsed.path)
    if not path:
        return Resolved("empty")
    if path.startswith("/"):
        candidates = [path.lstrip("/")]
    else:
        candidates = [posixpath.normpath(posixpath.join(article_dir, path)), posixpath.normpath(path)]
    for candidate in candidates:
        if candidate.startswith("..") or candidate in (".", ""):
            continue
        found = _existing(content_dir, candidate)
        if found:
            return Resolved("local", found)
    return Resolved("missing", candidates[-1] if not path.startswith("/") else candidates[0])


def _existing(content_dir: Path, rel: str) -> str | None:
    """``rel`` if the file exists, trying the NFC and NFD spellings of the name."""
    for form in (rel, unicodedata.normalize("NFC", rel), unicodedata.normalize("NFD", rel)):
        if (content_dir / form).is_file():
            return form
    return None


def output_rel(rel: str) -> str:
    """The output path of a processed file: the same path when it is plain
    ASCII (so links typed by hand keep working), otherwise each part slugified
    (``Ảnh hội nghị.JPG`` → ``anh-hoi-nghi.jpg``)."""
    rel = rel.replace("\\", "/")
    if _SAFE.match(rel):
        return rel
    parts = PurePosixPath(rel).parts
    out = [slugify(part) or "x" for part in parts[:-1]]
    name = PurePosixPath(parts[-1])
    out.append((slugify(name.stem) or "anh") + name.suffix.lower())
    return "/".join(out)


def stem(out_rel: str) -> str:
    path = PurePosixPath(out_rel)
    return str(path.with_suffix("")) if path.suffix else out_rel


def variant_rel(out_rel: str, width: int, ext: str) -> str:
    return f"{stem(out_rel)}-{width}w.{ext}"


def thumb_rel(out_rel: str, width: int, ext: str) -> str:
    return f"{stem(out_rel)}-thumb-{width}w.{ext}"


def url(siteurl: str, rel: str) -> str:
    return f"{(siteurl or '').rstrip('/')}/{quote(rel)}"
