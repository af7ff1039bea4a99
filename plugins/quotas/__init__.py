"""Quotas: the board's contributor-count pages (``chi-tieu/``).

Reads: ``settings['PORTAL']`` (units, quotas.yml targets, the roster's public
fields, build date), the published articles with ``is_counted`` / ``unit_ref``
/ ``type`` from the contract plugin, and the validator's campaign editions.
Writes: ``chi-tieu/`` (current year), ``chi-tieu/<year>/``,
``chi-tieu/<year>/<unit-id>/`` (noindex), ``chi-tieu/<year>.csv``
(UTF-8 with BOM) and ``chi-tieu/<year>.xlsx`` (the board's spreadsheet); ``quota_authors`` in the template context for author pages;
the roster-name warnings of ``invoke check`` (``quotas.checks``).
Signals: ``initialized`` (settings), ``generator_init`` (``url_for``), ``article_generator_finalized``
(author-page data), ``get_generators`` (``QuotaGenerator``).
"""

from pelican import signals

from .handlers import add_generator, add_url_helpers, attach_author_quotas, configure


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_url_helpers)
    signals.article_generator_finalized.connect(attach_author_quotas)
    signals.get_generators.connect(add_generator)
