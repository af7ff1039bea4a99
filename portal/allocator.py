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
