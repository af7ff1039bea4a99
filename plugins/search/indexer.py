"""Run Pagefind (the binary shipped in the pagefind-bin wheel) over a built site."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from portal.paths import guard_write, link_or_copy, output_files

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build must not publish a site without search."""


@functools.lru_cache(maxsize=1)
def pagefind_executable() -> tuple[str, ...]:
    """How Pagefind is started: the binary of the pagefind-bin wheel itself
    when it is there (``python -m pagefind`` only finds and execs that binary,
    after importing asyncio: a tenth of a second of CPU per shard's run),
    else the module."""
    try:
        from pagefind_bin import get_executable
        found = get_executable()
    except Exception:  # not installed, or a platform without a bundled binary
        found = None
    if found is not None and os.access(found, os.X_OK):
        return (str(Path(found).resolve()),)
    return (sys.executable, "-m", "pagefind")


def pagefind_command(site: Path, language: str, bundle_dir: str, glob: str | None = None,
                     source: Path | None = None) -> list[str]:
    where = ["--site", str(site), "--output-subdir", bundle_dir] if source is None else \
        ["--site", str(source), "--output-path", str(Path(site).resolve() / bundle_dir)]
    return [*pagefind_executable(), *where, "--force-language", language, *(["--glob", glob] if glob else [])]


def build_index(site: Path, language: str = "vi", bundle_dir: str = "pagefind", glob: str | None = None,
                source: Path | None = None, covers=None, views: Path | None = None) -> str:
    """Index the pages of ``source`` (default: ``site`` itself; only those
    ``glob`` matches, if given) into ``site/bundle_dir``; returns Pagefind's
    summary output. The pages' URLs are their paths under ``source``.

    So that the index depends on which pages there are, never on the order
    the file system lists them in, Pagefind reads ``source`` through a
    ``sorted_view`` of it (only the files ``covers(name)`` accepts, when
    given), removed afterwards, unless the file system lists folders in an
    order decided by the names alone (``lists_by_name``: ext4). The view is
    made in ``views`` (default: beside ``source``)."""
    guard_write(site / bundle_dir, site)  # Pagefind writes its bundle there
    view = None
    try:
        if source is not None and not lists_by_name(Path(source).parent):
            view = view_path(source, bundle_dir, views)
            try:
                sorted_view(source, view, covers)
            except OSError as exc:
                raise SearchIndexError(f"không chuẩn bị được các trang cho Pagefind ({exc}); "
                                       f"kiểm tra chỗ trống và quyền ghi của thư mục {view.parent}") from None
        proc, stdout, stderr = _run(pagefind_command(site, language, bundle_dir, glob, view or source))
    finally:
        if view is not None:
            shutil.rmtree(view, ignore_errors=True)
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind lỗi (mã {proc.returncode}):\n{stdout}\n{stderr}")
    return stdout


_LISTS_BY_NAME: dict[int, bool] = {}  # st_dev -> lists_by_name: a property of the file system


def lists_by_name(folder: Path) -> bool:
    """Whether the file system holding ``folder`` lists a folder's entries in
    an order decided by their names alone (ext4 lists by a hash of the name),
    so that the same files are listed the same way whatever order they were
    made in. Found out once per file system, by making the same sixteen
    names in two folders in opposite orders and comparing the listings: a
    file system that lists in the order entries were made (tmpfs, btrfs,
    XFS) lists them reversed."""
    device = os.stat(folder).st_dev
    found = _LISTS_BY_NAME.get(device)
    if found is None:
        names = [f"p{number:02d}.html" for number in range(16)]
        with tempfile.TemporaryDirectory(dir=folder, prefix=".thu-thu-tu-") as probe:
            listings = []
            for label, order in (("a", names), ("b", names[::-1])):
                os.mkdir(os.path.join(probe, label))
                for name in order:
                    with open(os.path.join(probe, label, name), "wb"):
                        pass
                listings.append(os.listdir(os.path.join(probe, label)))
        found = _LISTS_BY_NAME[device] = listings[0] == listings[1]
    return found


