"""Search with the real Pagefind index of the session's sample build, queried
in the session's browser."""

from __future__ import annotations

import re

from conftest import ROOT, read_html


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


def test_reader_finds_an_article_by_a_vietnamese_word(chromium, served_site):
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{served_site.origin}/tim-kiem/")
        page.fill(".pagefind-ui__search-input", "Tết")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    finally:
        page.close()
    assert links and all("/tin-tuc/" in link for link in links)
