"""Signal handlers of the safety plugin (thin: rules live in ``portal.safety``
and ``portal.privacy``)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from portal import safety
from portal.privacy import KIND_LABELS, scan_tree
from portal.problems import PrivateDataError
from portal.rendered import SAME_PRIVATE_KEY, RenderedPage, notes_for
from portal.timing import timed

logger = logging.getLogger(__name__)

FILTERS = {
    "sanitized": safety.safe_html,
    "sanitized_inline": safety.safe_inline,
}


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


NOTE = "safety"  # this plugin's key in the render plugin's page notes


def scan_page(page: RenderedPage):
    """``portal.page_rendered``: scan a page as it is written (its bytes are in
    memory, in the render worker); ``scan_output`` then skips it."""
    private = getattr(page.settings.get("PORTAL"), "private", None)
    if not private:
        return None
    if page.live_equal and page.settings.get(SAME_PRIVATE_KEY):
        return None  # the live file, scanned for these values when it went live (listed as carried over)
    return NOTE, private.find_in_bytes(page.data)


@timed("private-data scan")
def scan_output(pelican) -> None:
    """``finalized``: no private roster value may reach any written file.

    Runs after every other writer (search index included) and before
    ``atomic_output`` swaps the build in: on a leak the staging folder is
    removed and the build fails, so the live site never carries it.
    """
    portal = pelican.settings.get("PORTAL")
    private = getattr(portal, "private", None)
    output = Path(pelican.output_path)
    if not private or not output.is_dir():
        return
    # files carried over byte for byte from the live build (pages by the render
    # plugin, the search bundle): scanned when they went live, and made from
    # the same roster (it is part of every page's digest; a page rendered to
    # the live file's bytes is listed only when the roster's private values
    # are those of the live build)
    carried = pelican.settings.get("_CARRIED_OVER", frozenset())
    # pages scanned as they were rendered (scan_page), and their .gz copies
    # (the same bytes) when precompress wrote them there too
    scanned = notes_for(pelican.settings, NOTE)
    leaks = [(name, KIND_LABELS[kind], owner) for name, found in scanned.items() for kind, owner in found]
    skip = set(carried) | set(scanned) | {name + ".gz" for name in scanned}
    leaks = sorted(leaks + scan_tree(output, private, skip=skip))
    if not leaks:
        logger.info("Quét dữ liệu riêng tư: không có số điện thoại, e-mail, Facebook nào trong bản dựng.")
        return
    final = getattr(pelican, "_final_output_path", None)
    if final and Path(final).resolve() != output.resolve():
        shutil.rmtree(output, ignore_errors=True)  # a staging copy: never leave the leak on disk
    raise PrivateDataError(leaks)


def scan_patch(patch) -> None:
    """``portal.patch`` (plugins/uptodate): the patched files and folders are
    scanned like a build's, before they replace anything live."""
    private = getattr(patch.portal, "private", None)
    if not private:
        return
    tree = patch.work / "scan"
    for name, data in patch.files.items():
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    leaks = scan_tree(tree, private) if tree.is_dir() else []
    for name, folder in patch.folders.items():
        leaks += [(f"{name}/{rel}", kind, owner) for rel, kind, owner in scan_tree(folder, private)]
    shutil.rmtree(tree, ignore_errors=True)
    if leaks:
        raise PrivateDataError(sorted(leaks))
