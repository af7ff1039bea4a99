"""Write every feed of the catalogue as RSS 2.0 and Atom files, then lint them."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from portal.parallel import in_halves
from portal.paths import guard_write
from portal.urls import SiteUrls

from .articles import entry_for
from .catalogue import Catalogue, Feed
from .enclosure import enclosure_for
from .lint import lint_feed
from .render import ATOM, RSS, Channel, render

logger = logging.getLogger(__name__)


def logo_of(settings, output_dir: Path) -> tuple[str | None, tuple[int, int] | None]:
    """Absolute logo URL and its pixel size, if the logo file is in the output."""
    rel = settings.get("FEEDS_LOGO")
    if not rel:
        return None, None
    file = output_dir / rel
    if not file.is_file():
        logger.warning("Feeds: logo %s not found in the output; feeds go without a logo", rel)
        return None, None
    from PIL import Image

    with Image.open(file) as img:
        size = img.size
    return f"{settings['SITEURL']}/{rel}", size


# From this many feeds on, a forked child writes the second half while this
# process writes the first (at the end of a build the other core is idle).
SPLIT_FROM = 40


def write_feeds(catalogue: Catalogue, settings: dict, portal, output_dir: Path) -> list[Path]:
    """Render and write every feed (from ``SPLIT_FROM`` feeds on, half of
    them in a forked child: ``portal.parallel.in_halves``); returns the files written."""
    feeds = list(catalogue)
    written = [Path(p) for part in in_halves(_write_some, feeds, settings, portal, output_dir,
                                              split_from=SPLIT_FROM) for p in part]
    logger.info("Feeds: wrote %d feeds (%d files)", len(feeds), len(written))
    return written


def _write_some(feeds: list[Feed], settings: dict, portal, output_dir: Path) -> list[Path]:
    siteurl = settings["SITEURL"]
    now: dt.datetime = portal.build_datetime
    urls = SiteUrls(settings)
    # The category scheme of each kind of term: the absolute URL of its index page
    # (empty when this build writes no such page).
    schemes = {scheme: "" if url is None else f"{siteurl}/{url}"
               for scheme, url in (("campaign", urls.url("campaigns")), ("category", urls.url("categories")),
                                   ("tag", urls.url("tags")))}
    logo, logo_size = logo_of(settings, output_dir)
    entries = {}  # one Entry per article, shared by every feed that holds it

    def entry(item):
        if item.url not in entries:
            enclosure = enclosure_for(item.article, siteurl=siteurl, output_dir=output_dir)
            entries[item.url] = entry_for(item.article, portal, siteurl=siteurl, build_datetime=now,
                                          schemes=schemes, enclosure=enclosure)
        return entries[item.url]

    written = []
    for feed in feeds:
        feed_entries = tuple(entry(item) for item in feed.items)
        for fmt, rel in ((RSS, feed.rss_url), (ATOM, feed.atom_url)):
            channel = Channel(
                title=feed.title, description=feed.description,
                link=f"{siteurl}/{feed.page_url}", self_url=f"{siteurl}/{rel}",
                language=settings["FEEDS_LANGUAGE"], logo=logo, logo_size=logo_size,
                entries=feed_entries,
            )
            path = guard_write(output_dir / rel, output_dir)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(channel, fmt))
            written.append(path)
    return written


def lint_written(catalogue: Catalogue, settings: dict, portal, output_dir: Path) -> int:
    """Warn about every problem in the written feeds; returns how many were found."""
    count = 0
    for feed in catalogue:
        for rel in (feed.rss_url, feed.atom_url):
            for problem in lint_feed((output_dir / rel).read_bytes(), f"{settings['SITEURL']}/{rel}", portal.build_datetime):
                logger.warning("Feeds: %s: %s", rel, problem)
                count += 1
    return count


__all__ = ["Feed", "write_feeds", "lint_written", "logo_of"]
