"""Unit tests of the seo and units plugins' pure functions (plain data, no build)."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace as NS

from portal.problems import Problems
from portal.data.units import parse_units
from plugins.seo import discovery, jsonld, meta, sitemap, text
from plugins.units.listing import build_listings
from plugins.units.urls import unit_url
from portal.dates import TIMEZONE


def when(day: str, hour: int = 8) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TIMEZONE)


# --- text ---------------------------------------------------------------------

def test_truncate_cuts_at_a_word_and_adds_an_ellipsis():
    value = "Công đoàn ngành Giáo dục tặng quà giáo viên cắm bản ở Mường Tè"
    assert text.truncate(value, 200) == value
    cut = text.truncate(value, 30)
    assert cut == "Công đoàn ngành Giáo dục tặng…"
    assert len(cut) <= 30


def test_first_paragraph_skips_image_only_paragraphs_and_captions():
    html = ('<p><img src="a.jpg" alt="x"></p><figure><img src="b.jpg"><figcaption>Ảnh: A</figcaption></figure>'
            '<p>Sáng 5/1, <strong>LĐLĐ tỉnh</strong>\n tổ chức lễ.</p><p>Đoạn hai.</p>')
    assert text.first_paragraph(html) == "Sáng 5/1, LĐLĐ tỉnh tổ chức lễ."
    assert text.strip_tags("<p>A &amp; B</p>") == "A & B"


def test_first_paragraph_read_in_chunks_equals_the_whole_parse():
    """The lead is read a chunk at a time and reading stops at the first
    non-empty paragraph: tags, entities and paragraphs cut by a chunk's edge
    give the answer of one parse of the whole body."""
    def whole(markup):
        parser = text._Paragraphs()
        parser.feed(markup)
        parser.close()
        return next((p for p in parser.paragraphs if p), text.collapse(" ".join(parser.all)))

    filler = "<p></p>" + "<figure><img src='a.jpg'><figcaption>Ảnh &amp; chú thích</figcaption></figure>" * 40
    bodies = []
    for shift in range(0, 90, 7):
        head = filler + "x" * shift
        bodies.append(head + "<p>Công nhân &amp; người lao động <em>đón Tết</em> sum vầy.</p><p>Đoạn hai.</p>")
        bodies.append(head + "<div>Không có đoạn &lt;p&gt; nào cả, chỉ chữ.</div>")
        bodies.append(head + "<p>Đoạn chưa đóng &eacute; " + "chữ " * 700)
    for body in bodies:
        text.first_paragraph.cache_clear()
        assert text.first_paragraph(body) == whole(body), body[-80:]
    assert text.first_paragraph(bodies[0]) == "Công nhân & người lao động đón Tết sum vầy."


def test_first_paragraph_fast_reading_equals_the_parser_on_hostile_markup():
    """The regular-expression reading of the lead gives HTMLParser's answer
    on markup built to tell them apart, and on random mixes of it."""
    import random

    def whole(markup):
        parser = text._Paragraphs()
        parser.feed(markup)
        parser.close()
        return next((p for p in parser.paragraphs if p), text.collapse(" ".join(parser.all)))

    pieces = ['<img alt="<p>giả</p>" src="a.jpg">', "<a title='a>b' href='x'>liên kết</a>", "<P>Hoa</P>",
              "</p >", "<p/>", '<p class="x">Đoạn có lớp</p>', "&am<b></b>p;", "<script>var a = '<p>x</p>';</script>",
              "<style>p{}</style>", "<!-- <p>chú thích ẩn</p> -->", "a < b", "<p>a<p>b</p>c</p>", "<br/>",
              "<p><figcaption>Chú thích</figcaption>sau</p>", "<p>chưa đóng", "<p>&nbsp;</p>", "&#8212;&#xZZ;&notit;",
              "<p>Tết &amp; Xuân</p>", "<figure><figcaption><p>trong chú thích</p></figcaption></figure>",
              "<p>\n  </p>", "<em>nghiêng</em>", "chữ thường ", "<p>", "</p>", "<div>", "</div>", "<?xml x?>",
              "<![CDATA[<p>x</p>]]>", "<p data-x=\"1\" hidden>Thuộc tính</p>", "<p\tid=a>Tab</p>"]
    for body in pieces:
        text.first_paragraph.cache_clear()
        assert text.first_paragraph(body) == whole(body), body
    rng = random.Random(20261202)
    for _ in range(3000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        text.first_paragraph.cache_clear()
        assert text.first_paragraph(body) == whole(body), body
    assert text._first_paragraph_fast('<p>Một <strong>hai</strong> &amp; ba</p>') == "Một hai & ba"


def test_lead_prefers_summary_then_first_paragraph():
    with_summary = NS(metadata={"summary": "<p>Tóm tắt &amp; dẫn</p>"}, content="<p>Thân bài</p>")
    without = NS(metadata={}, content="<p></p><p>Đoạn đầu tiên của bài.</p>")
    assert meta.lead(with_summary) == "Tóm tắt & dẫn"
    assert meta.lead(without) == "Đoạn đầu tiên của bài."


# --- JSON-LD -------------------------------------------------------------------

def test_json_ld_cannot_close_its_script_element():
    doc = {"headline": "</script><script>alert(1)</script> & <!--"}
    out = jsonld.dumps_for_html(doc)
    assert "</" not in out and "<!--" not in out and "<" not in out
    assert json.loads(out) == doc
    assert "Tết" in jsonld.dumps_for_html({"x": "Tết"})  # readable, not \\u-escaped Vietnamese


def test_news_article_dates_carry_the_vietnam_offset():
    doc = jsonld.news_article(
        url="https://x.vn/a/", headline="Tiêu đề", description="Mô tả", published=when("2024-01-05"),
        modified=None, authors=[{"name": "Vũ Hồng Nhung", "url": "https://x.vn/tac-gia/vu-hong-nhung/"}],
        publisher=jsonld.organization("LĐLĐ tỉnh Lai Châu", "https://x.vn/"), images=["https://x.vn/i.jpg"])
    assert doc["@type"] == "NewsArticle"
    assert doc["datePublished"] == doc["dateModified"] == "2024-01-05T08:00:00+07:00"
    assert doc["author"] == [{"@type": "Person", "name": "Vũ Hồng Nhung", "url": "https://x.vn/tac-gia/vu-hong-nhung/"}]
    assert doc["inLanguage"] == "vi"
    assert doc["mainEntityOfPage"]["@id"] == "https://x.vn/a/"


def test_breadcrumb_list_positions_start_at_one():
    doc = jsonld.breadcrumb_list([("Trang chủ", "https://x.vn/"), ("Bài", "https://x.vn/a/")])
    assert [(i["position"], i["name"]) for i in doc["itemListElement"]] == [(1, "Trang chủ"), (2, "Bài")]


# --- URLs and share links -------------------------------------------------------

def test_url_of_output_and_absolute():
    assert meta.url_of_output("index.html") == ""
    assert meta.url_of_output("don-vi/tam-duong/trang/2/index.html") == "don-vi/tam-duong/trang/2/"
    assert meta.url_of_output("404.html") == "404.html"
    assert meta.absolute("https://x.vn", "") == "https://x.vn/"
    assert meta.absolute("https://x.vn/", "/the/a/") == "https://x.vn/the/a/"
    assert meta.absolute("https://x.vn", "https://cdn.example/a.jpg") == "https://cdn.example/a.jpg"
    assert unit_url("tam-duong") == "don-vi/tam-duong/"


def test_share_links_encode_the_address():
    links = meta.share_links([{"name": "Facebook", "key": "facebook", "url": "https://www.facebook.com/sharer/sharer.php?u={url}"}],
                             "https://x.vn/tin-tuc/2024/01/a-b/", "Tết")
    assert links[0]["href"] == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx.vn%2Ftin-tuc%2F2024%2F01%2Fa-b%2F"


# --- describe(): head metadata from a template context ---------------------------

SETTINGS = {"SITEURL": "https://x.vn", "SITENAME": "Công đoàn Lai Châu", "SITESUBTITLE": "Cổng thông tin",
            "SEO_DESCRIPTION_LENGTH": 160, "SEO_PUBLISHER_LOGO": "theme/images/logo.png", "DEFAULT_CATEGORY": "misc",
            "SEO_DEFAULT_IMAGE": {"url": "theme/images/share.png", "width": 1200, "height": 630, "alt": "Logo"}}


def test_describe_article_builds_canonical_og_and_json_ld():
    category = NS(name="Hoạt động công đoàn", url="chuyen-muc/hoat-dong-cong-doan/")
    category.__str__ = lambda self=category: self.name
    article = NS(title="Tết  sum vầy: 5 < 7 & \"ấm\"", metadata={}, content="<p>Đoạn đầu.</p>", date=when("2024-01-05"),
                 modified=when("2024-01-06", 9), authors=[NS(name="Vũ Hồng Nhung", url="tac-gia/vu-hong-nhung/")],
                 category="Hoạt động công đoàn", unit_ref=None, status="published", tags=[],
                 og_image={"url": "https://x.vn/og/a.jpg", "width": 1200, "height": 630, "alt": "Ảnh"})
    article.category = NS(name="Hoạt động công đoàn", url="chuyen-muc/hoat-dong-cong-doan/")
    page = meta.describe({"article": article, "output_file": "tin-tuc/2024/01/tet/index.html"}, SETTINGS)
    assert page.canonical == "https://x.vn/tin-tuc/2024/01/tet/"
    assert page.title == "Tết sum vầy: 5 < 7 & \"ấm\""  # plain text, spaces collapsed; escaped on output
    assert page.description == "Đoạn đầu."
    assert page.og_type == "article"
    assert page.image["url"] == "https://x.vn/og/a.jpg"
    assert page.lastmod == when("2024-01-06", 9)
    docs = [json.loads(d) for d in page.jsonld]
    assert [d["@type"] for d in docs] == ["NewsArticle", "BreadcrumbList"]
    assert docs[0]["dateModified"] == "2024-01-06T09:00:00+07:00"
    assert [i["item"] for i in docs[1]["itemListElement"]] == [
        "https://x.vn/", "https://x.vn/chuyen-muc/hoat-dong-cong-doan/", "https://x.vn/tin-tuc/2024/01/tet/"]


def test_describe_list_page_uses_newest_listed_article_and_page_number():
    articles = [NS(date=when("2024-01-05")), NS(date=when("2025-03-01"))]
    paginator = NS(object_list=articles)
    ctx = {"tag": NS(name="quà Tết", url="the/qua-tet/"), "articles": articles[:1], "articles_paginator": paginator,
           "articles_page": NS(number=2), "output_file": "the/qua-tet/trang/2/index.html"}
    page = meta.describe(ctx, SETTINGS)
    assert page.lastmod == when("2025-03-01")
    assert page.title == "Thẻ «quà Tết» – Trang 2"
    assert page.canonical == "https://x.vn/the/qua-tet/trang/2/"
    assert page.image["url"] == "https://x.vn/theme/images/share.png"
    assert not page.noindex


def test_the_newest_date_of_a_list_is_found_once_for_all_its_pages():
    """Every page of a paginated list asks for the newest date of the whole
    list; meta.NewestDates walks each list once (a walk per page made the
    home list's 834 pages at 10,000 articles quadratic)."""
    walked = []

    class Counted(list):
        def __iter__(self):
            walked.append(1)
            return super().__iter__()

    articles = Counted([NS(date=when("2024-01-05")), NS(date=when("2025-03-01")), NS(date=None)])
    newest = meta.NewestDates()
    pages = [meta.describe({"tag": NS(name="quà Tết", url="the/qua-tet/"), "articles_paginator": NS(object_list=articles),
                            "articles_page": NS(number=n), "output_file": f"the/qua-tet/trang/{n}/index.html"},
                           SETTINGS, newest=newest) for n in range(1, 40)]
    assert {page.lastmod for page in pages} == {when("2025-03-01")} and len(walked) == 1
    assert newest(None) is None and newest([]) is None


def test_describe_honours_overrides_and_404_is_noindex():
    page = meta.describe({"page_name": "404", "output_file": "404.html"}, SETTINGS)
    assert page.noindex and page.lastmod is None
    page = meta.describe({"output_file": "chien-dich/a/trang/3/index.html", "seo_title": "Tết Sum vầy",
                          "articles_page": NS(number=3)}, SETTINGS)
    assert page.title == "Tết Sum vầy – Trang 3"
    page = meta.describe({"output_file": "chi-tieu/index.html", "seo_title": "Chỉ tiêu", "noindex": True,
                          "breadcrumbs": [("Chỉ tiêu", "chi-tieu/")]}, SETTINGS)
    assert page.title == "Chỉ tiêu" and page.noindex
    assert page.breadcrumbs == [("Trang chủ", "https://x.vn/"), ("Chỉ tiêu", "https://x.vn/chi-tieu/")]


def test_direct_templates_are_recognised_by_their_output_name():
    settings = {**SETTINGS, "DIRECT_TEMPLATES": ["index", "archives", "tags", "404"],
                "ARCHIVES_SAVE_AS": "luu-tru/index.html", "ARCHIVES_URL": "luu-tru/", "TAGS_SAVE_AS": "the/index.html",
                "TAGS_URL": "the/", "INDEX_SAVE_AS": "index.html", "UNITS_INDEX_SAVE_AS": "don-vi/index.html",
                "UNITS_INDEX_URL": "don-vi/"}
    assert meta.direct_template("luu-tru/index", settings) == "archives"
    assert meta.direct_template("index", settings) == "index"
    assert meta.direct_template("don-vi/index", settings) == "units"
    assert meta.direct_template("chien-dich/index", settings) is None
    page = meta.describe({"page_name": "the/index", "output_file": "the/index.html", "articles": []}, settings)
    assert page.title == "Thẻ chủ đề"
    assert page.breadcrumbs == [("Trang chủ", "https://x.vn/"), ("Thẻ", "https://x.vn/the/")]


# --- sitemap ------------------------------------------------------------------------

def _page(path, head):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head>{head}</head><body><p>x</p></body></html>", encoding="utf-8")


def test_sitemap_lists_indexable_pages_with_their_declared_lastmod(tmp_path):
    _page(tmp_path / "index.html", '<link rel="canonical" href="https://x.vn/">'
          '<meta property="og:updated_time" content="2025-03-01T08:00:00+07:00">')
    _page(tmp_path / "tin-tuc/2024/01/a/index.html", '<link rel="canonical" href="https://x.vn/tin-tuc/2024/01/a/">'
          '<meta property="og:updated_time" content="2024-01-06T09:00:00+07:00">')
    _page(tmp_path / "chi-tieu/index.html", '<meta name="robots" content="noindex, follow">')
    _page(tmp_path / "ban-sao/index.html", '<link rel="canonical" href="https://x.vn/tin-tuc/2024/01/a/">')
    _page(tmp_path / "gioi-thieu/index.html", "")
    _page(tmp_path / "404.html", "")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "site.css").write_text("body{}")
    entries = sitemap.collect(tmp_path, "https://x.vn", exclude=["404.html"])
    assert entries == [
        sitemap.Entry("https://x.vn/", "2025-03-01T08:00:00+07:00"),
        sitemap.Entry("https://x.vn/gioi-thieu/", ""),
        sitemap.Entry("https://x.vn/tin-tuc/2024/01/a/", "2024-01-06T09:00:00+07:00"),
    ]
    xml = sitemap.render_sitemap(entries)
    assert "<lastmod>2025-03-01T08:00:00+07:00</lastmod>" in xml
    assert xml.count("<url>") == 3 and xml.count("<lastmod>") == 2


