"""Skip a build when nothing it is made from changed since the last one.

Reads: the content folder, the theme, the project's code, the installed
libraries, the settings and the clock (``portal.snapshot``), and the record
``UPTODATE_RECORD_DIR`` (default ``.cache/uptodate`` beside ``content/``) of
the last successful build into the same output folder. Writes: that record,
after each successful build. When the inputs equal the record's and the live
output is exactly the tree that build left, the run logs that nothing
changed and leaves the output alone (like ``make``); otherwise Pelican's run
goes ahead unchanged. Signals: ``initialized`` (wraps ``Pelican.run``, so
``pelican --autoreload`` checks before each rebuild too).
"""

from pelican import signals

from .handlers import collect_articles, wrap_run


def register():
    signals.initialized.connect(wrap_run)
    signals.article_generator_finalized.connect(collect_articles)
