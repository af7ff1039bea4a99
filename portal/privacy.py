"""Private roster values (phone, e-mail, Facebook) must never reach the site.

:class:`PrivateValues` is built from the raw roster entries. It finds those
values in an article's text (with line numbers, for ``invoke check``) and in
written files (bytes, for the scan after every build), whatever way they
were typed: ``0912 345 601``, ``0912.345.601``, ``+84 912 345 601``; e-mails
in any case; a Facebook profile with or without ``https://``, ``www.`` or
``m.``. The values themselves are never shown in messages or ``repr``.
"""

from __future__ import annotations

import functools
import gzip
import html
import io
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote_to_bytes

from portal.parallel import map_files
from portal.paths import output_files

PRIVATE_FIELDS = ("phone", "email", "facebook")
KIND_LABELS = {"phone": "số điện thoại", "email": "địa chỉ e-mail", "facebook": "trang Facebook"}

# One pass per kind finds candidates; a set lookup decides. (An alternation
# of every roster value is far slower: it is tried at every position.)
# Up to two separators between digits ("(+84) 912", "0912 - 345"); digits of
# any script (full-width "０９１２" too: \d is Unicode).
_SEP = r"[ .\-()/\u00a0\u2009\u202f\u2013]{0,3}"
# The prefix reads as ``(?:\+?[8８][4４]|[0０])``, written as a class first and
# the rest checked behind it: the engine then skips ahead to the next
# candidate character (5× faster on a page full of dates and sizes than the
# alternation; the same matches). No lookbehind in front of the class: that
# would disable the skipping; what precedes a match is checked in code.
_PHONE = re.compile(rf"[+8８0０](?:(?<=\+)[8８][4４]|(?<=[8８])[4４]|(?<=[0０])){_SEP}(\d(?:{_SEP}\d){{7,11}})(?!\d)")
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_EMAIL_LOCAL = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_FACEBOOK = re.compile(r"(?:facebook\.com|fb\.com|fb\.me)\.?(?::\d+)?/+([^\s\"'<>]+)", re.IGNORECASE)


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _unquote(text: str) -> str:
    """``urllib.parse.unquote`` (UTF-8, errors replaced), decoding only the
    runs of ``%XX``: the standard one splits text at every non-ASCII letter,
    which in Vietnamese is every other word (4× slower on a page)."""
    return _ESCAPES.sub(lambda m: bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8", "replace"), text)


# What a reader sees of one line of Markdown or HTML: a value typed across
# markup (``0912 **345** 601``, ``0912 <b>345</b> 601``, ``a@<i>b.vn</i>``,
# ``0912&nbsp;345&#32;601``, a soft hyphen inside it) shows whole on the page.
_LINK = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_TAG = re.compile(r"<[^<>\n]*>")
_ESCAPED_OR_INVISIBLE = re.compile("\\\\(.)|[\u00ad\u200b-\u200d\u2060\ufeff]")
_EMPHASIS = re.compile("[*_`~]")
_EMPHASIS_AROUND = re.compile(r"(?<!\w)[*_`~]+|[*_`~]+(?!\w)")
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines splits on
_MARKUP = re.compile("[<&\\[*_`~\\\\\u00ad\u200b-\u200d\u2060\ufeff]")  # a character any of the above acts on


def plain_lines(line: str) -> tuple[str, ...]:
    """How a reader may see one line of Markdown or HTML, where that differs
    from ``line``: Markdown links and images as their text, tags removed,
    character references resolved, backslash escapes resolved, invisible
    characters removed; then also without Markdown's emphasis marks around
    words, and without any (an underscore inside an address is the
    address's own, ``0912*345*601`` shows ``0912345601``). Each is still
    one line."""
    if not _MARKUP.search(line):
        return ()
    seen = line
    if "[" in seen:
        seen = _LINK.sub(r"\1", seen)
    if "<" in seen:
        seen = _TAG.sub("", seen)
    if "&" in seen:
        seen = _BREAKS.sub(" ", html.unescape(seen))
    seen = _ESCAPED_OR_INVISIBLE.sub(lambda m: m.group(1) or "", seen)
    views = (seen, _EMPHASIS_AROUND.sub("", seen), _EMPHASIS.sub("", seen))
    return tuple(view for view in dict.fromkeys(views) if view != line)


def _inside_number(text: str, start: int) -> bool:
    """A match that continues a longer number (``10912…``, ``1.912.345.601``) is not a phone."""
    before = text[start - 1:start]
    if before.isdigit():
        return True
    return before in (".", ",") and text[start - 2:start - 1].isdigit()


def phone_key(value: str) -> str | None:
    """The national number of a phone (``0912 345 601``, ``+84 912…`` → ``912345601``),
    in ASCII digits whatever digits it was typed in (``０９１２…`` too: a page
    is read the same way, ``_phone_owner``)."""
    digits = "".join(str(unicodedata.decimal(ch)) for ch in value if ch.isdecimal())
    if digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if len(digits) >= 8 else None  # shorter: would flag ordinary numbers


def email_key(value: str) -> str | None:
    value = value.strip().lower()
    return value if "@" in value else None


def facebook_key(value: str) -> str | None:
    match = re.search(r"(?:facebook\.com|fb\.com|fb\.me)/(.+)$", value.strip(), re.IGNORECASE)
    path = (match.group(1) if match else value.strip()).strip("/").lower()
    return path if len(path) >= 3 else None


_KEYS = {"phone": phone_key, "email": email_key, "facebook": facebook_key}


@dataclass(frozen=True)
class Found:
    line: int
    kind: str      # phone / email / facebook
    owner: str     # the roster name the value belongs to

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class PrivateValues:
    """The roster's private values as lookup keys; ``repr`` never shows them."""

    _phones: dict[str, str] = field(default_factory=dict, repr=False)      # key -> owner
    _emails: dict[str, str] = field(default_factory=dict, repr=False)
    _facebook: dict[str, str] = field(default_factory=dict, repr=False)
    # the tables' keys in the forms the page scan compares (derived once, on
    # first use, after from_roster filled the tables): no input of a page
    __digest_exclude__: ClassVar[tuple[str, ...]] = ("_phone_bytes", "_facebook_keys")

    @functools.cached_property
    def _phone_bytes(self) -> tuple[bytes, ...]:
        return tuple(key.encode("ascii", "replace") for key in self._phones)

    @functools.cached_property
    def _facebook_keys(self) -> tuple[str, ...]:
        return tuple(self._facebook)

    @classmethod
    def from_roster(cls, entries) -> "PrivateValues":
        out = cls()
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            owner = str(entry.get("name") or "?")
            for kind in PRIVATE_FIELDS:
                value = entry.get(kind)
                if value is None or not str(value).strip():
                    continue
                key = _KEYS[kind](str(value))
                if key:
                    out._table(kind)[key] = owner
        return out

    def _table(self, kind: str) -> dict[str, str]:
        return {"phone": self._phones, "email": self._emails, "facebook": self._facebook}[kind]

    def __len__(self) -> int:
        return len(self._phones) + len(self._emails) + len(self._facebook)

    def __repr__(self) -> str:
        return f"PrivateValues({len(self)} values)"

    def _phone_owner(self, typed: str) -> str | None:
        """The owner of the phone typed at the start of ``typed``. The greedy
        match may run on into a following number ("… 601 2 lần"): every
        prefix that ends before a separator is tried too."""
        digits = ""
        for index, ch in enumerate(typed):
            if not ch.isdigit():
                continue
            digits += str(unicodedata.digit(ch, 0))
            following = typed[index + 1:index + 2]
            if (not following or not following.isdigit()) and digits in self._phones:
                return self._phones[digits]
        return None

    def _may_hold_phone(self, data: bytes) -> bool:
        """False when no roster phone can be in ``data`` (``_plain_bytes``):
        a phone the pattern finds is digits with only separators between
        them, so its national number is a run of the page's digits read one
        after another. A few dozen substring searches of those digits cost a
        tenth of the pattern's pass over a page full of dates and sizes; a
        large roster is left to the pattern."""
        if len(self._phones) > _MAX_PHONES_PREFILTERED:
            return True
        digits = data.translate(None, _NOT_ASCII_DIGITS)
        return any(key in digits for key in self._phone_bytes)

    def find(self, text: str) -> list[tuple[str, str]]:
        """``(kind, owner)`` of every private value in ``text``, in order, repeats kept.

        Percent-encoded text (``tel:0912%20345…``, ``%40``) is read decoded.
        """
        if "%" in text:
            text = _unquote(text)
        return self._find(text)

    def _find(self, text: str, data: bytes | None = None) -> list[tuple[str, str]]:
        """``data``: ``text`` as UTF-8 (decoded with errors replaced), every
        digit of it ASCII and no KELVIN SIGN (``_plain_bytes``): the passes
        then skip what cannot be there (``_may_hold_phone``) and find the
        Facebook hosts in these bytes without encoding the text again."""
        found = []
        if self._phones and (data is None or self._may_hold_phone(data)):
            for match in _PHONE.finditer(text):
                if _inside_number(text, match.start()):
                    continue
                owner = self._phone_owner(match.group(1))
                if owner:
                    found.append((match.start(), "phone", owner))
        if self._emails and "@" in text:
            for match in _EMAIL_DOMAIN.finditer(text):
                start = match.start()
                while start and text[start - 1] in _EMAIL_LOCAL:
                    start -= 1
                owner = self._emails.get(text[start:match.end()].lower().strip("."))
                if owner:
                    found.append((start, "email", owner))
        if self._facebook:
            for match in _facebook_matches(text, data):
                candidate = match.group(1).lower()
                if not candidate.startswith(self._facebook_keys):  # most pages' only match: their share link
                    continue
                for key, owner in self._facebook.items():
                    rest = candidate[len(key):]
                    if candidate.startswith(key) and not (rest and (rest[0].isalnum() or rest[0] in "._")):
                        found.append((match.start(), "facebook", owner))
        return [(kind, owner) for _, kind, owner in sorted(found)]

    def find_in_text(self, text: str, first_line: int = 1) -> list[Found]:
        """Every private value in ``text``, as typed or as a reader sees it
        (``plain_lines``: typed across markup); lines count from ``first_line``."""
        if not self or not text:
            return []
        lines = text.splitlines()
        views = [plain_lines(line) for line in lines] if _MARKUP.search(text) else [()] * len(lines)
        if not self.find(text) and not self.find("\n".join(view for found in views for view in found)):
            # one pass over the whole text and one over what differs when read
            # (no value is found across a line break: none of the patterns
            # matches one), line by line only when something is there
            return []
        out = []
        for number, (line, seen_as) in enumerate(zip(lines, views), start=first_line):
            seen = set()
            for kind, owner in [item for view in (line, *seen_as) for item in self.find(view)]:
                if (kind, owner) not in seen:
                    seen.add((kind, owner))
                    out.append(Found(number, kind, owner))
        return out

    def find_in_bytes(self, data: bytes) -> list[tuple[str, str]]:
        """``(kind, owner)`` of every private value in ``data`` (UTF-8 text), once each."""
        if not self or not data:
            return []
        if b"%" in data:
            data = unquote_to_bytes(data)  # every %XX as its byte, before the UTF-8 reading
        text = data.decode("utf-8", errors="replace")
        found = []
        for item in self._find(text, data if _plain_bytes(data) else None):
            if item not in found:
                found.append(item)
        return found


_FACEBOOK_HOSTS = (b"facebook.com", b"fb.com", b"fb.me")
_KELVIN = "\u212a".encode()


_MAX_PHONES_PREFILTERED = 64
_NOT_ASCII_DIGITS = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)
# UTF-8 bytes that start no decimal digit (``\d``, category Nd) but the ASCII
# ones: ASCII, continuation bytes, the leads of U+0080…U+063F and of
# U+2000…U+2FFF (punctuation, symbols, arrows). The first non-ASCII digit is
# U+0660. Tests check these ranges against unicodedata.
_NO_DIGIT_BYTES = bytes(range(0x00, 0xC0)) + bytes(range(0xC2, 0xD9)) + b"\xe2"
_LEAD_E1 = b"\xe1"  # U+1000…U+1FFF: Vietnamese letters (U+1E00…) but Myanmar, Khmer… digits below
_DIGITS_UNDER_1E00 = re.compile(rb"\xe1[\x80-\xb7]")


