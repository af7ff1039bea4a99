"""Signal handlers of the timings plugin: marks between Pelican's stages."""

from __future__ import annotations

import atexit
import json
import os
import time

from portal.timing import KEY, add

ENV = "PORTAL_TIMINGS_FILE"


def mark_start(pelican) -> None:
    settings = pelican.settings
    settings[KEY] = {}
    path = os.environ.get(ENV)
    if path:
        atexit.register(_write, path, settings, time.perf_counter())


def writer_ready(pelican, *args, **kwargs):
    settings = pelican.settings
    settings["_portal_writing_from"] = time.perf_counter()
    return None


def rendering_done(pelican) -> None:
    settings = pelican.settings
    start = settings.get("_portal_writing_from")
    if start is not None:
        add(settings, "generators' output (pages queued; images, static files)", time.perf_counter() - start)


def _write(path: str, settings: dict, start: float) -> None:
    table = dict(settings.get(KEY, {}))
    table["total (in process)"] = time.perf_counter() - start
    import resource

    # the build process alone (the benchmark's peak RSS includes Pagefind, a child process)
    table["peak RSS of the build process (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(table, handle, ensure_ascii=False, indent=1)
