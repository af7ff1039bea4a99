"""Images for readers on phones and slow connections.

Reads: every file under ``content/images/`` (and any image an article uses
elsewhere under content/), each article's ``Image``, ``Image_alt``,
``Image_caption``, ``Video``, ``Type`` and <img> tags; the cache
``IMAGES_CACHE_DIR`` (default ``.cache/images`` beside content/).
Writes: stripped (no EXIF/GPS), orientation-corrected images — at the
original path, responsive WebP + JPEG variants ``name-<w>w.webp|jpg``,
list thumbnails ``name-thumb-<w>w.*``, 1200×630 share images under
``images/og/``; on articles ``featured``, ``thumb`` (``Picture``),
``og_image`` (dict url/width/height/alt), ``player`` (``VideoPlayer``),
``images``; article bodies rewritten to <picture> (photo stories as a
captioned gallery); context ``site_og_image``, ``image_for(rel)``,
``image_url(rel)``. Prints the run summary ``Ảnh: đã xử lý N, dùng lại M`` (like Pelican's own ``Done:`` line).
Signals: ``initialized`` (settings), ``portal.run_started`` (the files under
content/images start processing while the articles are validated),
``get_generators`` (per-run state,
``ImagesGenerator``), ``article_generator_finalized`` (process + enrich),
``page_generator_finalized`` (pages' <img>), ``static_generator_finalized``
(no raw original is ever copied), ``finalized`` (the share cards drawn in
the background while the build went on are waited for and published).
Checks for ``invoke check``: ``images.checks:check_images``.
"""

from blinker import signal
from pelican import signals

from portal.runstart import RUN_SIGNAL

from .handlers import (finish_cards, init_settings, keep_originals_private, process_articles, process_pages,
                       start_run, start_sources)


def register():
    signals.initialized.connect(init_settings)
    signal(RUN_SIGNAL).connect(start_sources)  # before validation: the files under content/images
    signals.get_generators.connect(start_run)
    signals.article_generator_finalized.connect(process_articles)
    signals.page_generator_finalized.connect(process_pages)
    signals.static_generator_finalized.connect(keep_originals_private)
    signals.finalized.connect(finish_cards)
