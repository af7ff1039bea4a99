"""Signal handlers of the precompress plugin (thin: the work is in ``compress``)."""

from __future__ import annotations

import logging
from pathlib import Path

from portal.settings import merge_all
from portal.timing import timed

from .compress import brotli_bytes, gzip_bytes, precompress_tree


logger = logging.getLogger(__name__)


def merge_settings(pelican) -> None:
    merge_all(pelican.settings)


@timed("precompress")
def compress_output(pelican) -> None:
    settings = pelican.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return
    quality = settings.get("PRECOMPRESS_BROTLI_QUALITY")
    output = Path(pelican.output_path)
    live = getattr(pelican, "_final_output_path", None)  # atomic_output's: the build being replaced
    live = Path(live) if live and Path(live).resolve() != output.resolve() else None
    files, size_in, size_gz, size_br = precompress_tree(
        output, {s.lower() for s in settings["PRECOMPRESS_SUFFIXES"]},
        int(settings["PRECOMPRESS_MIN_BYTES"]), None if quality is None else int(quality), live)
    if files:
        logger.info("Nén sẵn: %d tệp, %.1f MB → gzip %.1f MB%s", files, size_in / 1e6, size_gz / 1e6,
                    f", brotli {size_br / 1e6:.1f} MB" if quality is not None else "")


def compress_patch(patch) -> None:
    """``portal.patch`` (plugins/uptodate): ``.gz``/``.br`` of the patched
    files (a stale copy goes when the new one would not be smaller) and folders."""
    settings = patch.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return
    quality = settings.get("PRECOMPRESS_BROTLI_QUALITY")
    suffixes = {s.lower() for s in settings["PRECOMPRESS_SUFFIXES"]}
    least = int(settings["PRECOMPRESS_MIN_BYTES"])
    for name, data in list(patch.files.items()):
        if Path(name).suffix.lower() not in suffixes or len(data) < least:
            continue
        copies = {".gz": gzip_bytes(data)}
        if quality is not None:
            copies[".br"] = brotli_bytes(data, int(quality))
        for suffix, packed in copies.items():
            if len(packed) < len(data):
                patch.files[name + suffix] = packed
            else:
                patch.removed.append(name + suffix)
    for folder in patch.folders.values():
        precompress_tree(folder, suffixes, least, None if quality is None else int(quality), None)
