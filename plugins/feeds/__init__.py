"""Feeds: RSS 2.0 and Atom with feedgen (Pelican's own FEED_* settings are off).

Reads: the published articles (``unit_ref`` from contract, ``campaign_refs``
from campaigns, ``featured`` from images), ``settings['PORTAL']``, the
``FEEDS_*`` settings (URL patterns, ``FEEDS_MAX_ENTRIES``).
Writes: ``feeds/…`` — site-wide, per campaign, per campaign edition, per
unit (with its descendants) and per category, each as ``.rss.xml`` and
``.atom.xml``; a feed with no entries is never written. The page
``theo-doi/`` (template ``follow.html``). ``FEEDS_CATALOGUE`` in the template
context, which ``partials/feed_links.html`` uses for ``<link rel="alternate">``.
Signals: ``initialized`` (defaults), ``generator_init`` (``url_for``), ``get_generators`` (plan the feeds,
write /theo-doi/), ``finalized`` (write and lint the feed files once every
other file exists; before ``atomic_output``).
"""

from pelican import signals

from .handlers import add_url_helpers, apply_defaults, get_generators, write_all


def register():
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_url_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_all)
