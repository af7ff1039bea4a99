"""Royalties: the nhuận bút report (``nhuan-but/``), from the federation's rate table.

Reads: ``content/data/nhuan-but.yml`` (``portal.data.royalties``), the
published articles' ``facts`` (type, authors, unit, Source, the optional
``Grade`` header, photos in the body and the featured image).
Writes: noindex pages ``nhuan-but/`` (build year, else the latest with works)
and ``nhuan-but/<year>/``, ``nhuan-but/<year>.csv`` and ``nhuan-but/<year>.xlsx``;
the ``Grade`` check of ``invoke check`` and the build (``royalties.checks``).
Signals: ``initialized`` (settings), ``generator_init`` (``url_for``),
``get_generators`` (``RoyaltyGenerator``), ``finalized`` (from 2,000 published
articles on, the CSV and XLSX files are written by a forked child while the
build goes on; joined here, before the scan and the swap).
"""

from pelican import signals

from .handlers import add_generator, add_url_helpers, configure, finish_files


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_url_helpers)
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(finish_files)
