"""Signal handlers of the units plugin (thin)."""

from __future__ import annotations

import functools

from portal.urls import template_globals
from portal.settings import merge_all

from .generator import UnitsGenerator

from .urls import unit_url


def configure(pelican) -> None:
    """``initialized``: merge defaults; unit pages paginate like categories."""
    settings = pelican.settings
    merge_all(settings)
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], "unit": settings["UNITS_PER_PAGE"]}


def add_generator(pelican):
    """``get_generators``."""
    return UnitsGenerator


def add_template_helpers(generator) -> None:
    """``generator_init``: ``unit_url(id)`` (``UNITS_UNIT_URL`` of this run) in every
    template, with the core's ``url_for`` / ``url_current``."""
    settings = generator.settings
    generator.env.globals.update(template_globals(settings))
    generator.env.globals["unit_url"] = functools.partial(unit_url, settings=settings)
