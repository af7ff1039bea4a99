"""Signal handlers of the search plugin."""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from portal.settings import merge_all
from pelican.generators import Generator

from . import shards
from .indexer import build_index, carry_over_bundle
from portal.paths import link_or_copy
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
UPTODATE_NOTES = "_UPTODATE_NOTES"  # per run: what plugins/uptodate keeps for a later patch


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
    return SearchPageGenerator


@timed("search")
def index_site(pelican) -> None:
    """``finalized``: build the Pagefind index inside the finished (staged) output:
    each shard carried over from the live build when none of its pages was
    rendered this run, else indexed (two Pagefind runs at a time)."""
    settings = pelican.settings
    if not settings["SEARCH_ENABLED"]:
        return
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
        return
    language = settings["SEARCH_LANGUAGE"]
    with ThreadPoolExecutor(max_workers=2) as pool:  # each run is a process of its own
        summaries = list(pool.map(lambda s: build_index(site, language, s.bundle_dir, s.glob if s.prefix else None),
                                  to_index))
    pages = sum(int(m.group(1)) for m in (re.search(r"Indexed (\d+) pages?", t) for t in summaries) if m)
    logger.info("Tìm kiếm: Pagefind đã lập chỉ mục %d trang (%d/%d phần)", pages, len(to_index), len(planned))


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
        base = patch.live / prefix if prefix else patch.live
        for path in base.rglob("*.html"):
            if path.is_symlink() or not path.is_file():
                continue
            name = path.relative_to(patch.live).as_posix()
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if name in patch.files:
                target.write_bytes(patch.files[name])
            else:
                link_or_copy(path, target)
        build_index(site, settings["SEARCH_LANGUAGE"], bundle_dir, shard.glob if prefix else None)
        patch.folders[bundle_dir] = site / bundle_dir
