"""Render the queued pages: re-use unchanged ones, render the rest in parallel.

The order of everything merged back (the collected per-page records) is the
order of the queue, so a parallel build equals a serial one byte for byte.

A page whose digest changed but whose rendered bytes equal the live build's
file (a new article changes the shared context, and so every page's digest,
but many pages come out the same) is hard-linked from the live build
like a carried-over page; the ``portal.page_rendered`` receivers get it
marked ``live_equal`` (no compressed copy made: the live one is linked; no
scan while the private values are the live build's), and the search plugin
carries over a shard none of whose pages changed.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import stat
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from portal.allocator import frozen_for_fork
from portal.parallel import can_fork, fresh_logging
from portal.paths import WriteGuard, guard_write, link_or_copy
from portal.timing import add
from portal.rendered import LIVE_KEY, NOTES_KEY, SAME_PRIVATE_KEY, RenderedPage, page_notes

from portal.fingerprint import Fingerprinter

from .digest import (Digests, Display, build_digest, build_parts, changed_parts, display_needles,
                     display_values, page_digest)
from .writer import Job

logger = logging.getLogger(__name__)

RECORD_VERSION = 3
# A page the last build did not write cannot be carried over: its digest (for
# the record) is computed by the worker that renders it, not by the parent.
_DEFERRED = b"deferred"
# More articles than this with a changed title, Summary or address
# (digest.py): every page is rendered (and linked when equal to the live
# one) rather than every live page searched for each of them.
DISPLAY_EDITS_MAX = 50
# How many pages a render worker renders between two collections of the
# garbage cycles they leave (see _child).
COLLECT_EVERY = 100


def record_path(cache_dir: Path, live: Path) -> Path:
    """One record per output folder (a test's or a preview's build never
    invalidates the production build's)."""
    key = hashlib.blake2b(str(live.resolve()).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return cache_dir / f"pages-{key}.pickle"


class RenderError(Exception):
    """A page could not be rendered (a template error)."""


@dataclass
class Outcome:
    rendered: int
    reused: int
    workers: int
    unchanged: int = 0  # of the rendered pages, those equal to the live build's (hard-linked)
    recorded: bool = False  # a record of the pages was written (pending until the build goes live)


def flush(jobs: list[Job], settings: dict, shared_context: dict | None, staging: Path, live: Path | None,
          record: Path | None) -> Outcome:
    """Write every queued page into ``staging``: hard-linked from ``live`` when
    its digest equals the one in ``record`` (and the live file is the one that
    build wrote), else rendered, and then hard-linked from ``live`` if it came
    out byte for byte as the live file. The new record is written beside
    ``record`` (``pending_path``) until the build goes live."""
    keys = list(settings["RENDER_COLLECT_KEYS"])
    incremental = settings["RENDER_INCREMENTAL"] and record is not None and live is not None
    live_there = incremental and live.is_dir()
    # No live build (a first build, a deploy from a fresh clone): no page can
    # be carried over now, and most such builds have no successor in this
    # folder, so no page digest is computed (an eighth of a cold build's CPU
    # at 10,000 articles, docs/performance.md) unless RENDER_COLD_DIGESTS
    # says more runs follow (livereload). The record names the pages alone;
    # the next build renders every page once (linking those equal to these)
    # and records their digests.
    cold = incremental and not live_there and not settings["RENDER_COLD_DIGESTS"]
    previous_parts, previous, previous_private, previous_names, previous_display = \
        _load_record(record) if incremental and not cold else ({}, {}, None, None, {})
    private = _private_digest(settings) if incremental else None
    to_render: list[int] = []
    reused: list[str] = []
    parts: dict = {}
    display: dict = {}
    needles: list[bytes] = []
    signer = None
    started = time.perf_counter()
    if incremental and not previous_parts and previous_names is not None:
        logger.info("Trang: lần dựng trước không ghi dấu vân tay trang (dựng mới): "
                    "dựng lại mọi trang một lần")
    if incremental and not cold:
        digests = Digests()
        if settings["RENDER_WORKERS"] != 1 and (os.cpu_count() or 1) > 1:
            digests.precompute(settings, shared_context or {})
        parts = build_parts(settings, shared_context or {}, digests)
        build = build_digest(parts)
        if build is None:
            logger.info("Trang: dựng lại tất cả (không có dấu vân tay ổn định cho %s)",
                        ", ".join(k for k, v in parts.items() if v is None))
        elif changed_parts(previous_parts, parts):
            logger.info("Trang: dữ liệu chung thay đổi (%s)", ", ".join(changed_parts(previous_parts, parts)[:12]))
        if build is not None:
            signer = functools.partial(page_digest, build, digests=digests)
        # Every page's digest covers the build's: when that changed, no page
        # can be carried over, and each page's digest (for the next build's
        # record) is computed by the worker that renders it, as in a cold build.
        same_build = build is not None and previous_parts and build_digest(previous_parts) == build
        display = display_values(settings, shared_context or {})
        if same_build:
            # at most titles, Summaries or addresses changed (digest.py): the
            # pages that show those articles are found by their address or
            # title in the live file, the rest is carried over
            changed, needles = display_needles(previous_display, display)
            if len(changed) > DISPLAY_EDITS_MAX:
                same_build, needles = False, []
                logger.info("Trang: %d bài đổi tiêu đề, sapo hay địa chỉ: dựng lại mọi trang", len(changed))
            elif changed:
                logger.info("Trang: %d bài đổi tiêu đề, sapo hay địa chỉ (%s): dựng lại các trang nhắc đến",
                            len(changed), ", ".join(Path(k).name for k in changed[:5]))
        for job in jobs:
            if build is None:
                job.signature = None
            elif same_build and job.name in previous:
                job.signature = signer(job)
            else:
                job.signature = _DEFERRED
    add(settings, "render: digests (serial)", time.perf_counter() - started)
    for index, job in enumerate(jobs):
        old = previous.get(job.name)
        if job.signature is not None and old is not None and old[0] == job.signature \
                and not (needles and _shows(live / job.name, needles)) and _carry_over(live, staging, job, old[1]):
            job.collected = old[2]
            reused.append(job.name)
        else:
            to_render.append(index)
    workers = _worker_count(settings, len(to_render))
    settings[SAME_PRIVATE_KEY] = private is not None and private == previous_private
    # a rendered page equal to the live one is linked from it (incremental builds; read by the workers)
    settings[LIVE_KEY] = str(live) if live_there else None
    results = _render_all(jobs, to_render, keys, workers, settings, staging, signer)
    notes = settings.setdefault(NOTES_KEY, {})
    unchanged: list[str] = []
    for index in to_render:
        jobs[index].collected, page, jobs[index].signature, same = results[index]
        if same:
            unchanged.append(jobs[index].name)
        for key, value in page.items():
            notes.setdefault(key, {})[jobs[index].name] = value
        signals.content_written.send(jobs[index].path, context=jobs[index].context)
    for key in keys:  # merged in queue order: the same dict order as a serial build
        merged = settings.setdefault(key, {})
        for job in jobs:
            merged.update(job.collected.get(key, {}))
    _tell_plugins(settings, jobs, [jobs[i].name for i in to_render], reused, unchanged, previous_names)
    if incremental:
        _save_record(record, jobs, parts, private, display)
    return Outcome(rendered=len(to_render), reused=len(reused), workers=workers, unchanged=len(unchanged),
                   recorded=incremental)


def _tell_plugins(settings: dict, jobs: list[Job], rendered: list[str], reused: list[str], unchanged: list[str],
                  previous_names: frozenset[str] | None) -> None:
    """What the plugins that skip unchanged work read: ``_RENDER_REUSED``,
    ``_CARRIED_OVER`` (begun here) and ``_RENDER_RENDERED``."""
    settings["_RENDER_REUSED"] = frozenset(reused)
    settings["_CARRIED_OVER"] = settings.get("_CARRIED_OVER", frozenset()) | settings["_RENDER_REUSED"]
    if unchanged and settings[SAME_PRIVATE_KEY]:
        # the live page was scanned for the same private values when it went
        # live (plugins/safety's receiver skipped it)
        settings["_CARRIED_OVER"] |= frozenset(unchanged)
    if unchanged and previous_names is not None:
        # A search shard none of whose pages changed, came or went indexes the
        # same bytes as the live build's (plugins/search carries it over): the
        # pages equal to the live ones are left out, the pages the live build
        # had and this one has not are named (the record lists every page of
        # the live build).
        same = set(unchanged)
        gone = previous_names.difference(job.name for job in jobs)
        rendered = [name for name in rendered if name not in same] + sorted(gone)
    settings["_RENDER_RENDERED"] = frozenset(rendered)


def _shows(path: Path, needles: list[bytes]) -> bool:
    """True unless the live page ``path`` (a regular file) holds none of
    ``needles`` (an unreadable one is rendered again)."""
    data = _read_live(path)
    return data is None or any(needle in data for needle in needles)


def _read_live(path: Path, size: int = -1) -> bytes | None:
    """At most ``size`` bytes (all: -1) of the live file ``path``, or None
    when it is not a regular file (a symlink is never followed)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with open(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        return stream.read(size)


def _worker_count(settings: dict, pages: int) -> int:
    wanted = settings["RENDER_WORKERS"] or os.cpu_count() or 1
    if pages < settings["RENDER_MIN_PARALLEL_PAGES"] or not can_fork():
        # no fork, or work in progress in another thread (a caller's own threads):
        # it may hold a lock a forked child would wait on forever, so render in
        # this process. Daemon helpers (Rich's progress refresh) only write to the
        # console, and children log through a fresh handler (fresh_logging).
        return 1
    return max(1, min(wanted, pages))


def _carry_over(live: Path, staging: Path, job: Job, stamp) -> bool:
    """Hard-link (or copy) the live file of an unchanged page into the staging folder."""
    source = live / job.name
    try:
        found = os.lstat(source)
    except OSError:
        return False
    if not _same_stamp(found, stamp) or not os.path.isfile(source) or os.path.islink(source):
        return False
    target = Path(job.path)  # inside staging: the writer made it with sanitised_join
    target.parent.mkdir(parents=True, exist_ok=True)
    link_or_copy(source, target)
    return True


def _stamp(path: str):
    found = os.lstat(path)
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def _same_stamp(found, stamp) -> bool:
    return stamp is not None and (found.st_size, found.st_mtime_ns, found.st_ino) == tuple(stamp)


def _render_one(job: Job, keys: list[str], settings: dict, root: Path,
                guard: WriteGuard | None = None) -> tuple[dict, dict, bool]:
    """Render and write one page; (what it added to the collected settings,
    the notes of the ``portal.page_rendered`` receivers, whether it equals
    the file of the live build ``settings[LIVE_KEY]`` and was linked from there)."""
    saved = {key: settings.get(key) for key in keys}
    for key in keys:
        settings[key] = {}
    try:
        data = job.template.render(job.context).encode("utf-8")
        collected = {key: settings.get(key) or {} for key in keys}
        os.makedirs(os.path.dirname(job.path), exist_ok=True)
        live = settings.get(LIVE_KEY)
        same = live is not None and same_bytes(Path(live) / job.name, data)
        if same:
            link_or_copy(Path(live) / job.name, job.path)
        else:
            with open(job.path, "wb") as handle:
                handle.write(data)
            logger.info('Writing "%s"', job.path)
        page = RenderedPage(job.name, Path(job.path), root, data, settings, guard, live_equal=same)
        return collected, page_notes(page), same
    finally:
        for key in keys:
            settings[key] = saved[key]


def same_bytes(path: Path, data: bytes) -> bool:
    """True when ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        if os.lstat(path).st_size != len(data):  # most changed pages: no read at all
            return False
    except OSError:
        return False
    return _read_live(path, len(data) + 1) == data


def _private_digest(settings: dict) -> str | None:
    """The digest of the roster's private values (``PORTAL.private``), or None."""
    private = getattr(settings.get("PORTAL"), "private", None)
    found = Fingerprinter().digest(private)
    return found.hex() if found is not None else None


def _render_slice(jobs: list[Job], indexes: list[int], keys: list[str], settings: dict, root: Path,
                  signer=None) -> dict:
    """{queue index: (collected, notes, signature, equal to the live page)}, or the first error."""
    done = {}
    guard = WriteGuard(root)  # what receivers write beside the pages: folders resolved once
    for count, index in enumerate(indexes, 1):
        if count % COLLECT_EVERY == 0 and not gc.isenabled():
            gc.collect(0)  # the pages' cyclic garbage (a worker runs with the collector off)
        job = jobs[index]
        try:
            signature = signer(job) if job.signature is _DEFERRED else job.signature  # before rendering
            collected, notes, same = _render_one(job, keys, settings, root, guard)
            done[index] = (collected, notes, signature, same)
        except Exception as exc:  # reported by the parent, with the page's name
            return {"error": (jobs[index].name, f"{type(exc).__name__}: {exc}", traceback.format_exc())}
    return {"done": done}


def _child(conn, jobs, indexes, keys, settings, root, signer) -> None:
    # The collector's automatic runs stay off in a short-lived worker; its
    # youngest generation is collected every COLLECT_EVERY pages instead
    # (_render_slice), which frees the cycles rendering leaves (Jinja
    # contexts, macros): without it each worker of a 10,000-article build
    # held ~95 MB more, and collecting cost no CPU that could be measured.
    gc.disable()
    fresh_logging()
    try:
        result = _render_slice(jobs, indexes, keys, settings, root, signer)
        for index, done in result.get("done", {}).items():
            result["done"][index] = (done, _stamp(jobs[index].path))
        conn.send(result)
    finally:
        conn.close()


def _render_all(jobs: list[Job], to_render: list[int], keys: list[str], workers: int, settings: dict,
                root: Path, signer=None) -> dict[int, tuple[dict, dict, bytes | None, bool]]:
    """{queue index: (collected, notes, signature, equal to the live page)} of every page rendered."""
    results: dict[int, tuple[dict, dict, bytes | None, bool]] = {}
    if workers <= 1:
        outcome = _render_slice(jobs, to_render, keys, settings, root, signer)
        _raise_on_error(outcome)
        for index, done in outcome["done"].items():
            results[index] = done
            jobs[index].stamp = _stamp(jobs[index].path)
        return results
    context = multiprocessing.get_context("fork")
    slices = [to_render[k::workers] for k in range(workers)]
    children = []
    # Objects the children only read stay shared pages: frozen, the garbage
    # collector of a child does not walk (and so copy) the parent's heap.
    with frozen_for_fork():
        for part in slices:
            parent_end, child_end = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(child_end, jobs, part, keys, settings, root, signer),
                                      daemon=True)
            process.start()
            child_end.close()
            children.append((process, parent_end))
    outcomes = []
    for process, conn in children:
        try:
            outcomes.append(conn.recv())
        except EOFError:
            outcomes.append({"error": ("?", f"tiến trình dựng trang dừng đột ngột (mã {process.exitcode})", "")})
        process.join()
    for outcome in outcomes:
        _raise_on_error(outcome)
        for index, (done, stamp) in outcome["done"].items():
            results[index] = done
            jobs[index].stamp = stamp
    return results


def _raise_on_error(outcome: dict) -> None:
    if "error" in outcome:
        name, message, trace = outcome["error"]
        logger.debug("%s", trace)
        raise RenderError(f"Không dựng được trang «{name}»: {message}")


def _load_record(path: Path) -> tuple[dict, dict, str | None, frozenset[str] | None, dict]:
    """(build parts, pages, private values' digest, every page's name, the
    display values: ``digest.display_values``) of the live build in the same
    output folder (unknown parts empty or None)."""
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
    except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError, ValueError, TypeError):
        return {}, {}, None, None, {}
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return {}, {}, None, None, {}
    names = data.get("names")
    display = data.get("display")
    return (data.get("parts", {}), data.get("pages", {}), data.get("private"),
            frozenset(names) if isinstance(names, (list, tuple)) else None,
            display if isinstance(display, dict) and all(isinstance(v, Display) for v in display.values()) else {})


