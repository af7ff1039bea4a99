"""The content contract (docs/content-contract.md), as a Pelican adapter over ``portal``.

Reads: ``content/data/*.yml``, every ``content/articles/**/*.md`` and page.
Writes: ``settings['PORTAL']`` (units, campaigns, quotas, roster, private
matchers, build date, ``records``: path → :class:`portal.article.ArticleFacts`)
and, on each article, ``facts`` (the one typed object plugins and templates
read) with the aliases ``unit_ref``, ``type``, ``type_label``,
``is_republished``, ``is_scheduled``, ``is_counted``.
Signals: ``initialized`` (merge every plugin's defaults), ``get_generators``
(at the start of every run, livereload's too: validate everything; raise
``ContractError`` with every problem before any output is touched), ``article_generator_context`` (slug, roster spelling of
authors, scheduling — from the facts the reader handed over; one slug rule
for tags, category and authors), ``page_generator_context`` (the same slug
rule for pages), ``article_generator_finalized`` (attach facts; fail if
Pelican dropped or read an article the validator did not see),
``page_generator_finalized`` (fail if Pelican dropped a page). A failed build
prints each problem once, without a traceback (``reporting``).
"""

from pelican import signals

from . import reporting
from .handlers import (check_pages_read, enrich_articles, merge_settings, prepare_metadata, prepare_page_metadata,
                       validate_content)


def register():
    reporting.install()
    signals.initialized.connect(merge_settings)
    signals.get_generators.connect(validate_content)
    signals.article_generator_context.connect(prepare_metadata)
    signals.page_generator_context.connect(prepare_page_metadata)
    signals.article_generator_finalized.connect(enrich_articles)
    signals.page_generator_finalized.connect(check_pages_read)
