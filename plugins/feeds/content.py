"""Entry content for feeds: absolute URLs, plain-text summaries, attribution.

Feed readers show entries outside the site, so every link and image address
inside the HTML must be absolute (the W3C feed validator flags relative
ones). Pure functions of strings.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

# Attributes holding one URL, per the HTML standard.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "longdesc"),
    "source": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "input": ("src",),
    "blockquote": ("cite",),
    "q": ("cite",),
    "ins": ("cite",),
    "del": ("cite",),
}
# Attributes holding a list of "URL [descriptor]" candidates.
SRCSET_ATTRIBUTES = {"img": ("srcset",), "source": ("srcset",)}

_SPACES = re.compile(r"\s+")


def absolute(url: str, base: str) -> str:
    """``url`` resolved against ``base`` as a browser would; absolute URLs are kept."""
    url = url.strip()
    if not url:
        return base
    if urlsplit(url).scheme:
        return url
    return urljoin(base, url)


def absolute_srcset(value: str, base: str) -> str:
    """Every candidate of a ``srcset`` made absolute, descriptors kept."""
    out = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if not parts:
            continue
        parts[0] = absolute(parts[0], base)
        out.append(" ".join(parts))
    return ", ".join(out)


def absolutize(fragment: str, base: str) -> str:
    """Make every link and media address in an HTML fragment absolute against ``base``."""
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        for attr in URL_ATTRIBUTES.get(tag.name, ()):
            if tag.has_attr(attr):
                tag[attr] = absolute(tag[attr], base)
        for attr in SRCSET_ATTRIBUTES.get(tag.name, ()):
            if tag.has_attr(attr):
                tag[attr] = absolute_srcset(tag[attr], base)
    return str(soup)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    text = BeautifulSoup(fragment or "", "html.parser").get_text(" ")
    return _SPACES.sub(" ", text).strip()


def attribution(source: str, source_url: str | None) -> str:
    """The closing paragraph of a republished article: ``Nguồn: <a>Báo Lao Động</a>``."""
    name = html.escape(source)
    if source_url:
        return f'<p class="nguon">Nguồn: <a href="{html.escape(source_url)}">{name}</a></p>'
    return f'<p class="nguon">Nguồn: {name}</p>'
