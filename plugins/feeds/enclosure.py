"""The media of an article as a feed enclosure (URL, byte length, MIME type).

A video file of the article's own (``article.player`` of kind ``file``: its
``url`` and ``mime``) is the enclosure; otherwise the featured image. Two
documented attributes, set by the images plugin on every article: ``player``
and
``article.featured`` is a ``Picture`` (or None) whose ``largest`` is the URL of
its largest JPEG variant (absolute under ``SITEURL``). Nothing else is
guessed: an article without ``featured`` has no enclosure. The length is
measured on the output file that URL points to, so run this after every
file is written; a file missing from the output gives no enclosure (and a
warning).
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote

from .render import Enclosure

logger = logging.getLogger(__name__)

JPEG = "image/jpeg"


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


def enclosure_for(article, *, siteurl: str, output_dir: Path) -> Enclosure | None:
    """The enclosure of the article's video file, else of ``article.featured``
    (its largest JPEG), or None if it has neither."""
    player = getattr(article, "player", None)
    if getattr(player, "kind", "") == "file" and getattr(player, "url", ""):
        file = file_for_url(player.url, siteurl, output_dir)
        if file is not None and file.is_file():
            return Enclosure(_absolute_url(player.url, siteurl), file.stat().st_size,
                             player.mime or mimetypes.guess_type(file.name)[0] or "video/mp4")
        logger.warning("Feeds: video %s of %s is not in the output; entry has no video enclosure",
                       player.url, article.source_path)
    featured = getattr(article, "featured", None)
    largest = getattr(featured, "largest", "") if featured is not None else ""
    if not largest:
        return None
    file = file_for_url(largest, siteurl, output_dir)
    if file is None or not file.is_file():
        logger.warning("Feeds: featured image %s of %s is not in the output; entry has no enclosure",
                       largest, article.source_path)
        return None
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return Enclosure(_absolute_url(largest, siteurl), file.stat().st_size, mime)
