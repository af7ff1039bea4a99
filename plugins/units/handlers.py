"""Signal handlers of the units plugin (thin)."""

from __future__ import annotations

from portal.settings import merge_defaults

from .generator import UnitsGenerator
from .settings import DEFAULTS
from .urls import unit_url


def configure(pelican) -> None:
    """``initialized``: merge defaults; unit pages paginate like categories."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS, "UNITS_")
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], "unit": settings["UNITS_PER_PAGE"]}


def add_generator(pelican):
    """``get_generators``."""
    return UnitsGenerator


def add_template_helpers(generator) -> None:
    """``generator_init``: ``unit_url(id)`` in every template."""
    generator.env.globals["unit_url"] = unit_url
