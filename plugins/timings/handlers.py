"""Signal handlers of the timings plugin: marks between Pelican's stages."""

from __future__ import annotations

import atexit
import json
import os
import time

from portal.timing import KEY, add

ENV = "PORTAL_TIMINGS_FILE"
_MARK = "_portal_timing_mark"


def _settings_of(sender):
    if isinstance(sender, list):  # all_generators_finalized sends the generators
        sender = sender[0] if sender else None
    return getattr(sender, "settings", None)


def mark_start(pelican) -> None:
    settings = pelican.settings
    settings[KEY] = {}
    settings[_MARK] = time.perf_counter()
    path = os.environ.get(ENV)
    if path:
        start = settings[_MARK]
        atexit.register(_write, path, settings, start)


def generators_done(generators) -> None:
    settings = _settings_of(generators)
    if settings is not None:
        settings["_portal_generated_at"] = time.perf_counter()


def writer_ready(pelican, *args, **kwargs):
    settings = pelican.settings
    settings["_portal_writing_from"] = time.perf_counter()
    return None


def rendering_done(pelican) -> None:
    settings = pelican.settings
    start = settings.get("_portal_writing_from")
    if start is not None:
        add(settings, "render (all pages, incl. images' generator)", time.perf_counter() - start)


def _write(path: str, settings: dict, start: float) -> None:
    table = dict(settings.get(KEY, {}))
    table["total (in process)"] = time.perf_counter() - start
    import resource

    # the build process alone (the benchmark's peak RSS includes Pagefind, a child process)
    table["peak RSS of the build process (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(table, handle, ensure_ascii=False, indent=1)
