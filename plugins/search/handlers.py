"""Signal handlers of the search plugin."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import shutil
import threading
from pathlib import Path

from portal.settings import merge_all
from pelican.generators import Generator

from . import shards
from .indexer import SearchIndexError, build_index, carry_over_bundle
from .twins import twin, twin_name, twins_dir
from portal.paths import WriteGuard, inside, output_files
from portal.patch import PatchRefused
from portal.rendered import RenderedPage, notes_for
from portal.urls import template_globals
from portal.timing import timed


logger = logging.getLogger(__name__)


def apply_defaults(pelican) -> None:
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template
    (``portal.urls``; every plugin that owns URL settings installs the same functions)."""
    generator.env.globals.update(template_globals(generator.settings))


SHARDS = "_SEARCH_SHARDS"  # per run: the shards planned for the pages written
NOTE = "search"  # this plugin's key in the render plugin's page notes: the pages whose twin was written
_GUARDS: dict[str, WriteGuard] = {}  # per process: one WriteGuard per twins folder
UPTODATE_NOTES = "_UPTODATE_NOTES"  # per run: what plugins/uptodate keeps for a later patch
RUNS = "_SEARCH_RUNS"  # per run: the Pagefind runs started when the pages were written


class SearchPageGenerator(Generator):
    """Writes the search page (``tim-kiem/``); plans the index shards."""

    def generate_output(self, writer) -> None:
        if not self.settings["SEARCH_ENABLED"]:
            return
        articles = [*self.context.get("articles", ()), *self.context.get("hidden_articles", ())]
        planned = shards.plan([a.save_as for a in articles], self.settings["SEARCH_BUNDLE_DIR"],
                              self.settings["SEARCH_SHARD_MIN_PAGES"], self.settings["SEARCH_MAX_SHARDS"])
        self.settings[SHARDS] = planned
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["SEARCH_URL"],
            template_name="search", noindex=True,  # seo writes the robots meta and leaves it out of the sitemap
            # the other shards' bundles, merged by theme/js/search.js (mergeIndex)
            search_merge=[s.bundle_dir for s in planned[1:]],
        )


def get_generators(pelican):
    settings = pelican.settings
    left = settings.pop(RUNS, None)
    if left is not None:  # a run that stopped before index_site (livereload): its Pagefind runs end first
        left[0].wait(quiet=True)
    if settings.get("SEARCH_ENABLED"):
        check_twins_dir(twins_dir(settings, pelican.output_path), settings["PATH"], pelican.output_path)
    return SearchPageGenerator


def check_twins_dir(root: Path, content, output) -> None:
    """The twins folder may lie neither in content/ nor in the output: what
    is there would be read as content or published, and a build removes the
    files of that folder it did not write."""
    for where, label in ((content, "thư mục nội dung"), (output, "thư mục đầu ra")):
        if inside(where, root) or inside(root, where):
            raise SearchIndexError(f"SEARCH_TWINS_DIR ({root.parent}) nằm trong hoặc chứa {label} ({where}): "
                                   "đặt nó ở nơi khác, ví dụ để trống (mặc định .cache/search cạnh content/)")


def save_twin(page: RenderedPage):
    """``portal.page_rendered``: the search twin of a page Pagefind will index
    (``twins.py``), written as the page is rendered, in its worker."""
    if not page.settings.get("SEARCH_ENABLED") or not page.name.endswith(".html"):
        return None
    found = twin(page.data)
    if found is None:
        return None
    _write_twin(twins_dir(page.settings, page.root), page.name, found)
    return NOTE, True


def _write_twin(root: Path, page: str, data: bytes) -> None:
    """Write the twin of the page named ``page`` (``twin_name``) under ``root``."""
    guard = _GUARDS.get(str(root))
    if guard is None:
        guard = _GUARDS[str(root)] = WriteGuard(root)
    target = guard(root / twin_name(page))
    try:
        handle = open(target, "wb")
    except FileNotFoundError:  # its folder (a few dozen for thousands of twins) is made once
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target, "wb")
    with handle:
        handle.write(data)


