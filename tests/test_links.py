"""No broken internal link anywhere in the sample output: every page (hidden
pages, 404, paginated lists, quota pages included), every feed, the sitemap
and the web manifest are crawled; every same-site href/src/srcset/poster
must name a file that was written, and every ``#fragment`` an element of
its page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import SITEURL

ORIGIN = urlsplit(SITEURL)


class _Links(HTMLParser):
    """href/src/srcset/poster values and the ids of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        for name in ("href", "src", "poster", "data-video-embed"):
            if values.get(name) and not (name == "data-video-embed"):
                self.links.append(values[name])
        for name in ("srcset",):
            for part in (values.get(name) or "").split(","):
                if part.strip():
                    self.links.append(part.strip().split()[0])


def _page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return f"{SITEURL}/{rel}"


def _target(site: Path, url: str) -> tuple[Path, str] | None:
    """The output file a same-site URL names, and its fragment (None: another site)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != ORIGIN.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(ORIGIN.path or "/"):
        return None
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment


def _broken_in(site: Path, source: Path, base: str, links, ids_of) -> list[str]:
    broken = []
    for link in links:
        if link.startswith(("mailto:", "tel:", "data:")):
            continue
        found = _target(site, urljoin(base, link))
        if found is None:
            continue
        file, fragment = found
        where = source.relative_to(site).as_posix()
        if not file.is_file():
            broken.append(f"{where} → {link}")
        elif fragment and file.suffix == ".html" and fragment not in ids_of(file):
            broken.append(f"{where} → {link} (không có #{fragment})")
    return broken


def test_no_broken_internal_link_in_the_whole_output(site):
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        ids[page], links[page] = parser.ids, parser.links

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            parser = _Links()
            parser.feed(file.read_text(encoding="utf-8"))
            ids[file] = parser.ids
        return ids[file]

    broken: list[str] = []
    for page in pages:
        broken += _broken_in(site, page, _page_url(site, page), links[page], ids_of)
    # Feeds and the sitemap: every <link>, <loc>, <url>, enclosure and href/src in entry content.
    xml_links = re.compile(r"""(?:<(?:link|loc|url|id)>\s*|(?:href|src|url)=["'])(https?://[^<"'\s]+)""")
    xml_files = sorted(site.rglob("*.xml"))
    for xml in xml_files:
        text = xml.read_text(encoding="utf-8").replace("&amp;", "&")
        broken += _broken_in(site, xml, SITEURL + "/", xml_links.findall(text), ids_of)
    manifest = site / "theme" / "site.webmanifest"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    base = f"{SITEURL}/theme/site.webmanifest"
    broken += _broken_in(site, manifest, base, [data["start_url"], *(i["src"] for i in data["icons"])], ids_of)

    assert len(pages) > 300 and len(xml_files) > 20  # the whole sample, not a corner of it
    assert site / "404.html" in pages
    assert not broken, f"{len(broken)} liên kết hỏng:\n" + "\n".join(broken[:50])


def test_hidden_article_links_only_to_pages_that_exist(site):
    """The sample's hidden article has tags (giao ban, nội bộ) that no
    published article uses: no /the/giao-ban/ or /the/noi-bo/ link is written."""
    page = site / "tin-tuc" / "2025" / "08" / "lich-giao-ban-cong-tac-vien-quy-iii-nam-2025" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "giao ban" in text
    assert "/the/giao-ban/" not in text and "/the/noi-bo/" not in text
    assert not (site / "the" / "giao-ban").exists()