def _save_record(path: Path, jobs: list[Job], parts: dict, private: str | None = None,
                 display: dict | None = None) -> None:
    pages = {}
    for job in jobs:
        stamp = getattr(job, "stamp", None)
        if stamp is None:
            try:
                stamp = _stamp(job.path)
            except OSError:
                continue
        if job.signature is not None:
            pages[job.name] = (job.signature, stamp, job.collected)
    path.parent.mkdir(parents=True, exist_ok=True)
    target = guard_write(pending_path(path), path.parent)
    temporary = target.with_name(target.name + ".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump({"version": RECORD_VERSION, "parts": parts, "pages": pages, "private": private,
                     "names": [job.name for job in jobs], "display": display or {}}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, target)


def pending_path(path: Path) -> Path:
    """Where a run's record waits until its build went live (``commit_record``)."""
    return path.with_name(path.name + ".pending")


def discard_record(path: Path) -> None:
    """Forget the record (and a pending one) of the output folder ``path`` is
    for: a build went live without writing one, so it no longer describes
    the live pages (the next incremental build renders every page)."""
    for item in (path, pending_path(path), folder_path(path)):
        try:
            guard_write(item, path.parent).unlink()
        except FileNotFoundError:
            pass


def commit_record(path: Path, live: Path | None = None) -> bool:
    """Make the record a run wrote (``pending_path``) the record of the live
    build: called once the build replaced the live output. A build that
    failed after its pages were rendered leaves the last live build's record.
    With ``live`` (the output folder), its name is kept beside the record
    (``.folder``) and the records of output folders that are gone (a test's,
    an old preview's) are removed."""
    pending = pending_path(path)
    try:
        os.replace(guard_write(pending, path.parent), guard_write(path, path.parent))
    except FileNotFoundError:
        return False
    if live is not None:
        guard_write(folder_path(path), path.parent).write_text(str(live.resolve()), encoding="utf-8")
        prune_records(path.parent)
    return True


def folder_path(path: Path) -> Path:
    """The file naming the output folder a record is for."""
    return path.with_name(path.name + ".folder")


def prune_records(cache_dir: Path) -> list[Path]:
    """Remove the records (and their pending and ``.folder`` files) whose
    output folder no longer exists; returns the records removed."""
    removed = []
    for named in cache_dir.glob("pages-*.pickle.folder"):
        try:
            folder = named.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if folder and Path(folder).is_dir():
            continue
        record = named.with_name(named.name[: -len(".folder")])
        discard_record(record)
        removed.append(record)
    return removed
