"""Signal handlers of the royalties plugin (thin: the rules live in portal.rules.royalties)."""

from __future__ import annotations

from portal.settings import merge_all
from portal.urls import template_globals

from .generator import PENDING, RoyaltyGenerator


def configure(pelican) -> None:
    """``initialized``: merge the ROYALTIES_* defaults."""
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template."""
    generator.env.globals.update(template_globals(generator.settings))


def add_generator(pelican):
    """``get_generators`` (a child a failed run left writing is forgotten)."""
    pelican.settings.pop(PENDING, None)
    return RoyaltyGenerator


def finish_files(pelican) -> None:
    """``finalized`` (before the scan and the swap): the CSV and XLSX files a
    forked child was writing are there; if it failed, they are written here
    (an error is then raised here, as it would have been without the child)."""
    pending = pelican.settings.pop(PENDING, None)
    if pending is not None:
        later, again = pending
        if later.result() is None:
            again()
