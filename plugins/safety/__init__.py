"""Content is untrusted input: sanitised HTML, private data kept private.

Reads: article bodies, ``Summary`` and ``Image_caption`` (through templates),
the roster's private values (``PORTAL.roster``), every text file written.
Writes: Jinja filters ``sanitized`` (block HTML through the nh3 allowlist of
``portal.safety``, the only way content HTML is marked safe) and
``sanitized_inline`` (captions); fails the build if a private roster value
(phone, e-mail, Facebook) appears in any output file.
Signals: ``generator_init`` (filters), ``portal.page_rendered`` (each page
scanned in memory as the render plugin writes it), ``finalized`` (the rest of
the output, before ``atomic_output`` swaps the build in).
"""

from blinker import signal
from pelican import signals

from portal.patch import PATCH_SIGNAL
from portal.rendered import PAGE_SIGNAL

from .handlers import add_filters, scan_output, scan_page, scan_patch


def register():
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(scan_output)
    signal(PATCH_SIGNAL).connect(scan_patch)
    signal(PAGE_SIGNAL).connect(scan_page)
