"""Vietnamese language support.

Reads: Markdown sources. Writes: ``.cache/markdown.sqlite3`` beside
``content/`` (bodies already converted, by digest of body, options and code;
saved at ``finalized``).
Signals: ``readers_init`` (NFC Markdown reader), ``article_generator_init``
and ``article_generator_finalized`` (a forked helper converts bodies while
Pelican reads, ``ahead.py``), ``generator_init`` (Jinja
filters ``vn_date``, ``vn_datetime``, ``vn_long_date``, ``vn_month``,
``iso_date``, ``vn_number``, ``vn_sorted``, ``vn_slugify``).
"""

from pelican import signals

from .handlers import add_filters, convert_ahead, end_helper, save_memo, use_nfc_reader


def register():
    signals.readers_init.connect(use_nfc_reader)
    signals.article_generator_init.connect(convert_ahead)
    signals.article_generator_finalized.connect(end_helper)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(save_memo)
