"""What Pagefind reads of a page: its search twin.

Pagefind parses every page it indexes, though it indexes only the element
marked ``data-pagefind-body`` (an article). ``article.html`` puts that
element between the comments ``<!--tim-kiem-->`` and ``<!--/tim-kiem-->``;
the twin of a page is that part with the page's ``<title>``, written while
the page is rendered (in the render worker, from its bytes in memory) to
``SEARCH_TWINS_DIR``, and Pagefind reads the twins instead of the pages:
a quarter less of its time at 10,000 articles. The index differs in one
way: Pagefind takes a result's image from the first ``<img>`` of what it
reads, which on a full page of an article without a picture was another
article's thumbnail in the sidebar; in a twin it is the article's own, or
none.

Content cannot forge the markers into a wrong cut: a page with anything but
one opening and then one closing marker is its own twin (indexed whole).
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

BODY = b"data-pagefind-body"
OPEN, CLOSE = b"<!--tim-kiem-->", b"<!--/tim-kiem-->"
# Inside it, what Pagefind ignores anyway (share links, previous/next:
# ``data-pagefind-ignore="all"``) is left out of the twin: a tenth less of
# Pagefind's time, the same index.
SKIP_OPEN, SKIP_CLOSE = b"<!--bo-qua-tim-kiem-->", b"<!--/bo-qua-tim-kiem-->"
_TITLE = re.compile(rb"<title>.*?</title>", re.S)


def twin(data: bytes) -> bytes | None:
    """The search twin of a page's bytes; ``None`` for a page Pagefind would
    not index (no ``data-pagefind-body``)."""
    if BODY not in data:
        return None
    if data.count(OPEN) != 1 or data.count(CLOSE) != 1:
        return data
    start, end = data.index(OPEN), data.index(CLOSE)
    if end < start or BODY not in data[start:end]:
        return data
    title = _TITLE.search(data, 0, start)
    return b"".join((b'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">',
                     title.group(0) if title else b"", b"</head><body>", _without_skipped(data[start + len(OPEN):end]),
                     b"</body></html>\n"))


def _without_skipped(part: bytes) -> bytes:
    """``part`` without what lies between its one pair of skip markers (in
    order); with any other number of them, whole."""
    if part.count(SKIP_OPEN) != 1 or part.count(SKIP_CLOSE) != 1:
        return part
    cut, resume = part.index(SKIP_OPEN), part.index(SKIP_CLOSE)
    if resume < cut:
        return part
    return part[:cut] + part[resume + len(SKIP_CLOSE):]


# A page in a folder of its own (``a/b/slug/index.html``, every article) has
# its twin beside the folder, ``a/b/slug.index.html``: no folder is made per
# twin (ten thousand at 10,000 articles, a third of a twin's time). Pagefind
# gives such a result the URL ``/a/b/slug.index.html``; theme/js/search.js
# turns it back into the page's, ``/a/b/slug/`` (and sub-results' anchors).
FOLDER_PAGE = "/index.html"
TWIN_SUFFIX = ".index.html"


def twin_name(page: str) -> str:
    """The twin's name (relative, ``/``-separated) of the page ``page``."""
    if page.endswith(FOLDER_PAGE):
        return page[: -len(FOLDER_PAGE)] + TWIN_SUFFIX
    return page


def twins_dir(settings: dict, site: Path | str) -> Path:
    """``_twins_dir`` remembered per configured folder, content folder and site
    (asked for every page rendered)."""
    return _twins_dir(settings.get("SEARCH_TWINS_DIR") or "", str(settings["PATH"]), str(site))


@functools.lru_cache(maxsize=64)
def _twins_dir(configured: str, content: str, site: str) -> Path:
    """The folder of the twins of the pages built into ``site``
    (``SEARCH_TWINS_DIR``, default ``.cache/search`` beside content/, one
    subfolder per output folder: builds into other folders never share
    twins). Kept between builds, so no build deletes ten thousand files;
    what a run did not write or read again is removed before indexing."""
    base = Path(configured).expanduser() if configured else Path(content).parent / ".cache" / "search"
    key = hashlib.blake2b(str(Path(site).resolve()).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return base.resolve() / key
