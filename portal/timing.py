"""Per-phase build times, for the benchmark (``invoke bench``).

``@timed("feeds")`` on a signal handler adds the handler's wall time to
``settings["PORTAL_TIMINGS"]["feeds"]`` (the settings of the object the
handler receives: the Pelican instance, a generator or a reader). Nothing is
kept between runs: the dict lives on that run's settings.
"""

from __future__ import annotations

import functools
import time

KEY = "PORTAL_TIMINGS"


def add(settings, phase: str, seconds: float) -> None:
    if isinstance(settings, dict):
        table = settings.setdefault(KEY, {})
        table[phase] = table.get(phase, 0.0) + seconds


def timed(phase: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(owner, *args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(owner, *args, **kwargs)
            finally:
                add(getattr(owner, "settings", None), phase, time.perf_counter() - start)
        return wrapper
    return decorate
