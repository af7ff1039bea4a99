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
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    table["peak RSS of the build process (MB)"] = own.ru_maxrss / 1024
    # CPU seconds: the build is CPU-bound on every core, so these say more than wall times
    table["CPU of the build process (s)"] = own.ru_utime + own.ru_stime
    table["CPU of worker processes and Pagefind (s)"] = children.ru_utime + children.ru_stime
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(table, handle, ensure_ascii=False, indent=1)