def _plain_bytes(data: bytes) -> bool:
    """True when every decimal digit in ``data`` (UTF-8) is ASCII and no
    KELVIN SIGN is there (the one non-ASCII character ``re.IGNORECASE``
    reads as an ASCII letter of a Facebook host): what ``_find`` needs to
    take its shortcuts. Bytes outside ``_NO_DIGIT_BYTES`` are rare in a
    Vietnamese page but for the lead of its letters U+1E00…U+1EFF."""
    rest = data.translate(None, _NO_DIGIT_BYTES)
    if rest.strip(_LEAD_E1) or _KELVIN in data:
        return False
    return not rest or _DIGITS_UNDER_1E00.search(data) is None


def _facebook_matches(text: str, data: bytes | None = None):
    """``_FACEBOOK.finditer(text)``, without its case-insensitive scan of the
    whole page (a third of a page's scan): a match starts where the text reads
    one of the hosts in any ASCII case, so only those places are tried, in
    order, each past the end of the last match. They are found in the UTF-8
    bytes lowered (ASCII only: the same length) and turned into positions in
    the text. The one non-ASCII character ``re.IGNORECASE`` matches to these
    letters is the KELVIN SIGN (as "k"): a text with one is scanned whole."""
    errors = "replace"  # ``text`` is ``data`` decoded so (by the caller)
    if data is None:
        data, errors = text.encode("utf-8", "surrogatepass"), "surrogatepass"
    if _KELVIN in data:
        yield from _FACEBOOK.finditer(text)
        return
    low = data.lower()
    starts = set()
    for host in _FACEBOOK_HOSTS:
        at = low.find(host)
        while at != -1:
            starts.add(at)
            at = low.find(host, at + 1)
    end = 0
    byte_at = char_at = 0
    for start in sorted(starts):  # byte offsets of ASCII letters: character boundaries
        # (an ASCII byte ends any invalid sequence: the slice decodes to the
        # same characters as that part of the whole)
        char_at += len(data[byte_at:start].decode("utf-8", errors))
        byte_at = start
        if char_at < end:
            continue
        match = _FACEBOOK.match(text, char_at)
        if match:
            end = match.end()
            yield match


