"""Feeds: RSS 2.0 and Atom for the site, campaigns, editions, units, categories.

The feeds of the session's sample build are compared byte for byte with those
of a second, independent build (the in-process one that test_rebuild_in_process
checks too). Which articles each feed must hold is computed here from the
Markdown headers and the YAML data with an independent parser; every feed is
parsed with feedparser and linted against the W3C feed validator rules static
sites commonly break.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, SITEURL, TEST_BUILD_DATE, read_html
from conftest import read_header as header

CONTENT = ROOT / "content"
VN = dt.timezone(dt.timedelta(hours=7))
BUILD_END = dt.datetime.combine(dt.date.fromisoformat(TEST_BUILD_DATE), dt.time(23, 59, 59), VN)
MAX_ENTRIES = 50
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
URL_ATTRS = {"a": ["href"], "area": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
             "video": ["src", "poster"], "audio": ["src"], "iframe": ["src"], "embed": ["src"],
             "track": ["src"], "object": ["data"], "link": ["href"], "blockquote": ["cite"], "q": ["cite"]}


# --- independent model of the content -----------------------------------------

def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    return " ".join(nfc(value).casefold().split())




def parse_when(value: str) -> dt.datetime:
    fmt = "%Y-%m-%d %H:%M" if " " in value.strip() else "%Y-%m-%d"
    return dt.datetime.strptime(value.strip(), fmt).replace(tzinfo=VN)


@dataclass
class Art:
    title: str
    when: dt.datetime
    unit: str | None
    status: str
    source: str | None
    source_url: str | None
    image: str | None
    category: str | None
    modified: dt.datetime | None = None
    campaigns: set[str] = field(default_factory=set)

    @property
    def published(self) -> bool:
        return self.status == "published" and self.when <= BUILD_END


def load_yaml(name: str):
    return yaml.safe_load((CONTENT / "data" / name).read_text(encoding="utf-8"))


def all_articles() -> list[Art]:
    keys = {}
    for c in load_yaml("campaigns.yml"):
        for k in [c["id"], c["name"], *(c.get("aliases") or [])]:
            keys[fold(str(k))] = c["id"]
    out = []
    for path in sorted((CONTENT / "articles").rglob("*.md")):
        h = header(path)
        campaigns = {keys[fold(v)] for v in h.get("campaign", "").split(",") if v.strip()}
        out.append(Art(h["title"], parse_when(h["date"]), h.get("unit"), (h.get("status") or "published").lower(),
                       h.get("source"), h.get("source_url"), h.get("image"), h.get("category"),
                       parse_when(h["modified"]) if h.get("modified") else None, campaigns))
    return out


def subtree(unit_id: str, units: list[dict]) -> set[str]:
    found = {unit_id}
    grew = True
    while grew:
        more = {u["id"] for u in units if u.get("parent") in found} - found
        found |= more
        grew = bool(more)
    return found


def newest_titles(arts: list[Art]) -> list[str]:
    return [a.title for a in sorted(arts, key=lambda a: a.when, reverse=True)]


# --- the built feeds -------------------------------------------------------------

@pytest.fixture(scope="module")
def articles() -> list[Art]:
    return all_articles()


@pytest.fixture(scope="module")
def published(articles) -> list[Art]:
    return [a for a in articles if a.published]


@pytest.fixture(scope="module")
def feeds(site) -> dict[str, Path]:
    """Feed URL (relative to SITEURL) → file, for every feed written."""
    found = {p.relative_to(site).as_posix(): p for p in sorted((site / "feeds").rglob("*.xml"))}
    assert found, "no feed written"
    return found


@pytest.fixture(scope="module")
def parsed(feeds):
    return {rel: feedparser.parse(path.read_bytes()) for rel, path in feeds.items()}


@pytest.fixture(scope="module")
def site_again(sample_rebuilt_in_process) -> Path:
    """A second build of the sample (in process, see conftest)."""
    return sample_rebuilt_in_process.out


def titles(feed) -> list[str]:
    return [nfc(e.title) for e in feed.entries]


# --- every feed parses; pairs ------------------------------------------------------

def test_every_feed_parses_cleanly_with_entries(parsed):
    for rel, feed in parsed.items():
        assert not feed.bozo, f"{rel}: {feed.get('bozo_exception')}"
        assert feed.version in ("rss20", "atom10"), rel
        assert feed.entries, f"{rel} is empty"
        assert len(feed.entries) <= MAX_ENTRIES
        expected = "rss20" if rel.endswith(".rss.xml") else "atom10"
        assert feed.version == expected, rel


def test_each_feed_exists_in_both_formats_with_the_same_entries(parsed):
    rss = {rel[: -len(".rss.xml")] for rel in parsed if rel.endswith(".rss.xml")}
    atom = {rel[: -len(".atom.xml")] for rel in parsed if rel.endswith(".atom.xml")}
    assert rss == atom
    for base in rss:
        a, b = parsed[base + ".rss.xml"], parsed[base + ".atom.xml"]
        assert [e.link for e in a.entries] == [e.link for e in b.entries], base


def test_expected_feed_urls_exist(feeds):
    for rel in ["feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml",
                "feeds/chien-dich/tet-sum-vay.rss.xml", "feeds/chien-dich/tet-sum-vay/2025.atom.xml",
                "feeds/don-vi/lai-chau.rss.xml", "feeds/don-vi/tam-duong.atom.xml"]:
        assert rel in feeds, rel
    assert any(rel.startswith("feeds/chuyen-muc/") for rel in feeds)


# --- membership --------------------------------------------------------------------

def test_site_feed_holds_the_newest_published_articles(parsed, published):
    feed = parsed["feeds/tat-ca.rss.xml"]
    assert titles(feed) == newest_titles(published)[:MAX_ENTRIES]


def test_hidden_draft_and_future_articles_are_in_no_feed(parsed, articles):
    unpublished = {a.title for a in articles if not a.published}
    assert any(a.status == "hidden" for a in articles) and any(a.when > BUILD_END for a in articles)
    for rel, feed in parsed.items():
        assert not unpublished & set(titles(feed)), rel


def test_each_campaign_feed_holds_only_its_articles(parsed, published):
    campaigns = load_yaml("campaigns.yml")
    seen = 0
    for c in campaigns:
        expected = [a for a in published if c["id"] in a.campaigns]
        rel = f"feeds/chien-dich/{c['id']}.rss.xml"
        if not expected:
            assert rel not in parsed, f"{rel}: a campaign without articles must have no feed"
            continue
        seen += 1
        for fmt in ("rss", "atom"):
            feed = parsed[f"feeds/chien-dich/{c['id']}.{fmt}.xml"]
            assert titles(feed) == newest_titles(expected)[:MAX_ENTRIES], c["id"]
        others = {a.title for a in published if c["id"] not in a.campaigns}
        assert not others & set(titles(parsed[rel])), f"{c['id']}: holds another campaign's article"
    assert seen >= 3


def test_each_edition_feed_holds_the_articles_of_its_window(parsed, published):
    written = 0
    for c in load_yaml("campaigns.yml"):
        for e in c["editions"]:
            start, end = e["start"], e["end"]
            expected = [a for a in published if c["id"] in a.campaigns and start <= a.when.date() <= end]
            rel = f"feeds/chien-dich/{c['id']}/{e['year']}.atom.xml"
            if expected:
                written += 1
                assert titles(parsed[rel]) == newest_titles(expected)[:MAX_ENTRIES], rel
            else:
                assert rel not in parsed, f"{rel}: an edition without articles must have no feed"
    assert written >= 3


def test_each_unit_feed_holds_exactly_its_subtree(parsed, published):
    units = load_yaml("units.yml")
    seen = 0
    for unit in units:
        inside = subtree(unit["id"], units)
        expected = [a for a in published if a.unit in inside]
        rel = f"feeds/don-vi/{unit['id']}.rss.xml"
        if not expected:
            assert rel not in parsed, f"{rel}: a unit without articles must have no feed"
            continue
        seen += 1
        got = titles(parsed[rel])
        assert len(got) == min(MAX_ENTRIES, len(expected)), unit["id"]
        assert set(got) <= {a.title for a in expected}, f"{unit['id']}: holds an article from outside its subtree"
        oldest = min(a.when for a in expected if a.title in got)
        assert {a.title for a in expected if a.when > oldest} <= set(got), unit["id"]
    assert seen >= 5
    # A district feed includes its grassroots unions' articles.
    tam_duong = titles(parsed["feeds/don-vi/tam-duong.rss.xml"])
    child = [a.title for a in published if a.unit in subtree("tam-duong", units) - {"tam-duong"}]
    assert child and set(child) <= set(tam_duong)


def test_each_category_feed_holds_its_articles(parsed, published):
    cats = {a.category for a in published if a.category}
    assert cats
    for rel, feed in parsed.items():
        if not rel.startswith("feeds/chuyen-muc/") or not rel.endswith(".rss.xml"):
            continue
        name = feed.feed.title.split("«")[1].split("»")[0]
        expected = [a for a in published if a.category == name]
        assert titles(feed) == newest_titles(expected)[:MAX_ENTRIES], rel
        cats.discard(name)
    assert not cats, f"categories without a feed: {cats}"


# --- entries -----------------------------------------------------------------------

def test_entries_have_absolute_permalinks_and_vietnam_dates(feeds):
    for rel, path in feeds.items():
        raw = path.read_text(encoding="utf-8")
        if rel.endswith(".rss.xml"):
            dates = re.findall(r"<(?:pubDate|lastBuildDate)>([^<]+)<", raw)
            assert dates and all(d.endswith(" +0700") for d in dates), rel
        else:
            dates = re.findall(r"<(?:published|updated)>([^<]+)<", raw)
            assert dates and all(d.endswith("+07:00") for d in dates), rel


def test_entry_fields(parsed, published):
    by_title = {a.title: a for a in published}
    rss = parsed["feeds/tat-ca.rss.xml"]
    for entry in rss.entries:
        assert entry.link.startswith(SITEURL + "/tin-tuc/")
        assert entry.id == entry.link
        assert entry.summary and "<" not in entry.summary
        assert entry.content[0].value.strip().startswith("<")
        assert entry.get("author"), f"{entry.title}: no dc:creator"
        assert entry.published_parsed
        terms = [t.term for t in entry.get("tags", [])]
        art = by_title[nfc(entry.title)]
        if art.category:
            assert art.category in terms
    modified = 0
    every_atom_entry = {e.link: e for rel, f in parsed.items() if rel.endswith(".atom.xml") for e in f.entries}
    for entry in every_atom_entry.values():
        assert [a.name for a in entry.authors]
        art = by_title[nfc(entry.title)]
        assert dt.datetime.fromisoformat(entry.published) == art.when
        assert dt.datetime.fromisoformat(entry.updated) == (art.modified or art.when)
        modified += art.modified is not None
    assert modified, "the sample has an article with Modified"


def test_rss_authors_are_dc_creators(feeds):
    root = ET.parse(feeds["feeds/tat-ca.rss.xml"]).getroot()
    for item in root.iter("item"):
        assert item.findall(f"{DC}creator"), item.findtext("title")
        assert item.find("author") is None


def test_campaign_terms_are_entry_categories(parsed, published):
    names = {c["id"]: c["name"] for c in load_yaml("campaigns.yml")}
    feed = parsed["feeds/chien-dich/tet-sum-vay.atom.xml"]
    for entry in feed.entries:
        assert "tet-sum-vay" in [t.term for t in entry.tags]
        assert names["tet-sum-vay"] in [t.label for t in entry.tags]


def test_featured_images_are_enclosures_with_their_real_length(site, feeds, published):
    with_image = {a.title for a in published if a.image}
    checked = 0
    for rel, path in feeds.items():
        root = ET.parse(path).getroot()
        if rel.endswith(".rss.xml"):
            items = [(i.findtext("title"), i.find("enclosure")) for i in root.iter("item")]
            encl = [(t, e.get("url"), e.get("length"), e.get("type")) if e is not None else (t, None, None, None)
                    for t, e in items]
        else:
            encl = []
            for entry in root.iter(f"{ATOM}entry"):
                links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
                e = links[0] if links else None
                encl.append((entry.findtext(f"{ATOM}title"),) + ((e.get("href"), e.get("length"), e.get("type")) if e is not None else (None, None, None)))
        for title, url, length, mime in encl:
            if nfc(title) in with_image:
                assert url and url.startswith(SITEURL + "/"), f"{rel}: {title}"
                file = site / urlsplit(url).path.lstrip("/")
                assert file.is_file(), url
                assert int(length) == file.stat().st_size, url
                assert mime in ("image/jpeg", "image/png", "image/webp") and (mime != "image/jpeg" or file.suffix in (".jpg", ".jpeg"))
                checked += 1
            else:
                assert url is None, f"{rel}: {title} has no image but an enclosure"
    assert checked > 10


def test_republished_articles_carry_attribution(parsed, published):
    republished = {a.title: a for a in published if a.source}
    assert republished
    found = 0
    for rel in ("feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml"):
        for entry in parsed[rel].entries:
            art = republished.get(nfc(entry.title))
            if art is None:
                continue
            found += 1
            html = BeautifulSoup(entry.content[0].value, "html.parser")
            credit = [p for p in html.find_all("p") if p.get_text().startswith("Nguồn:")]
            assert credit and art.source in credit[-1].get_text(), entry.title
            if art.source_url:
                assert credit[-1].find("a")["href"] == art.source_url
                if rel.endswith(".atom.xml"):
                    assert art.source_url in [link.href for link in entry.links if link.rel == "via"]
    assert found


# --- channels ------------------------------------------------------------------------

def test_channels(site, parsed, feeds):
    for rel, feed in parsed.items():
        f = feed.feed
        assert f.get("language", f.get("title_detail", {}).get("language")) in ("vi", None)
        selfs = [link.href for link in f.links if link.rel == "self"]
        assert selfs == [f"{SITEURL}/{rel}"], rel
        assert f.link.startswith(SITEURL + "/") and not f.link.endswith(".xml"), f"{rel}: channel link {f.link}"
        assert re.search(r"[àáảãạăâđêôơư]", f.title.lower()), f"{rel}: title not in Vietnamese"
        newest = max(e.updated_parsed if rel.endswith(".atom.xml") else e.published_parsed for e in feed.entries)
        assert f.updated_parsed == newest, f"{rel}: channel date is not the newest entry's"
        logo = f.get("image", {}).get("href") or f.get("logo")
        assert logo and (site / urlsplit(logo).path.lstrip("/")).is_file(), rel
    raw = feeds["feeds/tat-ca.rss.xml"].read_text(encoding="utf-8")
    assert "<language>vi</language>" in raw
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">' in feeds["feeds/tat-ca.atom.xml"].read_text(encoding="utf-8")
    assert parsed["feeds/tat-ca.rss.xml"].feed.link == SITEURL + "/"
    assert parsed["feeds/chien-dich/tet-sum-vay.rss.xml"].feed.link == f"{SITEURL}/chien-dich/tet-sum-vay/"
    assert parsed["feeds/don-vi/tam-duong.atom.xml"].feed.link == f"{SITEURL}/don-vi/tam-duong/"


# --- lint: the W3C validator rules static sites break ---------------------------

def relative_urls(html: str) -> list[str]:
    found = []
    for tag in BeautifulSoup(html or "", "html.parser").find_all(True):
        for attr in URL_ATTRS.get(tag.name, []):
            value = tag.get(attr)
            if value is None:
                continue
            urls = [c.split()[0] for c in value.split(",") if c.split()] if attr == "srcset" else [value]
            found += [u for u in urls if not urlsplit(u.strip()).scheme]
    return found


def absolute_http(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def lint(rel: str, path: Path) -> list[str]:
    problems = []
    url = f"{SITEURL}/{rel}"
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        channel = root.find("channel")
        selfs = [link.get("href") for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
        items = channel.findall("item")
        if selfs != [url]:
            problems.append(f"self link {selfs} != {url}")
        for text in [channel.findtext("lastBuildDate")] + [i.findtext("pubDate") for i in items]:
            try:
                when = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError):
                problems.append(f"not RFC 822: {text}")
                continue
            if not re.match(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", text):
                problems.append(f"not RFC 822: {text}")
            if when > BUILD_END:
                problems.append(f"dated in the future: {text}")
        for item in items:
            guid = item.find("guid")
            if guid is None or not absolute_http(guid.text) or guid.get("isPermaLink", "true") != "true":
                problems.append(f"guid not an absolute permalink: {item.findtext('title')}")
            if not absolute_http(item.findtext("link")):
                problems.append(f"relative item link: {item.findtext('link')}")
            for html in (item.findtext("description"), item.findtext(f"{CONTENT_NS}encoded")):
                problems += [f"relative URL in content: {u}" for u in relative_urls(html)]
    else:
        selfs = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
        items = root.findall(f"{ATOM}entry")
        if selfs != [url]:
            problems.append(f"self link {selfs} != {url}")
        for entry in items:
            if not absolute_http(entry.findtext(f"{ATOM}id")):
                problems.append(f"id not absolute: {entry.findtext(f'{ATOM}id')}")
            for name in ("published", "updated"):
                if dt.datetime.fromisoformat(entry.findtext(f"{ATOM}{name}")) > BUILD_END:
                    problems.append(f"dated in the future: {entry.findtext(f'{ATOM}{name}')}")
            alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
            if len(alternates) != 1 or not absolute_http(alternates[0].get("href")):
                problems.append(f"entry needs exactly one absolute alternate link: {entry.findtext(f'{ATOM}title')}")
            content = entry.find(f"{ATOM}content")
            problems += [f"relative URL in content: {u}" for u in relative_urls(content.text if content is not None else "")]
    if not items:
        problems.append("empty feed")
    return problems


def test_lint_every_feed(feeds):
    report = {rel: problems for rel, path in feeds.items() if (problems := lint(rel, path))}
    assert not report, report


def test_lint_catches_what_it_should(tmp_path):
    bad = tmp_path / "bad.rss.xml"
    bad.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>x</title>'
        '<link>https://x/</link><description>x</description>'
        '<atom:link href="https://x/other.xml" rel="self"/><lastBuildDate>2026-01-01</lastBuildDate>'
        '<item><title>a</title><link>/a/</link><guid isPermaLink="false">a</guid>'
        '<pubDate>Mon, 01 Jan 2035 00:00:00 +0700</pubDate>'
        '<content:encoded>&lt;img src="../anh.jpg" srcset="a.jpg 1x, https://x/b.jpg 2x"&gt;</content:encoded>'
        '</item></channel></rss>', encoding="utf-8")
    problems = " | ".join(lint("bad.rss.xml", bad))
    for expected in ("self link", "not RFC 822: 2026-01-01", "dated in the future", "guid not an absolute permalink",
                     "relative item link", "relative URL in content: ../anh.jpg", "relative URL in content: a.jpg"):
        assert expected in problems
    assert "b.jpg" not in problems


def test_plugin_lint_agrees_on_the_built_feeds(feeds):
    from plugins.feeds.lint import lint_feed

    for rel, path in feeds.items():
        assert lint_feed(path.read_bytes(), f"{SITEURL}/{rel}", BUILD_END) == [], rel


# --- determinism ---------------------------------------------------------------------

def test_two_builds_give_byte_identical_feeds(site, site_again, feeds):
    again = sorted(p.relative_to(site_again).as_posix() for p in (site_again / "feeds").rglob("*.xml"))
    assert again == sorted(feeds)
    for rel, path in feeds.items():
        assert path.read_bytes() == (site_again / rel).read_bytes(), rel


# --- pages advertise the feeds that exist -------------------------------------------

def alternates(page: Path) -> list[str]:
    soup = read_html(page)
    return [link["href"] for link in soup.select('head link[rel~="alternate"]')
            if link.get("type") in ("application/rss+xml", "application/atom+xml")]


def test_every_page_advertises_only_existing_feeds(site):
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        hrefs = alternates(page)
        assert f"{SITEURL}/feeds/tat-ca.rss.xml" in hrefs, page.relative_to(site)
        assert len(hrefs) == len(set(hrefs)), f"{page.relative_to(site)}: the same feed advertised twice"
        for href in hrefs:
            assert href.startswith(SITEURL + "/"), href
            assert (site / href[len(SITEURL) + 1:]).is_file(), f"{page.relative_to(site)} advertises missing {href}"


def test_landing_pages_advertise_their_own_feed(site, feeds):
    checked = 0
    for rel in feeds:
        m = re.match(r"feeds/(chien-dich|don-vi)/(.+)\.rss\.xml$", rel)
        if not m:
            continue
        page = site / m.group(1) / m.group(2) / "index.html"
        assert page.is_file(), f"no page for {rel}"
        hrefs = alternates(page)
        assert hrefs[:2] == [f"{SITEURL}/{rel}", f"{SITEURL}/{rel[:-len('.rss.xml')]}.atom.xml"], page
        checked += 1
    assert checked >= 10
    article = next((site / "tin-tuc").rglob("index.html"))
    assert alternates(article)[0] == f"{SITEURL}/feeds/tat-ca.rss.xml"


def test_follow_page_explains_and_lists_every_feed(site, feeds):
    soup = read_html(site / "theo-doi" / "index.html")
    main = soup.find("main")
    text = main.get_text(" ")
    for phrase in ("RSS", "Atom", "Feedly", "Inoreader", "Thunderbird", "Toàn trang", "Theo chiến dịch",
                   "Theo đơn vị", "Theo chuyên mục"):
        assert phrase in text, phrase
    linked = {a["href"][len(SITEURL) + 1:] for a in main.find_all("a", href=True) if a["href"].endswith(".xml")}
    assert linked == set(feeds)
    assert not soup.find_all("script", src=lambda s: s and not s.startswith(SITEURL))


# --- pure functions, plain data ---------------------------------------------------

def test_absolutize_makes_every_url_absolute():
    from plugins.feeds.content import absolutize

    base = "https://site.vn/tin-tuc/2025/01/bai/"
    html = ('<p><a href="/the/tet/">t</a> <a href="#chu-thich">n</a> <a href="mailto:a@b.vn">m</a> '
            '<a href="//cdn.vn/x">p</a> <img src="../../anh.jpg" srcset="a-480.jpg 480w, /b-960.jpg 960w"></p>'
            '<picture><source srcset="c.webp 1x,d.webp 2x" type="image/webp"><img src="c.jpg" alt=""></picture>'
            '<video src="v.mp4" poster="v.jpg"></video>')
    out = BeautifulSoup(absolutize(html, base), "html.parser")
    hrefs = [a["href"] for a in out.find_all("a")]
    assert hrefs == ["https://site.vn/the/tet/", base + "#chu-thich", "mailto:a@b.vn", "https://cdn.vn/x"]
    img = out.find("img")
    assert img["src"] == "https://site.vn/tin-tuc/2025/anh.jpg"
    assert img["srcset"] == f"{base}a-480.jpg 480w, https://site.vn/b-960.jpg 960w"
    assert out.find("source")["srcset"] == f"{base}c.webp 1x, {base}d.webp 2x"
    assert out.find("video")["poster"] == base + "v.jpg"
    assert relative_urls(str(out)) == []


def test_plain_text_summary_and_attribution():
    from plugins.feeds.content import attribution, plain_text

    assert plain_text("<p>Trao <strong>500</strong>\n suất quà</p>") == "Trao 500 suất quà"
    assert attribution("Báo Lao Động", "https://laodong.vn/a?b=1&c=2") == \
        '<p class="nguon">Nguồn: <a href="https://laodong.vn/a?b=1&amp;c=2">Báo Lao Động</a></p>'
    assert attribution("Báo Người Lao Động", None) == '<p class="nguon">Nguồn: Báo Người Lao Động</p>'


def _catalogue(items, limit=50):
    from portal.data.campaigns import Campaign, Edition
    from portal.data.units import Unit, UnitTree
    from plugins.feeds.catalogue import Names, PageUrls, build_catalogue
    from plugins.feeds.settings import DEFAULTS

    tree = UnitTree()
    for uid, parent in (("tinh", None), ("huyen", "tinh"), ("cdcs", "huyen"), ("ban", "tinh")):
        tree.units[uid] = Unit(uid, f"Đơn vị {uid}", parent=parent)
    for unit in tree.units.values():
        if unit.parent:
            tree.units[unit.parent].children.append(unit)
    for unit in tree.units.values():
        unit.children.sort(key=lambda u: u.name)
        unit.depth = len(tree.ancestors(unit.id))
    tet = Campaign("tet", "Tết Sum vầy", "Không ai thiếu Tết",
                   editions=[Edition("tet", 2025, dt.date(2025, 1, 1), dt.date(2025, 2, 28)),
                             Edition("tet", 2026, dt.date(2026, 1, 1), dt.date(2026, 2, 28))])
    may = Campaign("thang5", "Tháng Công nhân", "", editions=[Edition("thang5", 2025, dt.date(2025, 5, 1), dt.date(2025, 5, 31))])
    portal = SimpleNamespace(campaigns=[tet, may], units=tree)
    return build_catalogue(
        items, portal=portal, categories={"hoat-dong": ("Hoạt động", "chuyen-muc/hoat-dong/")}, patterns=DEFAULTS,
        pages=PageUrls(campaign=lambda c: f"chien-dich/{c.id}/",
                       edition=lambda e: f"chien-dich/{e.campaign_id}/{e.year}/", unit=lambda u: f"don-vi/{u}/"),
        names=Names("Công đoàn Lai Châu", "Cổng thông tin"), limit=limit)


def _item(n, day, campaigns=(), editions=(), units=(), category=None):
    from plugins.feeds.catalogue import Item

    return Item(article=f"bai-{n}", date=dt.datetime(2025, 1, day, 8, 0, tzinfo=VN), url=f"tin-tuc/{n}/",
                campaigns=campaigns, editions=editions, units=units, category=category)


def test_catalogue_membership_and_empty_feeds():
    items = [
        _item(1, 5, ("tet",), (("tet", 2025),), ("cdcs", "huyen", "tinh"), "hoat-dong"),
        _item(2, 9, (), (), ("ban", "tinh")),
        _item(3, 7, ("tet",), (), ()),  # republished, outside every edition
    ]
    cat = _catalogue(items)
    assert cat.site.articles == ["bai-2", "bai-3", "bai-1"]
    assert cat.campaign("tet").articles == ["bai-3", "bai-1"]
    assert cat.edition("tet", 2025).articles == ["bai-1"]
    assert cat.edition("tet", 2026) is None and cat.campaign("thang5") is None
    assert cat.unit("tinh").articles == ["bai-2", "bai-1"]
    assert cat.unit("huyen").articles == ["bai-1"]
    assert cat.unit("ban").articles == ["bai-2"]
    assert cat.category("hoat-dong").articles == ["bai-1"]
    assert cat.campaign("tet").rss_url == "feeds/chien-dich/tet.rss.xml"
    assert cat.edition("tet", 2025).atom_url == "feeds/chien-dich/tet/2025.atom.xml"
    assert cat.edition("tet", 2025).page_url == "chien-dich/tet/2025/"
    assert [f.key for f in cat] == ["site", "campaign:tet", "edition:tet:2025", "unit:tinh", "unit:ban",
                                    "unit:huyen", "unit:cdcs", "category:hoat-dong"]
    tree = cat.unit_tree()
    assert [f.ident for f, _ in tree] == ["tinh"]
    assert [[g.ident for g, _ in kids] for _, kids in tree] == [["ban", "huyen"]]


def test_catalogue_keeps_the_newest_entries():
    items = [_item(n, n, units=("tinh",)) for n in range(1, 11)]
    cat = _catalogue(items, limit=3)
    assert cat.site.articles == ["bai-10", "bai-9", "bai-8"] and cat.site.total == 10


def test_for_page_picks_the_feeds_that_exist():
    items = [_item(1, 5, ("tet",), (("tet", 2025),), ("huyen", "tinh"), "hoat-dong")]
    cat = _catalogue(items)
    edition = SimpleNamespace(year=2025, campaign_id="tet")
    keys = lambda feeds: [f.key for f in feeds]  # noqa: E731
    assert keys(cat.for_page(campaign=SimpleNamespace(id="tet"), edition=edition)) == \
        ["edition:tet:2025", "campaign:tet", "site"]
    assert keys(cat.for_page(campaign=SimpleNamespace(id="thang5"))) == ["site"]
    assert keys(cat.for_page(unit=SimpleNamespace(id="cdcs"))) == ["site"]
    assert keys(cat.for_page(unit=SimpleNamespace(id="huyen"))) == ["unit:huyen", "site"]
    article = SimpleNamespace(campaign_refs=[(SimpleNamespace(id="tet"), None)],
                              category=SimpleNamespace(slug="hoat-dong"), unit_ref=SimpleNamespace(id="huyen"))
    assert keys(cat.for_page(article=article, category=article.category)) == \
        ["site", "campaign:tet", "category:hoat-dong", "unit:huyen"]
    assert keys(cat.for_page(extra=["unit:tinh", "nope"])) == ["site", "unit:tinh"]


def _channel(entries, self_url="https://site.vn/feeds/a.rss.xml"):
    from plugins.feeds.render import Channel

    return Channel(title="Công đoàn – Tất cả", description="Tin, bài mới nhất", link="https://site.vn/",
                   self_url=self_url, logo="https://site.vn/logo.png", logo_size=(144, 72), entries=tuple(entries))


def _entry(n, day, **kw):
    from plugins.feeds.render import Category, Entry

    when = dt.datetime(2025, 1, day, 8, 30, tzinfo=VN)
    data = dict(title=f"Bài {n}", link=f"https://site.vn/tin-tuc/{n}/", published=when, updated=when,
                summary="Tóm tắt", content="<p>Nội dung</p>", authors=("Nguyễn Thị Hoa", "Lò Văn Thắng"),
                categories=(Category("tet", "Tết Sum vầy", "https://site.vn/chien-dich/"),))
    data.update(kw)
    return Entry(**data)


def test_render_rss_channel_and_items():
    from plugins.feeds.render import Enclosure, render

    later = dt.datetime(2025, 1, 20, 9, 0, tzinfo=VN)
    entries = [_entry(2, 10, updated=later, enclosure=Enclosure("https://site.vn/a.jpg", 1234, "image/jpeg"),
                      via="https://laodong.vn/goc"), _entry(1, 3)]
    raw = render(_channel(entries), "rss")
    root = ET.fromstring(raw)
    channel = root.find("channel")
    assert channel.findtext("link") == "https://site.vn/"
    assert [link.get("href") for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"] == \
        ["https://site.vn/feeds/a.rss.xml"]
    assert channel.findtext("lastBuildDate") == "Fri, 10 Jan 2025 08:30:00 +0700"  # newest pubDate, not "now"
    assert channel.findtext("language") == "vi"
    assert channel.find("image").findtext("link") == "https://site.vn/"
    first = channel.find("item")
    assert first.find("guid").get("isPermaLink") == "true"
    assert [c.text for c in first.findall(f"{DC}creator")] == ["Nguyễn Thị Hoa", "Lò Văn Thắng"]
    assert first.findtext(f"{DC}source") == "https://laodong.vn/goc"
    assert first.find("enclosure").attrib == {"url": "https://site.vn/a.jpg", "length": "1234", "type": "image/jpeg"}
    assert first.findtext("pubDate") == "Fri, 10 Jan 2025 08:30:00 +0700"
    assert first.findtext(f"{CONTENT_NS}encoded") == "<p>Nội dung</p>"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Bài 2", "Bài 1"]
    atom = ET.fromstring(render(_channel(entries, "https://site.vn/feeds/a.atom.xml"), "atom"))
    assert atom.findtext(f"{ATOM}updated") == "2025-01-20T09:00:00+07:00"  # newest entry <updated>


def test_render_atom_links_keep_their_rel():
    from plugins.feeds.render import Enclosure, render

    entry = _entry(1, 3, enclosure=Enclosure("https://site.vn/a.jpg", 99, "image/jpeg"), via="https://laodong.vn/goc")
    root = ET.fromstring(render(_channel([entry], "https://site.vn/feeds/a.atom.xml"), "atom"))
    assert root.findtext(f"{ATOM}updated") == "2025-01-03T08:30:00+07:00"
    e = root.find(f"{ATOM}entry")
    links = [(link.get("rel"), link.get("href"), link.get("length")) for link in e.findall(f"{ATOM}link")]
    assert links == [("alternate", "https://site.vn/tin-tuc/1/", None), ("enclosure", "https://site.vn/a.jpg", "99"),
                     ("via", "https://laodong.vn/goc", None)]
    assert [a.findtext(f"{ATOM}name") for a in e.findall(f"{ATOM}author")] == ["Nguyễn Thị Hoa", "Lò Văn Thắng"]
    assert e.find(f"{ATOM}content").get("type") == "html"


def test_render_is_deterministic_and_refuses_empty_feeds():
    import time

    from plugins.feeds.render import EmptyFeedError, render

    first = render(_channel([_entry(1, 3)]), "rss")
    time.sleep(1.01 - time.time() % 1)  # into the next second of the clock: a "now" stamp would differ
    assert render(_channel([_entry(1, 3)]), "rss") == first
    with pytest.raises(EmptyFeedError):
        render(_channel([]), "atom")


def test_enclosure_is_the_largest_jpeg_measured_in_the_output(tmp_path):
    """The enclosure is the images plugin's ``featured.largest``, measured in the output."""
    from plugins.feeds.enclosure import enclosure_for

    out = tmp_path / "out"
    for rel, size in (("images/a-480w.jpg", 10), ("images/a-960w.jpg", 30), ("images/a-1200w.webp", 50),
                      ("images/goc.png", 7), ("images/b c-1200w.jpg", 12)):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"x" * size)
    site = "https://site.vn"

    def enc(**kw):
        got = enclosure_for(SimpleNamespace(source_path="a.md", **kw), siteurl=site, output_dir=out)
        return got and (got.url, got.length, got.mime)

    # images plugin: Picture.largest is the URL of the largest JPEG variant
    assert enc(featured=SimpleNamespace(largest=f"{site}/images/b%20c-1200w.jpg"), image="images/b c.jpg") == \
        (f"{site}/images/b%20c-1200w.jpg", 12, "image/jpeg")
    # nothing but the images plugin's Picture counts: no guessing from other shapes
    variants = [{"url": "images/a-960w.jpg", "path": str(out / "images/a-960w.jpg"), "width": 960}]
    assert enc(featured=SimpleNamespace(variants=variants), image="images/a.jpg") is None
    assert enc(image="images/goc.png") is None
    # never a link to a file that is not in the output
    assert enc(featured=SimpleNamespace(largest=f"{site}/images/missing-1200w.jpg")) is None
    assert enc() is None


