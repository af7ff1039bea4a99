"""Stable digests of template inputs, for incremental rendering.

A page is rendered again only when the digest of what it is rendered from
changes. ``Fingerprinter`` turns any value found in a template context into
bytes fed to a hash, the same way in every run:

- strings, numbers, dates, ``None`` and booleans by type and value;
- lists and tuples item by item, sets and mappings as sorted item digests;
- an object that ``content_digest`` recognises (Pelican's articles and pages,
  passed in by the caller: the core does not import Pelican) by that digest;
- any other object by its class and its attributes (``__dict__`` or
  ``__slots__``), except ``SKIPPED_ATTRIBUTES`` (the run's settings and
  context, digested once for the whole build) and the names its class lists
  in ``__digest_exclude__`` (bookkeeping that never reaches a page: counters,
  caches).

A value whose digest would not be the same in the next run (a function, an
object whose ``repr`` shows its address, a reference cycle) makes the whole
digest ``None``: such a page is always rendered. Wrong "unchanged" verdicts
are the one thing this module must never give.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import re
import types
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath

SKIPPED_ATTRIBUTES = frozenset({"settings", "_context", "context", "env", "_env"})
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_MAX_DEPTH = 40


class Unstable(Exception):
    """The value has no digest that is stable between runs."""


_STR, _NUMBER, _BYTES, _TIME, _OBJECT = "str", "number", "bytes", "time", "object"


def _leaf_kind(kind: type) -> str:
    """How values of the type ``kind`` are fed (the order of the checks
    matters: a bool or an IntEnum is a number), decided once per type."""
    if kind is type(None) or issubclass(kind, (bool, int, float, complex)):
        return _NUMBER
    if issubclass(kind, str):
        return _STR
    if issubclass(kind, (bytes, bytearray)):
        return _BYTES
    if issubclass(kind, (dt.datetime, dt.date, dt.time, dt.timedelta, PurePath, enum.Enum)):
        return _TIME
    return _OBJECT


_LEAVES: dict[type, str] = {}  # type -> how its values are fed (``_leaf_kind``), filled as types are met


class Fingerprinter:
    """Digest values; ``content_digest(obj)`` returns bytes for objects it
    digests itself (e.g. articles as list cards) and ``None`` for the rest.

    Digests of containers and objects are remembered by identity: use one
    instance only while the values it sees do not change (one build's flush).
    """

    def __init__(self, content_digest: Callable[[object], bytes | None] | None = None,
                 skip: frozenset[str] = frozenset()):
        self.content_digest = content_digest or (lambda obj: None)
        self.skipped = SKIPPED_ATTRIBUTES | skip  # attribute names left out of every object
        self._memo: dict[int, bytes] = {}
        self._keep: list[object] = []  # memo keys are ids: keep the objects alive

    def digest(self, value) -> bytes | None:
        """The digest of ``value`` (32 bytes), or ``None`` when it has none."""
        hasher = hashlib.blake2b(digest_size=32)
        try:
            self._feed(hasher, value, 0, set())
        except Unstable:
            return None
        return hasher.digest()

    def _feed(self, h, value, depth: int, active: set[int]) -> None:
        if depth > _MAX_DEPTH:
            raise Unstable("too deep")
        kind = type(value)
        leaf = _LEAVES.get(kind)
        if leaf is None:
            leaf = _LEAVES[kind] = _leaf_kind(kind)
        if leaf is _STR:  # Markup too
            data = value.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(data) + data)
            return
        if leaf is _NUMBER:
            h.update(b"n" + repr(value).encode())
            return
        if leaf is _BYTES:
            h.update(b"b%d:" % len(value) + bytes(value))
            return
        if leaf is _TIME:
            h.update(b"d" + kind.__name__.encode() + repr(value).encode())
            return
        key = id(value)
        memo = self._memo.get(key)
        if memo is not None:
            h.update(memo)
            return
        if key in active:
            raise Unstable("reference cycle")
        own = self.content_digest(value)
        if own is not None:
            # remembered like a container's part: an article is met in many
            # lists (every listing, the related articles of others)
            part = self._memo[key] = b"c" + own
            self._keep.append(value)
            h.update(part)
            return
        active.add(key)
        try:
            sub = hashlib.blake2b(digest_size=32)
            self._feed_container(sub, value, depth, active)
            part = sub.digest()
        finally:
            active.discard(key)
        # memoised by identity (the object kept alive so its id is not reused):
        # one Fingerprinter must only be used while the values do not change
        self._memo[key] = part
        self._keep.append(value)
        h.update(part)

    def _feed_container(self, h, value, depth: int, active: set[int]) -> None:
        if isinstance(value, (list, tuple)):  # before Mapping: its ABC check is the slower one
            h.update(b"l%d" % len(value))
            for item in value:
                self._feed(h, item, depth + 1, active)
            return
        if type(value) is dict or isinstance(value, Mapping):
            # order-insensitive: a mapping built in a different order (files read
            # in parallel) is the same input; a template that showed that order
            # would make the clean build itself irreproducible. String keys (the
            # common case: metadata, headers, settings) are fed in sorted order;
            # other keys each get a digest, and the digests are sorted.
            if all(type(k) is str for k in value):
                h.update(b"K%d" % len(value))
                for k in sorted(value):
                    data = k.encode("utf-8", "surrogatepass")
                    h.update(b"s%d:" % len(data) + data)
                    self._feed(h, value[k], depth + 1, active)
                return
            items = []
            for k, v in value.items():
                item = hashlib.blake2b(digest_size=32)
                self._feed(item, k, depth + 1, active)
                self._feed(item, v, depth + 1, active)
                items.append(item.digest())
            h.update(b"m%d" % len(items) + b"".join(sorted(items)))
            return
        if isinstance(value, (set, frozenset)):
            parts = sorted(self._item_digest(item, depth, active) for item in value)
            h.update(b"S%d" % len(parts) + b"".join(parts))
            return
        if isinstance(value, functools.partial):
            h.update(b"p")
            for part in (value.func, value.args, value.keywords):
                self._feed(h, part, depth + 1, active)
            return
        if isinstance(value, types.MethodType):
            h.update(b"M")
            self._feed(h, value.__func__, depth + 1, active)
            self._feed(h, value.__self__, depth + 1, active)
            return
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
            # the code itself is part of the build's code digest; what a closure
            # or defaults capture is data
            h.update(b"f" + f"{getattr(value, '__module__', '')}.{value.__qualname__}".encode())
            for cell in getattr(value, "__closure__", None) or ():
                self._feed(h, cell.cell_contents, depth + 1, active)
            self._feed(h, getattr(value, "__defaults__", None), depth + 1, active)
            self._feed(h, getattr(value, "__kwdefaults__", None), depth + 1, active)
            return
        if isinstance(value, type):
            h.update(b"t" + f"{value.__module__}.{value.__qualname__}".encode())
            return
        cls = type(value)
        label, slots, excluded = _class_facts(cls)
        h.update(label)
        fields = _fields(value, slots)
        if fields is None:
            text = repr(value)
            if _ADDRESS.search(text):
                raise Unstable(f"no stable form: {cls.__qualname__}")
            h.update(b"r" + text.encode("utf-8", "surrogatepass"))
            return
        skipped = self.skipped.union(excluded) if excluded else self.skipped
        for name in sorted(fields):
            if name in skipped:
                continue
            h.update(b"a" + name.encode())
            self._feed(h, fields[name], depth + 1, active)

    def _item_digest(self, value, depth: int, active: set[int]) -> bytes:
        sub = hashlib.blake2b(digest_size=32)
        self._feed(sub, value, depth + 1, active)
        return sub.digest()


@functools.lru_cache(maxsize=None)
def _class_facts(cls: type) -> tuple[bytes, tuple[str, ...], frozenset[str]]:
    """(the class's label in a digest, its slot names, its ``__digest_exclude__``),
    found once per class."""
    label = b"o" + f"{cls.__module__}.{cls.__qualname__}".encode()
    slots = tuple(s for c in cls.__mro__ for s in getattr(c, "__slots__", ()))
    return label, slots, frozenset(getattr(cls, "__digest_exclude__", ()))


def _fields(value, slots: tuple[str, ...]) -> dict | None:
    fields = getattr(value, "__dict__", None)
    if fields is None and not slots:
        return None
    found = dict(fields or {})
    for name in slots:
        if name not in ("__dict__", "__weakref__") and hasattr(value, name):
            found[name] = getattr(value, name)
    return found


def file_digest(paths) -> str:
    """One hex digest of the names and bytes of ``paths`` (sorted)."""
    hasher = hashlib.blake2b(digest_size=32)
    for path in sorted(paths, key=str):
        hasher.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        with open(path, "rb") as handle:
            hasher.update(hashlib.blake2b(handle.read(), digest_size=32).digest())
    return hasher.hexdigest()


LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe", "nh3", "pillow", "feedgen", "beautifulsoup4")
_CODE: dict[str, str] = {}


def code_digest() -> str:
    """The project's Python code (``portal``, ``plugins``) and the versions of
    the libraries that shape its output. Computed once per process: the code
    a process runs cannot change under it."""
    if "digest" not in _CODE:
        import sys
        from importlib import metadata

        here = Path(__file__).resolve().parent  # the core; the plugins live beside it
        roots = [here, here.parent / "plugins"]
        files = [p for root in roots if root.is_dir() for p in root.rglob("*.py")]
        versions = []
        for name in LIBRARIES:
            try:
                versions.append(f"{name}={metadata.version(name)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{name}=-")
        _CODE["digest"] = hashlib.blake2b((file_digest(files) + ";".join(versions) + sys.version).encode()).hexdigest()
    return _CODE["digest"]


_PARAGRAPH_END = re.compile(r"</p\s*>", re.I)
_PARAGRAPH_START = re.compile(r"<p[\s>]", re.I)
_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[#\w]+;")
_WORD = re.compile(r"\w")


def lead_source(html: str) -> str:
    """The start of ``html`` through its first paragraph with a letter or
    digit in it (conservative: never shorter than what a lead is made from)."""
    for end in _PARAGRAPH_END.finditer(html):
        start = None
        for start in _PARAGRAPH_START.finditer(html, 0, end.start()):
            pass
        text = html[start.start() if start else 0:end.start()]
        if _WORD.search(_TAG_OR_ENTITY.sub(" ", text)):
            return html[:end.end()]
    return html
