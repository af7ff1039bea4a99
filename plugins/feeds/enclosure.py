"""The featured image of an article as a feed enclosure (URL, byte length, MIME type).

Prefers the largest JPEG variant the images plugin wrote (``article.featured``),
else the original ``Image`` file. The length is always measured on the file
the enclosure URL points to, so run this after every file is written.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from .render import Enclosure

logger = logging.getLogger(__name__)

JPEG = "image/jpeg"


def _get(obj, *names):
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return None


def _absolute_url(url: str, siteurl: str) -> str:
    if "://" in url:
        return url
    return f"{siteurl}/{url.lstrip('/')}"


def variants_of(featured) -> list:
    """The processed variants of a featured image, whatever container holds them."""
    if featured is None:
        return []
    if isinstance(featured, (list, tuple)):
        return list(featured)
    found = _get(featured, "variants", "jpeg", "sources")
    if isinstance(found, dict):
        return list(found.values())
    return list(found or [])


def variant_file(variant, output_dir: Path) -> Path | None:
    """The file a variant points to (absolute, or relative to the output folder)."""
    raw = _get(variant, "path", "output_path", "file", "save_as")
    if raw is None:
        url = _get(variant, "url")
        if url is None or "://" in str(url):
            return None
        raw = str(url).lstrip("/")
    path = Path(raw)
    return path if path.is_absolute() else output_dir / path


def best_jpeg(featured, output_dir: Path):
    """(variant, file) of the widest JPEG variant that exists in the output, or None."""
    best = None
    for variant in variants_of(featured):
        file = variant_file(variant, output_dir)
        if file is None or not file.is_file():
            continue
        mime = _get(variant, "mime", "mime_type", "type") or mimetypes.guess_type(file.name)[0]
        if str(_get(variant, "format") or "").lower() in ("jpeg", "jpg"):
            mime = JPEG
        if mime != JPEG:
            continue
        width = _get(variant, "width") or 0
        rank = (int(width), file.stat().st_size)
        if best is None or rank > best[0]:
            best = (rank, variant, file)
    return (best[1], best[2]) if best else None


def enclosure_for(article, *, siteurl: str, output_dir: Path, content_dir: Path) -> Enclosure | None:
    """The enclosure of ``article``'s featured image, or None if it has none."""
    picked = best_jpeg(getattr(article, "featured", None), output_dir)
    if picked is not None:
        variant, file = picked
        url = _get(variant, "url") or file.relative_to(output_dir).as_posix()
        return Enclosure(_absolute_url(str(url), siteurl), file.stat().st_size, JPEG)
    image = getattr(article, "image", None)
    if not image:
        return None
    rel = str(image).lstrip("/")
    for file in (output_dir / rel, content_dir / rel):
        if file.is_file():
            mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return Enclosure(_absolute_url(rel, siteurl), file.stat().st_size, mime)
    logger.warning("Feeds: featured image %s of %s not found; entry has no enclosure", rel, article.source_path)
    return None
