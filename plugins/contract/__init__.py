"""The content contract (docs/content-contract.md).

Reads: ``content/data/*.yml`` and every ``content/articles/**/*.md``.
Writes: ``settings['PORTAL']`` (units, campaigns, quotas, roster, build date)
and, on each article, ``unit_ref``, ``type``, ``type_label``,
``is_republished``, ``is_scheduled``, ``is_counted``.
Signals: ``initialized`` (validate everything; raise ``ContractError`` with
every problem before any output is touched), ``get_generators`` (validate
again on every later run in the same process, e.g. livereload), ``article_generator_context``
(contract slug, canonical author names, future-dated → not yet published), ``article_generator_finalized`` (enrich,
and fail if Pelican dropped any article), ``page_generator_finalized``
(the same for pages). A failed build prints each problem once, without a
traceback (``reporting``).
"""

from pelican import signals

from . import reporting
from .handlers import check_pages_read, enrich_articles, prepare_metadata, revalidate_content, validate_content


def register():
    reporting.install()
    signals.initialized.connect(validate_content)
    signals.get_generators.connect(revalidate_content)
    signals.article_generator_context.connect(prepare_metadata)
    signals.article_generator_finalized.connect(enrich_articles)
    signals.page_generator_finalized.connect(check_pages_read)
