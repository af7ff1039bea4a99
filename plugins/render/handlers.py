"""Signal handlers of the render plugin (thin: logic in writer, digest, jobs)."""

from __future__ import annotations

import logging
from pathlib import Path

from portal import allocator
from portal.allocator import keep_freed_memory, skip_last_collection
from portal.rendered import LIVE_KEY, NOTES_KEY, SAME_PRIVATE_KEY, pages_written
from portal.settings import merge_all
from portal.timing import add, timed

from .fragments import Fragments
from .frozen import frozen_urls
from .jobs import commit_record, discard_record, flush, record_path
from .writer import QUEUE, QueueingWriter

logger = logging.getLogger(__name__)

FRAGMENTS_KEY = "_RENDER_FRAGMENTS"
RECORD_KEY = "_RENDER_RECORD"  # per run: the page record to commit once the build went live


def init_settings(pelican) -> None:
    """``initialized``: merge the defaults of the RENDER_* settings; tune the
    allocator for a long build (``RENDER_KEEP_FREED_MEMORY``); no garbage
    collection over the build's objects at exit (``skip_last_collection``)."""
    merge_all(pelican.settings)
    if pelican.settings["RENDER_KEEP_FREED_MEMORY"] and not keep_freed_memory():
        logger.debug("allocator thresholds left as they are (not glibc)")
    skip_last_collection()


def new_fragments(pelican) -> None:
    """``get_generators`` (once per run, before any generator exists): a fresh
    store of shared fragments (fragments.py); what the last run froze can be
    collected again (``portal.allocator``)."""
    allocator.thaw_run()
    pelican.settings[FRAGMENTS_KEY] = Fragments()


def freeze_while_reading(generator) -> None:
    """``article_generator_preread`` (before each article is read): every
    thousand articles, what was read so far is frozen too."""
    allocator.freeze_while_reading()


def freeze_what_was_read(generator) -> None:
    """``article_generator_finalized`` (first): the articles read, their facts
    and the data live to the end of the run: out of the garbage collector's
    passes (``portal.allocator.freeze_for_run``)."""
    allocator.freeze_for_run()


def add_fragment_global(generator) -> None:
    """``generator_init``: the Jinja global ``fragment``, the run's store."""
    store = generator.settings.get(FRAGMENTS_KEY)
    if store is None:  # a generator made outside Pelican.run
        store = generator.settings[FRAGMENTS_KEY] = Fragments()
    generator.env.globals["fragment"] = store


def provide_writer(pelican):
    """``get_writer``: the writer that queues pages (a fresh queue each run)."""
    pelican.settings["_RENDER_REUSED"] = frozenset()
    pelican.settings["_CARRIED_OVER"] = frozenset()  # every plugin that links a live file adds it
    pelican.settings.pop("_RENDER_RENDERED", None)  # unknown until the queue is flushed
    pelican.settings.pop(RECORD_KEY, None)
    pelican.settings[SAME_PRIVATE_KEY] = False  # known when the queue is flushed
    pelican.settings[LIVE_KEY] = None
    pelican.settings[NOTES_KEY] = {}  # what portal.page_rendered receivers said of each page
    return QueueingWriter


def cache_dir(settings: dict) -> Path:
    configured = settings.get("RENDER_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(settings["PATH"]).parent / ".cache" / "render"


@timed("render pages")
def flush_pages(pelican) -> None:
    """``finalized`` (first): render the queue into the output folder."""
    settings = pelican.settings
    writer = settings.pop(QUEUE, None)
    if writer is None or not writer.jobs:
        return
    staging = Path(pelican.output_path)
    live = Path(getattr(pelican, "_final_output_path", None) or pelican.output_path)  # atomic_output's
    if live.resolve() == staging.resolve():  # no atomic_output: nothing to carry pages over from
        live = None
    record = record_path(cache_dir(settings), live) if live is not None else None
    with frozen_urls():  # every generator has run: no URL changes now
        outcome = flush(writer.jobs, settings, writer.shared_context, staging, live, record)
    writer.jobs.clear()
    settings[RECORD_KEY] = (record, outcome.recorded)  # for commit_pages, once the build went live
    logger.info("Trang: dựng %d, dùng lại %d (%d tiến trình)", outcome.rendered, outcome.reused, outcome.workers)
    if outcome.unchanged:
        logger.info("Trang: %d trang dựng lại giống hệt bản đang chạy (dùng tệp cũ)", outcome.unchanged)
    add(settings, "pages rendered (count)", outcome.rendered)   # for `invoke bench`
    add(settings, "pages carried over (count)", outcome.reused)
    add(settings, "pages rendered, equal to the live ones (count)", outcome.unchanged)


def commit_pages(pelican) -> None:
    """``portal.output_swapped`` (plugins/atomic_output): the run's page record
    now describes the live output; a run that wrote none (no page, or
    ``RENDER_INCREMENTAL`` off) leaves no record of an earlier build."""
    settings = pelican.settings
    record, recorded = settings.pop(RECORD_KEY, None) or (None, False)
    if record is None:
        record = record_path(cache_dir(settings), Path(pelican.output_path))
    try:
        if recorded:
            commit_record(record, Path(pelican.output_path))
        else:
            discard_record(record)
    except OSError as exc:  # the site is live already: the next build just renders every page
        logger.warning("Không cập nhật được bản ghi các trang (%s): lần dựng sau sẽ dựng lại mọi trang", exc)


def announce_pages(pelican) -> None:
    """``finalized`` (right after ``flush_pages``): every page is written; the
    blinker signal ``portal.pages_written`` lets work that reads only the
    pages start beside the other ``finalized`` handlers (the search index)."""
    pages_written(pelican)