def test_robots_names_the_absolute_sitemap():
    assert sitemap.render_robots("https://x.vn/sitemap.xml").splitlines() == [
        "User-agent: *", "Allow: /", "", "Sitemap: https://x.vn/sitemap.xml"]


# --- discovery --------------------------------------------------------------------------

def _article(title, day, category="Hoạt động công đoàn", tags=(), campaigns=()):
    camps = [(NS(id=c), None) for c in campaigns]
    return NS(title=title, date=when(day), category=category, tags=list(tags), campaign_refs=camps)


def test_related_prefers_shared_campaigns_then_category_then_tags_then_newer():
    base = _article("A", "2025-01-10", tags=["Tết"], campaigns=["tet-sum-vay"])
    same_campaign = _article("B", "2024-01-10", category="Gương sáng", campaigns=["tet-sum-vay"])
    same_category_tag = _article("C", "2025-01-01", tags=["Tết"])
    same_category_old = _article("D", "2023-01-01")
    same_category_new = _article("E", "2025-02-01")
    unrelated = _article("F", "2025-01-11", category="Gương sáng")
    default_cat = _article("G", "2025-01-11", category="misc")
    pool = [base, same_campaign, same_category_tag, same_category_old, same_category_new, unrelated, default_cat]
    got = discovery.related(base, pool, 4, default_category="misc")
    assert [a.title for a in got] == ["B", "C", "E", "D"]
    misc = _article("H", "2025-01-12", category="misc")
    assert discovery.related(misc, pool, 4, default_category="misc") == []


