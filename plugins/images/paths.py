"""Where images come from (paths editors write) and where they go (output names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlparse

from portal import paths as editor_paths
from portal.text import slugify

_PLACEHOLDER = re.compile(r"^(\{(static|attach|filename)\}|\|(static|attach|filename)\|)")
_SAFE = re.compile(r"^[A-Za-z0-9._/-]+$")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Resolved:
    """What an address in an article points to.

    kind: ``local`` (``rel`` is a regular file under content/ that the field
    may use), ``missing`` (a local path with no such file; ``rel`` is the best
    guess), ``refused`` (a local path the rules of :mod:`portal.paths` refuse:
    ``reason``/``hint`` say why), ``external`` (another host), ``data`` (a
    data: URI), ``empty``.
    """

    kind: str
    rel: str | None = None
    reason: str = ""
    hint: str = ""


def resolve_src(src: str, article_dir: str, content_dir: Path, siteurl: str = "",
                kind: str = editor_paths.IMAGE, images_dir: str = editor_paths.IMAGES_DIR) -> Resolved:
    """Map an ``<img src>``/Markdown address to a file under ``content_dir``.

    Accepts ``{static}/images/a.jpg``, ``/images/a.jpg``, ``images/a.jpg``
    (from content/), paths relative to the article's folder, and this site's
    own absolute URL. The file itself is found by :func:`portal.paths.resolve`
    (the one rule for every path editors type): inside content/, no symlink,
    a type the field ``kind`` allows, images under content/images/.
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
    if parsed.scheme and not _DRIVE.match(src):
        return Resolved("external", src)
    if parsed.netloc:
        return Resolved("external", src)
    path = unquote(parsed.path) if not _DRIVE.match(src) else src
    if not path:
        return Resolved("empty")
    bases = [""] if path.startswith("/") else [article_dir, ""]
    failures = []
    for folder in dict.fromkeys(bases):
        found = editor_paths.resolve(path, kind, content_dir, base=folder, images_dir=images_dir)
        if found.ok:
            return Resolved("local", found.rel)
        failures.append(found)
    why = editor_paths.pick(failures)
    if why.code == editor_paths.MISSING:
        return Resolved("missing", editor_paths.normalise(path).rel, why.reason, why.hint)
    return Resolved("refused", None, why.reason, why.hint)


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
