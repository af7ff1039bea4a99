"""`invoke livereload` runs Pelican again in the same process: nothing may
accumulate between runs (counters, feed entries, image jobs).

The sample is built twice by one ``Pelican`` object once per session
(``sample_rebuilt_in_process`` in conftest; test_feeds also compares it with
the CLI build). The edit-and-rebuild story uses a one-article site.
"""

from __future__ import annotations

from conftest import ROOT, SITEURL, TEST_BUILD_DATE, make_content, read_html

WATCHED = [
    "chi-tieu/2025.csv",
    "chi-tieu/2025/index.html",
    "feeds/tat-ca.rss.xml",
    "feeds/chien-dich/tet-sum-vay.atom.xml",
    "chien-dich/tet-sum-vay/index.html",
    "don-vi/lai-chau/index.html",
    "sitemap.xml",
    "index.html",
]


def test_second_run_in_the_same_process_gives_the_same_site(sample_rebuilt_in_process):
    built = sample_rebuilt_in_process
    first = {rel: built.first[rel] for rel in WATCHED}
    assert {rel: built.second[rel] for rel in WATCHED} == first
    assert not (built.base / "output.dang-dung").exists()


def test_later_runs_validate_again_and_see_edited_content(tmp_path, image_cache):
    """What an editor does under `invoke livereload`: break an article, fix it, add one."""
    import pytest
    from pelican import Pelican
    from pelican.settings import read_settings

    from portal.problems import ContractError

    content = make_content(tmp_path, {
        "tham-cong-nhan.md": "Title: Thăm công nhân chè\nDate: 2025-01-12 08:00\nAuthors: Nguyễn Thị Hoa\n"
                             "Unit: tam-duong\n\nBài đầu tiên.\n"})
    folder = content / "articles" / "2025" / "01"
    article = folder / "tham-cong-nhan.md"
    out = tmp_path / "output"
    settings = read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "PORTAL_BUILD_DATE": TEST_BUILD_DATE, "SITEURL": SITEURL,
        "IMAGES_CACHE_DIR": str(image_cache),
    })
    pelican = Pelican(settings)
    pelican.run()
    home = (out / "index.html").read_bytes()

    article.write_text(article.read_text(encoding="utf-8").replace("Unit: tam-duong", "Unit: tam-duongg"),
                       encoding="utf-8")
    with pytest.raises(ContractError, match="tam-duongg"):
        pelican.run()
    assert (out / "index.html").read_bytes() == home  # the last good site stays

    article.write_text(article.read_text(encoding="utf-8").replace("tam-duongg", "tam-duong"), encoding="utf-8")
    (folder / "bai-moi.md").write_text("Title: Bài mới viết thêm\nDate: 2025-01-20 08:00\nAuthors: Lò Văn Thắng\n"
                                       "Unit: sin-ho\n\nBài thứ hai.\n", encoding="utf-8")
    pelican.run()
    assert (out / "tin-tuc/2025/01/bai-moi-viet-them/index.html").is_file()
    assert "Bài mới viết thêm" in (out / "index.html").read_text(encoding="utf-8")
    # blocks shared by the pages of a run (plugins/render fragments.py) are made
    # again each run: a page that shows no article of its own (the same key in
    # both runs) lists the new article in its latest-news widget
    unit_page = read_html(out / "don-vi/tam-duong/index.html")
    assert "Bài mới viết thêm" in [a.get_text(strip=True) for a in unit_page.select("aside .link-list a")]


def test_a_body_edit_under_livereload_renders_only_that_page(tmp_path, image_cache):
    """`invoke livereload` runs Pelican again in one process: the render plugin's
    record makes the next run render only the pages the edit touched."""
    from pelican import Pelican
    from pelican.settings import read_settings

    body = "Đoạn mở đầu của bài.\n\nĐoạn thứ hai.\n"
    content = make_content(tmp_path, {
        f"bai-{i}.md": f"Title: Bài số {i} về Tết công nhân\nDate: 2025-01-1{i} 08:00\nAuthors: Nguyễn Thị Hoa\n"
                       f"Unit: tam-duong\n\n{body}" for i in range(3)})
    out = tmp_path / "output"
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "PORTAL_BUILD_DATE": TEST_BUILD_DATE,
        "IMAGES_CACHE_DIR": str(image_cache), "RENDER_CACHE_DIR": str(tmp_path / "render-cache"),
        "RENDER_COLD_DIGESTS": True,  # as `invoke livereload` sets it: its first run is cold
    })
    pelican = Pelican(settings)
    pelican.run()
    counts = settings["PORTAL_TIMINGS"]   # accumulated over the runs of this Pelican object
    first = counts["pages rendered (count)"]
    assert first > 10
    pelican.run()
    assert counts["pages rendered (count)"] == first       # nothing changed: nothing rendered
    article = content / "articles" / "2025" / "01" / "bai-1.md"
    page = out / "tin-tuc/2025/01/bai-so-1-ve-tet-cong-nhan/index.html"
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn thêm khi sửa bài.\n", encoding="utf-8")
    pelican.run()
    # a body-only edit is patched in (plugins/uptodate): no page rendered by the pipeline
    assert settings["_UPTODATE_SKIPPED"] == "patched"
    assert counts["pages rendered (count)"] == first
    assert "Đoạn thêm khi sửa bài." in page.read_text(encoding="utf-8")
    # without patching, the pipeline runs and renders the edited article's page alone
    settings["UPTODATE_PATCH_MAX"] = 0
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn thứ hai thêm khi sửa bài.\n", encoding="utf-8")
    pelican.run()
    assert settings["_UPTODATE_SKIPPED"] == ""
    assert counts["pages rendered (count)"] == first + 1   # the edited article's page
    assert "Đoạn thứ hai thêm khi sửa bài." in page.read_text(encoding="utf-8")
    # a title edit renders the pages that show the article (here, with three
    # articles, every page with the latest-news widget), not the others
    other = content / "articles" / "2025" / "01" / "bai-0.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Title: Bài số 0 về Tết công nhân",
                                                               "Title: Bài số 0 về Tết công nhân đã sửa"),
                     encoding="utf-8")
    pelican.run()
    rendered = counts["pages rendered (count)"] - (first + 1)
    assert 0 < rendered < first, (rendered, first)
    moved = out / "tin-tuc/2025/01/bai-so-0-ve-tet-cong-nhan-da-sua/index.html"
    assert "Bài số 0 về Tết công nhân đã sửa" in moved.read_text(encoding="utf-8")
    assert "Bài số 0 về Tết công nhân đã sửa" in (out / "index.html").read_text(encoding="utf-8")
