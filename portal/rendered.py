"""What other plugins do with each page as the render plugin writes it.

The render plugin sends ``PAGE_SIGNAL`` (a blinker signal by name) for every
page it renders, in the process that rendered it (a forked worker, or the
build's own), with the page's bytes still in memory: the private-data scan
reads them there and precompress writes the ``.gz``/``.br`` copies there, so
no page is read back from disk and the work runs on every core. A receiver
returns ``(key, value)`` (or None); the render plugin gathers them in
``settings[NOTES_KEY][key][page name]`` for the receiver's ``finalized``
handler, which then leaves those pages alone. Notes are per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from blinker import signal

PAGE_SIGNAL = "portal.page_rendered"
NOTES_KEY = "_PAGE_NOTES"
# Per run: True when the roster's private values are those the live build's
# pages were scanned for (set by the render plugin before rendering).
SAME_PRIVATE_KEY = "_RENDER_SAME_PRIVATE"
# Per run: the live build's output folder the pages are compared with (str),
# or None (a cold build, or no incremental rendering).
LIVE_KEY = "_RENDER_LIVE"
# Sent (with the Pelican object) once every page of a run is in the output
# folder, before the other ``finalized`` handlers: work that reads only the
# pages may start then and run beside them (plugins/search starts Pagefind).
WRITTEN_SIGNAL = "portal.pages_written"
# Sent (with the Pelican object) by plugins/atomic_output once the staged
# build has replaced the live output: what describes the live output (the
# render plugin's page record) is committed then, so a build that fails
# later never leaves a record of pages that did not go live.
SWAPPED_SIGNAL = "portal.output_swapped"


@dataclass(frozen=True)
class RenderedPage:
    name: str          # output name, relative to the output folder, "/"-separated
    path: Path         # where it was written (inside the output folder being built)
    root: Path         # the output folder being built
    data: bytes        # the bytes written
    settings: dict
    # checks a file a receiver writes beside the page (``portal.paths.WriteGuard``
    # of ``root``: each folder resolved once per worker); None: ``guard_write``
    guard: Callable[[Path], Path] | None = field(default=None, compare=False)
    # the page has the very bytes of the live build's file and is a hard link
    # to it: what was made from those bytes then (the compressed copy) is
    # linked too, and the private-data scan is not repeated while the roster's
    # private values are the live build's (``SAME_PRIVATE_KEY``)
    live_equal: bool = False


def page_notes(page: RenderedPage) -> dict:
    """Send the page to every receiver; ``{key: value}`` of their answers."""
    notes = {}
    for _receiver, answer in signal(PAGE_SIGNAL).send(page):
        if answer is not None:
            key, value = answer
            notes[key] = value
    return notes


def pages_written(pelican) -> None:
    """Tell every receiver of ``WRITTEN_SIGNAL`` that the run's pages are written."""
    signal(WRITTEN_SIGNAL).send(pelican)


def output_swapped(pelican) -> None:
    """Tell every receiver of ``SWAPPED_SIGNAL`` that the build went live."""
    signal(SWAPPED_SIGNAL).send(pelican)


def notes_for(settings: dict, key: str) -> dict:
    """``{page name: value}`` the receiver ``key`` gave this run (empty if none)."""
    return settings.get(NOTES_KEY, {}).get(key, {})
