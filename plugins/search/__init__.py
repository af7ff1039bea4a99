"""Full-text search with Pagefind.

Reads: the built HTML (only elements marked ``data-pagefind-body``; quota
pages carry none, so they are never indexed). Writes: ``tim-kiem/index.html``
(template ``search.html``) and the ``pagefind/`` bundle.
Signals: ``initialized`` (defaults), ``generator_init`` (``url_for``), ``get_generators`` (search page),
``finalized`` (run Pagefind; must come before ``atomic_output``).
"""

from pelican import signals

from .handlers import add_url_helpers, apply_defaults, get_generators, index_site


def register():
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_url_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
