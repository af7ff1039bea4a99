"""Plain-text fields: what may not appear in a title, a name or a tag.

Titles, authors, categories, tags and sources are plain text: they are
escaped on output, and markup in them is an editor's mistake (a paste from a
web page) or an attack. Invisible characters (bidirectional controls,
zero-width characters) let a name look like another or reverse a heading, so
they are refused too.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embedding/override/isolate controls and marks.
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
# Zero-width and other invisible formatting characters.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061", "\u2062",
             "\u2063", "\u2064"}
# A browser starts a tag at "<" directly followed by a letter, "/", "!" or "?"
# ("5 < 7" is text); character references are refused too, so nothing typed
# as text can turn into markup after one more decoding step.
_MARKUP = re.compile(r"<[A-Za-z!?/]|&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

SLUG_MAX_LENGTH = 80


def forbidden_characters(value: str) -> list[str]:
    """Names (``U+202E``) of the bidi, invisible and control characters in ``value``."""
    seen = []
    for ch in value or "":
        if ch in BIDI or ch in INVISIBLE or (unicodedata.category(ch) == "Cc" and ch not in "\t"):
            code = f"U+{ord(ch):04X}"
            if code not in seen:
                seen.append(code)
    return seen


def has_markup(value: str) -> bool:
    """True when ``value`` holds an HTML tag, comment or character reference."""
    return bool(_MARKUP.search(value or ""))


def cap_slug(slug: str, limit: int = SLUG_MAX_LENGTH) -> str:
    """Cut a slug to at most ``limit`` characters at a word (hyphen) boundary."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def show_invisible(value: str) -> str:
    """``value`` with each forbidden character replaced by a visible ``⟨U+202E⟩``."""
    return "".join(f"⟨U+{ord(ch):04X}⟩" if forbidden_characters(ch) else ch for ch in value)