def _drop_stale_twins(root: Path, written) -> None:
    """Remove the twins no page of this run wrote (an earlier run's: their
    pages may be gone or carried over, whose twins are made again), and the
    folders an older layout left (a folder per twin)."""
    names = {twin_name(page) for page in written}
    for name, entry in list(output_files(root)):
        if name not in names:
            os.unlink(entry.path)
    for folder, subfolders, files in os.walk(root, topdown=False):
        if not subfolders and not files and folder != str(root):
            with contextlib.suppress(OSError):
                os.rmdir(folder)


def _shard_twins(root: Path, site: Path, shard: shards.Shard, skip=frozenset(), data_of=None) -> int:
    """Write into ``root`` the twin of every page of ``shard`` under ``site``
    but those in ``skip`` (their twins exist: written as they were rendered);
    ``data_of(name)`` may give a page's bytes (a patched page), else the file
    is read. Returns how many twins were written."""
    count = 0
    base = site / shard.prefix if shard.prefix else site
    for name, entry in output_files(base):
        name = f"{shard.prefix}/{name}" if shard.prefix else name
        if not name.endswith(".html") or name in skip:
            continue
        data = data_of(name) if data_of else None
        if data is None:
            with open(entry.path, "rb") as handle:
                data = handle.read()
        found = twin(data)
        if found is not None:
            _write_twin(root, name, found)
            count += 1
    return count


def _shard_source(site: Path, root: Path, shard: shards.Shard, written) -> Path | None:
    """What Pagefind reads for ``shard``: ``root`` with a twin of every page
    of the shard (those of pages carried over from the live build made here,
    after ``_drop_stale_twins``), or ``None`` when the shard has no page to
    index (no published article): Pagefind then reads the shard's pages in
    the site itself, as it always did (it indexes whole pages when none is
    marked; on an empty folder it fails)."""
    count = sum(1 for name in written if shard.covers(name)) + _shard_twins(root, site, shard, written)
    return root if count else None


def _html_of(shard: shards.Shard, name: str) -> bool:
    return name.endswith(".html") and shard.covers(name)


