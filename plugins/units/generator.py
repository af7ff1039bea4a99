"""The generator that writes the unit tree (``UNITS_INDEX_*``) and one page per unit (``UNITS_UNIT_*``)."""

from __future__ import annotations

import logging

from pelican.generators import Generator
from portal.timing import timed

from .listing import build_listings
from .urls import index_save_as, index_url, unit_save_as, unit_url

logger = logging.getLogger(__name__)


class UnitsGenerator(Generator):
    """Runs after the ArticlesGenerator, so ``context['articles']`` is the published list."""

    def generate_context(self):
        portal = self.settings["PORTAL"]
        self.tree = portal.units
        self.listings = build_listings(self.tree, self.context.get("articles", []))
        # Shared with every template (e.g. the article byline, the author page).
        self.context["unit_listings"] = self.listings
        self.context["units_index_url"] = index_url(self.settings)

    @timed("unit pages")
    def generate_output(self, writer):
        settings = self.settings
        relative = settings["RELATIVE_URLS"]
        save_as = index_save_as(settings)
        writer.write_file(
            save_as, self.get_template("units"), self.context, relative,
            url=index_url(settings), page_name=save_as.rsplit(".", 1)[0], template_name="units",
            unit_roots=self.tree.roots, unit_listings=self.listings,
        )
        template = self.get_template("unit")
        for unit_id, listing in self.listings.items():
            unit = listing.unit
            writer.write_file(
                unit_save_as(unit_id, settings), template, self.context, relative,
                paginated={"articles": listing.articles, "dates": listing.articles},
                template_name="unit", url=unit_url(unit_id, settings),
                page_name=unit_save_as(unit_id, settings).rsplit(".", 1)[0],
                unit=unit, unit_listing=listing,
                unit_parent=self.tree.get(unit.parent) if unit.parent else None,
                unit_ancestors=list(reversed(self.tree.ancestors(unit_id))),
                unit_children=unit.children,
                articles=listing.articles, dates=listing.articles,
            )
        logger.info("units: wrote %d unit pages", len(self.listings) + 1)
