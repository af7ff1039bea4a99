"""URLs come from settings: every concern's *_URL / *_SAVE_AS and Pelican's own.

One small site is built once (module fixture) with EVERY URL setting moved
away from its default; then every HTML page of the output is crawled: each
internal link (href, src, srcset, <link>, og:url/og:image) must name a file
of the output (a folder means its index.html), and no link or output file may
use a default path prefix (``chien-dich/``, ``don-vi/``, ``the/``…). Plus unit
tests of ``portal.urls`` on plain dicts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, SITEURL, make_content, read_html, run_pelican

# A handful of sample articles: campaigns (two in one), units, a photo story,
# a video, a republished article, a hidden one, a scheduled one, three years.
ARTICLES = [
    "2024/01/lai-chau-phat-dong-chuong-trinh-tet-sum-vay-xuan-chia-se-nam-2024.md",
    "2024/08/anh-mua-che-thu-tren-doi-tam-duong.md",
    "2024/11/cong-doan-ca-nuoc-som-len-ke-hoach-cham-lo-tet-at-ty-cho-nguoi-lao-dong.md",
    "2025/01/cho-tet-cong-doan-tinh-nam-2025-thu-hut-hang-nghin-doan-vien.md",
    "2025/01/video-cho-tet-cong-doan-2025.md",
    "2025/05/cong-nhan-che-tam-duong-doi-thoai-voi-lanh-dao-doanh-nghiep.md",
    "2025/08/lich-giao-ban-cong-tac-vien-quy-iii-nam-2025.md",
    "2026/01/lai-chau-trien-khai-chuong-trinh-tet-sum-vay-xuan-chia-se-nam-2026.md",
    "2026/12/ke-hoach-cham-lo-tet-dinh-mui-2027-cho-doan-vien-nguoi-lao-dong.md",
]

# Every URL setting, away from its default (all ASCII, all different folders).
MOVED = {
    # Pelican's own pages
    "ARTICLE_URL": "news/{date:%Y}/{date:%m}/{slug}/",
    "ARTICLE_SAVE_AS": "news/{date:%Y}/{date:%m}/{slug}/index.html",
    "PAGE_URL": "pages/{slug}/",
    "PAGE_SAVE_AS": "pages/{slug}/index.html",
    "CATEGORY_URL": "sections/{slug}/",
    "CATEGORY_SAVE_AS": "sections/{slug}/index.html",
    "CATEGORIES_URL": "sections/",
    "CATEGORIES_SAVE_AS": "sections/index.html",
    "TAG_URL": "tags/{slug}/",
    "TAG_SAVE_AS": "tags/{slug}/index.html",
    "TAGS_URL": "tags/",
    "TAGS_SAVE_AS": "tags/index.html",
    "AUTHOR_URL": "writers/{slug}/",
    "AUTHOR_SAVE_AS": "writers/{slug}/index.html",
    "AUTHORS_URL": "writers/",
    "AUTHORS_SAVE_AS": "writers/index.html",
    "ARCHIVES_URL": "archive/",
    "ARCHIVES_SAVE_AS": "archive/index.html",
    "YEAR_ARCHIVE_URL": "archive/{date:%Y}/",
    "YEAR_ARCHIVE_SAVE_AS": "archive/{date:%Y}/index.html",
    "PAGINATION_PATTERNS": [[1, "{url}", "{save_as}"],
                            [2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"]],
    # plugins/campaigns
    "CAMPAIGNS_INDEX_URL": "campaigns/",
    "CAMPAIGNS_INDEX_SAVE_AS": "campaigns/index.html",
    "CAMPAIGNS_CAMPAIGN_URL": "campaigns/{id}/",
    "CAMPAIGNS_CAMPAIGN_SAVE_AS": "campaigns/{id}/index.html",
    "CAMPAIGNS_EDITION_URL": "campaigns/{id}/{year}/",
    "CAMPAIGNS_EDITION_SAVE_AS": "campaigns/{id}/{year}/index.html",
    # plugins/units
    "UNITS_INDEX_URL": "units/",
    "UNITS_INDEX_SAVE_AS": "units/index.html",
    "UNITS_UNIT_URL": "units/{id}/",
    "UNITS_UNIT_SAVE_AS": "units/{id}/index.html",
    # plugins/quotas
    "QUOTAS_URL": "quotas/",
    "QUOTAS_SAVE_AS": "quotas/index.html",
    "QUOTAS_YEAR_URL": "quotas/{year}/",
    "QUOTAS_YEAR_SAVE_AS": "quotas/{year}/index.html",
    "QUOTAS_UNIT_URL": "quotas/{year}/{unit}/",
    "QUOTAS_UNIT_SAVE_AS": "quotas/{year}/{unit}/index.html",
    "QUOTAS_CSV_URL": "quotas/{year}.csv",
    "QUOTAS_CSV_SAVE_AS": "quotas/{year}.csv",
    "QUOTAS_XLSX_URL": "quotas/{year}.xlsx",
    "QUOTAS_XLSX_SAVE_AS": "quotas/{year}.xlsx",
    # plugins/royalties, plugins/calendar
    "ROYALTIES_URL": "royalties/", "ROYALTIES_SAVE_AS": "royalties/index.html",
    "ROYALTIES_YEAR_URL": "royalties/{year}/", "ROYALTIES_YEAR_SAVE_AS": "royalties/{year}/index.html",
    "ROYALTIES_CSV_URL": "royalties/{year}.csv", "ROYALTIES_CSV_SAVE_AS": "royalties/{year}.csv",
    "ROYALTIES_XLSX_URL": "royalties/{year}.xlsx", "ROYALTIES_XLSX_SAVE_AS": "royalties/{year}.xlsx",
    "CALENDAR_URL": "calendar/", "CALENDAR_SAVE_AS": "calendar/index.html",
    "CALENDAR_ICS_URL": "calendar.ics", "CALENDAR_ICS_SAVE_AS": "calendar.ics",
    # plugins/feeds
    "FEEDS_SITE_RSS": "rss/all.rss.xml",
    "FEEDS_SITE_ATOM": "rss/all.atom.xml",
    "FEEDS_CAMPAIGN_RSS": "rss/campaign/{id}.rss.xml",
    "FEEDS_CAMPAIGN_ATOM": "rss/campaign/{id}.atom.xml",
    "FEEDS_EDITION_RSS": "rss/campaign/{id}/{year}.rss.xml",
    "FEEDS_EDITION_ATOM": "rss/campaign/{id}/{year}.atom.xml",
    "FEEDS_UNIT_RSS": "rss/unit/{id}.rss.xml",
    "FEEDS_UNIT_ATOM": "rss/unit/{id}.atom.xml",
    "FEEDS_CATEGORY_RSS": "rss/section/{slug}.rss.xml",
    "FEEDS_CATEGORY_ATOM": "rss/section/{slug}.atom.xml",
    "FEEDS_FOLLOW_URL": "subscribe/",
    "FEEDS_FOLLOW_SAVE_AS": "subscribe/index.html",
    # plugins/search
    "SEARCH_URL": "search/",
    "SEARCH_SAVE_AS": "search/index.html",
    # Small pages, so every paginated list has a page 2.
    "PAGINATED_TEMPLATES": {"index": 2, "category": 2, "tag": 2, "author": 2, "year_archive": None},
    "CAMPAIGNS_PAGINATION": 2,
    "UNITS_PER_PAGE": 2,
}

# Path segments the default settings use; none may appear in a link or an output path.
DEFAULT_SEGMENTS = {"tin-tuc", "chien-dich", "don-vi", "chi-tieu", "theo-doi", "tim-kiem", "luu-tru", "nhuan-but",
                    "the", "tac-gia", "chuyen-muc", "feeds", "trang"}
# Default first segments (the about page keeps its slug inside PAGE_URL: pages/gioi-thieu/).
DEFAULT_FIRST = DEFAULT_SEGMENTS | {"gioi-thieu"}

_IMAGE_REF = re.compile(r"images/[\w/.-]+\.(?:jpe?g|png|webp|gif)")


def _small_content(folder: Path) -> Path:
    content = make_content(folder, {rel: ROOT / "content" / "articles" / rel for rel in ARTICLES},
                           parts=("data", "campaigns", "pages", "images/campaigns"))
    for rel in ARTICLES:
        source = ROOT / "content" / "articles" / rel
        for image in set(_IMAGE_REF.findall(source.read_text(encoding="utf-8"))):
            (content / image).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / "content" / image, content / image)
    return content


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory) -> Path:
    """The small site built once with every URL setting moved (the session's image cache)."""
    base = tmp_path_factory.mktemp("urls")
    content = _small_content(base)
    out = base / "output"
    run_pelican(out, content=content, extra=MOVED)
    return out


def _candidates(soup) -> list[tuple[str, str]]:
    """(what, url) of every address a page points to."""
    found = []
    for tag in soup.find_all(["a", "link", "area"], href=True):
        found.append((f"<{tag.name} href>", tag["href"]))
    for tag in soup.find_all(["img", "script", "source", "video", "audio", "iframe", "track"]):
        for attr in ("src", "poster"):
            if tag.get(attr):
                found.append((f"<{tag.name} {attr}>", tag[attr]))
        if tag.get("srcset"):
            for candidate in tag["srcset"].split(","):
                if candidate.strip():
                    found.append((f"<{tag.name} srcset>", candidate.split()[0]))
    for tag in soup.find_all("meta"):
        if tag.get("property") in ("og:url", "og:image") or tag.get("name") == "twitter:image":
            found.append((f"<meta {tag.get('property') or tag.get('name')}>", tag.get("content", "")))
    return found


def _site_path(url: str, page_url: str) -> str | None:
    """The output path (relative, unquoted) an internal URL points to; None if external."""
    url = url.strip()
    if not url or url.startswith("#") or re.match(r"^(mailto|tel|javascript|data):", url, re.I):
        return None
    absolute = urljoin(page_url, url)
    if not (absolute == SITEURL or absolute.startswith(SITEURL + "/")):
        return None
    path = unquote(urlsplit(absolute).path)
    rel = path[len(urlsplit(SITEURL).path):].lstrip("/")
    return rel


def _segments(rel: str) -> list[str]:
    return [s for s in rel.split("/") if s]


def test_every_internal_link_resolves_and_no_default_prefix_is_left(moved_site):
    out = moved_site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    broken, defaults = [], []
    for page in pages:
        page_rel = page.relative_to(out).as_posix()
        page_url = f"{SITEURL}/{page_rel}"
        for what, url in _candidates(read_html(page)):
            rel = _site_path(url, page_url)
            if rel is None:
                continue
            target = out / rel
            if rel == "" or rel.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_rel}: {what} {url}")
            segments = _segments(rel)
            if (segments and segments[0] in DEFAULT_FIRST) or DEFAULT_SEGMENTS & set(segments):
                defaults.append(f"{page_rel}: {what} {url}")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:40])
    assert not defaults, "links with a default path prefix:\n" + "\n".join(defaults[:40])


