"""Run image jobs: reuse cached entries, process the rest over the CPU cores."""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from portal.paths import UnsafeWriteError

from .cache import ImageCache
from .process import ImageProcessingError, Job, run_job

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    manifests: dict[str, dict] = field(default_factory=dict)   # key -> manifest
    processed: int = 0
    reused: int = 0
    failed: dict[str, str] = field(default_factory=dict)       # key -> message


def run_jobs(jobs: list[Job], cache: ImageCache, workers: int | None = None) -> Outcome:
    """Do every job whose cache entry is missing; read the others' manifests.

    Jobs with the same key are done once. Failures are reported, not raised:
    ``invoke check`` already stops the build on unreadable images that articles
    use; an unused broken file is simply not published.
    """
    outcome = Outcome()
    todo: dict[str, Job] = {}
    for job in jobs:
        if job.key in outcome.manifests or job.key in todo:
            continue
        manifest = cache.manifest_of(job)
        if manifest is not None:
            outcome.manifests[job.key] = manifest
            outcome.reused += 1
        else:
            todo[job.key] = job
    if not todo:
        return outcome
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    if workers == 1:
        for job in todo.values():
            _record(outcome, job, _call(job))
        return outcome
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_job, job): job for job in todo.values()}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except UnsafeWriteError:
                raise  # never a mere warning: the build stops without writing
            except (ImageProcessingError, OSError, ValueError) as exc:
                result = exc
            _record(outcome, job, result)
    return outcome


def _call(job: Job):
    try:
        return run_job(job)
    except UnsafeWriteError:
        raise
    except (ImageProcessingError, OSError, ValueError) as exc:
        return exc


def _record(outcome: Outcome, job: Job, result) -> None:
    if isinstance(result, Exception):
        outcome.failed[job.key] = f"{job.label}: {result}"
        logger.warning("Ảnh «%s» không xử lý được, sẽ không được đăng: %s", job.label, result)
        return
    outcome.manifests[job.key] = result
    outcome.processed += 1
