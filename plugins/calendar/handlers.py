"""Signal handlers of the calendar plugin (thin: the entries come from portal.rules.editorial)."""

from __future__ import annotations

from portal.settings import merge_all
from portal.urls import template_globals

from .generator import CalendarGenerator


def configure(pelican) -> None:
    """``initialized``: merge the CALENDAR_* defaults."""
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template."""
    generator.env.globals.update(template_globals(generator.settings))


def add_generator(pelican):
    """``get_generators``."""
    return CalendarGenerator
