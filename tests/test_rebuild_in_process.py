"""`invoke livereload` runs Pelican again in the same process: nothing may
accumulate between runs (counters, feed entries, image jobs)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import ROOT, SITEURL, TEST_BUILD_DATE

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


def snapshot(out: Path) -> dict[str, str]:
    return {rel: hashlib.sha256((out / rel).read_bytes()).hexdigest() for rel in WATCHED}


def test_second_run_in_the_same_process_gives_the_same_site(tmp_path):
    from pelican import Pelican
    from pelican.settings import read_settings

    out = tmp_path / "output"
    settings = read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(ROOT / "content"), "OUTPUT_PATH": str(out),
        "PORTAL_BUILD_DATE": TEST_BUILD_DATE, "SITEURL": SITEURL,
    })
    pelican = Pelican(settings)
    pelican.run()
    first = snapshot(out)
    pelican.run()
    assert snapshot(out) == first
    assert not (tmp_path / "output.dang-dung").exists()


def test_later_runs_validate_again_and_see_edited_content(tmp_path):
    """What an editor does under `invoke livereload`: break an article, fix it, add one."""
    import shutil

    import pytest
    from pelican import Pelican
    from pelican.settings import read_settings

    from portal.problems import ContractError

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    shutil.copytree(ROOT / "content" / "images" / "campaigns", content / "images" / "campaigns")
    folder = content / "articles" / "2025" / "01"
    folder.mkdir(parents=True)
    article = folder / "tham-cong-nhan.md"
    article.write_text("Title: Thăm công nhân chè\nDate: 2025-01-12 08:00\nAuthors: Nguyễn Thị Hoa\n"
                       "Unit: tam-duong\n\nBài đầu tiên.\n", encoding="utf-8")
    out = tmp_path / "output"
    settings = read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "PORTAL_BUILD_DATE": TEST_BUILD_DATE, "SITEURL": SITEURL,
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
