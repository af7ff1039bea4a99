"""sitemap.xml and robots.txt from the finished output folder.

Every HTML page written is a candidate, whoever wrote it. Its head data
(canonical, noindex, lastmod) comes from what ``seo_meta()`` computed while
the page was rendered (``known``); only a page rendered without it is read
back from disk. A page is left out
when it is excluded by name (404), carries ``<meta name="robots"
content="noindex">``, or declares a canonical URL other than its own. The
``lastmod`` of a page is what its head declares (``og:updated_time``, which
``partials/seo_head.html`` writes from Modified/Date, or the newest listed
article) — never the build time.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

from portal.paths import output_files

from .meta import absolute, url_of_output


@dataclass(frozen=True)
class Head:
    """What the sitemap needs from a page's head."""

    canonical: str | None
    noindex: bool
    lastmod: str


@dataclass(frozen=True)
class Entry:
    loc: str
    lastmod: str = ""


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None
        self.noindex = False
        self.lastmod = ""

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "link" and "canonical" in attrs.get("rel", "").split():
            self.canonical = attrs.get("href")
        elif tag == "meta":
            name = attrs.get("name", "").lower()
            prop = attrs.get("property", "").lower()
            content = attrs.get("content", "")
            if name == "robots" and "noindex" in content.lower():
                self.noindex = True
            if prop == "og:updated_time" and not self.lastmod:
                self.lastmod = content


def read_head(path: Path) -> _HeadParser:
    text = path.read_text(encoding="utf-8", errors="replace")
    end = text.find("</head>")
    parser = _HeadParser()
    parser.feed(text if end < 0 else text[:end])
    parser.close()
    return parser


def collect(output_dir: Path, siteurl: str, exclude=("404.html",), known: dict | None = None) -> list[Entry]:
    """Sitemap entries of every indexable HTML page under ``output_dir``, sorted by URL."""
    entries = []
    excluded = set(exclude)
    known = known or {}
    for rel, entry in output_files(output_dir):  # a symlink is neither listed nor followed
        if not rel.endswith(".html") or rel in excluded:
            continue
        head = known.get(rel)
        if head is None:
            parsed = read_head(Path(entry.path))
            head = Head(parsed.canonical, parsed.noindex, parsed.lastmod)
        if head.noindex:
            continue
        own = absolute(siteurl, url_of_output(rel))
        if head.canonical and head.canonical != own:
            continue
        entries.append(Entry(own, head.lastmod))
    return sorted(entries, key=lambda e: e.loc)


def render_sitemap(entries: list[Entry]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in entries:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(entry.loc)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{escape(entry.lastmod)}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(sitemap_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
