"""Unit pages: the organisation tree and one archive per unit.

Reads: ``settings['PORTAL'].units`` (contract plugin) and the published
articles (``context['articles']``, each with ``unit_ref``).
Writes: the tree at ``UNITS_INDEX_SAVE_AS`` (default ``don-vi/``; Vietnamese
alphabetical order within a level, article counts including sub-units) and
one page per unit at ``UNITS_UNIT_SAVE_AS`` (default ``don-vi/<id>/``, +
``trang/N/``) listing the articles of the unit and all its descendants,
newest first. Templates ``units.html`` and ``unit.html``. Context for every
template: ``unit_listings`` (id → ``UnitListing``), the Jinja global
``unit_url(id)`` and the core's ``url_for("units" | "unit", id=...)``; other
plugins ask ``portal.urls`` for these URLs, never this package.
Signals: ``initialized`` (settings), ``generator_init`` (Jinja globals),
``get_generators`` (``UnitsGenerator``).
"""

from pelican import signals

from .handlers import add_generator, add_template_helpers, configure


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_helpers)
    signals.get_generators.connect(add_generator)