class PagefindRuns:
    """The Pagefind runs of one build, two at a time (each is a process of its
    own), in daemon threads: ``wait`` collects their summaries, or raises the
    first error. A build that stops before waiting does not wait for them."""

    def __init__(self, jobs: list, lanes: int = 2):
        self._queue = list(enumerate(jobs))
        self._lock = threading.Lock()
        self.summaries: list[str | None] = [None] * len(jobs)
        self.errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._lane, daemon=True, name="pagefind")
                         for _ in range(min(lanes, len(jobs)))]
        for thread in self._threads:
            thread.start()

    def _lane(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                index, job = self._queue.pop(0)
            try:
                self.summaries[index] = job()
            except BaseException as exc:  # noqa: BLE001 - raised by wait(), in the build's thread
                self.errors.append(exc)

    def wait(self, quiet: bool = False) -> list[str | None]:
        """The summaries, once every run ended; the first error raised (unless ``quiet``)."""
        for thread in self._threads:
            thread.join()
        if self.errors and not quiet:
            raise self.errors[0]
        return self.summaries


def start_index(pelican) -> None:
    """``portal.pages_written`` (sent by the render plugin once every page is in
    the staged output): each shard is carried over from the live build when
    none of its pages was rendered this run, else its Pagefind run starts in
    the background, beside the ``finalized`` steps before ``index_site``
    (share cards, feeds, sitemap: none writes an HTML page)."""
    settings = pelican.settings
    if not settings.get("SEARCH_ENABLED"):
        return
    settings[RUNS] = _start_runs(pelican)


def _start_runs(pelican) -> tuple[PagefindRuns, int, int] | None:
    settings = pelican.settings
    site = Path(pelican.output_path)
    planned = settings.pop(SHARDS, None) or [shards.Shard(settings["SEARCH_BUNDLE_DIR"], None)]
    # for plugins/uptodate: which bundle indexes which pages, for patching a body edit
    settings.setdefault(UPTODATE_NOTES, {})["search"] = [[s.bundle_dir, s.prefix] for s in planned]
    live = getattr(pelican, "_final_output_path", None)  # atomic_output's: the site being replaced
    live = Path(live) if live and Path(live).resolve() != site.resolve() else None
    to_index = []
    for shard in planned:
        carried = None
        if live is not None:
            carried = carry_over_bundle(live, site, shard.bundle_dir, settings.get("_RENDER_RENDERED"),
                                        covers=shard.covers)
        if carried is None:
            to_index.append(shard)
        else:
            # made from the same pages as the live bundle: the private-data scan
            # passed them when they went live (see plugins/safety)
            settings["_CARRIED_OVER"] = settings.get("_CARRIED_OVER", frozenset()) | frozenset(carried)
    if not to_index:
        logger.info("Tìm kiếm: không trang nào được lập chỉ mục thay đổi, dùng lại chỉ mục Pagefind")
        return None
    language = settings["SEARCH_LANGUAGE"]
    written = notes_for(settings, NOTE)
    root = twins_dir(settings, site)
    _drop_stale_twins(root, written)
    views = root.with_name(root.name + ".views")
    shutil.rmtree(views, ignore_errors=True)  # what a stopped run left (each view goes after its run)
    jobs = []
    for shard in to_index:
        # no twin: Pagefind reads the shard's pages in the site itself (through
        # a sorted view too, where the listing order would change the index)
        source = _shard_source(site, root, shard, written) or site
        jobs.append(functools.partial(build_index, site, language, shard.bundle_dir,
                                      shard.glob if shard.prefix else None, source=source,
                                      covers=functools.partial(_html_of, shard), views=views))
    return PagefindRuns(jobs), len(to_index), len(planned)


@timed("search")
def index_site(pelican) -> None:
    """``finalized``: the Pagefind index inside the finished (staged) output,
    waited for (started by ``start_index`` when the pages were written; here
    when nothing announced them). Must come before the private-data scan and
    the swap."""
    settings = pelican.settings
    if not settings["SEARCH_ENABLED"]:
        return
    started = settings.pop(RUNS) if RUNS in settings else _start_runs(pelican)
    if started is None:
        return
    runs, indexed, planned = started
    summaries = runs.wait()
    pages = sum(int(m.group(1)) for m in (re.search(r"Indexed (\d+) pages?", t or "") for t in summaries) if m)
    logger.info("Tìm kiếm: Pagefind đã lập chỉ mục %d trang (%d/%d phần)", pages, indexed, planned)


def patch_index(patch) -> None:
    """``portal.patch`` (plugins/uptodate): index again each shard holding a
    patched page, from the live pages with the patched ones in their place."""
    settings = patch.settings
    planned = patch.notes.get("search")
    if not settings["SEARCH_ENABLED"] or not planned:
        return
    for bundle_dir, prefix in planned:
        shard = shards.Shard(bundle_dir, prefix)
        if not any(shard.covers(name) for name in patch.pages):
            continue
        site = patch.work / "search" / bundle_dir
        pages = patch.work / "search" / f"{bundle_dir}.tim-kiem"
        if not _shard_twins(pages, patch.live, shard, data_of=patch.files.get):
            # a patched article always has its twin; should none of the shard's
            # pages have one, the index is made the way a full build makes it
            raise PatchRefused("không trang nào của phần chỉ mục tìm kiếm có phần để lập chỉ mục")
        site.mkdir(parents=True, exist_ok=True)
        build_index(site, settings["SEARCH_LANGUAGE"], bundle_dir, shard.glob if prefix else None, source=pages,
                    covers=shard.covers)
        patch.folders[bundle_dir] = site / bundle_dir
