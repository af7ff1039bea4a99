"""Theme markup that the stylesheet relies on: thumbnails only for articles with
a picture, one stylesheet (no inline styles), quota boards in the wide layout."""

from __future__ import annotations

from conftest import read_html

LIST_PAGES = [
    "index.html", "chuyen-muc/hoat-dong-cong-doan/index.html", "luu-tru/2025/index.html",
    "don-vi/lai-chau/index.html", "chien-dich/tet-sum-vay/index.html", "chien-dich/tet-sum-vay/2025/index.html",
]


def test_cards_have_a_thumbnail_area_only_with_a_picture(site):
    seen_with, seen_without = 0, 0
    for name in LIST_PAGES:
        page = read_html(site / name)
        for card in page.select("main article.card"):
            thumb = card.select_one("a.thumb")
            assert ("has-thumb" in card["class"]) == (thumb is not None), f"{name}: {card.get_text(' ', strip=True)[:60]}"
            if thumb is None:
                seen_without += 1
            else:
                seen_with += 1
                img = thumb.find("img")
                assert img is not None and img.get("src") and img.get("width") and img.get("height")
                assert (site / img["src"].split("/", 3)[3]).exists(), img["src"]
    assert seen_with and seen_without, "the sample should show cards with and without a picture"


def test_pages_carry_no_inline_styles(site):
    for name in ["chi-tieu/2025/index.html", "chi-tieu/2025/tam-duong/index.html", "chien-dich/tet-sum-vay/index.html"]:
        page = read_html(site / name)
        assert page.find("style") is None, name
        assert page.select("main [style]") == [], name


def test_quota_boards_use_the_wide_layout(site):
    for name in ["chi-tieu/2025/index.html", "chi-tieu/2025/tam-duong/index.html"]:
        layout = read_html(site / name).select_one("div.layout")
        assert "layout-wide" in layout["class"], name
    assert "layout-wide" not in read_html(site / "index.html").select_one("div.layout")["class"]
    # Every row of the unit tables says its depth (the indent comes from the stylesheet).
    board = read_html(site / "chi-tieu/2025/index.html")
    rows = board.select("table.quota-table tbody tr[data-unit]")
    assert rows and all(any(c.startswith("level-") for c in row.get("class", [])) for row in rows)