def test_no_output_file_is_written_under_a_default_path(moved_site):
    written = [p.relative_to(moved_site).as_posix() for p in moved_site.rglob("*") if p.is_file()]
    wrong = [rel for rel in written
             if _segments(rel)[0] in DEFAULT_FIRST or DEFAULT_SEGMENTS & set(_segments(rel)[:-1])]
    assert not wrong, wrong[:20]
    for rel in ("campaigns/index.html", "campaigns/tet-sum-vay/index.html", "campaigns/tet-sum-vay/2025/index.html",
                "units/index.html", "units/lai-chau/index.html", "quotas/index.html", "quotas/2025/index.html",
                "quotas/2025.csv", "subscribe/index.html", "search/index.html", "pages/gioi-thieu/index.html",
                "archive/index.html", "archive/2025/index.html", "tags/index.html", "writers/index.html",
                "sections/index.html", "rss/all.rss.xml", "rss/all.atom.xml", "rss/campaign/tet-sum-vay.rss.xml",
                "rss/unit/lai-chau.atom.xml", "page/2/index.html"):
        assert (moved_site / rel).is_file(), rel


def test_feeds_and_sitemap_point_at_the_moved_pages(moved_site):
    import feedparser

    feed = feedparser.parse((moved_site / "rss/campaign/tet-sum-vay.atom.xml").read_bytes())
    assert feed.feed.link == f"{SITEURL}/campaigns/tet-sum-vay/"
    schemes = {t.get("scheme") for entry in feed.entries for t in entry.get("tags", [])}
    assert {f"{SITEURL}/campaigns/", f"{SITEURL}/sections/", f"{SITEURL}/tags/"} <= schemes
    assert all(entry.link.startswith(f"{SITEURL}/news/") for entry in feed.entries)
    unit = feedparser.parse((moved_site / "rss/unit/lai-chau.rss.xml").read_bytes())
    assert unit.feed.link == f"{SITEURL}/units/lai-chau/"
    locs = re.findall(r"<loc>([^<]+)</loc>", (moved_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs
    for loc in locs:
        rel = _site_path(loc, SITEURL + "/")
        target = moved_site / rel
        assert (target / "index.html" if rel == "" or rel.endswith("/") else target).is_file(), loc
        assert not (DEFAULT_FIRST & set(_segments(rel)[:1]) or DEFAULT_SEGMENTS & set(_segments(rel))), loc


def _nav(soup) -> dict[str, tuple[str, str | None]]:
    """Menu label → (href, aria-current)."""
    return {a.get_text(strip=True): (a["href"], a.get("aria-current"))
            for a in soup.select("nav.site-nav a")}


def test_menu_footer_and_aria_current_follow_the_settings(moved_site):
    home = read_html(moved_site / "index.html")
    nav = _nav(home)
    assert nav["Trang chủ"] == (f"{SITEURL}/", "page")
    assert nav["Chiến dịch"] == (f"{SITEURL}/campaigns/", None)
    assert nav["Đơn vị"] == (f"{SITEURL}/units/", None)
    assert nav["Chỉ tiêu"] == (f"{SITEURL}/quotas/", None)
    assert nav["Theo dõi"] == (f"{SITEURL}/subscribe/", None)
    assert nav["Giới thiệu"] == (f"{SITEURL}/pages/gioi-thieu/", None)
    assert home.select_one("a.search-link")["href"] == f"{SITEURL}/search/"
    footer = {a.get_text(strip=True): a["href"] for a in home.select("ul.footer-links a")}
    assert footer == {"Giới thiệu – Liên hệ": f"{SITEURL}/pages/gioi-thieu/", "Lưu trữ": f"{SITEURL}/archive/",
                      "Thẻ chủ đề": f"{SITEURL}/tags/", "Tác giả": f"{SITEURL}/writers/",
                      "Theo dõi (RSS)": f"{SITEURL}/subscribe/"}
    # Sections: the index page itself is "page", anything inside its folder "true".
    assert _nav(read_html(moved_site / "campaigns/index.html"))["Chiến dịch"][1] == "page"
    assert _nav(read_html(moved_site / "campaigns/tet-sum-vay/2025/index.html"))["Chiến dịch"][1] == "true"
    assert _nav(read_html(moved_site / "units/lai-chau/index.html"))["Đơn vị"][1] == "true"
    assert _nav(read_html(moved_site / "quotas/2025/index.html"))["Chỉ tiêu"][1] == "true"
    assert _nav(read_html(moved_site / "subscribe/index.html"))["Theo dõi"][1] == "page"
    assert _nav(read_html(moved_site / "pages/gioi-thieu/index.html"))["Giới thiệu"][1] == "page"
    assert read_html(moved_site / "search/index.html").select_one("a.search-link")["aria-current"] == "page"
    assert _nav(read_html(moved_site / "page/2/index.html"))["Trang chủ"][1] is None
    # Category links in the menu: Pelican's own CATEGORY_URL.
    section = next(p for p in (moved_site / "sections").iterdir() if (p / "index.html").is_file())
    nav = _nav(read_html(section / "index.html"))
    current = [label for label, (_, state) in nav.items() if state]
    assert len(current) == 1 and nav[current[0]][0] == f"{SITEURL}/sections/{section.name}/"


def test_breadcrumbs_use_the_moved_urls(moved_site):
    import json

    def crumbs(rel):
        soup = read_html(moved_site / rel)
        for script in soup.find_all("script", type="application/ld+json"):
            doc = json.loads(script.string)
            if doc.get("@type") == "BreadcrumbList":
                return [item["item"] for item in doc["itemListElement"]]
        return []

    assert crumbs("units/lai-chau/index.html")[:2] == [f"{SITEURL}/", f"{SITEURL}/units/"]
    assert f"{SITEURL}/campaigns/" in crumbs("campaigns/tet-sum-vay/index.html")
    assert crumbs("archive/2025/index.html")[:2] == [f"{SITEURL}/", f"{SITEURL}/archive/"]
    assert crumbs("units/index.html") == [f"{SITEURL}/", f"{SITEURL}/units/"]


# --- portal.urls with plain dicts -------------------------------------------

def _settings(**more) -> dict:
    from plugins.campaigns.settings import DEFAULTS as CAMPAIGNS
    from plugins.feeds.settings import DEFAULTS as FEEDS
    from plugins.quotas.settings import DEFAULTS as QUOTAS
    from plugins.search.settings import DEFAULTS as SEARCH
    from plugins.units.settings import DEFAULTS as UNITS

    pelican = {
        "INDEX_SAVE_AS": "index.html", "PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html",
        "ARCHIVES_URL": "luu-tru/", "ARCHIVES_SAVE_AS": "luu-tru/index.html",
        "YEAR_ARCHIVE_URL": "luu-tru/{date:%Y}/", "YEAR_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/index.html",
        "TAG_URL": "the/{slug}/", "TAG_SAVE_AS": "the/{slug}/index.html", "TAGS_URL": "the/",
        "TAGS_SAVE_AS": "the/index.html", "DIRECT_TEMPLATES": ["index", "archives", "tags"], "DEFAULT_LANG": "vi",
    }
    return {**pelican, **CAMPAIGNS, **FEEDS, **QUOTAS, **SEARCH, **UNITS, **more}


def test_portal_urls_formats_every_kind_from_the_settings():
    from portal.urls import KINDS, SiteUrls

    urls = SiteUrls(_settings())
    assert urls.url("index") == "" and urls.save_as("index") == "index.html"
    assert urls.url("campaigns") == "chien-dich/"
    assert urls.url("campaign", id="tet-sum-vay") == "chien-dich/tet-sum-vay/"
    assert urls.save_as("edition", id="tet-sum-vay", year=2025) == "chien-dich/tet-sum-vay/2025/index.html"
    assert urls.url("units") == "don-vi/" and urls.url("unit", id="tam-duong") == "don-vi/tam-duong/"
    assert urls.url("quota_unit", year=2025, unit="tam-duong") == "chi-tieu/2025/tam-duong/"
    assert urls.url("quota_csv", year=2025) == "chi-tieu/2025.csv"
    assert urls.url("follow") == "theo-doi/" and urls.url("search") == "tim-kiem/"
    assert urls.url("feed_edition_atom", id="tet", year=2026) == "feeds/chien-dich/tet/2026.atom.xml"
    assert urls.url("feed_category_rss", slug="an-toan") == "feeds/chuyen-muc/an-toan.rss.xml"
    assert urls.url("year_archive", year=2025) == "luu-tru/2025/"   # Pelican's {date:%Y}
    assert urls.url("page", slug="gioi-thieu") == "gioi-thieu/"
    assert urls.url("tag", slug="qua-tet") == "the/qua-tet/"
    # Whoever declares the settings, the core only formats them.
    moved = SiteUrls(_settings(UNITS_UNIT_URL="units/{id}.html", CAMPAIGNS_INDEX_URL="campaigns/"))
    assert moved.url("unit", id="x") == "units/x.html" and moved.url("campaigns") == "campaigns/"
    assert {k.owner for k in KINDS.values()} == {"pelican", "campaigns", "units", "quotas", "feeds", "search",
                                                 "royalties", "calendar"}
    assert urls.url("quota_xlsx", year=2025) == "chi-tieu/2025.xlsx"


def test_portal_urls_has_no_url_for_pages_that_are_not_written():
    from portal.urls import SiteUrls, UrlError

    settings = _settings(SEARCH_ENABLED=False, ARCHIVES_SAVE_AS="")
    urls = SiteUrls(settings)
    assert urls.url("search") is None                       # switched off
    assert urls.url("archives") is None                     # empty *_SAVE_AS
    assert urls.url("categories") is None                   # settings absent
    settings = {k: v for k, v in _settings().items() if not k.startswith("UNITS_")}
    assert SiteUrls(settings).url("unit", id="x") is None    # plugin not enabled
    assert SiteUrls(_settings(DIRECT_TEMPLATES=["index"])).url("tags") is None
    with pytest.raises(UrlError, match="chien-dich"):
        SiteUrls(_settings()).url("chien-dich")               # a path is not a kind
    with pytest.raises(UrlError, match="CAMPAIGNS_EDITION_URL"):
        SiteUrls(_settings()).url("edition", id="tet")        # the year is missing


def test_url_current_compares_output_paths():
    from portal.urls import SiteUrls, template_globals

    urls = SiteUrls(_settings())
    assert urls.current("chien-dich/index.html", "campaigns", section=True) == "page"
    assert urls.current("chien-dich/tet/2025/trang/2/index.html", "campaigns", section=True) == "true"
    assert urls.current("chien-dich/tet/index.html", "campaigns") is None
    assert urls.current("index.html", "index") == "page"
    assert urls.current("trang/2/index.html", "index", section=True) is None  # the root is no section
    assert urls.current("gioi-thieu/index.html", "page", slug="gioi-thieu") == "page"
    assert urls.current("", "campaigns") is None
    helpers = template_globals(_settings(UNITS_INDEX_SAVE_AS="units/index.html"))
    assert helpers["url_current"]("units/x/index.html", "units", section=True) == "true"
    assert helpers["url_for"]("unit", id="x") == "don-vi/x/"


def test_unit_url_defaults_and_settings():
    from plugins.units.urls import unit_save_as, unit_url

    assert unit_url("tam-duong") == "don-vi/tam-duong/"
    assert unit_url("tam-duong", {"UNITS_UNIT_URL": "units/{id}/", "UNITS_UNIT_SAVE_AS": "u/{id}.html"}) == "units/tam-duong/"
    assert unit_save_as("tam-duong", {"UNITS_UNIT_URL": "units/{id}/", "UNITS_UNIT_SAVE_AS": "u/{id}.html"}) == "u/tam-duong.html"


def test_plugins_import_the_core_never_each_other():
    """No module of plugins/<a>/ imports plugins.<b> (CONTRACT_EXTRA_CHECKS names checks as strings)."""
    offenders = []
    pattern = re.compile(r"^\s*(?:from|import)\s+plugins\.(\w+)", re.M)
    for path in sorted((ROOT / "plugins").glob("*/*.py")):
        owner = path.parent.name
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) != owner:
                offenders.append(f"{path.relative_to(ROOT)}: plugins.{match.group(1)}")
    assert not offenders, offenders


def test_enclosure_is_featured_largest_only(tmp_path):
    """plugins/feeds reads one attribute the images plugin documents: ``article.featured.largest``."""
    from plugins.feeds.enclosure import enclosure_for

    out = tmp_path / "out"
    for rel, size in (("images/b c-1200w.jpg", 12), ("images/a-960w.jpg", 30), ("images/goc.png", 7)):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"x" * size)

    def enc(**kw):
        got = enclosure_for(SimpleNamespace(source_path="a.md", **kw), siteurl=SITEURL, output_dir=out)
        return got and (got.url, got.length, got.mime)

    assert enc(featured=SimpleNamespace(largest=f"{SITEURL}/images/b%20c-1200w.jpg")) == \
        (f"{SITEURL}/images/b%20c-1200w.jpg", 12, "image/jpeg")
    # No guessing: other shapes and the raw Image field give nothing.
    assert enc(featured=SimpleNamespace(variants=[{"url": "images/a-960w.jpg", "width": 960}])) is None
    assert enc(featured=None, image="images/goc.png") is None
    assert enc(featured=SimpleNamespace(largest=f"{SITEURL}/images/missing-1200w.jpg")) is None
