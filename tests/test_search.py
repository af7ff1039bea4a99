"""Search with the real Pagefind index, queried in a real browser."""

from __future__ import annotations

import re

import pytest

from browser import chromium_available, chromium_on, free_port
from conftest import ROOT, read_html, run_pelican

PORT = free_port()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("search") / "output"
    run_pelican(out, extra={"SITEURL": f"http://127.0.0.1:{PORT}"})
    return out


def test_pagefind_bundle_and_search_page_are_built(site):
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    page = read_html(site / "tim-kiem" / "index.html")
    assert page.html["lang"] == "vi"
    assert page.select_one("main h1").get_text(strip=True) == "Tìm kiếm"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_only_published_article_bodies_are_indexed(site):
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    articles = list(site.glob("tin-tuc/*/*/*/index.html"))
    hidden = [p for p in (ROOT / "content" / "articles").rglob("*.md")
              if re.search(r"^Status:\s*hidden\s*$", p.read_text(encoding="utf-8"), re.M | re.I)]
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert list(entry["languages"]) == ["vi"]
    assert hidden, "the sample has a hidden article"
    assert indexed == len(marked) == len(articles) - len(hidden) > 0
    assert all(p in articles for p in marked)


@pytest.mark.skipif(not chromium_available(), reason="Debian chromium is not installed")
def test_reader_finds_an_article_by_a_vietnamese_word(site):
    with chromium_on(site, PORT) as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"http://127.0.0.1:{PORT}/tim-kiem/")
        page.fill(".pagefind-ui__search-input", "Tết")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    assert links and all("/tin-tuc/" in link for link in links)
