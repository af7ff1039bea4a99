"""JSON-LD documents (schema.org) built from plain values, and safe serialisation.

Pure: callers pass strings, datetimes and dicts; nothing here knows Pelican.
"""

from __future__ import annotations

import json

from portal.dates import iso

SCHEMA = "https://schema.org"


def dumps_for_html(data) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``… so no ``</script>`` or ``<!--``
    can ever close or confuse the script element; the JSON value is unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def organization(name: str, url: str, logo_url: str | None = None) -> dict:
    org = {"@type": "Organization", "name": name, "url": url}
    if logo_url:
        org["logo"] = {"@type": "ImageObject", "url": logo_url}
    return org


def news_article(*, url: str, headline: str, description: str, published, modified=None,
                 authors: list[dict], publisher: dict, images: list[str], section: str | None = None,
                 based_on: str | None = None) -> dict:
    """A ``NewsArticle``. ``authors``: ``[{"name": ..., "url": ...}]``; dates are datetimes."""
    doc = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": headline,
        "description": description,
        "datePublished": iso(published),
        "dateModified": iso(modified or published),
        "author": [{"@type": "Person", **person} for person in authors],
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "vi",
    }
    if images:
        doc["image"] = images
    if section:
        doc["articleSection"] = section
    if based_on:
        doc["isBasedOn"] = based_on
    return doc


def breadcrumb_list(items: list[tuple[str, str]]) -> dict:
    """``[(name, absolute_url), ...]`` from the home page to the current page."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
