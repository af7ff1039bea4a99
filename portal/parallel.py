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


def map_files(fn, paths: list, *args, workers: int | None = None) -> list:
    workers = max(1, min(workers or os.cpu_count() or 1, 8))
    if workers == 1 or len(paths) < SERIAL_BELOW:
        return [fn(paths, *args)]
    size = -(-len(paths) // (workers * 4))  # a few chunks per worker evens out file sizes
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, chunks, *[[a] * len(chunks) for a in args]))
