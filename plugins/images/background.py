"""Share cards drawn in the background while the build goes on (and the
source images processed ahead of the step that needs them).

A card's manifest is known before it is drawn (``og.jpg`` at exactly the
share size), so articles can point at their card at once and the drawing
(thousands of cards in a cold build of a large archive) runs in forked
worker processes at a lower priority while the build process reads, lists,
queues and renders. The images plugin's ``finalized`` handler waits for the
workers and publishes the cards before anything is swapped in; a card that
could not be drawn fails the build (its page already names it).

Source images (responsive variants, share crops) are different: articles
need their manifests. They are started the same way at the start of a run,
at a smaller niceness than the cards (the build will wait for them), and the
images step collects them before it runs its jobs (``ImageRun.run``), which
then finds them in the cache.

Forking is only done where it is safe: the ``fork`` start method exists and
no other non-daemon thread runs (livereload's server; a lock held there
would never be released in the child). Otherwise the cards are drawn at once,
as any other image job.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from dataclasses import dataclass, field

from portal.allocator import frozen_for_fork
from portal.parallel import can_fork, fresh_logging  # noqa: F401 (can_fork: the images plugin's too)

from .process import Job, card_manifest, run_job

NICENESS = 5  # the build process (the critical path) goes first on a busy machine
SOURCES_NICENESS = 2  # source images ahead of cards: the images step waits for them


def _child(conn, jobs: list[Job], niceness: int = NICENESS) -> None:
    gc.disable()  # short-lived: collections would only copy the parent's pages
    fresh_logging()  # a warning (Pillow's) never waits on a lock the parent's spinner held at fork
    try:
        os.nice(niceness)
    except OSError:
        pass
    results = {}
    for job in jobs:
        try:
            manifest = run_job(job)
        except Exception as exc:  # reported by the parent, naming the card
            results[job.key] = f"{type(exc).__name__}: {exc}"
            continue
        if not _derivable(job, manifest):
            results[job.key] = manifest
    conn.send(results)
    conn.close()


def _derivable(job: Job, manifest: dict) -> bool:
    """True for a card drawn as its job says (``card_manifest``): its manifest
    is not sent back. The answer of a worker with thousands of cards then
    fits in the pipe's buffer, so the worker exits as soon as its last card
    is drawn, instead of waiting (with its ~100 MB) for the build to collect
    it after the pages are rendered."""
    return job.kind == "card" and manifest == card_manifest(job)


@dataclass
class Background:
    """Cards being drawn by forked workers; ``wait`` collects them."""

    jobs: dict[str, Job]
    children: list = field(default_factory=list)

    @classmethod
    def start(cls, jobs: list[Job], workers: int, niceness: int = NICENESS) -> "Background":
        unique = {job.key: job for job in jobs}
        ordered = list(unique.values())
        work = cls(unique)
        context = multiprocessing.get_context("fork")
        with frozen_for_fork():  # what the children only read stays shared
            for part in (ordered[k::workers] for k in range(workers)):
                if not part:
                    continue
                parent_end, child_end = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(child_end, part, niceness), daemon=True)
                process.start()
                child_end.close()
                work.children.append((process, parent_end, part))
        return work

    def wait(self) -> tuple[dict[str, dict], dict[str, str]]:
        """(key → manifest, key → error message, naming the card) once every worker is done."""
        done: dict[str, dict] = {}
        for process, conn, part in self.children:
            try:
                sent = conn.recv()
            except EOFError:
                sent = None  # the worker died: its cards are reported missing below
            process.join()
            if sent is not None:
                for job in part:
                    found = sent.get(job.key)
                    done[job.key] = card_manifest(job) if found is None and job.kind == "card" else found
        self.children = []
        failed = {}
        for key, job in self.jobs.items():
            result = done.get(key)
            if not isinstance(result, dict):
                failed[key] = f"{job.label}: {result or 'tiến trình vẽ ảnh dừng đột ngột'}"
        return {k: v for k, v in done.items() if isinstance(v, dict)}, failed
