"""Spread independent per-file work over the machine's cores (deterministic results).

``map_files(fn, paths, *args)`` calls ``fn(chunk, *args)`` on chunks of
``paths`` in worker processes and returns the chunks' results in input
order, so the outcome is the same as a serial run. Small jobs run in
process: starting workers costs more than it saves.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

SERIAL_BELOW = 400   # files: below this, one process is faster


def map_files(fn, paths: list, *args, workers: int | None = None, serial_below: int = SERIAL_BELOW) -> list:
    workers = max(1, min(workers or os.cpu_count() or 1, 8))
    if workers == 1 or len(paths) < serial_below:
        return [fn(paths, *args)]
    size = -(-len(paths) // (workers * 4))  # a few chunks per worker evens out file sizes
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, chunks, *[[a] * len(chunks) for a in args]))


def can_fork() -> bool:
    """Forking is safe: the platform has it and no other non-daemon thread runs
    (a lock it holds, say the console's, would stay held in the child)."""
    import multiprocessing
    import threading

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return not any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate())


class Forked:
    """``fn(*args)`` computed in a forked child while the caller goes on;
    ``result()`` waits for it (``None`` if the child failed: the caller then
    does the work itself, so nothing is lost)."""

    def __init__(self, fn, *args):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=_forked_child, args=(child_end, fn, args), daemon=True)
        self._process.start()
        child_end.close()

    def result(self):
        try:
            ok, value = self._conn.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._conn.close()
            self._process.join()
        return value if ok else None


def fresh_logging() -> None:
    """In a forked child: log through a new handler on a new file object for
    stderr, so no lock held by another thread of the parent at fork time (the
    console's, the stream's: Rich's status spinner runs in a daemon thread)
    is ever waited on."""
    import logging

    stream = os.fdopen(os.dup(2), "w", encoding="utf-8", errors="replace", buffering=1)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.getLogger().handlers = [handler]


def in_halves(fn, items: list, *args, split_from: int) -> list:
    """``[fn(first half, *args), fn(second half, *args)]``: from ``split_from``
    items on (and when forking is safe), the second half in a forked child
    while this process does the first; below, or if the child fails, here.
    Either way the same results, in order (``fn``'s result must pickle)."""
    if len(items) < split_from or not can_fork():
        return [fn(items, *args)]
    half = len(items) // 2
    later = Forked(fn, items[half:], *args)
    first = fn(items[:half], *args)
    second = later.result()
    return [first, fn(items[half:], *args) if second is None else second]


def _forked_child(conn, fn, args) -> None:
    fresh_logging()
    try:
        conn.send((True, fn(*args)))
    except BaseException:  # noqa: BLE001 - reported to the parent as "do it yourself"
        conn.send((False, None))
    finally:
        conn.close()