# --- Scanning what a build wrote --------------------------------------------

# Binary media: stripped of metadata by the images plugin, not text.
BINARY_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".ico", ".mp4", ".webm",
                             ".woff", ".woff2", ".ttf", ".otf", ".wasm", ".br"})
MAX_SCAN_BYTES = 64 * 1024 * 1024


def _text_of(path) -> bytes:
    """A written file's bytes, decompressed when gzip (Pagefind's index, .gz copies)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                return stream.read(MAX_SCAN_BYTES)
        except (OSError, EOFError, zlib.error):
            return data
    return data


def _scan_files(paths: list, root, private: PrivateValues) -> list[tuple[str, str, str]]:
    leaks = []
    for path in paths:
        path = Path(path)
        for kind, owner in private.find_in_bytes(_text_of(path)):
            leaks.append((path.relative_to(root).as_posix(), KIND_LABELS[kind], owner))
    return leaks


def scan_tree(root, private: PrivateValues, skip=frozenset()) -> list[tuple[str, str, str]]:
    """``(relative path, kind label, owner)`` for each private value in a written tree.

    Every file is read once (text files, the search index decompressed), over
    the machine's cores; images and video are skipped (their metadata is
    stripped when published). Symlinks are not followed. ``skip`` names files
    (relative, ``/``-separated) the caller knows were scanned before with the
    same private values (pages carried over unchanged from the live build).
    """
    root = Path(root)
    if not private:
        return []
    paths = [Path(entry.path) for name, entry in output_files(root)
             if os.path.splitext(name)[1].lower() not in BINARY_SUFFIXES and name not in skip]
    leaks = [leak for chunk in map_files(_scan_files, sorted(paths), root, private) for leak in chunk]
    return sorted(leaks)
