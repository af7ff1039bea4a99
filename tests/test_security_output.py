"""Output is escaped by default, the site passes a strict Content-Security-Policy,
and deploy/nginx.conf serves it with the security headers.

- Pure checks: templates are autoescaped and mark nothing safe but sanitised
  HTML; plugin-built HTML (quota chart, JSON-LD) escapes every value.
- The adversarial build (``adversarial_site``: tests/fixtures/adversarial_site,
  one scenario-named article per attack) read with BeautifulSoup and
  feedparser: no script but the site's own files and JSON-LD, no event
  handler, no javascript:/data: address, no frame, object, form, style,
  refresh or base from content; plain-text fields escaped everywhere and
  unchanged as text.
- One nginx per session runs deploy/nginx.conf (root, listen and certificate
  paths rewritten) over HTTPS for the sample and the adversarial build.
- The session's Chromium (``chromium``) opens a page of every kind through
  nginx, so the real policy applies: no dialog, no request off 127.0.0.1, no
  CSP violation.
"""

from __future__ import annotations

import gzip
import http.client
import json
import re
import ssl
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace as NS
from urllib.parse import urlparse

import pytest
from markupsafe import Markup

from browser import free_port, nginx_available, nginx_serving, rehost
from conftest import ADVERSARIAL, ROOT, SITEURL, read_header, read_html

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; media-src 'self'; frame-src https://www.youtube-nocookie.com; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SCENARIOS = sorted((ADVERSARIAL / "articles").glob("*.md"))
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background", "xlink:href")
FROM_CONTENT_ONLY = ("iframe", "object", "embed", "form", "input", "base", "style",
                     "frame", "frameset", "applet", "textarea", "select", "button[formaction]", "math", "template")
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(url: str) -> str:
    value = CONTROL.sub("", url or "").lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", value)
    return match.group(1) if match else ""


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def _article_page(site: Path, scenario: Path) -> Path:
    """The page of one fixture article, found by its title (read independently)."""
    title = read_header(scenario)["title"]
    for path in site.glob("tin-tuc/*/*/*/index.html"):
        h1 = read_html(path).select_one("main h1")
        if h1 is not None and h1.get_text() == title:
            return path
    raise AssertionError(f"no page for {scenario.name} («{title}»)")


# --- Pure: templates, chart, JSON-LD, lead -------------------------------------

def test_templates_escape_by_default_and_mark_only_sanitised_html_safe():
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert re.search(r'^JINJA_ENVIRONMENT = \{.*"autoescape": True', settings, re.M)
    content_html = {"article.content", "page.content", "landing.prose", "article.summary"}
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        assert "|safe" not in text.replace(" ", ""), f"{rel}: |safe bypasses the sanitiser"
        assert "autoescape false" not in text and "|e " not in text and "|e}" not in text, rel
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", text), \
            f"{rel}: inline script (the CSP blocks it)"
        assert not re.search(r"\sstyle=|<style", text), f"{rel}: inline style (the CSP blocks it)"
        for expr in content_html:
            for use in re.findall(r"\{\{\s*" + re.escape(expr) + r"\b([^}]*)\}\}", text):
                assert use.strip().startswith("|sanitized"), f"{rel}: {{{{ {expr}{use}}}}} is not sanitised"
        for use in re.findall(r"\{\{\s*article\.image_caption\b([^}]*)\}\}", text):
            assert use.strip() == "|sanitized_inline", rel


def test_python_marks_html_safe_only_after_sanitising_or_escaping_it():
    """``Markup(value)`` on anything but a literal: only these reviewed places."""
    allowed = {
        "portal/safety.py": 2,       # safe_html / safe_inline: nh3 output
        "plugins/seo/handlers.py": 1,  # JSON-LD from jsonld.dumps_for_html (<, >, & escaped)
        "plugins/images/enrich.py": 1,  # Markup(text).striptags(): returns plain str
    }
    found = {}
    for path in [*(ROOT / "plugins").rglob("*.py"), *(ROOT / "portal").rglob("*.py")]:
        count = len(re.findall(r"\bMarkup\((?!\s*['\"])", path.read_text(encoding="utf-8")))
        if count:
            found[path.relative_to(ROOT).as_posix()] = count
    assert found == allowed


