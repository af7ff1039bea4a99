"""The featured image of an article as a feed enclosure (URL, byte length, MIME type).

Prefers the largest JPEG variant the images plugin wrote
(``article.featured.largest``, a URL; or a list of ``variants``), else the
published copy of the ``Image`` file. The length is always measured on the
output file the enclosure URL points to, so run this after every file is
written; an image missing from the output gives no enclosure (and a warning).
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote

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


def file_for_url(url: str, siteurl: str, output_dir: Path) -> Path | None:
    """The output file behind a site URL (absolute under ``siteurl``, or site-relative)."""
    prefix = siteurl.rstrip("/") + "/"
    if url.startswith(prefix):
        rel = url[len(prefix):]
    elif "://" in url:
        return None
    else:
        rel = url.lstrip("/")
    return output_dir / unquote(rel.split("#")[0].split("?")[0])


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


def enclosure_for(article, *, siteurl: str, output_dir: Path) -> Enclosure | None:
    """The enclosure of ``article``'s featured image, or None if it has none."""
    featured = getattr(article, "featured", None)
    largest = _get(featured, "largest") if featured is not None else None
    if isinstance(largest, str):
        file = file_for_url(largest, siteurl, output_dir)
        if file is not None and file.is_file() and mimetypes.guess_type(file.name)[0] == JPEG:
            return Enclosure(_absolute_url(largest, siteurl), file.stat().st_size, JPEG)
    picked = best_jpeg(featured, output_dir)
    if picked is not None:
        variant, file = picked
        url = _get(variant, "url") or file.relative_to(output_dir).as_posix()
        return Enclosure(_absolute_url(str(url), siteurl), file.stat().st_size, JPEG)
    image = getattr(article, "image", None)
    if not image:
        return None
    rel = str(image).lstrip("/")
    file = output_dir / rel
    if file.is_file():
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return Enclosure(_absolute_url(rel, siteurl), file.stat().st_size, mime)
    logger.warning("Feeds: featured image %s of %s is not in the output; entry has no enclosure",
                   rel, article.source_path)
    return None