def test_neighbours_are_older_and_newer_by_date():
    a, b, c = _article("a", "2024-01-01"), _article("b", "2024-02-01"), _article("c", "2024-03-01")
    around = discovery.neighbours([c, a, b])
    assert around[id(a)] == (None, b)
    assert around[id(b)] == (a, c)
    assert around[id(c)] == (b, None)


def test_featured_picks_the_newest_articles_with_an_image_then_tops_up():
    a = NS(date=when("2025-01-01"), image="images/a.jpg")
    b = NS(date=when("2025-02-01"), image=None)
    c = NS(date=when("2025-03-01"), image="images/c.jpg")
    assert discovery.featured([a, b, c], 2) == [c, a]
    assert discovery.featured([a, b, c], 3) == [c, b, a]


# --- units listing ------------------------------------------------------------------

def test_unit_listing_includes_descendants_newest_first():
    raw = [
        {"id": "tinh", "name": "LĐLĐ tỉnh"},
        {"id": "huyen", "name": "LĐLĐ huyện", "parent": "tinh"},
        {"id": "cdcs", "name": "CĐCS trường", "parent": "huyen"},
        {"id": "ban", "name": "Ban Tổ chức", "parent": "tinh"},
    ]
    problems = Problems()
    tree = parse_units(raw, "units.yml", problems)
    assert not problems.errors
    a = NS(unit="cdcs", unit_ref=tree.get("cdcs"), date=when("2025-01-01"))
    b = NS(unit="huyen", unit_ref=tree.get("huyen"), date=when("2025-02-01"))
    c = NS(unit="ban", unit_ref=tree.get("ban"), date=when("2025-03-01"))
    d = NS(unit=None, unit_ref=None, date=when("2025-04-01"))  # republished, no unit
    listings = build_listings(tree, [a, b, c, d])
    assert listings["tinh"].articles == [c, b, a]
    assert listings["tinh"].own == []
    assert listings["huyen"].articles == [b, a]
    assert listings["cdcs"].articles == [a]
    assert listings["ban"].count == 1


