"""Signal handlers of the precompress plugin (thin: the work is in ``compress``)."""

from __future__ import annotations

import logging
from pathlib import Path

from portal.settings import merge_all
from portal.timing import timed

from portal.rendered import LIVE_KEY, RenderedPage, notes_for

from .compress import brotli_bytes, carry_over, compress_file, copy_suffixes, gzip_bytes, precompress_tree


logger = logging.getLogger(__name__)


def merge_settings(pelican) -> None:
    merge_all(pelican.settings)


NOTE = "precompress"  # this plugin's key in the render plugin's page notes


def _suffixes(value) -> frozenset[str]:
    """A suffix list setting as lower-case suffixes (one string is one suffix, not its letters)."""
    return frozenset(s.lower() for s in ([value] if isinstance(value, str) else value or ()))


def _options(settings: dict) -> tuple[frozenset[str], int, int | None, frozenset[str]]:
    quality = settings.get("PRECOMPRESS_BROTLI_QUALITY")
    return (_suffixes(settings["PRECOMPRESS_SUFFIXES"]), int(settings["PRECOMPRESS_MIN_BYTES"]),
            None if quality is None else int(quality), _suffixes(settings["PRECOMPRESS_BROTLI_ONLY"]))


def compress_page(page: RenderedPage):
    """``portal.page_rendered``: the copies of a page as it is written (in the
    render worker, from the bytes in memory); ``compress_output`` skips it."""
    settings = page.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return None
    suffixes, least, quality, brotli_only = _options(settings)
    if page.path.suffix.lower() not in suffixes or len(page.data) < least:
        return None
    wanted = copy_suffixes(page.path.name, quality, brotli_only)
    live = settings.get(LIVE_KEY)
    if page.live_equal and live and carry_over(page.path, page.root, Path(live), wanted) is not None:
        return NOTE, (0, 0, 0, 0)  # the live file itself: its copies linked, nothing compressed
    return NOTE, compress_file(page.path, page.data, page.root, quality, page.guard, wanted)


@timed("precompress")
def compress_output(pelican) -> None:
    settings = pelican.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return
    suffixes, least, quality, brotli_only = _options(settings)
    output = Path(pelican.output_path)
    live = getattr(pelican, "_final_output_path", None)  # atomic_output's: the build being replaced
    live = Path(live) if live and Path(live).resolve() != output.resolve() else None
    done = notes_for(settings, NOTE)  # pages compressed as they were rendered
    totals = precompress_tree(output, suffixes, least, quality, live, skip=done.keys(), brotli_only=brotli_only)
    files, size_in, size_gz, size_br = (sum(t[i] for t in [totals, *done.values()]) for i in range(4))
    if files:
        logger.info("Nén sẵn: %d tệp, %.1f MB → gzip %.1f MB%s", files, size_in / 1e6, size_gz / 1e6,
                    f", brotli {size_br / 1e6:.1f} MB (chỉ brotli: {', '.join(sorted(brotli_only))})"
                    if quality is not None else "")


def compress_patch(patch) -> None:
    """``portal.patch`` (plugins/uptodate): ``.gz``/``.br`` of the patched
    files (a stale copy goes when the new one would not be smaller) and folders."""
    settings = patch.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return
    suffixes, least, quality, brotli_only = _options(settings)
    for name, data in list(patch.files.items()):
        if Path(name).suffix.lower() not in suffixes or len(data) < least:
            continue
        wanted = copy_suffixes(name, quality, brotli_only)
        copies = {".gz": gzip_bytes(data)} if ".gz" in wanted else {}
        if ".br" in wanted:
            copies[".br"] = brotli_bytes(data, quality)
        for suffix, packed in copies.items():
            if len(packed) < len(data):
                patch.files[name + suffix] = packed
            else:
                patch.removed.append(name + suffix)
    for folder in patch.folders.values():
        precompress_tree(folder, suffixes, least, quality, None, brotli_only=brotli_only)
