"""Measure the build and the weight of what readers download; print figures.

Run: ``.venv/bin/invoke benchmark`` (or ``.venv/bin/python scripts/benchmark.py``).
Builds the sample site twice with the real Pelican CLI — cold (empty image
cache) and warm (nothing changed) — then weighs the output as a phone on a
slow connection would fetch it. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SITEURL = "https://congdoanlaichau.example.vn"
SLOW_LINK_BPS = 1_000_000 / 8  # 1 Mbit/s, a weak 3G signal in a mountain district


def build(output: Path, cache: Path) -> tuple[float, str]:
    extra = {"SITEURL": SITEURL, "IMAGES_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "publishconf.py"),
           "-o", str(output), "-e", *[f"{k}={json.dumps(v)}" for k, v in extra.items()]]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, encoding="utf-8", errors="replace")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout + proc.stderr


def local_file(site: Path, url: str) -> Path | None:
    if not url:
        return None
    path = urlparse(url).path if url.startswith(SITEURL) or url.startswith("/") else None
    if path is None:
        return None
    target = site / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def first_view_bytes(site: Path, page: Path) -> int:
    """HTML + stylesheets + scripts + eagerly loaded images (smallest srcset ≥ 720w)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    total = page.stat().st_size
    for tag in soup.select('link[rel="stylesheet"]'):
        f = local_file(site, tag.get("href", ""))
        total += f.stat().st_size if f else 0
    for tag in soup.select("script[src]"):
        f = local_file(site, tag.get("src", ""))
        total += f.stat().st_size if f else 0
    for img in soup.select("img"):
        if img.get("loading") == "lazy":
            continue
        picture = img.find_parent("picture")
        srcset = (picture.find("source").get("srcset") if picture and picture.find("source") else img.get("srcset")) or ""
        candidates = []
        for part in srcset.split(","):
            bits = part.split()
            if len(bits) == 2 and bits[1].endswith("w"):
                candidates.append((int(bits[1][:-1]), bits[0]))
        chosen = min((c for c in candidates if c[0] >= 720), default=max(candidates, default=None))
        f = local_file(site, chosen[1] if chosen else img.get("src", ""))
        total += f.stat().st_size if f else 0
    return total


def kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold, _ = build(tmp / "out", tmp / "cache")
        warm, log = build(tmp / "out", tmp / "cache")
        site = tmp / "out"
        html = list(site.rglob("*.html"))
        articles = sorted(site.glob("tin-tuc/*/*/*/index.html"))
        feeds = list((site / "feeds").rglob("*.xml")) if (site / "feeds").exists() else []
        images = [p for p in site.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".webp", ".png"}]
        views = [first_view_bytes(site, p) for p in articles] or [0]
        home = first_view_bytes(site, site / "index.html")
        image_line = next((line.strip() for line in log.splitlines() if "Ảnh:" in line), "(no image log line)")
        rows = [
            ("cold build (empty image cache)", f"{cold:.2f} s"),
            ("warm rebuild (nothing changed)", f"{warm:.2f} s"),
            ("warm rebuild image log", image_line[:90]),
            ("HTML pages", f"{len(html)}"),
            ("article pages", f"{len(articles)}"),
            ("feeds", f"{len(feeds)}"),
            ("image files written", f"{len(images)} ({kib(sum(p.stat().st_size for p in images))})"),
            ("home first view", kib(home)),
            ("article first view: median", kib(statistics.median(views))),
            ("article first view: max", kib(max(views))),
            ("article first view at 1 Mbit/s: median", f"{statistics.median(views) / SLOW_LINK_BPS:.2f} s"),
            ("whole site size", kib(sum(p.stat().st_size for p in site.rglob('*') if p.is_file()))),
        ]
        width = max(len(r[0]) for r in rows)
        sys.stdout.write("Benchmark (sample site, real Pelican CLI)\n")
        for label, value in rows:
            sys.stdout.write(f"  {label:<{width}}  {value}\n")


if __name__ == "__main__":
    main()
