"""Plain-text helpers for descriptions (pure)."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

_SPACES = re.compile(r"\s+")


class _Paragraphs(HTMLParser):
    """Collect the text of top-level ``<p>`` elements, and all text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.all: list[str] = []
        self._depth = 0
        self._current: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "figcaption"):
            self._skip += 1
        if tag == "p":
            self._depth += 1
            if self._depth == 1:
                self._current = []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "figcaption") and self._skip:
            self._skip -= 1
        if tag == "p" and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self.paragraphs.append(collapse("".join(self._current)))

    def handle_data(self, data):
        if self._skip:
            return
        self.all.append(data)
        if self._depth:
            self._current.append(data)


def collapse(value: str) -> str:
    return _SPACES.sub(" ", value).strip()


@functools.lru_cache(maxsize=32768)
def strip_tags(markup: str) -> str:
    """Text of an HTML fragment, whitespace collapsed (remembered: a Summary's
    text is asked for on every page that lists its article)."""
    parser = _Paragraphs()
    parser.feed(markup or "")
    parser.close()
    return collapse(" ".join(parser.all))


# A tag, its quoted attribute values (which may hold "<" or ">") included.
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SKIP = "figcaption"  # _Paragraphs skips its text too (script and style: left to the parser)
_CHUNK = 2048


def _first_paragraph_fast(markup: str) -> str | None:
    """What ``_Paragraphs`` would take as the first non-empty paragraph, read
    with one regular expression over the tags (no parser object, no
    per-tag method calls): the sanitiser's output is regular. ``None`` when
    the markup has anything this reading does not handle exactly like
    ``HTMLParser`` (comments, declarations, a "<" that opens no tag) or holds
    no non-empty paragraph: the caller then parses it."""
    if "<!" in markup or "<?" in markup:
        return None
    depth = skip = 0
    current: list[str] = []
    position = 0
    for match in _TAG.finditer(markup):
        data = markup[position:match.start()]
        position = match.end()
        if "<" in data:
            return None
        if data and depth and not skip:
            current.append(html.unescape(data) if "&" in data else data)
        name = match.group(2).lower()
        if name in ("script", "style"):  # raw text to HTMLParser, not tags
            return None
        closing = bool(match.group(1))
        if not closing:
            if name == _SKIP:
                skip += 1
            if name == "p":
                depth += 1
                if depth == 1:
                    current = []
            if not match.group(0).endswith("/>"):
                continue
        if name == _SKIP and skip:
            skip -= 1
        if name == "p" and depth:
            depth -= 1
            if depth == 0:
                text = collapse("".join(current))
                if text:
                    return text
    return None


@functools.lru_cache(maxsize=32768)
def first_paragraph(markup: str) -> str:
    """Text of the first non-empty ``<p>``; else the whole text.

    Read by ``_first_paragraph_fast`` when it can; else a body is fed to the
    parser a chunk at a time and reading stops at the end of its first
    non-empty paragraph (a paragraph is only taken once its ``</p>`` is read,
    so the answer is the whole parse's; without one the body is parsed
    again at once). Remembered per body: an article's lead is asked for on
    every list page that shows it (the key is the body Pelican keeps, so its
    hash is computed once)."""
    markup = markup or ""
    fast = _first_paragraph_fast(markup)
    if fast is not None:
        return fast
    parser = _Paragraphs()
    for start in range(0, len(markup), _CHUNK):
        parser.feed(markup[start:start + _CHUNK])
        for text in parser.paragraphs:
            if text:
                return text
    parser = _Paragraphs()  # no paragraph: the whole text, its pieces as one parse cuts them
    parser.feed(markup)
    parser.close()
    for text in parser.paragraphs:
        if text:
            return text
    return collapse(" ".join(parser.all))


def truncate(value: str, length: int) -> str:
    """Cut at a word boundary and add "…" when longer than ``length`` characters."""
    value = collapse(value)
    if len(value) <= length:
        return value
    cut = value[: length - 1]
    if value[len(cut)] != " " and " " in cut:  # drop the word cut in half
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–-") + "…"


_LEADING_PARAGRAPH = re.compile(r"^\s*<p>(?P<inner>(?:(?!</?p[\s>]).)*?)</p>", re.S | re.I)
_MEDIA = re.compile(r"<(?:img|picture|video|iframe|figure)\b", re.I)


def split_lead(html: str) -> tuple[str, str]:
    """``(inner HTML of the leading paragraph, the rest)`` when the body opens
    with a plain-text ``<p>`` (no image), else ``("", html)``: the sapo shown
    under the headline, and the body without it (never shown twice)."""
    match = _LEADING_PARAGRAPH.match(html or "")
    if match is None or _MEDIA.search(match.group("inner")) or not strip_tags(match.group("inner")):
        return "", html or ""
    return match.group("inner").strip(), html[match.end():].lstrip("\n")
