"""Pure gzip and brotli of a file tree (deterministic: no name, no timestamp)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from portal.parallel import map_files
from portal.paths import WriteGuard, guard_write, link_or_copy, output_files


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int) -> bytes:
    """Brotli with a window just large enough for ``data`` (10…24 bits): as
    small as the default 4 MiB window for any file that fits in it (only the
    window size in the header differs), without setting up a 4 MiB ring
    buffer for a 25 KB page each time (a third of the time per page)."""
    import brotli

    return brotli.compress(data, quality=quality, lgwin=window_bits(len(data)))


def window_bits(size: int) -> int:
    """The smallest brotli window (log2, 10…24) that holds ``size`` bytes."""
    return max(10, min(24, max(size - 1, 1).bit_length() + 1))


def carry_over(path: Path, root: Path, live: Path | None, suffixes: tuple[str, ...]) -> int | None:
    """Link the live build's compressed copies of ``path`` when ``path`` is the
    live file itself (a hard link the render plugin carried over: same inode,
    same bytes) and the copies are not older than it. Returns the bytes of
    ``path``, or None when the copies must be made anew."""
    if live is None:
        return None
    rel = path.relative_to(root)
    source = live / rel
    try:
        found, mine = os.lstat(source), os.lstat(path)
        if (found.st_ino, found.st_dev) != (mine.st_ino, mine.st_dev):
            return None
        copies = [live / rel.parent / (rel.name + suffix) for suffix in suffixes]
        stats = [os.lstat(copy) for copy in copies]
    except OSError:
        return None
    if any(not os.path.isfile(c) or os.path.islink(c) or st.st_mtime_ns < mine.st_mtime_ns
           for c, st in zip(copies, stats)):
        return None
    for copy, suffix in zip(copies, suffixes):
        target = guard_write(path.with_name(path.name + suffix), root)
        if not (os.path.lexists(target) and os.path.samefile(copy, target)):  # a carried folder may hold it already
            link_or_copy(copy, target)
    return mine.st_size


def compress_file(path: Path, data: bytes, root: Path, brotli_quality: int | None,
                  guard=None, copies: tuple[str, ...] = (".gz", ".br")) -> tuple[int, int, int, int]:
    """Write the ``copies`` of ``path`` (whose bytes are ``data``; ``.br`` only
    with a ``brotli_quality``: ``copy_suffixes``); (files, bytes in, gzip
    bytes, brotli bytes) written, all 0 when the first copy would not be
    smaller. ``guard`` checks each copy's path (default: ``guard_write``
    inside ``root``)."""
    if guard is None:
        guard = lambda target: guard_write(target, root)  # noqa: E731
    size_gz = size_br = 0
    if ".gz" in copies:
        packed = gzip_bytes(data)
        if len(packed) >= len(data):
            return 0, 0, 0, 0
        guard(path.with_name(path.name + ".gz")).write_bytes(packed)
        size_gz = len(packed)
    if ".br" in copies and brotli_quality is not None:
        squeezed = brotli_bytes(data, brotli_quality)
        if len(squeezed) < len(data):
            guard(path.with_name(path.name + ".br")).write_bytes(squeezed)
            size_br = len(squeezed)
        elif not size_gz:
            return 0, 0, 0, 0
    return 1, len(data), size_gz, size_br


def copy_suffixes(name: str, brotli_quality: int | None, brotli_only=()) -> tuple[str, ...]:
    """The compressed copies a file called ``name`` gets."""
    if brotli_quality is None:
        return (".gz",)
    return (".br",) if os.path.splitext(name)[1].lower() in brotli_only else (".gz", ".br")


def _compress_files(paths: list, root: Path, brotli_quality: int | None,
                    live: Path | None = None, brotli_only=frozenset()) -> tuple[int, int, int, int]:
    totals = [0, 0, 0, 0]
    guard = WriteGuard(root)  # each folder resolved once
    for path in paths:
        suffixes = copy_suffixes(path.name, brotli_quality, brotli_only)
        if carry_over(path, root, live, suffixes) is not None:
            continue
        found = compress_file(path, path.read_bytes(), root, brotli_quality, guard, suffixes)
        for i, value in enumerate(found):
            totals[i] += value
    return tuple(totals)


def precompress_tree(root: Path, suffixes: set[str], min_bytes: int,
                     brotli_quality: int | None = None, live: Path | None = None,
                     skip=frozenset(), brotli_only=frozenset()) -> tuple[int, int, int, int]:
    """Write ``name.gz`` (and ``name.br`` when ``brotli_quality`` is given)
    beside every matching file (over the machine's cores; a suffix in
    ``brotli_only``: ``name.br`` alone); returns (files, bytes in, gzip bytes
    out, brotli bytes out).

    A copy is kept only when it is smaller than the original. Symlinks are
    never followed. ``live``: the build being replaced; a file that is the
    live file itself (hard-linked, unchanged) gets the live copies linked
    (counted as not compressed this run).
    """
    paths = []
    for name, entry in output_files(root):
        if os.path.splitext(name)[1].lower() in suffixes and name not in skip:
            if entry.stat(follow_symlinks=False).st_size >= min_bytes:
                paths.append(Path(entry.path))
    # feeds and sitemaps are large: compressing a few dozen is worth a worker
    totals = map_files(_compress_files, sorted(paths), root, brotli_quality, live, frozenset(brotli_only),
                       serial_below=48)
    return tuple(sum(t[i] for t in totals) for i in range(4))