def test_plugin_lint_reports_broken_feeds():
    from plugins.feeds.lint import lint_feed
    from plugins.feeds.render import render

    now = dt.datetime(2025, 1, 31, tzinfo=VN)
    good = render(_channel([_entry(1, 3)]), "rss")
    assert lint_feed(good, "https://site.vn/feeds/a.rss.xml", now) == []
    problems = " | ".join(lint_feed(good, "https://site.vn/feeds/b.rss.xml", now))
    assert "rel=self" in problems
    future = render(_channel([_entry(1, 3, content='<img src="anh.jpg">')]), "atom")
    problems = " | ".join(lint_feed(future, "https://site.vn/feeds/a.rss.xml", dt.datetime(2025, 1, 2, tzinfo=VN)))
    assert "sau thời điểm dựng trang" in problems and "địa chỉ tương đối «anh.jpg»" in problems


def test_lint_written_warns_about_each_problem_of_each_written_feed(tmp_path, caplog):
    """``FEEDS_LINT`` (off by default) reads every written feed back and logs
    one warning per problem, naming the file."""
    import datetime as dt
    import logging
    from types import SimpleNamespace as NS

    from plugins.feeds.writing import lint_written

    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.rss.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><link>https://x/</link>'
        '<description>x</description><item><title>a</title><link>/a/</link></item></channel></rss>',
        encoding="utf-8")
    (tmp_path / "feeds" / "a.atom.xml").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', encoding="utf-8")
    catalogue = [NS(rss_url="feeds/a.rss.xml", atom_url="feeds/a.atom.xml")]
    portal = NS(build_datetime=dt.datetime(2026, 11, 21, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    with caplog.at_level(logging.WARNING):
        count = lint_written(catalogue, {"SITEURL": "https://x"}, portal, tmp_path)
    warnings = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Feeds: ")]
    assert count == len(warnings) > 1
    assert any("feeds/a.rss.xml" in w for w in warnings) and any("feeds/a.atom.xml" in w for w in warnings)
