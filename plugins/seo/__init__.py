"""SEO and discovery: head metadata, sitemap.xml, robots.txt, related articles.

Reads: the template context of every page, ``settings['PORTAL']`` (publisher
name), on articles ``og_image`` (images plugin, optional), ``campaign_refs``
(campaigns plugin, optional), ``unit_ref`` (contract).
Writes: Jinja global ``seo_meta()`` (used by ``partials/seo_head.html``:
canonical, description, Open Graph, Twitter card, JSON-LD NewsArticle and
BreadcrumbList, ``og:updated_time``), ``share_links(url, title)``, filter
``lead``; on articles ``related_articles``, ``prev_article`` (older),
``next_article`` (newer); context ``latest_articles``, ``featured_articles``;
``sitemap.xml`` and ``robots.txt`` in the output.
Signals: ``initialized`` (settings), ``generator_init`` (Jinja helpers),
``article_generator_finalized`` (discovery lists), ``finalized`` (sitemap,
robots; runs before ``atomic_output`` swaps the folder in).
"""

from pelican import signals

from .handlers import add_template_helpers, configure, enrich_articles, write_sitemap


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_helpers)
    signals.article_generator_finalized.connect(enrich_articles)
    signals.finalized.connect(write_sitemap)
