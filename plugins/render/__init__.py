"""Page rendering: deferred, parallel over the CPU cores, incremental.

Reads: every page Pelican's generators (and ours) ask the writer for; the
live output and ``RENDER_CACHE_DIR/pages.pickle`` (what the last build wrote,
with the digest of what each page was rendered from). Writes: the pages, at
``finalized`` before any other plugin's ``finalized`` handler (register it
right after ``timings``): pages whose digest is unchanged are hard-linked from
the live output, the others are rendered in ``RENDER_WORKERS`` forked
processes; a rendered page whose bytes equal the live file is hard-linked
from it too. Sets ``settings["_RENDER_REUSED"]`` (output names carried over
unchanged), ``settings["_RENDER_RENDERED"]`` (output names rendered this
run, but for those equal to the live ones when the set of pages is the
live build's) and starts ``settings["_CARRIED_OVER"]`` (every file
hard-linked unchanged from the live build; other plugins add theirs) for
plugins that may skip work on what did not change. The page record is
written aside and becomes the live build's record on ``portal.output_swapped``
(plugins/atomic_output): a build that fails later leaves the last one's;
records of output folders that are gone are removed then. Adds the Jinja global ``fragment``
(``fragments.py``: a block every page of a run shares, rendered once per
process), and gives the lists of Pelican's tag, category and author pages an
O(1) ``in`` and its period archives a linear build (``membership.py``).
Signals: ``initialized``, ``get_generators``, ``generator_init``,
``article_generator_preread`` and ``article_generator_finalized`` (what was
read is frozen out of the garbage collector's passes: ``portal.allocator``),
``article_generator_pretaxonomy``, ``get_writer``, ``finalized`` (then
sends ``portal.pages_written``: every page is in the output folder),
``portal.output_swapped``.
"""

from blinker import signal
from pelican import signals

from portal.rendered import SWAPPED_SIGNAL

from .handlers import (add_fragment_global, announce_pages, commit_pages, flush_pages, freeze_what_was_read,
                       freeze_while_reading, init_settings, new_fragments, provide_writer)
from .membership import index_terms, linear_period_archives


def register():
    signals.initialized.connect(init_settings)
    signals.get_generators.connect(new_fragments)
    signals.generator_init.connect(add_fragment_global)
    signals.article_generator_pretaxonomy.connect(linear_period_archives)
    signals.article_generator_preread.connect(freeze_while_reading)
    signals.article_generator_finalized.connect(freeze_what_was_read)
    signals.article_generator_finalized.connect(index_terms)
    signals.get_writer.connect(provide_writer)
    signals.finalized.connect(flush_pages)
    signals.finalized.connect(announce_pages)  # portal.pages_written, right after the pages
    signal(SWAPPED_SIGNAL).connect(commit_pages)  # the page record, once the build went live
