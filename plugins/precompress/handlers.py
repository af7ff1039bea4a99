"""Signal handlers of the precompress plugin (thin: the work is in ``compress``)."""

from __future__ import annotations

import logging
from pathlib import Path

from portal.settings import merge_all
from portal.timing import timed

from .compress import precompress_tree


logger = logging.getLogger(__name__)


def merge_settings(pelican) -> None:
    merge_all(pelican.settings)


@timed("precompress")
def compress_output(pelican) -> None:
    settings = pelican.settings
    if not settings.get("PRECOMPRESS_ENABLED"):
        return
    files, size_in, size_out = precompress_tree(
        Path(pelican.output_path), {s.lower() for s in settings["PRECOMPRESS_SUFFIXES"]},
        int(settings["PRECOMPRESS_MIN_BYTES"]))
    if files:
        logger.info("Nén sẵn gzip: %d tệp, %.1f MB → %.1f MB", files, size_in / 1e6, size_out / 1e6)
