"""The HTML allowlist: what markup from content may reach a page or a feed.

Editors paste from Word and Facebook and any grassroots union can send an
article, so every piece of HTML that comes from content (article bodies,
``Summary``, ``Image_caption``) goes through :func:`clean_html` (nh3, an
allowlist sanitiser) before it is marked safe. Plain-text fields are never
marked safe: templates escape them (autoescape).

:func:`unsafe_markup` finds, in the Markdown source of a body, each piece the
sanitiser will remove, with its line, so ``invoke check`` can tell editors
what they pasted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlparse

import nh3
from markupsafe import Markup

from portal.header import prose_lines

# What Markdown (with the `extra` extensions) produces, plus what the
# portal's own plugins write into bodies (responsive <picture>, galleries).
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})
# Removed together with everything inside them (not just the tag).
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea", "select",
                               "iframe", "object", "embed", "svg", "math", "title"})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "rel"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "srcset", "poster", "action", "formaction", "data", "background"})

# Captions and credits: inline markup only.
INLINE_TAGS = frozenset({"a", "abbr", "b", "br", "cite", "code", "em", "i", "q", "s", "small",
                         "span", "strong", "sub", "sup", "time", "u"})


# The allowlists built into a sanitiser once: nh3.clean() builds one per
# call, which took two thirds of the time of cleaning an article body and
# nine tenths of a caption's.
_HTML = nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROP_WITH_CONTENT),
                    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                    url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)
_INLINE = nh3.Cleaner(tags=set(INLINE_TAGS), clean_content_tags=set(DROP_WITH_CONTENT),
                      attributes={k: set(v) & {"href", "title", "datetime", "class", "lang"}
                                  for k, v in ATTRIBUTES.items() if k in INLINE_TAGS | {"*"}},
                      url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)


def clean_html(html: str) -> str:
    """Sanitised HTML fragment: allowlisted tags, attributes and URL schemes only."""
    return _HTML.clean(html or "")


def clean_inline(html: str) -> str:
    """Sanitised inline HTML (captions, credits)."""
    return _INLINE.clean(html or "")


def safe_html(html) -> Markup:
    """Jinja filter ``sanitized``: the only way content HTML is marked safe."""
    return Markup(clean_html(str(html or "")))


def safe_inline(html) -> Markup:
    """Jinja filter ``sanitized_inline`` for captions."""
    return Markup(clean_inline(str(html or "")))


# --- Telling editors what will be removed ----------------------------------

@dataclass(frozen=True)
class Removed:
    line: int          # 1-based line in the text that was scanned
    what: str          # Vietnamese description of what is removed


_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MD_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)")


def url_is_allowed(url: str) -> bool:
    """http(s), mailto, tel, or a site-relative address (no other scheme)."""
    value = re.sub(r"[\x00-\x20\x7f]+", "", url or "")
    if value.startswith("//"):
        return True  # protocol-relative: another host over http(s)
    if value.startswith(("{static}", "{filename}", "{attach}", "|static|", "|filename|", "|attach|")):
        return True
    scheme = urlparse(value).scheme
    return not scheme or scheme.lower() in URL_SCHEMES


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def _add(self, what: str) -> None:
        self.found.append((self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        if tag not in TAGS:
            kind = "và toàn bộ nội dung bên trong" if tag in DROP_WITH_CONTENT else ""
            self._add(f"thẻ <{tag}> {kind}".strip())
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                what = "mã sự kiện" if name.startswith("on") else "thuộc tính"
                self._add(f"{what} «{name}» trong thẻ <{tag}>")
            elif name in URL_ATTRIBUTES and value and not _urls_allowed(name, value):
                self._add(f"địa chỉ «{_short(value)}» trong thẻ <{tag}> (chỉ cho phép http, https, mailto, tel hoặc đường dẫn trong trang)")

    def handle_comment(self, data):
        self._add("chú thích HTML <!-- -->")


def _urls_allowed(name: str, value: str) -> bool:
    if name == "srcset":
        return all(url_is_allowed(part.strip().split(" ")[0]) for part in value.split(",") if part.strip())
    return url_is_allowed(value)


def _short(value: str, length: int = 50) -> str:
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1] + "…"


def unsafe_markup(markdown: str) -> list[Removed]:
    """What the sanitiser will remove from a Markdown body, line by line.

    Looks at raw HTML outside code (fenced blocks, indented blocks and inline
    code are shown as text, never run) and at Markdown link targets.
    """
    if not markdown or not any(token in markdown for token in ("<", "](", "]:")):
        return []  # no tag, comment, link or link definition: nothing the sanitiser removes
    lines = markdown.splitlines()
    kept = [""] * len(lines)  # code lines stay blank so the HTML scanner's line numbers hold
    for number, line in prose_lines(lines, indented_code=True):
        kept[number - 1] = line
    found: list[Removed] = []
    for number, line in enumerate(kept, start=1):
        for url in _MD_LINK.findall(line) + [m.group(1) for m in [_MD_REF.match(line)] if m]:
            if not url_is_allowed(url):
                found.append(Removed(number, f"liên kết «{_short(url)}» (chỉ cho phép http, https, mailto, tel hoặc đường dẫn trong trang)"))
    scanner = _Scanner()
    try:
        scanner.feed("\n".join(kept))
        scanner.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never let a scan crash a check
        pass
    found.extend(Removed(line, what) for line, what in scanner.found)
    return sorted(found, key=lambda r: r.line)
