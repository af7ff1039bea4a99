"""Unit pages: the organisation tree and one archive per unit.

Reads: ``settings['PORTAL'].units`` (contract plugin) and the published
articles (``context['articles']``, each with ``unit_ref``).
Writes: ``don-vi/index.html`` (the tree, Vietnamese alphabetical order within
a level, article counts including sub-units) and ``don-vi/<id>/index.html``
(+ ``trang/N/``) listing the articles of the unit and all its descendants,
newest first. Templates ``units.html`` and ``unit.html``. Context for every
template: ``unit_listings`` (id → ``UnitListing``) and the Jinja global
``unit_url(id)``; other plugins import ``units.urls.unit_url``.
Signals: ``initialized`` (settings), ``generator_init`` (Jinja global),
``get_generators`` (``UnitsGenerator``).
"""

from pelican import signals

from .handlers import add_generator, add_template_helpers, configure


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_helpers)
    signals.get_generators.connect(add_generator)
