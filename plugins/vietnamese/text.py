"""Pure text helpers for Vietnamese: NFC, slugs, name keys and collation.

Nothing here touches Pelican; everything is a plain function of strings so it
can be unit-tested with plain data.
"""

from __future__ import annotations

import re
import unicodedata

from portal.text import cap_slug

__all__ = [
    "nfc",
    "nfc_deep",
    "fold",
    "name_key",
    "slugify",
    "sort_key",
]


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
