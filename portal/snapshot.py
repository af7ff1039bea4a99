"""What a build is made from, and what it left behind, as digests (pure).

A build's output is a function of its inputs: the files under the content
folder and the theme, the project's code and libraries, the settings, and the
clock (the build day; the minute shown in the footer). ``tree_state`` digests
a folder by the names, kinds, sizes, modification times and inode numbers of
everything in it (symlinks by their target text, never followed): any save,
copy, move, deletion or ``touch`` changes it, without reading a byte of the
files. The same digest of the live output tells whether the output is still
the one that build wrote.

``plugins/uptodate`` compares both with the record of the last successful
build and skips a build whose inputs and output are exactly as that build
left them.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path


def tree_state(root: Path, skip: tuple[str, ...] = ()) -> tuple[str, int]:
    """``(digest, number of entries)`` of everything under ``root`` (``"-"`` if
    missing), leaving out entries named in ``skip`` (e.g. ``__pycache__``)."""
    hasher = hashlib.blake2b(digest_size=32)
    count = 0
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        return ("-" if not root.exists() and not root.is_symlink() else _entry(root)), 0
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:  # unreadable: never "unchanged"
            hasher.update(f"!{rel}:{exc.errno}".encode())
            continue
        for entry in entries:
            if entry.name in skip:
                continue
            name = f"{rel}/{entry.name}" if rel else entry.name
            count += 1
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                hasher.update(f"?{name}\0".encode("utf-8", "surrogatepass"))
                continue
            if entry.is_symlink():
                try:
                    target = os.readlink(entry.path)
                except OSError:
                    target = "?"
                line = f"l{name}\0{target}\0{info.st_mtime_ns}"
            elif entry.is_dir(follow_symlinks=False):
                line = f"d{name}\0{info.st_mode}"
                stack.append((entry.path, name))
            else:
                line = f"f{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\0{info.st_mode}"
            hasher.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return hasher.hexdigest(), count


def _entry(path: Path) -> str:
    try:
        info = os.lstat(path)
    except OSError:
        return "-"
    return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"


def environment_digest() -> str:
    """Python and every installed distribution with its version (a library
    upgrade can change any page, the search index or the feeds)."""
    from importlib import metadata

    names = sorted({f"{d.metadata['Name']}={d.version}" for d in metadata.distributions()
                    if d.metadata and d.metadata["Name"]})
    return hashlib.blake2b(("\n".join(names) + sys.version + sys.executable).encode(),
                           digest_size=32).hexdigest()
