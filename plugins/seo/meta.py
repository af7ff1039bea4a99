"""What the ``<head>`` of one page says about it: canonical URL, description,
Open Graph, Twitter card, JSON-LD and breadcrumbs.

``describe(ctx, settings)`` reads a template context (a mapping) and returns a
``PageMeta``. It knows Pelican's context names (``article``, ``page``,
``category``, ``tag``, ``author``, ``period``, ``articles_page``,
``output_file``) and ours (``unit``, ``campaign``, ``site_og_image``), and honours explicit
overrides any generator may pass to ``writer.write_file``: ``seo_title``,
``seo_description``, ``breadcrumbs`` (``[(name, url relative to SITEURL), ...]``
without the home page), ``lastmod`` (datetime), ``noindex`` (bool).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from portal.dates import iso
from portal.urls import SiteUrls

from . import jsonld
from .text import collapse, first_paragraph, split_lead, strip_tags, truncate

HOME = "Trang chủ"


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    image: dict | None = None
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    lastmod: dt.datetime | None = None
    noindex: bool = False
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (name, absolute url)
    jsonld: list[str] = field(default_factory=list)  # serialised, safe for <script>
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def lastmod_iso(self) -> str:
        return iso(self.lastmod) if self.lastmod else ""


def absolute(siteurl: str, path: str) -> str:
    """``path`` relative to the site root → absolute URL (absolute URLs kept)."""
    if not path:
        return siteurl.rstrip("/") + "/"
    if path.startswith(("http://", "https://", "//")):
        return path
    return siteurl.rstrip("/") + "/" + path.lstrip("/")


def url_of_output(output_file: str) -> str:
    """``a/b/index.html`` → ``a/b/``; ``index.html`` → ``""``; ``404.html`` stays."""
    output_file = (output_file or "").replace("\\", "/")
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def lead(content, length: int | None = None) -> str:
    """Plain-text lead of an article or page: its ``Summary`` if given, else the first paragraph.

    Plain ``str`` (entities decoded once, by the parser): templates escape it
    on output, so quoted markup such as ``<script>`` in inline code stays text.
    """
    metadata = getattr(content, "metadata", {}) or {}
    summary = metadata.get("summary")
    if summary:
        text = strip_tags(str(summary))
    else:
        text = first_paragraph(getattr(content, "content", "") or "")
    return truncate(text, length) if length else text


def sapo(content) -> tuple[str, str]:
    """``(sapo HTML, body HTML)`` of an article or page: the bold lead shown
    once under the headline. With a ``Summary`` the sapo is the Summary and the
    body is whole; without one the sapo is the first paragraph and the body
    goes on after it. Both are (already sanitised) HTML strings for the
    ``sanitized_inline`` / ``sanitized`` filters."""
    body = str(getattr(content, "content", "") or "")
    metadata = getattr(content, "metadata", {}) or {}
    summary = str(metadata.get("summary") or "").strip()
    if summary:
        inner = summary[3:-4].strip() if summary.startswith("<p>") and summary.endswith("</p>") else summary
        return inner, body
    return split_lead(body)


def plain_title(value) -> str:
    """A title as the editor typed it: plain text (never parsed as HTML), spaces collapsed."""
    return collapse(str(value or ""))


def newest_date(articles) -> dt.datetime | None:
    dates = [a.date for a in articles or () if getattr(a, "date", None)]
    return max(dates) if dates else None


class NewestDates:
    """``newest_date`` of each list, once per list object: every page of a
    paginated list (834 pages of the home list at 10,000 articles) asks about
    the same whole list. Lists do not change while pages are rendered; the
    memo keeps each list alive, so an ``id`` is never reused."""

    def __init__(self):
        self._memo: dict[int, tuple[object, dt.datetime | None]] = {}

    def __call__(self, articles) -> dt.datetime | None:
        if articles is None:
            return None
        found = self._memo.get(id(articles))
        if found is None:
            found = self._memo[id(articles)] = (articles, newest_date(articles))
        return found[1]


def share_links(templates: list[dict], url: str, title: str) -> list[dict]:
    """Fill the share URL templates (``{url}``, ``{title}``) with encoded values."""
    encoded_url, encoded_title = quote(url, safe=""), quote(title, safe="")
    return [
        {**link, "href": link["url"].format(url=encoded_url, title=encoded_title)}
        for link in templates
    ]


def _name(obj) -> str:
    return str(getattr(obj, "name", obj))


def _list_page(ctx, settings) -> tuple[str, str, list[tuple[str, str]]]:
    """Title, description and breadcrumbs (relative URLs) of a non-article page.

    Every URL comes from the page objects or from ``portal.urls`` (the owners'
    settings); a crumb whose page this build does not write is left out.
    """
    site = settings.get("SITENAME", "")
    urls = SiteUrls(settings)
    if ctx.get("category") is not None:
        name = _name(ctx["category"])
        return (f"Chuyên mục {name}", f"Tin, bài chuyên mục «{name}» – {site}.",
                _crumbs(("Chuyên mục", urls.url("categories")), (name, ctx["category"].url)))
    if ctx.get("tag") is not None:
        name = _name(ctx["tag"])
        return (f"Thẻ «{name}»", f"Tin, bài gắn thẻ «{name}» – {site}.",
                _crumbs(("Thẻ", urls.url("tags")), (name, ctx["tag"].url)))
    if ctx.get("author") is not None:
        name = _name(ctx["author"])
        return (f"Tác giả {name}", f"Tin, bài của tác giả {name} – {site}.",
                _crumbs(("Tác giả", urls.url("authors")), (name, ctx["author"].url)))
    if ctx.get("unit") is not None:
        unit = ctx["unit"]
        crumbs = [("Đơn vị", urls.url("units"))]
        crumbs += [(u.label, urls.url("unit", id=u.id)) for u in ctx.get("unit_ancestors") or ()]
        crumbs.append((unit.name, urls.url("unit", id=unit.id)))
        return (unit.name, f"Tin, bài của {unit.name} và các đơn vị trực thuộc – {site}.", _crumbs(*crumbs))
    if ctx.get("campaign") is not None:
        campaign = ctx["campaign"]
        describe = getattr(campaign, "describe", None)
        return (_name(campaign), describe() if describe else _name(campaign),
                _crumbs(("Chiến dịch", urls.url("campaigns")),
                        (_name(campaign), urls.url("campaign", id=getattr(campaign, "id", "")))))
    if ctx.get("period") is not None:
        year = ctx["period"][0] if isinstance(ctx["period"], (tuple, list)) else ctx["period"]
        return (f"Lưu trữ năm {year}", f"Tất cả tin, bài đăng năm {year} – {site}.",
                _crumbs(("Lưu trữ", urls.url("archives")), (f"Năm {year}", url_of_output(ctx.get("output_file", "")))))
    template = direct_template(ctx.get("page_name", ""), settings)
    fixed = {
        "index": (site, settings.get("SITESUBTITLE", site), []),
        "archives": ("Lưu trữ", f"Mọi tin, bài theo năm – {site}.", _crumbs(("Lưu trữ", urls.url("archives")))),
        "categories": ("Chuyên mục", f"Các chuyên mục tin, bài – {site}.", _crumbs(("Chuyên mục", urls.url("categories")))),
        "tags": ("Thẻ chủ đề", f"Các thẻ chủ đề – {site}.", _crumbs(("Thẻ", urls.url("tags")))),
        "authors": ("Tác giả", f"Tác giả, cộng tác viên – {site}.", _crumbs(("Tác giả", urls.url("authors")))),
        "units": ("Đơn vị", f"Cây tổ chức Công đoàn và tin, bài của từng đơn vị – {site}.", _crumbs(("Đơn vị", urls.url("units")))),
        "404": ("Không tìm thấy trang", f"Trang bạn tìm không có – {site}.", []),
    }
    if template in fixed:
        return fixed[template]
    return (site, settings.get("SITESUBTITLE", site), [])


def _crumbs(*crumbs: tuple[str, str | None]) -> list[tuple[str, str]]:
    """Breadcrumbs without those whose page this build does not write (URL None)."""
    return [(name, url) for name, url in crumbs if url is not None]


def direct_template(page_name: str, settings: dict) -> str | None:
    """Which direct template wrote ``page_name`` (``luu-tru/index`` → ``archives``;
    the units plugin's tree, ``UNITS_INDEX_SAVE_AS`` without ``.html``, → ``units``)."""
    units = SiteUrls(settings).save_as("units")
    if units and page_name == units.rsplit(".", 1)[0]:
        return "units"
    for template in [*settings.get("DIRECT_TEMPLATES", ()), "index", "404"]:
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as and page_name == save_as.rsplit(".", 1)[0]:
            return template
    return None


def describe(ctx, settings: dict, portal=None, newest=newest_date) -> PageMeta:
    """Build the head metadata of the page rendered with template context ``ctx``
    (``newest``: how the newest date of a list is found, e.g. a ``NewestDates``)."""
    siteurl = settings.get("SITEURL", "")
    site = settings.get("SITENAME", "")
    length = settings.get("SEO_DESCRIPTION_LENGTH", 160)
    canonical = absolute(siteurl, url_of_output(ctx.get("output_file", "")))
    # The images plugin's generated site card when there is one, else the theme's.
    default_image = dict(ctx.get("site_og_image") or settings.get("SEO_DEFAULT_IMAGE") or {}) or None
    if default_image:
        default_image["url"] = absolute(siteurl, default_image["url"])
    home = (HOME, absolute(siteurl, ""))
    article = ctx.get("article")

    if article is not None:
        meta = _describe_article(article, ctx, settings, canonical, length, default_image, portal)
    elif ctx.get("page") is not None and hasattr(ctx["page"], "title"):
        page = ctx["page"]
        meta = PageMeta(
            title=plain_title(page.title), description=lead(page, length) or settings.get("SITESUBTITLE", ""),
            canonical=canonical, image=default_image,
            lastmod=getattr(page, "modified", None) or getattr(page, "date", None),
            breadcrumbs=[(plain_title(page.title), canonical)],
        )
        meta.noindex = getattr(page, "status", "published") == "hidden"
    else:
        title, description, crumbs = _list_page(ctx, settings)
        paginator = ctx.get("articles_paginator")
        listed = paginator.object_list if paginator is not None else ctx.get("articles")
        meta = PageMeta(
            title=title, description=truncate(description, length), canonical=canonical,
            image=default_image, lastmod=newest(listed),
            breadcrumbs=[(name, absolute(siteurl, url)) for name, url in crumbs],
        )
        meta.noindex = direct_template(ctx.get("page_name", ""), settings) == "404"
        campaign_image = _campaign_image(ctx, siteurl)
        if campaign_image:
            meta.image = campaign_image

    # Explicit overrides from any generator.
    if ctx.get("seo_title"):
        meta.title = str(ctx["seo_title"])
    if ctx.get("seo_description"):
        meta.description = truncate(str(ctx["seo_description"]), length)
    if ctx.get("breadcrumbs"):
        meta.breadcrumbs = [(name, absolute(siteurl, url)) for name, url in ctx["breadcrumbs"]]
    if ctx.get("lastmod"):
        meta.lastmod = ctx["lastmod"]
    if ctx.get("noindex"):
        meta.noindex = True
    # Page 2, 3… of a list get their own title.
    number = getattr(ctx.get("articles_page"), "number", 1) if article is None else 1
    if number > 1 and f"rang {number}" not in meta.title:
        meta.title = f"{meta.title} – Trang {number}"

    if meta.breadcrumbs:
        meta.breadcrumbs = [home, *meta.breadcrumbs]
        meta.breadcrumbs[-1] = (meta.breadcrumbs[-1][0], canonical)
        meta.jsonld.append(jsonld.dumps_for_html(jsonld.breadcrumb_list(meta.breadcrumbs)))
    if not meta.title:
        meta.title = site
    return meta


def _campaign_image(ctx, siteurl: str) -> dict | None:
    """A campaign page's own share image (``campaign_og_images`` of the images
    plugin: its banner cropped to 1200×630, or a card with its name)."""
    campaign = ctx.get("campaign")
    images = ctx.get("campaign_og_images") or {}
    image = images.get(getattr(campaign, "id", None)) if campaign is not None else None
    if not image:
        return None
    return {**image, "url": absolute(siteurl, image["url"])}


def _describe_article(article, ctx, settings, canonical, length, default_image, portal) -> PageMeta:
    siteurl = settings.get("SITEURL", "")
    title = plain_title(article.title)
    description = lead(article, length)
    image = getattr(article, "og_image", None)
    if image:
        image = dict(image)
        image["url"] = absolute(siteurl, image["url"])
    elif getattr(article, "image", None):
        image = {"url": absolute(siteurl, article.image), "alt": getattr(article, "image_alt", "") or title}
    else:
        image = default_image
    modified = getattr(article, "modified", None)
    authors = list(getattr(article, "authors", []) or [])
    category = getattr(article, "category", None)
    section = str(category) if category is not None else None
    unit = getattr(article, "unit_ref", None)
    meta = PageMeta(
        title=title, description=description, canonical=canonical, og_type="article", image=image,
        published=article.date, modified=modified, lastmod=modified or article.date,
        noindex=getattr(article, "status", "published") == "hidden",
        authors=[_name(a) for a in authors], section=section,
        tags=[_name(t) for t in getattr(article, "tags", []) or []],
    )
    if section:
        meta.breadcrumbs = [(section, absolute(siteurl, category.url))]
    elif unit is not None and SiteUrls(settings).url("unit", id=unit.id) is not None:
        meta.breadcrumbs = [(unit.label, absolute(siteurl, SiteUrls(settings).url("unit", id=unit.id)))]
    meta.breadcrumbs.append((title, canonical))
    publisher_name = settings.get("SEO_PUBLISHER_NAME") or getattr(getattr(portal, "identity", None), "name", "")
    if not publisher_name and portal is not None and portal.units.roots:
        publisher_name = portal.units.roots[0].name
    publisher = jsonld.organization(
        publisher_name or settings.get("SITENAME", ""), absolute(siteurl, ""),
        absolute(siteurl, settings["SEO_PUBLISHER_LOGO"]) if settings.get("SEO_PUBLISHER_LOGO") else None,
    )
    doc = jsonld.news_article(
        url=canonical, headline=title, description=description, published=article.date, modified=modified,
        authors=[{"name": _name(a), "url": absolute(siteurl, a.url)} for a in authors],
        publisher=publisher, images=[image["url"]] if image else [], section=section,
        based_on=getattr(article, "source_url", None),
    )
    meta.jsonld.append(jsonld.dumps_for_html(doc))
    return meta
