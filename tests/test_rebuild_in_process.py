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
