"""The generator that decides which feeds exist and writes the /theo-doi/ page."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from portal.urls import SiteUrls
from portal.timing import timed

from .articles import item_for, published
from .catalogue import Names, PageUrls, build_catalogue

logger = logging.getLogger(__name__)

CATALOGUE = "FEEDS_CATALOGUE"  # per-run state: in the shared context and in this run's settings


def page_urls(settings) -> PageUrls:
    """The page each feed stands for, from the owners' URL settings through ``portal.urls``
    (the home page when the owning plugin is not enabled)."""
    urls = SiteUrls(settings)
    return PageUrls(
        campaign=lambda campaign: urls.url("campaign", id=campaign.id) or "",
        edition=lambda edition: urls.url("edition", id=edition.campaign_id, year=edition.year) or "",
        unit=lambda unit_id: urls.url("unit", id=unit_id) or "",
    )


class FeedsGenerator(Generator):
    """Runs after the ArticlesGenerator, so ``context['articles']`` is the published list
    (with ``campaign_refs`` and ``unit_ref`` set). Puts the ``FEEDS_CATALOGUE`` in the
    shared context (every template: ``partials/feed_links.html``) and in the settings
    (the ``finalized`` handler writes the feed files from it)."""

    def generate_context(self) -> None:
        portal = self.settings["PORTAL"]
        articles = published(self.context.get("articles", []))
        categories = {}
        for category, _ in self.context.get("categories", []):
            categories[category.slug] = (category.name, category.url)
        catalogue = build_catalogue(
            [item_for(a, portal) for a in articles],
            portal=portal, categories=categories, patterns=self.settings,
            pages=page_urls(self.settings),
            names=Names(self.settings["SITENAME"], self.settings.get("SITESUBTITLE", "")),
            limit=int(self.settings["FEEDS_MAX_ENTRIES"]),
        )
        self.catalogue = catalogue
        self.context[CATALOGUE] = catalogue
        self.settings[CATALOGUE] = catalogue
        self.context["feeds_follow_url"] = SiteUrls(self.settings).url("follow")

    @timed("feeds")
    def generate_output(self, writer) -> None:
        urls = SiteUrls(self.settings)
        save_as = urls.save_as("follow")
        writer.write_file(
            save_as, self.get_template("follow"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=urls.url("follow"),
            template_name="follow", page_name=save_as.rsplit(".", 1)[0],
            feeds=self.catalogue,
        )
