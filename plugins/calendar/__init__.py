"""Calendar: the editorial calendar page (``lich-bien-tap/``) and its iCalendar feed.

Reads: ``PORTAL.campaigns`` (every edition), the build date, the key dates of
``portal.rules.editorial``. Writes: ``lich-bien-tap/`` (noindex) and
``lich-bien-tap.ics`` (``icalendar``; one all-day event per campaign edition
and per key date, stable UIDs). Signals: ``initialized`` (settings),
``generator_init`` (``url_for``), ``get_generators`` (``CalendarGenerator``).
"""

from pelican import signals

from .handlers import add_generator, add_url_helpers, configure


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_url_helpers)
    signals.get_generators.connect(add_generator)
