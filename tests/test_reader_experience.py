"""Readers and sharers (issue 13): the article first, campaigns worth
sharing, the photo viewer, linkable search, sharp images on 2x screens.

Static checks read the session's sample build (``site``); browser checks use
the served copy (``served_site``) in the session's Chromium (``chromium``) at
360×740 and 1280×800."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from conftest import ROOT, SITEURL, read_html

PORTRAIT = "tin-tuc/2026/02/truc-dem-giao-thua-binh-ngo-o-benh-vien-da-khoa-tinh/"
PHOTO_STORY = "tin-tuc/2024/08/anh-mua-che-thu-tren-doi-tam-duong/"
VIDEO = "tin-tuc/2025/01/video-cho-tet-cong-doan-2025/"
CAMPAIGNS = ["tet-sum-vay", "cho-tet-cong-doan", "thang-cong-nhan"]
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def _article_pages(site: Path) -> list[Path]:
    return sorted(site.glob("tin-tuc/*/*/*/index.html"))


# --- article page order, sapo once -------------------------------------------------

def test_article_order_headline_meta_sapo_image_body(site):
    page = read_html(site / PORTRAIT / "index.html")
    article = page.select_one("main article.article")
    order = [el for el in article.find_all(True) if el.name == "h1" or "sapo" in (el.get("class") or [])
             or "featured" in (el.get("class") or []) or "article-body" in (el.get("class") or [])
             or "dates" in (el.get("class") or [])]
    kinds = [el.name if el.name == "h1" else el["class"][0] for el in order]
    assert kinds == ["h1", "dates", "sapo", "featured", "article-body"]
    # The featured image is a link to the whole picture, cropped on the page (portrait: is-tall).
    figure = article.select_one("figure.featured")
    assert "is-tall" in figure["class"]
    link = figure.select_one("a.featured-link")
    assert re.search(r"-\d+w\.jpg$", link["href"]) and link.select_one("img[alt]")


def test_sapo_is_shown_once_on_every_article(site):
    for path in _article_pages(site):
        article = read_html(path).select_one("main article.article")
        sapos = article.select(".sapo")
        assert len(sapos) == 1, path  # every sample article has a Summary
        first = article.select_one(".article-body").find("p", recursive=False)
        if first is not None:
            assert _text(sapos[0]) != _text(first), f"{path}: sapo repeated as the first paragraph"
    with_summary = read_html(site / PORTRAIT / "index.html").select_one("main .sapo")
    assert _text(with_summary).startswith("Đêm giao thừa Tết Bính Ngọ, gần 80 y bác sĩ")


def test_without_summary_the_first_paragraph_is_the_sapo_and_not_repeated():
    from types import SimpleNamespace as NS

    from plugins.seo.meta import sapo

    body = "<p>Mở đầu <strong>quan trọng</strong>.</p>\n<p>Đoạn hai.</p>"
    assert sapo(NS(content=body, metadata={})) == ("Mở đầu <strong>quan trọng</strong>.", "<p>Đoạn hai.</p>")
    # With a Summary, the body stays whole.
    assert sapo(NS(content=body, metadata={"summary": "<p>Tóm tắt.</p>"})) == ("Tóm tắt.", body)
    # A body that opens with a picture, a heading or an empty paragraph has no sapo to take.
    for opening in ('<p><img src="a.jpg" alt="x"></p>', "<h2>Tiêu đề</h2>", "<p> </p>", '<p><picture></picture></p>'):
        html = opening + "<p>Đoạn sau.</p>"
        assert sapo(NS(content=html, metadata={})) == ("", html)


def test_no_article_lists_itself(site):
    for path in _article_pages(site):
        page = read_html(path)
        url = f"{SITEURL}/{path.parent.relative_to(site).as_posix()}/"
        own = [a for a in page.select("aside a, nav.prev-next a") if a.get("href") == url]
        assert not own, f"{path}: lists itself"
        latest = page.select("aside .link-list li")
        assert len(latest) == 6, path  # SEO_LATEST_COUNT, even when the page's own article is among the newest


# --- campaigns ----------------------------------------------------------------------

@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_campaign_page_is_worth_sharing(site, campaign_id):
    page = read_html(site / "chien-dich" / campaign_id / "index.html")
    main = page.select_one("main")
    share = main.select(".share a[href]")
    hosts = {re.match(r"https://([^/]+)/", a["href"]).group(1) for a in share}
    assert hosts == {"www.facebook.com", "sp.zalo.me"}
    assert all(f"chien-dich%2F{campaign_id}%2F" in a["href"] for a in share)
    assert not page.select('script[src*="facebook"], script[src*="zalo"]')
    image = page.select_one('meta[property="og:image"]')["content"]
    assert f"/images/og/chien-dich-{campaign_id}-" in image
    assert page.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert page.select_one('meta[property="og:image:height"]')["content"] == "630"
    from PIL import Image

    with Image.open(site / image.removeprefix(SITEURL + "/")) as img:
        assert img.size == (1200, 630)
    # Practical information from content/campaigns/<id>.md.
    facts = {_text(div.dt): _text(div.dd) for div in main.select(".campaign-practical dl > div")}
    assert {"Đối tượng", "Nội dung", "Thời gian", "Địa điểm", "Liên hệ"} <= set(facts)
    # The banner goes through the responsive pipeline.
    banner = main.select_one(".campaign-image img")
    assert banner.get("srcset") and re.search(r"-\d+w\.jpg$", banner["src"])
    # The name is said once in every description.
    name = _text(main.select_one("h1"))
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        assert page.select_one(selector)["content"].count(name) == 1


def test_campaign_edition_description_names_it_once(site):
    page = read_html(site / "chien-dich" / "tet-sum-vay" / "2025" / "index.html")
    assert page.select_one('meta[name="description"]')["content"] == (
        "Tết Sum vầy – Xuân chia sẻ – đợt 2025: không để đoàn viên, người lao động nào không có Tết")


# --- video ----------------------------------------------------------------------------

def test_video_duration_on_the_page_and_a_link_in_the_feed(site):
    page = read_html(site / VIDEO / "index.html")
    player = page.select_one("main .video-player")
    assert player.select_one(".video-duration time")["datetime"] == "PT3M24S"
    assert "Thời lượng 3:24" in _text(page.select_one("main .video-note"))
    # the newest items fill the site-wide feed; the video's unit feed carries it
    entries = [e for path in sorted((site / "feeds").rglob("*.rss.xml"))
               for e in feedparser.parse(path.read_bytes()).entries if e.link == f"{SITEURL}/{VIDEO}"]
    assert entries
    entry = entries[0]
    assert 'href="https://www.youtube.com/watch?v=Xk3pQ9vT2aB"' in entry.content[0].value
    assert "Xem video (3:24)" in entry.content[0].value


# --- identity, icons ---------------------------------------------------------------------

def test_icons_and_manifest_are_linked(site):
    import json

    from PIL import Image

    head = read_html(site / "index.html").head
    for selector, size in (('link[rel="apple-touch-icon"]', (180, 180)), ('link[rel="icon"][sizes="192x192"]', (192, 192))):
        href = head.select_one(selector)["href"]
        with Image.open(site / href.removeprefix(SITEURL + "/")) as img:
            assert img.size == size and img.format == "PNG"
    manifest = json.loads((site / "theme" / "site.webmanifest").read_text(encoding="utf-8"))
    assert head.select_one('link[rel="manifest"]')["href"] == f"{SITEURL}/theme/site.webmanifest"
    assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"} and manifest["lang"] == "vi"


def test_no_placeholder_contact_data_in_the_theme():
    """Contact data lives in content/data/identity.yml only."""
    for path in (ROOT / "theme" / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "HOTLINE" not in text and "CONTACT_EMAIL" not in text and "1900" not in text, path


# --- in the browser --------------------------------------------------------------------

@pytest.fixture(scope="module")
def tabs(chromium):
    """A 360×740 and a 1280×800 tab, both with a 2x screen."""
    contexts = {name: chromium.new_context(viewport=size, device_scale_factor=2)
                for name, size in (("phone", PHONE), ("desktop", DESKTOP))}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def test_portrait_article_body_starts_on_the_first_screen_on_desktop(tabs, served_site):
    page = tabs["desktop"]
    page.goto(f"{served_site.origin}/{PORTRAIT}")
    top = page.evaluate("document.querySelector('.article-body > p').getBoundingClientRect().top")
    assert top < DESKTOP["height"] - 40, top
    figure = page.evaluate("(() => { const r = document.querySelector('figure.featured img').getBoundingClientRect();"
                           " return [r.width, r.height]; })()")
    assert figure[1] <= figure[0] * 2 / 3 + 1  # cropped to at most 3:2
    phone = tabs["phone"]
    phone.goto(f"{served_site.origin}/{PORTRAIT}")
    width, height = phone.evaluate("(() => { const r = document.querySelector('figure.featured img').getBoundingClientRect();"
                                   " return [r.width, r.height]; })()")
    assert height <= width * 2 / 3 + 1
    assert phone.locator("main .sapo").count() == 1


@pytest.mark.parametrize("tab", ["phone", "desktop"])
def test_photo_viewer_opens_and_steps_with_the_keyboard(tabs, served_site, tab):
    page = tabs[tab]
    page.goto(f"{served_site.origin}/{PHOTO_STORY}")
    photos = page.locator("main a.featured-link, main a.gallery-link").count()
    assert photos == 4
    page.locator("main a.gallery-link").first.click()
    dialog = page.locator("dialog.lightbox")
    dialog.wait_for(state="visible")
    assert page.inner_text(".lightbox-counter") == f"2 / {photos}"
    first_caption = page.inner_text(".lightbox-caption")
    assert first_caption
    page.keyboard.press("ArrowRight")
    assert page.inner_text(".lightbox-counter") == f"3 / {photos}"
    assert page.inner_text(".lightbox-caption") not in ("", first_caption)
    page.wait_for_function("document.querySelector('.lightbox-image').naturalWidth > 0")
    # Large: as wide as the picture (or the screen) allows, or as tall as the screen allows.
    width, height, natural = page.evaluate("(() => { const i = document.querySelector('.lightbox-image');"
                                           " const r = i.getBoundingClientRect(); return [r.width, r.height, i.naturalWidth]; })()")
    viewport = PHONE if tab == "phone" else DESKTOP
    assert width >= 0.95 * min(natural, viewport["width"] - 40) or height >= 0.6 * viewport["height"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.inner_text(".lightbox-counter") == f"{photos} / {photos}"  # wraps around
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('gallery-link')")


def test_photo_viewer_swipes_on_a_phone(tabs, served_site):
    page = tabs["phone"]
    page.goto(f"{served_site.origin}/{PHOTO_STORY}")
    page.locator("main a.featured-link").click()
    page.locator("dialog.lightbox").wait_for(state="visible")
    assert page.inner_text(".lightbox-counter") == "1 / 4"
    page.mouse.move(300, 300)
    page.mouse.down()
    page.mouse.move(200, 305, steps=5)
    page.mouse.move(80, 310, steps=5)
    page.mouse.up()
    assert page.inner_text(".lightbox-counter") == "2 / 4"
    assert page.locator("dialog.lightbox").is_visible()
    page.keyboard.press("Escape")


def test_photo_links_work_without_javascript(chromium, served_site):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_site.origin}/{PHOTO_STORY}")
        href = page.locator("main a.gallery-link").first.get_attribute("href")
        page.locator("main a.gallery-link").first.click()
        page.wait_for_url(href)
        assert page.url.endswith(".jpg")
    finally:
        context.close()


def test_search_from_the_address_shows_dates_and_keeps_the_query(tabs, served_site):
    page = tabs["phone"]
    page.goto(f"{served_site.origin}/tim-kiem/?q=tet")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.input_value(".pagefind-ui__search-input") == "tet"
    page.wait_for_selector(".pagefind-ui__result-tag", timeout=15000)
    results = page.eval_on_selector_all(".pagefind-ui__result", "els => els.map(e => e.innerText)")
    assert len(results) >= 3
    for text in results[:3]:
        assert re.search(r"Ngày đăng: \d{2}/\d{2}/\d{4}", text), text
        assert "Loại: " in text
    assert any("Đơn vị: " in text for text in results)
    page.fill(".pagefind-ui__search-input", "chè")
    page.wait_for_function("location.search === '?q=' + encodeURIComponent('chè')")


IMAGE_SIZES = """async () => {
  for (const img of document.images) img.loading = 'eager';
  await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
  const real = {};
  await Promise.all([...document.images].map(img => new Promise(r => {
    const probe = new Image(); probe.onload = () => { real[img.currentSrc] = probe.naturalWidth; r(); };
    probe.onerror = r; probe.src = img.currentSrc; })));
  return [...document.images].map(img => {
    const sets = [img.getAttribute('srcset') || ''];
    const picture = img.closest('picture');
    if (picture) for (const s of picture.querySelectorAll('source')) sets.push(s.getAttribute('srcset') || '');
    let largest = 0;
    for (const set of sets) for (const part of set.split(',')) {
      const m = part.trim().match(/\\s(\\d+)w$/); if (m) largest = Math.max(largest, +m[1]);
    }
    return {src: img.currentSrc, srcset: !!img.getAttribute('srcset'), shown: img.getBoundingClientRect().width,
            served: real[img.currentSrc] || 0, largest};
  }).filter(i => i.shown > 0);
}"""


@pytest.mark.parametrize("tab", ["phone", "desktop"])
def test_every_image_is_sharp_on_a_2x_screen(tabs, served_site, tab):
    """Every <img> comes from the responsive pipeline and is served at least
    1.5 times its shown width on a 2x screen (or is the largest variant)."""
    page = tabs[tab]
    blurry, seen = [], 0
    for path in ["/", "/chien-dich/", "/chien-dich/tet-sum-vay/", "/don-vi/tam-duong/", f"/{PORTRAIT}",
                 f"/{PHOTO_STORY}", f"/{VIDEO}", "/chuyen-muc/viec-lam-doi-song/"]:
        page.goto(served_site.origin + path)
        for img in page.evaluate(IMAGE_SIZES):
            seen += 1
            sharp = img["served"] >= 1.5 * img["shown"] or (img["largest"] and img["served"] >= img["largest"])
            if not (sharp and img["srcset"]):
                blurry.append(f"{path}: {img}")
    assert seen > 12  # photos, thumbnails, banners and posters of eight kinds of page
    assert not blurry, "\n".join(blurry)


# --- the new fields are validated like every other -------------------------------------

def test_video_duration_and_campaign_practical_fields_are_checked(tmp_path):
    from helpers import check_content, make_content

    article = ("Title: Video thử\nDate: 2025-01-12 20:00\nAuthors: Nguyễn Thị Hoa\nUnit: tam-duong\nType: video\n"
               "Video: https://www.youtube.com/watch?v=Xk3pQ9vT2aB\nVideo_duration: 3 phút\n\nNội dung.\n")
    content = make_content(tmp_path, {"video-thu.md": article}, parts=("data", "images/campaigns", "campaigns"))
    prose = content / "campaigns" / "tet-sum-vay.md"
    prose.write_text("Title: Tết Sum vầy – Xuân chia sẻ\nWho: <b>Đoàn viên</b>\nHotline: 0213\n"
                     "Contact: Ban Tuyên giáo\n\nLời giới thiệu.\n", encoding="utf-8")
    proc = check_content(content)
    assert proc.returncode == 1
    out = proc.stdout
    assert "video-thu.md:7: [lỗi] trường «Video_duration»: thời lượng «3 phút» không hợp lệ" in out
    assert "ví dụ «3:25» hoặc «1:02:30»" in out
    assert "tet-sum-vay.md:2: [lỗi] trường «Who»: có mã HTML" in out
    assert "tet-sum-vay.md:3: [cảnh báo] trường «Hotline»: trường lạ, không được dùng" in out
    assert "tet-sum-vay.md:4" not in out


def test_every_article_page_weighs_at_most_30_kb_gzipped_before_images(site):
    """The page and the stylesheets and scripts it loads from the site, as
    nginx sends them gzipped (the page at nginx's gzip_comp_level 6, the
    assets as their .gz twins), stay within 30 KB: images excluded."""
    import gzip

    assets: dict[str, int] = {}
    pages = _article_pages(site)
    assert len(pages) > 50
    for path in pages:
        page = read_html(path)
        weight = len(gzip.compress(path.read_bytes(), compresslevel=6))
        for ref in [s.get("src") for s in page.select("script[src]")] + \
                   [link.get("href") for link in page.select('link[rel="stylesheet"][href]')]:
            if not ref.startswith(SITEURL + "/"):
                continue
            rel = ref[len(SITEURL) + 1:].split("?")[0]
            if rel not in assets:
                twin = site / f"{rel}.gz"
                assets[rel] = twin.stat().st_size if twin.exists() else (site / rel).stat().st_size
            weight += assets[rel]
        assert weight <= 30 * 1024, f"{path.relative_to(site)}: {weight} bytes gzipped"
