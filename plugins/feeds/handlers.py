"""Signal handlers of the feeds plugin (thin: logic lives in the modules beside it)."""

from __future__ import annotations

from pathlib import Path

from portal.settings import merge_all

from .generator import CATALOGUE, FeedsGenerator

from .writing import lint_written, write_feeds
from portal.urls import template_globals
from portal.timing import timed


def apply_defaults(pelican) -> None:
    """``initialized``: fill in the ``FEEDS_*`` defaults."""
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template
    (``portal.urls``; every plugin that owns URL settings installs the same functions)."""
    generator.env.globals.update(template_globals(generator.settings))


def get_generators(pelican):
    """``get_generators``: the generator that plans the feeds and writes /theo-doi/."""
    return FeedsGenerator


@timed("feeds")
def write_all(pelican) -> None:
    """``finalized``: every other file is written (images, static copies), so enclosure
    lengths are measured on the real files. Runs before ``atomic_output`` swaps the build in."""
    settings = pelican.settings
    catalogue = settings.pop(CATALOGUE, None)
    if catalogue is None:
        return
    output_dir = Path(pelican.output_path)
    write_feeds(catalogue, settings, settings["PORTAL"], output_dir)
    if settings["FEEDS_LINT"]:
        lint_written(catalogue, settings, settings["PORTAL"], output_dir)
