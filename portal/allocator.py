"""Keep freed memory in the build process instead of handing it back at once.

A build allocates and frees the same few hundred megabytes thousands of times
(a page's HTML, its compressed copies, an image's pixels). glibc's default
malloc gives memory above 128 KiB back to the kernel as soon as it is freed
(``mmap``/``munmap``, and trimming the top of the heap), so the next page
faults it in again, zeroed, page by page: at 10,000 articles that was a
quarter of the build's CPU time, in the kernel. Raising the thresholds once,
at the start of the build, keeps that memory for re-use (forked render
workers inherit the setting). Peak memory does not grow: the same memory is
re-used instead of being returned and taken again.

Only glibc (Linux) has ``mallopt`` with these meanings; elsewhere this does
nothing and says so.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import sys

# <malloc.h>
M_TRIM_THRESHOLD = -1
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3

# glibc refuses an mmap threshold above HEAP_MAX_SIZE / 2 (32 MiB on 64-bit).
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 512 * 1024 * 1024
TOP_PAD = 64 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Set glibc's malloc thresholds (see the module docstring); True if it did."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = [mallopt(option, value) == 1 for option, value in
            ((M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD), (M_TOP_PAD, TOP_PAD))]
    return all(done)


_EXIT_REGISTERED = False


def skip_last_collection() -> None:
    """At interpreter exit, skip the garbage collector's last pass over the
    build's objects: ``gc.freeze()`` from an ``atexit`` handler moves the
    millions of objects a large build leaves (articles, contexts, templates)
    out of its reach. That pass found nothing to free and took 1.7 s at
    10,000 articles, after the build had finished. Files are closed when
    written, the logging handlers flushed by ``logging.shutdown`` (an earlier
    ``atexit`` handler, so it runs after this one); objects still go when
    their last reference does. Registered once per process; a process that
    goes on (livereload) is not affected until it exits."""
    global _EXIT_REGISTERED
    if not _EXIT_REGISTERED:
        atexit.register(gc.freeze)
        _EXIT_REGISTERED = True


# --- the garbage collector during a run ---------------------------------------
# What a build has read (articles, their facts, the shared context: millions of
# objects) lives to the end of the run, yet every full pass of the cyclic
# collector walked it again: eleven passes, 4 s of the build process at
# 10,000 articles. Frozen once the articles are read, it is out of those
# passes; the next run (livereload) or the exit gives it back.

_RUN_FROZEN = False


def freeze_for_run() -> None:
    """Everything alive now stays to the end of the run: out of the collector's passes."""
    global _RUN_FROZEN
    gc.freeze()
    _RUN_FROZEN = True


def thaw_run() -> None:
    """At the start of a run: what the last run froze can be collected again."""
    global _RUN_FROZEN, _READ
    _READ = 0
    if _RUN_FROZEN:
        gc.unfreeze()
        _RUN_FROZEN = False


_READ = 0
FREEZE_EVERY = 1000  # articles read between two freezes (a freeze is a list splice: no cost)


def freeze_while_reading() -> None:
    """Called before each article is read: before the first (what validation
    made) and every ``FREEZE_EVERY`` articles after it, what exists is frozen
    (``freeze_for_run``), so that the passes made while reading walk only
    what is new since."""
    global _READ
    _READ += 1
    if _READ % FREEZE_EVERY == 1:
        freeze_for_run()


@contextlib.contextmanager
def frozen_for_fork():
    """Around forking workers: frozen, the parent's objects are not walked (and
    so not copied page by page) by a child's collector. Afterwards they are
    given back, unless the run froze them anyway (``freeze_for_run``)."""
    gc.freeze()
    try:
        yield
    finally:
        if not _RUN_FROZEN:
            gc.unfreeze()
