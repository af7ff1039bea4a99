"""Text rules: NFC, matching keys, slugs, Vietnamese collation, and what may
not appear in a title, a name or a tag.

Editors type with Unikey/VNI in composed or decomposed forms: every string is
compared, counted and slugified in NFC. Titles, authors, categories, tags and
sources are plain text: they are escaped on output, and markup in them is an
editor's mistake (a paste from a web page) or an attack. Invisible characters
(bidirectional controls, zero-width characters) let a name look like another
or reverse a heading, so they are refused too.
"""

from __future__ import annotations

import functools
import re
import unicodedata



# Bidirectional embedding/override/isolate controls and marks.
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
# Zero-width and other invisible formatting characters.
INVISIBLE = {"\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061", "\u2062",
             "\u2063", "\u2064"}
# A browser starts a tag at "<" directly followed by a letter, "/", "!" or "?"
# ("5 < 7" is text); character references are refused too, so nothing typed
# as text can turn into markup after one more decoding step.
_MARKUP = re.compile(r"<[A-Za-z!?/]|&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

SLUG_MAX_LENGTH = 80


def forbidden_characters(value: str) -> list[str]:
    """Names (``U+202E``) of the bidi, invisible and control characters in ``value``."""
    if not value or value.isprintable():  # every one of them is a non-printable character (Cc, Cf, Zl, Zp)
        return []
    seen = []
    for ch in value:
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

def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC (composed) form."""
    return unicodedata.normalize("NFC", value)


def nfc_deep(value):
    """NFC-normalise every string inside nested lists, tuples and dicts."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, tuple):
        return tuple(nfc_deep(v) for v in value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    return value


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)  # pure; names and ids are folded again and again (quotas, checks)
def fold(value: str) -> str:
    """Key for matching user-typed values: NFC, case folded, spaces collapsed.

    ``"TẾT  Sum vầy "`` typed composed or decomposed gives ``"tết sum vầy"``.
    """
    return _SPACES.sub(" ", nfc(value).casefold()).strip()


def name_key(value: str) -> str:
    """Identity key of a person's name (see ``fold``)."""
    return fold(value)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _strip_marks(value: str) -> str:
    value = value.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)  # tags, categories and authors repeat across thousands of articles
def slugify(value: str) -> str:
    """ASCII slug that transliterates Vietnamese: ``Công đoàn`` → ``cong-doan``.

    Capped at ``portal.text.SLUG_MAX_LENGTH`` characters at a word boundary, so
    no output path is too long for a filesystem.
    """
    ascii_text = _strip_marks(nfc(value)).lower()
    return cap_slug(_NON_ALNUM.sub("-", ascii_text).strip("-"))


# --- Vietnamese collation -------------------------------------------------
# Alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
# Letters are compared first (with their breve/circumflex/horn), then tones
# in the traditional order: ngang, huyền, hỏi, ngã, sắc, nặng.

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TONE_MARKS = set(_TONES)


def _split_tone(ch: str) -> tuple[str, int]:
    """Split one NFC character into (letter without tone, tone rank)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for c in decomposed:
        if c in _TONE_MARKS:
            tone = _TONES[c]
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@functools.lru_cache(maxsize=65536)  # pure: the same string always has the same key
def sort_key(value: str) -> tuple:
    """Sort key giving Vietnamese alphabetical order (``Đ`` after ``D``, ``Ă`` after ``A``).

    Case is ignored at the first level; digits and other characters sort
    before letters by code point.
    """
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for ch in fold(value):
        base, tone = _split_tone(ch)
        rank = _LETTER_RANK.get(base)
        if rank is None:
            letters.append((0, ord(base[0]) if base else 0))
        else:
            letters.append((1, rank))
        tones.append(tone)
    return (tuple(letters), tuple(tones), nfc(value))
