"""Accessibility of every kind of page, checked by axe-core (WCAG 2 A/AA,
including colour contrast) in Debian's Chromium at phone and desktop widths
(the session's served sample and browser: ``served_site``, ``chromium``)."""

from __future__ import annotations

import pytest

PAGES = [
    "/", "/tin-tuc/2026/02/truc-dem-giao-thua-binh-ngo-o-benh-vien-da-khoa-tinh/", "/chien-dich/",
    "/chien-dich/tet-sum-vay/", "/chien-dich/tet-sum-vay/2025/", "/don-vi/", "/don-vi/tam-duong/",
    "/chi-tieu/2025/", "/chi-tieu/2025/tam-duong/", "/theo-doi/", "/tim-kiem/", "/gioi-thieu/",
    "/chuyen-muc/", "/the/", "/tac-gia/", "/tac-gia/nguyen-thi-hoa/", "/luu-tru/2025/", "/404.html",
]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


WIDTHS = [360, 1280]


@pytest.fixture(scope="module")
def tab(chromium):
    """One tab per viewport width, reused by every page of the module (a new
    tab per page costs more than loading the page)."""
    contexts = {width: chromium.new_context(viewport={"width": width, "height": 800}) for width in WIDTHS}
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_aa_violations(tab, served_site, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page = tab[width]
    response = page.goto(served_site.origin + path, wait_until="load")
    assert response.status == (404 if path == "/404.html" else 200) or path == "/404.html"
    results = Axe().run(page, options=WCAG)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(
            f"{n['target'][0]}: {n['html'][:160]} — {n.get('failureSummary', '')[:200]}" for n in v["nodes"][:3])
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)
