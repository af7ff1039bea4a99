"""Pre-compressed copies of the text files for nginx's ``gzip_static`` and
``brotli_static``.

Reads: every text file the build wrote (HTML, CSS, JS, XML feeds, JSON, CSV,
SVG, TXT). Writes: ``<file>.gz`` beside each one at least
``PRECOMPRESS_MIN_BYTES`` long, at the highest level and with a fixed
timestamp (two builds give the same bytes), and ``<file>.br`` (brotli at
``PRECOMPRESS_BROTLI_QUALITY``; None turns it off). Pages (the suffixes of
``PRECOMPRESS_BROTLI_ONLY``) get the ``.br`` copy alone while brotli is on:
nginx gzips them on the fly for the rare client without brotli. Off unless
``PRECOMPRESS_ENABLED`` (``publishconf.py`` turns it on; development builds
skip it). Signals: ``initialized`` (defaults), ``portal.page_rendered`` (each page
compressed from its bytes in memory as the render plugin writes it),
``finalized`` (the rest of the output: after the private-data scan of
``safety``, before ``atomic_output`` swaps the build in).
"""

from blinker import signal
from pelican import signals

from portal.patch import PATCH_SIGNAL
from portal.rendered import PAGE_SIGNAL

from .handlers import compress_output, compress_page, compress_patch, merge_settings


def register():
    signals.initialized.connect(merge_settings)
    signals.finalized.connect(compress_output)
    signal(PATCH_SIGNAL).connect(compress_patch)
    signal(PAGE_SIGNAL).connect(compress_page)
