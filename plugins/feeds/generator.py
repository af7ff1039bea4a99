"""The generator that decides which feeds exist and writes the /theo-doi/ page."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from plugins.campaigns.urls import CampaignUrls
from plugins.units.urls import unit_url

from .articles import item_for, published
from .catalogue import Names, PageUrls, build_catalogue

logger = logging.getLogger(__name__)

CATALOGUE = "FEEDS_CATALOGUE"  # per-run state: in the shared context and in this run's settings


def page_urls(settings) -> PageUrls:
    campaigns = CampaignUrls(settings)
    return PageUrls(campaign=campaigns.url, edition=campaigns.url, unit=unit_url)


class FeedsGenerator(Generator):
    """Runs after the ArticlesGenerator, so ``context['articles']`` is the published list
    (with ``campaign_refs`` and ``unit_ref`` set). Puts the ``FEEDS_CATALOGUE`` in the
    shared context (every template: ``partials/feed_links.html``) and in the settings
    (the ``finalized`` handler writes the feed files from it)."""

    def generate_context(self) -> None:
        portal = self.settings["PORTAL"]
        articles = published(self.context.get("articles", []), portal.build_datetime)
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
        self.context["feeds_follow_url"] = self.settings["FEEDS_FOLLOW_URL"]

    def generate_output(self, writer) -> None:
        writer.write_file(
            self.settings["FEEDS_FOLLOW_SAVE_AS"], self.get_template("follow"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["FEEDS_FOLLOW_URL"],
            template_name="follow", page_name=self.settings["FEEDS_FOLLOW_URL"] + "index",
            feeds=self.catalogue,
        )
