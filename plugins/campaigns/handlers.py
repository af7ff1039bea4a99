"""Signal handlers of the campaigns plugin (thin: logic lives in model/listing/stats)."""

from __future__ import annotations

import logging

from portal.settings import merge_all

from .generator import CampaignsGenerator
from .settings import TEMPLATE
from .urls import CampaignUrls
from portal.urls import template_globals

logger = logging.getLogger(__name__)


def init_settings(pelican) -> None:
    """``initialized``: merge defaults; paginate the landing pages like the other lists."""
    settings = pelican.settings
    merge_all(settings)
    paginated = dict(settings.get("PAGINATED_TEMPLATES") or {})
    paginated.setdefault(TEMPLATE, settings["CAMPAIGNS_PAGINATION"])
    settings["PAGINATED_TEMPLATES"] = paginated


def add_filters(generator) -> None:
    """``generator_init``: the filter ``campaign_url`` (a Campaign or an Edition)
    and the core's ``url_for`` / ``url_current`` for every template."""
    if "CAMPAIGNS_CAMPAIGN_URL" not in generator.settings:
        return
    urls = CampaignUrls(generator.settings)
    generator.env.filters["campaign_url"] = urls.url
    generator.env.globals.update(template_globals(generator.settings))


def attach_campaigns(generator) -> None:
    """``article_generator_finalized``: ``article.campaign_refs`` on every article:
    the ``(Campaign, Edition or None)`` pairs of its facts (matched once, by
    the validator)."""
    everything = [*generator.articles, *generator.translations, *generator.drafts,
                  *generator.drafts_translations, *generator.hidden_articles, *generator.hidden_translations]
    for article in everything:
        article.campaign_refs = list(article.facts.campaigns)


def get_generators(pelican):
    """``get_generators``: the generator writing /chien-dich/ and the landing pages."""
    return CampaignsGenerator


__all__ = ["init_settings", "add_filters", "attach_campaigns", "get_generators"]
