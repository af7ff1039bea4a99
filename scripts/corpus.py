#!/usr/bin/env python3
"""A synthetic, contract-valid content tree of N articles, for benchmarks.

The sample site's data files, campaign prose and pages, plus N generated
articles: spread over 2020–2026 and over every unit, author on the roster,
campaign (most inside an edition window), type, category and a pool of
tags; about one in five with a featured image (reusing the sample photos)
and a few with an inline image. The campaigns' images and the photos the
articles use are copied (every sample photo from a few hundred articles
on). Deterministic for a given N and seed.

    .venv/bin/python scripts/corpus.py DIR [--articles 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["Hoạt động công đoàn", "Chăm lo đời sống", "Pháp luật lao động", "An toàn vệ sinh lao động",
              "Văn hóa – Thể thao", "Gương điển hình", "Tin tổng hợp"]
TAGS = ["chăm lo Tết", "công nhân", "quà Tết", "an sinh", "đối thoại", "thỏa ước", "nhà ở công nhân",
        "tiền lương", "bảo hiểm xã hội", "tai nạn lao động", "hội thao", "văn nghệ", "học bổng", "mái ấm công đoàn",
        "chợ Tết", "tháng công nhân", "đại hội", "kết nạp đoàn viên", "pháp luật", "chuyển đổi số"]
TYPES = ["tin"] * 6 + ["bai", "phong-su", "anh", "video", "infographic"]
VERBS = ["thăm hỏi", "tặng quà", "tổ chức", "phát động", "tuyên truyền", "đối thoại với", "tập huấn cho",
         "hỗ trợ", "biểu dương", "kết nạp"]
OBJECTS = ["công nhân chè", "đoàn viên khó khăn", "người lao động thủy điện", "giáo viên vùng cao",
           "công nhân xây dựng", "lao động nữ", "cán bộ công đoàn cơ sở", "y bác sĩ trực Tết",
           "công nhân môi trường", "người lao động tự do"]
PARAGRAPH = ("Sáng {day}/{month}, {unit} đã {verb} {obj} trên địa bàn. Hoạt động nằm trong chương trình "
             "công tác năm {year}, thể hiện sự quan tâm của tổ chức công đoàn đối với đoàn viên và người lao động. "
             "Các đại biểu đã lắng nghe tâm tư, nguyện vọng và trao đổi về việc làm, thu nhập, điều kiện "
             "làm việc. Đoàn viên bày tỏ phấn khởi và cảm ơn sự quan tâm kịp thời.")


def load(name: str):
    return yaml.safe_load((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))


def make_corpus(target: Path, articles: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    for part in ("data", "campaigns", "pages", "images"):
        shutil.copytree(ROOT / "content" / part, content / part)
    units = [u for u in load("units.yml")]
    roster = load("contributors.yml")
    campaigns = load("campaigns.yml")
    images = sorted(p.relative_to(content).as_posix() for p in (content / "images").rglob("*.jpg")
                    if "campaigns" not in p.parts)
    by_unit: dict[str, list[str]] = {}
    for person in roster:
        by_unit.setdefault(person["unit"], []).append(person["name"])
    used: set[str] = set()
    start = dt.date(2020, 1, 1)
    span = (dt.date(2026, 11, 20) - start).days
    for number in range(articles):
        unit = rng.choice(units)
        day = start + dt.timedelta(days=rng.randrange(span))
        campaign = None
        if rng.random() < 0.4:
            c = rng.choice(campaigns)
            windows = [e for e in c["editions"] if e["start"] <= day <= e["end"]]
            if windows or rng.random() < 0.1:
                campaign = c["id"]
        names = by_unit.get(unit["id"]) or [p["name"] for p in roster]
        authors = rng.sample(names, k=min(len(names), rng.choice([1, 1, 1, 2])))
        kind = rng.choice(TYPES)
        verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
        title = f"Tin {number + 1}: {unit.get('short_name') or unit['name']} {verb} {obj}"
        lines = [f"Title: {title}", f"Date: {day.isoformat()} {rng.randrange(7, 20):02d}:{rng.choice(['00', '15', '30', '45'])}",
                 f"Authors: {', '.join(authors)}", f"Unit: {unit['id']}", f"Category: {rng.choice(CATEGORIES)}",
                 f"Tags: {', '.join(rng.sample(TAGS, k=rng.randrange(1, 4)))}"]
        if campaign:
            lines.append(f"Campaign: {campaign}")
        if kind == "video":
            lines.append("Video: https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        if kind != "tin":
            lines.append(f"Type: {kind}")
        if images and (rng.random() < 0.2 or kind == "anh"):
            featured = rng.choice(images)
            used.add(featured)
            lines += [f"Image: {featured}", f"Image_alt: Ảnh minh họa: {obj}"]
        body = [PARAGRAPH.format(day=day.day, month=day.month, year=day.year, unit=unit["name"], verb=verb, obj=obj)
                for _ in range(rng.randrange(2, 6))]
        if images and rng.random() < 0.05:
            inline = rng.choice(images)
            used.add(inline)
            body.insert(1, f"![Ảnh minh họa {obj}](/{inline} \"Ảnh: {authors[0]}\")")
        folder = content / "articles" / f"{day.year}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"bai-{number + 1:05d}.md").write_text("\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n",
                                                          encoding="utf-8")
    # a photo no article shows is left out: every file under images/ is
    # processed, a cost that would not grow with the articles (a small corpus
    # uses a few of them; 10,000 articles use them all)
    for rel in images:
        if rel not in used:
            (content / rel).unlink()
    return content


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    content = make_corpus(Path(args.target), args.articles, args.seed)
    print(f"{content}: {args.articles} bài")
    return 0


if __name__ == "__main__":
    sys.exit(main())