def test_related_from_the_index_equals_comparing_every_pair():
    """Below the per-key limit, the inverted index finds exactly what scoring
    every pair finds (weights 4/2/1, then newest, never the article itself)."""
    import random

    from portal.rules.related import related_all, weighted_keys

    rng = random.Random(11)
    items = [NS(n=n, date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                campaigns=rng.sample(["tet", "cho-tet", "thang-cn"], rng.randrange(3)),
                category=rng.choice([None, "Tin tổng hợp", "Việc làm", "Đời sống"]),
                tags=rng.sample([f"t{k}" for k in range(12)], rng.randrange(5))) for n in range(300)]

    def keys(item):
        return weighted_keys(item.campaigns, item.category, item.tags, default_category="Tin tổng hợp")

    found = related_all(items, keys, lambda i: i.date, count=5, limit=10_000)
    order = sorted(items, key=lambda i: i.date, reverse=True)
    rank = {id(i): r for r, i in enumerate(order)}
    for item in items:
        mine = keys(item)
        scored = []
        for other in items:
            if other is item:
                continue
            theirs = keys(other)
            score = sum(weight for key, weight in mine.items() if key in theirs)
            if score:
                scored.append((-score, rank[id(other)], other.n))
        expected = [n for _, _, n in sorted(scored)[:5]]
        assert [o.n for o in found[id(item)]] == expected, item.n
