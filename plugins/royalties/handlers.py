"""Signal handlers of the royalties plugin (thin: the rules live in portal.rules.royalties)."""

from __future__ import annotations

from portal.settings import merge_all
from portal.urls import template_globals

from .generator import RoyaltyGenerator


def configure(pelican) -> None:
    """``initialized``: merge the ROYALTIES_* defaults."""
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template."""
    generator.env.globals.update(template_globals(generator.settings))


def add_generator(pelican):
    """``get_generators``."""
    return RoyaltyGenerator
