"""The built sample site: theme, unit pages and SEO, checked on the real HTML.

Expectations are computed independently from the Markdown headers and
``content/data/units.yml``, not from the plugins under test.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT, SITEURL, TEST_BUILD_DATE, read_header, read_html

CONTENT = ROOT / "content"
BUILD_DAY = dt.date.fromisoformat(TEST_BUILD_DATE)
PER_PAGE = 12
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)




def parse_date(value: str) -> dt.datetime:
    fmt = "%Y-%m-%d %H:%M" if " " in value else "%Y-%m-%d"
    return dt.datetime.strptime(value, fmt)


def sample_articles() -> list[dict]:
    out = []
    for path in sorted((CONTENT / "articles").rglob("*.md")):
        header = read_header(path)
        header["path"] = path
        header["status"] = header.get("status", "published").lower() or "published"
        header["when"] = parse_date(header["date"])
        out.append(header)
    return out


ARTICLES = sample_articles()
PUBLISHED = [a for a in ARTICLES if a["status"] == "published" and a["when"].date() <= BUILD_DAY]
HIDDEN = [a for a in ARTICLES if a["status"] == "hidden" and a["when"].date() <= BUILD_DAY]
NOT_WRITTEN = [a for a in ARTICLES if a not in PUBLISHED and a not in HIDDEN]


def iso_local(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def local_url(url: str) -> str:
    assert url.startswith(SITEURL + "/"), url
    return url[len(SITEURL) + 1:]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def article_pages(site) -> dict[str, Path]:
    """h1 text → file, for every written article page."""
    pages = {}
    for path in site.glob("tin-tuc/*/*/*/index.html"):
        h1 = read_html(path).select_one("main h1")
        assert h1 is not None, path
        pages[h1.get_text(" ", strip=True)] = path
    return pages


def pages_of(site: Path, base: str) -> list[Path]:
    """A paginated list: base/index.html then base/trang/N/index.html."""
    first = site / base / "index.html"
    rest = sorted(site.glob(f"{base}/trang/*/index.html".lstrip("/")), key=lambda p: int(p.parent.name))
    return [first, *rest]


def main_titles(paths: list[Path], selector="main .card-list .card-title a") -> list[str]:
    titles = []
    for path in paths:
        titles += [a.get_text(" ", strip=True) for a in read_html(path).select(selector)]
    return titles


# --- articles -------------------------------------------------------------------

def test_sample_has_every_kind_of_article():
    assert len(PUBLISHED) > PER_PAGE * 2
    assert HIDDEN and NOT_WRITTEN


def test_every_published_article_has_a_page_with_its_title_as_h1(site, article_pages):
    for article in PUBLISHED:
        title = article["title"]
        assert title in article_pages, f"no page with <h1>{title}</h1>"
        rel = article_pages[title].relative_to(site).as_posix()
        assert rel.startswith(article["when"].strftime("tin-tuc/%Y/%m/")), rel
        page = read_html(article_pages[title])
        assert len(page.select("h1")) == 1
    written = {a["title"] for a in PUBLISHED + HIDDEN}
    assert set(article_pages) == written
    for article in NOT_WRITTEN:
        assert article["title"] not in article_pages


def test_output_paths_are_ascii(site):
    bad = [p.relative_to(site).as_posix() for p in site.rglob("*") if not p.relative_to(site).as_posix().isascii()]
    assert bad == []


def test_home_is_vietnamese_with_a_working_skip_link(site, article_pages):
    for path in [site / "index.html", next(iter(article_pages.values())), site / "don-vi" / "index.html",
                 site / "404.html", site / "gioi-thieu" / "index.html"]:
        page = read_html(path)
        assert page.html["lang"] == "vi"
        skip = page.select_one("a.skip-link")
        assert skip is not None and skip["href"] == "#noi-dung"
        target = page.find(id="noi-dung")
        assert target is not None and target.name == "main"
        assert len(page.select("main")) == 1
        assert page.select_one("body > header") and page.select_one("body footer")


def test_byline_credits_authors_and_links_the_unit(site, article_pages):
    for article in PUBLISHED:
        page = read_html(article_pages[article["title"]])
        byline = page.select_one("main .byline")
        authors = [a.get_text(strip=True) for a in byline.select('a[rel="author"]')]
        # Names may be written as the roster's canonical form, so count them.
        assert len(authors) == len(article["authors"].split(",")), article["title"]
        for link in byline.select('a[rel="author"]'):
            assert re.fullmatch(re.escape(SITEURL) + r"/tac-gia/[a-z0-9-]+/", link["href"])
        if article.get("unit"):
            unit_link = byline.select_one("a.unit-link")
            assert unit_link is not None, article["title"]
            assert unit_link["href"] == f"{SITEURL}/don-vi/{article['unit']}/"
            assert (site / "don-vi" / article["unit"] / "index.html").is_file()
        time = page.select_one("main .dates time")
        assert time["datetime"] == iso_local(article["when"])
        assert re.fullmatch(r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} \d\d:\d\d", time.get_text(strip=True))


def test_article_extras_attribution_modified_image_share_and_neighbours(site, article_pages):
    for article in PUBLISHED:
        page = read_html(article_pages[article["title"]])
        main = page.select_one("main")
        if article.get("source"):
            attribution = main.select_one(".attribution")
            assert attribution is not None and article["source"] in attribution.get_text()
            if article.get("source_url"):
                assert attribution.select_one("a")["href"] == article["source_url"]
        if article.get("modified"):
            assert main.select_one(".modified time")["datetime"] == iso_local(parse_date(article["modified"]))
        if article.get("image") and not article.get("video"):
            img = main.select_one("figure.featured img")
            assert img is not None and img.get("width") and img.get("height")
            assert img["alt"] == article["image_alt"]
            if article.get("image_caption"):
                assert main.select_one("figure.featured figcaption").get_text(strip=True) == article["image_caption"]
        share = {a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in main.select(".share a")}
        assert share["Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2F")
        assert "Zalo" in share
        assert main.select_one(".share button.share-native") is not None
    newest, oldest = max(PUBLISHED, key=lambda a: a["when"]), min(PUBLISHED, key=lambda a: a["when"])
    nav_newest = read_html(article_pages[newest["title"]]).select_one("main nav.prev-next")
    assert nav_newest.select_one("a.prev") and not nav_newest.select_one("a.next")
    nav_oldest = read_html(article_pages[oldest["title"]]).select_one("main nav.prev-next")
    assert nav_oldest.select_one("a.next") and not nav_oldest.select_one("a.prev")


def test_related_articles_sit_in_the_aside(site, article_pages):
    with_related = 0
    for path in article_pages.values():
        page = read_html(path)
        related = page.select_one("aside .widget-related")
        if related is not None:
            with_related += 1
            assert not page.select_one("main .widget-related")
            own = path.relative_to(site).parent.as_posix() + "/"
            assert all(not a["href"].endswith(own) for a in related.select("a[href]"))
    assert with_related > len(article_pages) // 2


# --- lists ------------------------------------------------------------------------

def test_article_lists_are_inside_main(site):
    for path in [site / "index.html", *site.glob("chuyen-muc/*/index.html"), *site.glob("don-vi/*/index.html"),
                 *site.glob("the/*/index.html"), *site.glob("tac-gia/*/index.html"), *site.glob("luu-tru/*/index.html")]:
        page = read_html(path)
        for link in page.select('a[href*="/tin-tuc/"]'):
            assert link.find_parent(["main", "aside", "nav"]) is not None, (path, link["href"])
        assert page.select("main .card-list .card, main .lead-story") or page.select_one("main .card-list .empty"), path


def test_home_paginates_every_published_article(site):
    pages = pages_of(site, "")
    expected_pages = math.ceil(len(PUBLISHED) / PER_PAGE)
    assert len(pages) == expected_pages
    titles = main_titles(pages, "main .latest .card-title a")
    # The first page's "Tin mới" leaves out what its "Tiêu điểm" block shows.
    top = main_titles(pages[:1], "main .featured-block .lead-title a, main .featured-block .card-title a")
    assert top and not set(top) & set(titles)
    assert Counter(titles + top) == Counter(a["title"] for a in PUBLISHED)
    newest_first = [a["title"] for a in sorted(PUBLISHED, key=lambda a: a["when"], reverse=True)]
    assert titles == [t for t in newest_first if t not in top]
    first, last = read_html(pages[0]), read_html(pages[-1])
    assert first.select_one(".pagination .current").get_text(strip=True) == f"Trang 1/{expected_pages}"
    assert first.select_one(".pagination a.next").get_text(strip=True) == "Trang sau ›"
    assert first.select_one(".pagination a.next")["href"] == f"{SITEURL}/trang/2/"
    assert not first.select_one(".pagination a.prev")
    assert last.select_one(".pagination a.prev").get_text(strip=True) == "‹ Trang trước"
    assert not last.select_one(".pagination a.next")
    featured = first.select("main .featured-block .lead-story, main .featured-block .featured-more .card")
    assert featured and not read_html(pages[1]).select_one("main .featured-block")


def test_category_tag_author_and_year_archives_list_their_articles(site):
    by_category = Counter(a.get("category") for a in PUBLISHED if a.get("category"))
    for path in site.glob("chuyen-muc/*/index.html"):
        name = read_html(path).select_one("main h1").get_text(strip=True).removeprefix("Chuyên mục: ")
        assert len(main_titles(pages_of(site, path.parent.relative_to(site).as_posix()))) == by_category[name]
    by_year = Counter(a["when"].year for a in PUBLISHED)
    for year, count in by_year.items():
        assert len(main_titles(pages_of(site, f"luu-tru/{year}"))) == count
    author_pages = list(site.glob("tac-gia/*/index.html"))
    roster = yaml.safe_load((CONTENT / "data" / "contributors.yml").read_text(encoding="utf-8"))
    key = lambda name: " ".join(nfc(name).split()).casefold()  # noqa: E731 - how editors' spellings match
    canonical = {key(n): nfc(p["name"]) for p in roster for n in [p["name"], *(p.get("aliases") or [])]}
    credited = {canonical.get(key(n), n.strip()) for a in PUBLISHED for n in a["authors"].split(",")}
    assert len(author_pages) == len(credited)


# --- units ------------------------------------------------------------------------------

def load_units() -> dict[str, dict]:
    raw = yaml.safe_load((CONTENT / "data" / "units.yml").read_text(encoding="utf-8"))
    return {u["id"]: u for u in raw}


def subtree(units: dict, unit_id: str) -> set[str]:
    out = {unit_id}
    changed = True
    while changed:
        changed = False
        for uid, unit in units.items():
            if unit.get("parent") in out and uid not in out:
                out.add(uid)
                changed = True
    return out


def test_unit_page_lists_exactly_the_articles_of_its_subtree(site):
    units = load_units()
    assert units
    for unit_id, unit in units.items():
        expected = Counter(a["title"] for a in PUBLISHED if a.get("unit") in subtree(units, unit_id))
        pages = pages_of(site, f"don-vi/{unit_id}")
        assert all(p.is_file() for p in pages)
        titles = main_titles(pages)
        assert Counter(titles) == expected, unit_id
        first = read_html(pages[0])
        assert first.select_one("main h1").get_text(" ", strip=True) == nfc(unit["name"])
        if unit.get("parent"):
            assert first.select_one(f'main .list-intro a[href="{SITEURL}/don-vi/{unit["parent"]}/"]')
        children = [u for u in units.values() if u.get("parent") == unit_id]
        assert len(first.select("main .child-units li")) == len(children)


def test_unit_tree_page_counts_and_orders_units(site):
    from portal.text import sort_key

    units = load_units()
    page = read_html(site / "don-vi" / "index.html")
    tree = page.select_one("main ul.unit-tree")
    items = tree.select("li")
    assert len(items) == len(units)
    for li in items:
        link = li.find("a")
        unit_id = link["href"].rstrip("/").rsplit("/", 1)[-1]
        count = int(li.find("span", class_="count").get_text(strip=True).replace(".", ""))
        assert count == sum(1 for a in PUBLISHED if a.get("unit") in subtree(units, unit_id))
        names = [c.find("a").get_text(strip=True) for c in li.find("ul").find_all("li", recursive=False)] if li.find("ul") else []
        assert names == sorted(names, key=sort_key)


# --- SEO ------------------------------------------------------------------------------------

def test_head_has_canonical_description_open_graph_twitter_and_json_ld(site, article_pages):
    for article in PUBLISHED:
        path = article_pages[article["title"]]
        page = read_html(path)
        own = SITEURL + "/" + path.parent.relative_to(site).as_posix() + "/"
        assert page.select_one('link[rel="canonical"]')["href"] == own
        meta = {m.get("property") or m.get("name"): m.get("content") for m in page.select("head meta")}
        assert meta["og:url"] == own and meta["og:type"] == "article" and meta["og:locale"] == "vi_VN"
        assert meta["og:title"] == article["title"] and meta["twitter:title"] == article["title"]
        assert meta["og:site_name"] and meta["description"] and meta["og:description"] == meta["description"]
        if article.get("summary"):
            assert meta["description"].rstrip("…") in article["summary"] or article["summary"].startswith(meta["description"].rstrip("…"))
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:image"].startswith(SITEURL + "/")
        docs = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        news = next(d for d in docs if d["@type"] == "NewsArticle")
        assert news["headline"] == article["title"]
        assert news["datePublished"] == iso_local(article["when"])
        assert news["dateModified"] == iso_local(parse_date(article.get("modified") or article["date"]))
        assert news["inLanguage"] == "vi" and news["mainEntityOfPage"]["@id"] == own
        assert len(news["author"]) == len(article["authors"].split(","))
        assert all(p["@type"] == "Person" for p in news["author"])
        assert news["publisher"]["@type"] == "Organization"
        crumbs = next(d for d in docs if d["@type"] == "BreadcrumbList")["itemListElement"]
        assert crumbs[0]["item"] == SITEURL + "/" and crumbs[-1]["item"] == own
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))


def test_every_page_has_parseable_head_metadata_and_its_own_title(site):
    titles = {}
    for path in html_pages(site):
        page = read_html(path)
        assert page.select_one('link[rel="canonical"]'), path
        assert page.select_one('meta[property="og:title"]'), path
        for script in page.select('script[type="application/ld+json"]'):
            json.loads(script.string)
        robots = page.select_one('meta[name="robots"]')
        if not (robots and "noindex" in robots["content"]):
            titles.setdefault(page.head.title.get_text(strip=True), []).append(path.relative_to(site).as_posix())
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}
    assert titles.keys() >= {"Thẻ chủ đề – Công đoàn Lai Châu", "Tác giả – Công đoàn Lai Châu",
                             "Chuyên mục – Công đoàn Lai Châu", "Lưu trữ – Công đoàn Lai Châu", "Đơn vị – Công đoàn Lai Châu"}


def test_sitemap_lists_indexable_pages_with_lastmod_from_content(site, article_pages):
    tree = ET.parse(site / "sitemap.xml")
    entries = {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
               for u in tree.getroot().findall("s:url", SITEMAP_NS)}
    # Every published article, with lastmod = Modified, else Date.
    article_locs = {loc for loc in entries if "/tin-tuc/" in loc}
    assert len(article_locs) == len(PUBLISHED)
    for article in PUBLISHED:
        loc = SITEURL + "/" + article_pages[article["title"]].parent.relative_to(site).as_posix() + "/"
        assert entries[loc] == iso_local(parse_date(article.get("modified") or article["date"]))
    for article in HIDDEN:
        loc = SITEURL + "/" + article_pages[article["title"]].parent.relative_to(site).as_posix() + "/"
        assert loc not in entries
    # Lists: the newest listed article's date, never the build time.
    newest = max(PUBLISHED, key=lambda a: a["when"])
    assert entries[SITEURL + "/"] == iso_local(newest["when"])
    for loc, lastmod in entries.items():
        if lastmod:
            assert lastmod[:10] <= TEST_BUILD_DATE
    # The sitemap covers exactly the indexable pages.
    noindex, indexable = set(), set()
    for path in html_pages(site):
        url = SITEURL + "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        robots = read_html(path).select_one('meta[name="robots"]')
        (noindex if robots and "noindex" in robots["content"] or path.name == "404.html" else indexable).add(url)
    assert set(entries) == indexable
    assert not noindex & set(entries)
    assert SITEURL + "/gioi-thieu/" in entries and SITEURL + "/don-vi/" in entries
    units = load_units()
    for unit_id in units:
        listed = [a for a in PUBLISHED if a.get("unit") in subtree(units, unit_id)]
        newest_listed = iso_local(max(a["when"] for a in listed)) if listed else None
        assert entries[SITEURL + f"/don-vi/{unit_id}/"] == newest_listed, unit_id


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines


def test_404_page(site):
    page = read_html(site / "404.html")
    assert page.select_one("main h1").get_text(strip=True) == "Không tìm thấy trang"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one(f'main a[href="{SITEURL}/"]')


def test_about_page_has_the_identity_from_the_data_file(site):
    """Contact details come from content/data/identity.yml, never from the theme."""
    from portal.identity import load_identity

    identity = load_identity({"PATH": str(ROOT / "content"), "CONTRACT_DATA_DIR": "data"})[0]
    page = read_html(site / "gioi-thieu" / "index.html")
    main = page.select_one("main")
    assert main.select_one("h1")
    tel = main.select_one('a[href^="tel:"]')
    assert tel is not None and tel.get_text(strip=True) == identity.hotline
    assert tel["href"] == "tel:" + identity.tel
    box = main.select_one(".contact-box").get_text(" ", strip=True)
    for value in (identity.address, identity.email, identity.licence, identity.responsible):
        assert value in box
    assert main.select_one(f'.contact-box a[href="{identity.facebook}"]')
    assert main.select_one(f'.contact-box a[href="{identity.zalo}"]')
    # The about page's own text no longer carries placeholder contact data.
    body = main.select_one(".article-body").get_text(" ", strip=True)
    assert "minh họa" not in body and "1900 0000" not in body and "example" not in body
    footer = page.select_one("footer").get_text(" ", strip=True)
    assert f"Chịu trách nhiệm nội dung: {identity.responsible}" in footer and identity.licence in footer


def test_navigation_in_vietnamese(site):
    nav = read_html(site / "index.html").select_one('header nav[aria-label="Chuyên mục chính"]')
    labels = [a.get_text(strip=True) for a in nav.select("a")]
    for label in ["Trang chủ", "Chiến dịch", "Đơn vị", "Theo dõi", "Giới thiệu"]:
        assert label in labels
    categories = {a.get("category") for a in PUBLISHED if a.get("category")}
    assert categories <= set(labels)
    assert read_html(site / "index.html").select_one('header a[href$="/tim-kiem/"]')


# --- no third-party requests -------------------------------------------------------------

RESOURCE_ATTRS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
                  "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
                  "object": ["data"], "track": ["src"]}


def _urls(value: str, attr: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def test_no_third_party_resources(site):
    own_host = urlparse(SITEURL).netloc
    for path in html_pages(site):
        page = read_html(path)
        for tag, attrs in RESOURCE_ATTRS.items():
            for element in page.find_all(tag):
                for attr in attrs:
                    for url in _urls(element.get(attr) or "", attr):
                        host = urlparse(url).netloc
                        assert host in ("", own_host), f"{path.relative_to(site)}: <{tag} {attr}={url}>"
        for element in page.find_all(style=True):
            assert "url(http" not in element["style"].replace(" ", "")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert urlparse(url).netloc in ("", own_host), (css, url)
    for js in (site / "theme").rglob("*.js"):
        assert not re.search(r"https?://", js.read_text(encoding="utf-8")), js