def test_quota_chart_escapes_every_interpolated_value():
    from plugins.quotas.chart import bar_chart

    svg = bar_chart([1, 0], ['T"1', "T<2>"], title='Đơn vị "A" & <b>B</b>', description="<script>x</script>",
                    element_id='bd" onload="alert(1)', long_labels=["tháng 'một'", "tháng & hai"])
    assert isinstance(svg, Markup)
    root = ET.fromstring(str(svg))
    assert root.get("id") == 'bd" onload="alert(1)' and root.get("onload") is None
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == 'Đơn vị "A" & <b>B</b>'
    assert root.find(f"{ns}desc").text.startswith("<script>x</script>")
    assert all(not name.startswith("on") and name != "style" for el in root.iter() for name in el.attrib)
    assert "<script" not in svg and "<b>" not in svg


def test_json_ld_escapes_what_could_end_or_confuse_its_script_element():
    from plugins.seo.jsonld import dumps_for_html

    doc = {"headline": "a </script><!-- <b> & \u2028 \u2029 'x' \"y\" Tết"}
    out = dumps_for_html(doc)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in out
    assert "\\u003c/script\\u003e" in out and "\\u0026" in out and "Tết" in out
    assert json.loads(out) == doc


def test_lead_decodes_entities_once_and_returns_plain_text():
    from plugins.seo.meta import lead

    article = NS(metadata={}, content="<p>Đừng dán <code>&lt;script&gt;</code> hay <code>&amp;lt;b&amp;gt;</code> &amp; thế</p>")
    assert lead(article) == "Đừng dán <script> hay &lt;b&gt; & thế"
    assert not isinstance(lead(article), Markup)  # autoescape escapes it on output


# --- The adversarial build, read as files ------------------------------------

def test_sample_pages_need_no_inline_script_or_style(site):
    """What the CSP would block, in every page of the sample build (a text scan: fast)."""
    inline_script = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>")
    inline_style = re.compile(r"<style\b|<[a-z][^>]*\sstyle=", re.I)
    handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
    pages = _pages(site)
    assert len(pages) > 100
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for rule in (inline_script, inline_style, handler):
            match = rule.search(text)
            assert match is None, (path.relative_to(site).as_posix(), match and match.group(0))


def test_every_scenario_builds_into_a_page(adversarial_site):
    assert len(SCENARIOS) >= 10
    for scenario in SCENARIOS:
        assert _article_page(adversarial_site, scenario).is_file()


def test_no_page_has_active_content_from_articles(adversarial_site):
    own_scripts = {f"{SITEURL}/theme/js/share.js", f"{SITEURL}/theme/js/video.js", f"{SITEURL}/theme/js/search.js",
                   f"{SITEURL}/theme/js/lightbox.js",
                   f"{SITEURL}/pagefind/pagefind-ui.js", f"{SITEURL}/theme/js/quota-sort.js"}
    problems = []
    pages = _pages(adversarial_site)
    assert len(pages) > 30
    for path in pages:
        rel = path.relative_to(adversarial_site).as_posix()
        soup = read_html(path)
        for script in soup.find_all("script"):
            if script.get("src"):
                # theme scripts may carry their content name (plugins/fingerprint: site-<hash>.js)
                if re.sub(r"-[0-9a-f]{10}\.js$", ".js", script["src"]) not in own_scripts:
                    problems.append(f"{rel}: script {script['src']}")
            elif script.get("type") == "application/ld+json":
                json.loads(script.string)  # valid JSON, nothing else
                if "<" in script.string:
                    problems.append(f"{rel}: '<' inside JSON-LD")
            else:
                problems.append(f"{rel}: inline script {script.string!r:.60}")
        for el in soup.find_all(True):
            for name, value in el.attrs.items():
                if name.lower().startswith("on"):
                    problems.append(f"{rel}: <{el.name} {name}>")
                if name.lower() == "style":
                    problems.append(f"{rel}: <{el.name} style>")
                if name.lower() in URL_ATTRIBUTES:
                    values = value if isinstance(value, list) else [value]
                    for url in values:
                        for candidate in (url.split(",") if name == "srcset" else [url]):
                            scheme = _scheme(candidate.strip())
                            if scheme not in ("", "http", "https", "mailto", "tel"):
                                problems.append(f"{rel}: <{el.name} {name}={candidate.strip()[:40]!r}>")
        for selector in FROM_CONTENT_ONLY:
            for el in soup.select(selector):
                problems.append(f"{rel}: <{el.name}>")
        for meta in soup.find_all("meta", attrs={"http-equiv": True}):
            problems.append(f"{rel}: <meta http-equiv={meta['http-equiv']}>")
        for link in soup.find_all("link", href=True):
            if urlparse(link["href"]).netloc not in ("", urlparse(SITEURL).netloc):
                problems.append(f"{rel}: <link href={link['href']}>")
        for svg in soup.find_all("svg"):
            if not (svg.find_parent(class_="site-header") or "quota-chart" in (svg.get("class") or [])):
                problems.append(f"{rel}: <svg> from content")
    assert problems == []


