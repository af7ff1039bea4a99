"""Parse the ``Key: value`` header of a Markdown article, with line numbers.

Mirrors Python-Markdown's ``meta`` extension (which Pelican uses): the header
runs to the first blank line; a line indented by four spaces continues the
previous value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from portal.text import nfc

_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclass
class Header:
    fields: dict[str, str] = field(default_factory=dict)   # lower-case key -> value
    lines: dict[str, int] = field(default_factory=dict)    # lower-case key -> line
    names: dict[str, str] = field(default_factory=dict)    # lower-case key -> key as typed
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    body: str = ""
    body_line: int = 1   # file line of the body's first line

    # Digests of what pages are rendered from (portal.fingerprint) leave the raw
    # Markdown body out: pages show what it became (the article's HTML, figures
    # computed from it before rendering), and those are digested. So an edit of
    # one body does not change the shared data every page is rendered from.
    __digest_exclude__: ClassVar[tuple[str, ...]] = ("body",)

    def get(self, key: str, default=None):
        return self.fields.get(key.lower(), default)

    def line(self, key: str) -> int | None:
        return self.lines.get(key.lower())


def parse_header(text: str) -> Header:
    text = nfc(text.lstrip("\ufeff"))
    header = Header()
    # Lines end at \n (or \r\n, \r) only, as Markdown reads them: str.splitlines()
    # would also split at U+2028, U+0085, form feeds… and let a value smuggle in a key.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last_key = None
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            body_start = number
            break
        match = _KEY.match(line)
        if match:
            key = match["key"].lower()
            if key in header.fields:
                header.duplicates.append((number, match["key"]))
                last_key = None
                continue
            header.fields[key] = match["value"].strip()
            header.lines[key] = number
            header.names[key] = match["key"]
            last_key = key
            continue
        more = _MORE.match(line)
        if more and last_key:
            header.fields[last_key] = (header.fields[last_key] + " " + more["value"].strip()).strip()
            continue
        if number == 1:
            # No header at all: the whole file is body.
            body_start = 0
            break
        header.bad_lines.append((number, line))
    header.body = "\n".join(lines[body_start:])
    header.body_line = body_start + 1
    return header


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def prose_lines(lines: list[str], first: int = 1, *, indented_code: bool = False):
    """``(file line, line)`` for the Markdown lines that are not code: fenced
    blocks are skipped (a fence closes with the same marker), inline code is
    blanked out; with ``indented_code``, lines indented by four spaces or a
    tab count as a code block too (they may also be list continuations)."""
    fence = None
    for number, line in enumerate(lines, start=first):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1) == fence:
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        if indented_code and line.startswith(("    ", "\t")):
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