def view_path(source: Path, bundle_dir: str, views: Path | None = None) -> Path:
    """Where the sorted view of ``source`` for the bundle ``bundle_dir`` is made:
    in ``views``, by default beside ``source`` (on the same file system, its
    files are hard-linked, not copied)."""
    source = Path(source)
    return (Path(views) if views is not None else source.parent) / f"{source.name}.{bundle_dir}.sorted"


def sorted_view(source: Path, view: Path, covers=None) -> int:
    """Make ``view`` afresh: a hard link (a copy where linking fails) to every
    regular file under ``source`` (those ``covers(name)`` accepts, when given),
    every folder's entries made in sorted order. Returns how many files.

    Pagefind numbers pages, and so names its index files, in the order the
    file system lists a folder: on ext4 a hash of the names, but on tmpfs,
    btrfs or XFS the order the entries were made, which for twins written
    by parallel render workers, or rewritten by an incremental build, differs
    from run to run. A view made in one order gives every build of the same
    pages the same index on every file system."""
    view = Path(view)
    if os.path.lexists(view):
        shutil.rmtree(view)
    names = sorted((name, entry.path) for name, entry in output_files(source)
                   if covers is None or covers(name))
    view.parent.mkdir(parents=True, exist_ok=True)
    os.mkdir(view)
    made = {""}  # folders made so far (in sorted order, as their files come)
    for name, path in names:
        folder = name.rpartition("/")[0]
        if folder not in made:
            os.makedirs(os.path.join(view, folder), exist_ok=True)
            made.add(folder)
        link_or_copy(path, os.path.join(view, name))
    return len(names)


# The Pagefind processes this process has running (runs go on in background
# threads while the build's last steps run): a build that stops before
# waiting for them (an error in a later step, Ctrl-C) ends them at exit
# (``stop_running``) instead of leaving them writing into a staged output.
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()
_STOPPED = False


def _run(command: list[str]) -> tuple[subprocess.Popen, str, str]:
    with _RUNNING_LOCK:
        if _STOPPED:
            raise SearchIndexError("Pagefind không chạy: tiến trình dựng đang kết thúc")
        # UTF-8 named, never the locale's encoding: Pagefind runs in threads while
        # the build goes on, and feedgen sets LC_ALL to "C" around every RSS date
        # (process-wide), so the locale of the moment may read Pagefind's "…" as ASCII
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                encoding="utf-8", errors="replace")
        _RUNNING.add(proc)
    try:
        stdout, stderr = proc.communicate()
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(proc)
    return proc, stdout, stderr


def stop_running() -> None:
    """End every Pagefind process still running and start no other one in
    this process (registered with ``atexit`` by the plugin)."""
    global _STOPPED
    with _RUNNING_LOCK:
        _STOPPED = True
        running = list(_RUNNING)
    for proc in running:
        with contextlib.suppress(OSError):
            proc.kill()
    for proc in running:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)


def carry_over_bundle(live: Path, site: Path, bundle_dir: str, rendered,
                      marker: str = "data-pagefind-body", covers=lambda name: True) -> list[str] | None:
    """Hard-link the live build's Pagefind bundle into ``site`` when no page
    it indexes (``covers``) was rendered this run (``rendered``: output names).

    Every indexed page is rendered by Pelican's writer, and the set of
    articles is part of every page's digest (plugins/render): a page added,
    removed or changed is rendered, so an unchanged set means the same index.
    A page rendered to the live file's very bytes is not in ``rendered`` when
    the build has the live build's pages, no more and no fewer (the render
    plugin checks it against its record, which describes the live output).
    Returns the bundle's files (relative to ``site``) when carried over, else None.
    """
    source = live / bundle_dir
    if rendered is None or not source.is_dir() or source.is_symlink() or (site / bundle_dir).exists():
        return None
    for name in rendered:
        if not name.endswith(".html") or not covers(name):
            continue
        try:
            with open(site / name, encoding="utf-8", errors="replace") as handle:
                if marker in handle.read():
                    return None
        except OSError:
            return None
    target = guard_write(site / bundle_dir, site)
    carried = []
    for folder, dirs, files in os.walk(source, followlinks=False):
        rel = Path(folder).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            item = Path(folder) / name
            if item.is_symlink():
                continue
            link_or_copy(item, target / rel / name)
            carried.append((Path(bundle_dir) / rel / name).as_posix())
    return carried