def test_plain_text_fields_are_escaped_and_unchanged_as_text(adversarial_site):
    scenario = ADVERSARIAL / "articles" / "plain_text_fields_with_quotes_ampersands_and_less_than.md"
    header = read_header(scenario)
    title = header["title"]
    assert all(ch in title for ch in "\"'&<")
    path = _article_page(adversarial_site, scenario)
    raw = path.read_text(encoding="utf-8")
    assert title not in raw and "a &lt; b" in raw  # never written raw, escaped once
    assert "&amp;amp;" not in raw and "&amp;lt;" not in raw and "&amp;#" not in raw  # never twice
    soup = read_html(path)
    assert soup.title.get_text().startswith(title)
    assert soup.select_one("main h1").get_text() == title
    assert soup.find("meta", property="og:title")["content"] == title
    assert soup.find("meta", attrs={"name": "twitter:title"})["content"] == title
    assert [a.get_text() for a in soup.select(".byline .authors a")] == [a.strip() for a in header["authors"].split(",")]
    assert soup.select_one(".kicker a").get_text() == header["category"]
    tags = {t.strip() for t in header["tags"].split(",")}
    assert {a.get_text() for a in soup.select("p.tags a")} == tags
    assert {m["content"] for m in soup.find_all("meta", property="article:tag")} == tags
    docs = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    news = next(d for d in docs if d["@type"] == "NewsArticle")
    assert news["headline"] == title and news["articleSection"] == header["category"]
    crumbs = next(d for d in docs if d["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == title
    # The same text on list pages, in the menu and in <link> titles.
    category_page = adversarial_site / soup.select_one(".kicker a")["href"].removeprefix(SITEURL + "/") / "index.html"
    cat = read_html(category_page)
    assert title in [a.get_text() for a in cat.select("main .card-title a")]
    assert header["category"] in [a.get_text() for a in cat.select(".site-nav a")]
    assert any(header["category"] in link["title"] for link in cat.find_all("link", rel="alternate"))


def test_republished_source_is_text_and_its_address_stays_in_the_attribute(adversarial_site):
    scenario = ADVERSARIAL / "articles" / "republished_with_quotes_in_source.md"
    header = read_header(scenario)
    soup = read_html(_article_page(adversarial_site, scenario))
    link = soup.select_one("p.attribution a")
    assert link.get_text() == header["source"]
    assert link["href"] == header["source_url"]
    assert set(link.attrs) == {"href", "rel"}


def test_quoted_html_is_shown_as_text_in_the_body_description_and_lists(adversarial_site):
    scenario = ADVERSARIAL / "articles" / "body_quoting_html_in_code.md"
    quoted = '<script>alert("trich-dan")</script>'
    path = _article_page(adversarial_site, scenario)
    raw = path.read_text(encoding="utf-8")
    assert quoted not in raw and "<img src=x" not in raw and "<iframe" not in raw
    soup = read_html(path)
    # The first paragraph (no Summary) is the sapo under the headline, the rest the body.
    codes = [c.get_text() for c in soup.select(".article-body code, .article-header .sapo code")]
    assert quoted in codes and "&lt;b&gt;" in codes
    assert '<img src="x" onerror="alert(\'khoi-ma-2\')">' in soup.select_one(".article-body pre").get_text()
    assert '<iframe src="https://evil.example/"></iframe>' in "".join(p.get_text() for p in soup.select(".article-body pre"))
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert quoted in description and soup.find("meta", property="og:description")["content"] == description
    home = read_html(adversarial_site / "index.html")
    summaries = [p.get_text() for p in home.select("p.summary")]
    assert any(quoted in s for s in summaries), summaries


def test_summary_caption_and_alt_keep_only_safe_markup(adversarial_site):
    scenario = ADVERSARIAL / "articles" / "summary_and_caption_with_markup.md"
    header = read_header(scenario)
    soup = read_html(_article_page(adversarial_site, scenario))
    caption = soup.select_one("figure.featured figcaption")
    assert caption.find("em").get_text() == "Nguyễn Thị Hoa"
    assert [el.name for el in caption.find_all(True)] == ["em", "a"] and not caption.a.has_attr("href")
    img = soup.select_one("figure.featured img")
    assert '"' in img["alt"] and "'" in img["alt"] and "&" in img["alt"] and "<" not in img["alt"]
    assert set(img.attrs) <= {"src", "srcset", "sizes", "width", "height", "alt", "loading", "fetchpriority", "decoding"}
    assert soup.find("meta", property="og:image:alt")["content"] == img["alt"]
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Tóm tắt có chữ nghiêng") and "alert('summary')" not in description
    figure = soup.select_one(".article-body figure figcaption")
    assert figure.get_text() == "Chú thích \"><script>alert(1)</script> & <b>đậm</b>" and not figure.find(True)
    assert img["alt"].startswith(header["image_alt"].split("<")[0].strip())


def test_video_player_only_embeds_youtube_nocookie(adversarial_site):
    soup = read_html(_article_page(adversarial_site, ADVERSARIAL / "articles" / "video_with_hostile_address.md"))
    button = soup.select_one("button[data-video-embed]")
    assert button["data-video-embed"].startswith("https://www.youtube-nocookie.com/embed/abcDEF12345?")
    assert set(button.attrs) == {"type", "class", "data-video-embed", "data-video-title"}
    script = (ROOT / "theme" / "static" / "js" / "video.js").read_text(encoding="utf-8")
    assert 'url.hostname === "www.youtube-nocookie.com"' in script and 'url.protocol === "https:"' in script


def test_feeds_carry_sanitised_content_and_text_titles(adversarial_site):
    import feedparser
    from bs4 import BeautifulSoup

    titles = {read_header(s)["title"] for s in SCENARIOS}
    feeds = sorted(adversarial_site.glob("feeds/**/*.xml"))
    assert feeds
    seen: set[str] = set()
    for path in feeds:
        raw = path.read_bytes()
        ET.fromstring(raw)  # well-formed XML
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            seen.add(entry.title)
            htmls = [c.value for c in entry.get("content", [])]
            for html in htmls:
                soup = BeautifulSoup(html, "html.parser")
                for el in soup.find_all(True):
                    assert el.name not in ("script", "style", "iframe", "object", "embed", "form", "base", "meta", "svg"), (path.name, entry.title, el.name)
                    assert not [a for a in el.attrs if a.startswith("on") or a == "style"], (path.name, entry.title, el)
                    for attr in ("href", "src"):
                        assert _scheme(el.get(attr, "")) in ("", "http", "https", "mailto", "tel"), (entry.title, el)
            summary = entry.get("summary", "")
            if summary and entry.summary_detail.type == "text/html":
                # RSS <description> is HTML to readers: it must hold no tag at all.
                assert BeautifulSoup(summary, "html.parser").find(True) is None, (path.name, entry.title, summary)
        # The raw XML carries no tag from content (HTML travels escaped, no CDATA).
        assert b"<script" not in raw and b"CDATA" not in raw, path
    assert titles <= seen
    rss = feedparser.parse((adversarial_site / "feeds" / "tat-ca.rss.xml").read_bytes())
    atom = feedparser.parse((adversarial_site / "feeds" / "tat-ca.atom.xml").read_bytes())
    quoting = read_header(ADVERSARIAL / "articles" / "body_quoting_html_in_code.md")["title"]
    for feed, kind in ((rss, "text/html"), (atom, "text/plain")):
        entry = next(e for e in feed.entries if e.title == quoting)
        assert entry.summary_detail.type == kind
        text = BeautifulSoup(entry.summary, "html.parser").get_text() if kind == "text/html" else entry.summary
        assert '<script>alert("trich-dan")</script>' in text  # shown as text by readers
    plain = read_header(ADVERSARIAL / "articles" / "plain_text_fields_with_quotes_ampersands_and_less_than.md")
    entry = next(e for e in atom.entries if e.title == plain["title"])
    assert [a.name for a in entry.authors] == [a.strip() for a in plain["authors"].split(",")]


# --- nginx with deploy/nginx.conf ---------------------------------------------

@pytest.fixture(scope="session")
def nginx_sites(site, adversarial_site, tmp_path_factory):
    """nginx running deploy/nginx.conf for both builds (HTTPS on 127.0.0.1)."""
    if not nginx_available():
        pytest.skip("nginx and openssl are not installed (bash scripts/bootstrap.sh --test installs them)")
    base = tmp_path_factory.mktemp("nginx")
    sites = {}
    for name, built in (("sample", site), ("adversarial", adversarial_site)):
        https_port, http_port = free_port(), free_port()
        origin = f"https://127.0.0.1:{https_port}"
        root = rehost(built, base / name, SITEURL, origin)
        sites[name] = NS(origin=origin, port=https_port, http_port=http_port, root=root)
    with nginx_serving(base / "nginx", [{"root": s.root, "https_port": s.port, "http_port": s.http_port}
                                        for s in sites.values()]) as error_log:
        yield NS(**sites, error_log=error_log)


def fetch(port: int, path: str, headers: dict | None = None, *, tls: bool = True):
    if tls:
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ssl._create_unverified_context())
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def assert_security_headers(headers: dict, what: str) -> None:
    assert headers.get("content-security-policy") == CSP, what
    assert re.fullmatch(r"max-age=\d{8,}(; includeSubDomains)?", headers.get("strict-transport-security", "")), what
    assert headers.get("x-content-type-options") == "nosniff", what
    assert headers.get("referrer-policy") == "strict-origin-when-cross-origin", what
    policy = headers.get("permissions-policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy, (what, policy)


def test_nginx_sends_the_security_headers_on_every_kind_of_response(nginx_sites, site):
    port = nginx_sites.sample.port
    og_image = next((site / "images" / "og").glob("*.jpg")).relative_to(site).as_posix()
    cases = {
        "/": ("text/html; charset=utf-8", "public, max-age=300"),
        "/tin-tuc/2025/01/": None,  # a folder without index: 404
        "/theme/css/site.css": ("text/css; charset=utf-8", "public, max-age=3600"),
        "/theme/js/search.js": ("application/javascript; charset=utf-8", "public, max-age=3600"),
        f"/{og_image}": ("image/jpeg", "public, max-age=31536000, immutable"),
        "/feeds/tat-ca.rss.xml": ("application/rss+xml; charset=utf-8", "public, max-age=300"),
        "/feeds/tat-ca.atom.xml": ("application/atom+xml; charset=utf-8", "public, max-age=300"),
        "/chi-tieu/2025.csv": ("text/csv; charset=utf-8", "public, max-age=300"),
        "/lich-bien-tap.ics": ("text/calendar; charset=utf-8", "public, max-age=300"),
        "/khong-co-trang-nay/": None,
        "/.git/config": None,
    }
    for path, expected in cases.items():
        status, headers, _ = fetch(port, path)
        assert_security_headers(headers, path)
        if expected is None:
            assert status == 404, path
        else:
            assert status == 200, path
            assert (headers["content-type"], headers["cache-control"]) == expected, path
    assert nginx_sites.error_log.read_text(encoding="utf-8").count("[emerg]") == 0


def test_nginx_serves_the_site_404_page_with_status_404(nginx_sites):
    status, headers, body = fetch(nginx_sites.sample.port, "/tin-tuc/khong-co-bai-nay/")
    assert status == 404 and headers["content-type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "Không tìm thấy trang" in page and 'name="robots" content="noindex"' in page
    status, _, _ = fetch(nginx_sites.sample.port, "/404.html")
    assert status == 404  # only ever an error page


def test_nginx_compresses_html_and_redirects_http_to_https(nginx_sites):
    status, headers, body = fetch(nginx_sites.sample.port, "/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("vary", "")
    assert gzip.decompress(body) == (nginx_sites.sample.root / "index.html").read_bytes()
    # a page has no .gz twin (PRECOMPRESS_BROTLI_ONLY): gzipped on the fly; for a
    # feed, gzip_static sends the build's own pre-compressed copy (plugins/precompress)
    assert not (nginx_sites.sample.root / "index.html.gz").exists()
    feed = next(p for p in sorted((nginx_sites.sample.root / "feeds").glob("*.xml")) if p.with_name(p.name + ".gz").exists())
    status, headers, body = fetch(nginx_sites.sample.port, f"/feeds/{feed.name}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == feed.with_name(feed.name + ".gz").read_bytes()
    status, headers, _ = fetch(nginx_sites.sample.http_port, "/tin-tuc/?a=1", tls=False)
    assert status == 301 and headers["location"] == "https://127.0.0.1/tin-tuc/?a=1"


# --- Chromium through nginx ---------------------------------------------------

CSP_SPY = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""
DOM_AUDIT = """origin => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith("on")) bad.push(`<${el.localName} ${attr}>`);
    }
  }
  for (const s of document.querySelectorAll("script")) {
    if (s.type === "application/ld+json") continue;
    const src = s.getAttribute("src") || "";
    if (!(src.startsWith(origin + "/theme/js/") || src.startsWith(origin + "/pagefind/"))) bad.push(`<script src=${src}>`);
  }
  for (const a of document.querySelectorAll("[href], [src], [action]")) {
    for (const name of ["href", "src", "action"]) {
      const v = (a.getAttribute(name) || "").replace(/[\\x00-\\x20]+/g, "").toLowerCase();
      // Pagefind UI's own search form never submits (it handles input in script).
      if (a.matches("form.pagefind-ui__form") && name === "action" && v === "javascript:void(0);") continue;
      if (v.startsWith("javascript:") || v.startsWith("vbscript:") || (v.startsWith("data:") && name !== "src"))
        bad.push(`<${a.localName} ${name}=${v.slice(0, 30)}>`);
    }
  }
  for (const tag of ["iframe", "object", "embed", "base", "meta[http-equiv]", "style"]) {
    for (const el of document.querySelectorAll(tag)) bad.push(`<${tag}>`);
  }
  return bad;
}"""


class Visit:
    """One browser tab that records dialogs, requests, CSP violations and console messages."""

    def __init__(self, browser, origin: str):
        self.origin = origin
        self.context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900})
        self.context.add_init_script(CSP_SPY)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.hosts: set[str] = set()
        self.console: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))

    def open(self, path: str, then=None) -> list[str]:
        """Problems of one page (empty when it is clean)."""
        self.console.clear()
        self.page.goto(self.origin + path, wait_until="load")
        if then:
            then(self.page)
        self.page.wait_for_timeout(50)  # let queued violation events fire
        problems = [f"CSP: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        problems += [f"console: {m}" for m in self.console if "Content Security Policy" in m or "page error" in m]
        problems += self.page.evaluate(DOM_AUDIT, self.origin)
        return [f"{path}: {p}" for p in problems]

    def close(self):
        self.context.close()


def _url(site_root: Path, page: Path) -> str:
    rel = page.relative_to(site_root).as_posix()
    return "/" + rel.removesuffix("index.html")


def _search(query: str):
    def run(page):
        page.fill(".pagefind-ui__search-input", query)
        page.press(".pagefind-ui__search-input", "Enter")  # a submit must not navigate or break the CSP
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        page.wait_for_timeout(300)  # excerpts render after the links
    return run


def test_adversarial_pages_run_nothing_in_chromium_under_the_csp(chromium, nginx_sites, adversarial_site):
    visit = Visit(chromium, nginx_sites.adversarial.origin)
    try:
        paths = ["/", "/chuyen-muc/", "/chuyen-muc/hoat-dong-cong-doan/", "/chuyen-muc/hoi-dap-nong/", "/the/",
                 "/the/a-b/", "/tac-gia/", "/tac-gia/nguyen-thi-hoa/", "/tac-gia/phong-vien-to-a-o-neil/", "/luu-tru/",
                 "/luu-tru/2025/", "/chien-dich/", "/chien-dich/tet-sum-vay/", "/chien-dich/tet-sum-vay/2025/",
                 "/don-vi/", "/don-vi/tam-duong/", "/chi-tieu/", "/chi-tieu/2025/", "/chi-tieu/2025/tam-duong/",
                 "/theo-doi/", "/gioi-thieu/", "/khong-co-trang-nay/"]
        paths += [_url(adversarial_site, _article_page(adversarial_site, s)) for s in SCENARIOS]
        for path in paths:
            assert (adversarial_site / path.lstrip("/") / "index.html").is_file() or path == "/khong-co-trang-nay/", path
        problems = []
        for path in paths:
            problems += visit.open(path)
        # Pagefind shows excerpts of the quoted markup: as text, never live.
        problems += visit.open("/tim-kiem/", _search("onerror"))
        results = visit.page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
        assert results and all(r.startswith(nginx_sites.adversarial.origin + "/tin-tuc/") for r in results)
        assert problems == []
        assert visit.dialogs == []
        assert visit.hosts == {"127.0.0.1"}, "mọi tài nguyên phải đến từ chính trang"
    finally:
        visit.close()


def test_video_button_frames_only_youtube_nocookie(chromium, nginx_sites, adversarial_site):
    path = _url(adversarial_site, _article_page(adversarial_site, ADVERSARIAL / "articles" / "video_with_hostile_address.md"))
    visit = Visit(chromium, nginx_sites.adversarial.origin)
    try:
        frames: list[str] = []
        visit.page.route("https://www.youtube-nocookie.com/**", lambda route: (frames.append(route.request.url),
                                                                             route.fulfill(status=204, body="")))
        assert visit.open(path) == []
        button = visit.page.locator("button[data-video-embed]")
        # A tampered address (anything but https://www.youtube-nocookie.com/embed/…) is ignored.
        for address in ("javascript:alert(1)", "https://evil.example/embed/x", "http://www.youtube-nocookie.com/embed/x",
                        "https://www.youtube-nocookie.com.evil.example/embed/x", "https://www.youtube-nocookie.com:8443/embed/x",
                        "https://x@www.youtube-nocookie.com/embed/x", "https://www.youtube-nocookie.com/watch?v=x", ""):
            button.evaluate("(b, a) => b.setAttribute('data-video-embed', a)", address)
            button.click()
        assert visit.page.locator("iframe").count() == 0
        button.evaluate("b => b.setAttribute('data-video-embed', 'https://www.youtube-nocookie.com/embed/abcDEF12345')")
        button.click()
        visit.page.wait_for_selector("iframe.video-frame")
        assert visit.page.locator("iframe").get_attribute("src") == "https://www.youtube-nocookie.com/embed/abcDEF12345"
        visit.page.wait_for_timeout(200)
        assert visit.page.evaluate("window.__cspViolations") == []
        assert visit.dialogs == [] and visit.hosts <= {"127.0.0.1", "www.youtube-nocookie.com"}
    finally:
        visit.close()


def test_sample_site_passes_the_csp_in_chromium(chromium, nginx_sites, site):
    article = sorted(site.glob("tin-tuc/2025/01/*/index.html"))[0]
    visit = Visit(chromium, nginx_sites.sample.origin)
    try:
        problems = []
        for path in ["/", _url(site, article), "/chi-tieu/2025/tam-duong/", "/chi-tieu/2025/", "/chien-dich/tet-sum-vay/"]:
            problems += visit.open(path)
        problems += visit.open("/tim-kiem/", _search("Tết"))
        results = visit.page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
        assert len(results) >= 3 and all("/tin-tuc/" in r for r in results)
        assert problems == []
        assert visit.dialogs == [] and visit.hosts == {"127.0.0.1"}
    finally:
        visit.close()


def test_production_build_ships_deterministic_gzip_copies(site):
    """publishconf.py turns plugins/precompress on: every text file of any size
    but the pages (brotli only) has a .gz twin with the same content and a
    fixed header (no name, no time)."""
    texts = [p for suffix in ("*.xml", "*.css", "*.js", "*.json", "*.csv", "*.ics")
             for p in site.rglob(suffix) if p.stat().st_size >= 256 and not p.is_symlink()]
    assert len(texts) > 10
    for text in texts:
        packed = text.with_name(text.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == text.read_bytes()
        assert packed[4:8] == b"\0\0\0\0"  # mtime 0: two builds give the same bytes
    assert not any(site.rglob("*.html.gz"))
    assert (site / "feeds" / "tat-ca.rss.xml.gz").is_file() or any(site.glob("feeds/*.xml.gz"))
    assert not any(site.rglob("*.jpg.gz")) and not any(site.rglob("*.gz.gz"))
