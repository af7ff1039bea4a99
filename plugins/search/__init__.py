"""Full-text search with Pagefind.

Reads: the built HTML (only elements marked ``data-pagefind-body``; quota
pages carry none, so they are never indexed). Writes: ``tim-kiem/index.html``
(template ``search.html``) and the ``pagefind/`` bundle.
Signals: ``initialized`` (defaults), ``generator_init`` (``url_for``), ``get_generators`` (search page),
``portal.page_rendered`` (each indexed page's search twin, ``twins.py``, written
beside the output as it is rendered), ``portal.pages_written`` (the
Pagefind runs over the twins start in the background, beside the next
``finalized`` steps), ``finalized`` (waits for them; must come before the
private-data scan and ``atomic_output``), ``portal.patch`` (plugins/uptodate:
index again the shard of a patched page). At exit, Pagefind processes a
failed build left running are ended (``indexer.stop_running``).
"""

import atexit

from blinker import signal
from pelican import signals

from portal.patch import PATCH_SIGNAL
from portal.rendered import PAGE_SIGNAL, WRITTEN_SIGNAL

from .handlers import (add_url_helpers, apply_defaults, get_generators, index_site, patch_index, save_twin,
                       start_index)
from .indexer import stop_running


def register():
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_url_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
    signal(PATCH_SIGNAL).connect(patch_index)
    signal(PAGE_SIGNAL).connect(save_twin)
    signal(WRITTEN_SIGNAL).connect(start_index)
    atexit.unregister(stop_running)  # once, however often Pelican registers the plugin
    atexit.register(stop_running)
