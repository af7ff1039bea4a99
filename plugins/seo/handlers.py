"""Signal handlers of the seo plugin (thin: logic lives in meta, discovery, sitemap)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from portal.identity import Identity
from portal.settings import merge_all
from portal.paths import guard_write

from . import discovery, sitemap
from .meta import NewestDates, absolute, describe, lead, sapo, share_links
from portal.urls import template_globals
from portal.timing import timed


logger = logging.getLogger(__name__)


HEADS = "_SEO_WRITTEN_HEADS"  # per run (not an SEO_ setting): output file -> sitemap.Head, recorded while rendering


def configure(pelican) -> None:
    """``initialized``: merge the defaults; start this run's record of page heads."""
    merge_all(pelican.settings)
    pelican.settings[HEADS] = {}


def _seo_meta(settings, newest, ctx):
    meta = describe(ctx, settings, settings.get("PORTAL"), newest)
    meta.jsonld = [Markup(doc) for doc in meta.jsonld]  # already escaped by dumps_for_html
    output_file = ctx.get("output_file")
    if output_file:  # what the sitemap needs, from the data the head is written from
        settings.setdefault(HEADS, {})[str(output_file).replace("\\", "/")] = sitemap.Head(
            meta.canonical, meta.noindex, meta.lastmod_iso)
    return meta


@pass_context
def _latest_position(ctx, article) -> int | None:
    """Where ``article`` is in ``latest_articles`` (``None``: not there): all
    that makes one page's latest-news widget differ from another's (the widget
    leaves out the article being read), the key of its shared fragment."""
    for index, other in enumerate(ctx.get("latest_articles") or ()):
        if other is article:
            return index
    return None


def _share_links(settings, url, title):
    return share_links(settings["SEO_SHARE_LINKS"], absolute(settings.get("SITEURL", ""), url), title)


def add_template_helpers(generator) -> None:
    """``generator_init``: ``seo_meta()`` (head data of the page being rendered),
    ``share_links(url, title)``, ``latest_position(article)``, the ``lead`` filter and the core's ``url_for`` /
    ``url_current`` in every template."""
    settings = generator.settings
    generator.env.globals.update(template_globals(settings))
    # a fresh memo of the newest date of each list, per run (every page of a list asks)
    generator.env.globals["seo_meta"] = pass_context(functools.partial(_seo_meta, settings, NewestDates()))
    generator.env.globals["share_links"] = functools.partial(_share_links, settings)
    generator.env.globals["latest_position"] = _latest_position
    # The federation's name, address, hotline… (content/data/identity.yml, portal.identity).
    portal = settings.get("PORTAL")
    generator.env.globals["identity"] = getattr(portal, "identity", None) or Identity()
    generator.env.filters["lead"] = lead
    generator.env.filters["sapo"] = sapo


@timed("related/neighbours")
def enrich_articles(generator) -> None:
    """``article_generator_finalized``: related articles, older/newer neighbours,
    and the site-wide ``latest_articles`` / ``featured_articles`` lists."""
    settings = generator.settings
    published = list(generator.articles)
    around = discovery.neighbours(published)
    default_category = settings.get("DEFAULT_CATEGORY")
    everyone = [*published, *generator.hidden_articles]
    related = discovery.related_map(everyone, published, settings["SEO_RELATED_COUNT"], default_category)
    for article in everyone:
        article.related_articles = related[id(article)]
        article.prev_article, article.next_article = around.get(id(article), (None, None))
    # One more than shown: an article's page leaves itself out (partials/aside_latest.html).
    generator.context["latest_articles"] = discovery.newest(published, settings["SEO_LATEST_COUNT"] + 1)
    generator.context["featured_articles"] = discovery.featured(published, settings["SEO_FEATURED_COUNT"])


@timed("sitemap")
def write_sitemap(pelican) -> None:
    """``finalized``: sitemap.xml and robots.txt from every HTML page written."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    siteurl = settings.get("SITEURL", "")
    if not siteurl.startswith(("http://", "https://")):
        logger.warning("SITEURL «%s» không phải địa chỉ tuyệt đối: sitemap.xml sẽ thiếu tên miền", siteurl)
    sitemap_url = None
    if settings["SEO_SITEMAP_SAVE_AS"]:
        entries = sitemap.collect(output, siteurl, settings["SEO_SITEMAP_EXCLUDE"], settings.get(HEADS, {}))
        target = guard_write(output / settings["SEO_SITEMAP_SAVE_AS"], output)
        target.write_text(sitemap.render_sitemap(entries), encoding="utf-8")
        sitemap_url = absolute(siteurl, settings["SEO_SITEMAP_SAVE_AS"])
        logger.info("seo: sitemap with %d pages", len(entries))
    if settings["SEO_ROBOTS_SAVE_AS"]:
        guard_write(output / settings["SEO_ROBOTS_SAVE_AS"], output).write_text(sitemap.render_robots(sitemap_url), encoding="utf-8")
