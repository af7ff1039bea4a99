"""The home page, an article and one page of every other kind in Debian's
Chromium at 360×740: no console errors, no failed or third-party requests, no
horizontal scroll. The session's sample build, served once (``served_site``),
in the session's one browser (``chromium``)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import read_html

VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def article_with_image(site) -> str:
    """Path of the newest article page that shows a featured image."""
    pages = sorted(site.glob("tin-tuc/*/*/*/index.html"), reverse=True)
    for path in pages:
        if read_html(path).select_one("main figure.featured img"):
            return "/" + path.parent.relative_to(site).as_posix() + "/"
    pytest.fail("no article with a featured image in the sample")


@pytest.fixture(scope="module")
def phone(chromium):
    """One 360×740 tab reused for every visit of the module, with the HTTP
    cache off so each page loads all it needs itself, as a fresh tab would."""
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    yield page
    context.close()


def visit(page, origin: str, path: str, shot: str | None = None) -> dict:
    problems: list[str] = []
    hosts: set[str] = set()
    listeners = {
        "console": lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
        "pageerror": lambda exc: problems.append(f"page error: {exc}"),
        "requestfailed": lambda req: problems.append(f"failed: {req.url} {req.failure}"),
        "response": lambda res: problems.append(f"HTTP {res.status}: {res.url}") if res.status >= 400 else None,
        "request": lambda req: hosts.add(urlparse(req.url).netloc),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(origin + path, wait_until="load")
        # Load lazy images too: scroll to the bottom, then wait for the network.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        widths = page.evaluate("({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})")
        overflowing = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.site-nav ul, table, pre, .breadcrumbs'))
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        if shot:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=shot, full_page=True)
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    return {"problems": problems, "widths": widths, "hosts": hosts, "overflowing": overflowing}


@pytest.mark.parametrize("which", ["home", "article"])
def test_page_is_clean_and_fits_a_small_phone(phone, served_site, article_with_image, which):
    path = "/" if which == "home" else article_with_image
    result = visit(phone, served_site.origin, path, shot=f"/tmp/portal-{which}-360.png")
    assert result["problems"] == []
    assert result["hosts"] == {f"127.0.0.1:{served_site.port}"}, "chỉ được tải tài nguyên từ chính trang"
    # Elements listed are only a hint (clipped ones, e.g. a long breadcrumb, are fine).
    assert result["widths"]["scroll"] <= result["widths"]["inner"], result["overflowing"]


OTHER_PAGES = [
    "/chien-dich/", "/chien-dich/tet-sum-vay/", "/chien-dich/tet-sum-vay/2025/", "/don-vi/", "/don-vi/lai-chau/",
    "/chi-tieu/", "/chi-tieu/2025/", "/chi-tieu/2025/tam-duong/", "/theo-doi/", "/tim-kiem/", "/gioi-thieu/",
    "/luu-tru/", "/luu-tru/2025/", "/tac-gia/", "/the/", "/chuyen-muc/", "/404.html",
]


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_every_kind_of_page_fits_a_small_phone(phone, served_site, path):
    result = visit(phone, served_site.origin, path)
    assert result["problems"] == []
    assert result["hosts"] == {f"127.0.0.1:{served_site.port}"}
    assert result["widths"]["scroll"] <= result["widths"]["inner"], result["overflowing"]
