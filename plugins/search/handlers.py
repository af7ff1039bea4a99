"""Signal handlers of the search plugin."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from portal.settings import merge_all
from pelican.generators import Generator

from .indexer import build_index, carry_over_bundle
from portal.urls import template_globals
from portal.timing import timed


logger = logging.getLogger(__name__)


def apply_defaults(pelican) -> None:
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template
    (``portal.urls``; every plugin that owns URL settings installs the same functions)."""
    generator.env.globals.update(template_globals(generator.settings))


class SearchPageGenerator(Generator):
    """Writes the search page (``tim-kiem/``)."""

    def generate_output(self, writer) -> None:
        if not self.settings["SEARCH_ENABLED"]:
            return
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["SEARCH_URL"],
            template_name="search", noindex=True,  # seo writes the robots meta and leaves it out of the sitemap
        )


def get_generators(pelican):
    return SearchPageGenerator


@timed("search")
def index_site(pelican) -> None:
    """``finalized``: build the Pagefind index inside the finished (staged) output."""
    settings = pelican.settings
    if not settings["SEARCH_ENABLED"]:
        return
    live = getattr(pelican, "_final_output_path", None)  # atomic_output's: the site being replaced
    if live and Path(live).resolve() != Path(pelican.output_path).resolve():
        carried = carry_over_bundle(Path(live), Path(pelican.output_path), settings["SEARCH_BUNDLE_DIR"],
                                    settings.get("_RENDER_RENDERED"))
        if carried is not None:
            # made from the same pages as the live bundle: the private-data scan
            # passed them when they went live (see plugins/safety)
            settings["_CARRIED_OVER"] = settings.get("_CARRIED_OVER", frozenset()) | frozenset(carried)
            logger.info("Tìm kiếm: không trang nào được lập chỉ mục thay đổi, dùng lại chỉ mục Pagefind")
            return
    summary = build_index(Path(pelican.output_path), settings["SEARCH_LANGUAGE"], settings["SEARCH_BUNDLE_DIR"])
    pages = re.search(r"Indexed (\d+) pages?", summary)
    logger.info("Tìm kiếm: Pagefind đã lập chỉ mục %s trang", pages.group(1) if pages else "?")
