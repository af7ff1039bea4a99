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
    entries = tree_entries(root, skip)
    if entries is None:
        return _entry(Path(root)), 0
    return entries_digest(entries), len(entries)


def entries_digest(entries: dict[str, str]) -> str:
    hasher = hashlib.blake2b(digest_size=32)
    for name in sorted(entries):
        hasher.update(f"{name}\0{entries[name]}\n".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def tree_entries(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str] | None:
    """Relative name → kind, size, modification time, inode and mode of every
    entry under ``root`` (a symlink by its target text); None when ``root`` is
    not a folder."""
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        return None
    found: dict[str, str] = {}
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:  # unreadable: never "unchanged"
            found[f"{rel}/!"] = f"error {exc.errno}"
            continue
        for entry in entries:
            if entry.name in skip:
                continue
            name = f"{rel}/{entry.name}" if rel else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                found[name] = "?"
                continue
            if entry.is_symlink():
                try:
                    target = os.readlink(entry.path)
                except OSError:
                    target = "?"
                found[name] = f"l {target} {info.st_mtime_ns}"
            elif entry.is_dir(follow_symlinks=False):
                found[name] = f"d {info.st_mode}"
                stack.append((entry.path, name))
            else:
                found[name] = f"f {info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_mode}"
    return found


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
