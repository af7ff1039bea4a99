"""Per-run state of the images plugin (kept in the settings of that run, never
in module globals: ``invoke livereload`` rebuilds in one process)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import ClassVar
from pathlib import Path

from . import paths
from .background import SOURCES_NICENESS, Background, can_fork
from .cache import ImageCache, job_key, key_of
from .model import Picture, SourceImage
from .pipeline import Outcome, run_jobs
from .process import RASTER_SUFFIXES, THUMB_SOURCE_MARGIN, Job, card_manifest
from .settings import DEFAULTS, RUN_KEY

logger = logging.getLogger(__name__)


def cache_dir(settings: dict) -> Path:
    configured = settings.get("IMAGES_CACHE_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(settings["PATH"]).resolve().parent / ".cache" / "images"


def is_raster(rel: str) -> bool:
    return Path(rel).suffix.lower() in RASTER_SUFFIXES


@dataclass
class ImageRun:
    settings: dict
    content_dir: Path
    siteurl: str
    cache: ImageCache
    sources: dict[str, SourceImage] = field(default_factory=dict)   # path from content/ -> image
    outputs: dict[str, Path] = field(default_factory=dict)          # output path -> file to publish
    # the share images of articles and campaigns (output path -> file): named
    # after the slug and, for a card, drawn from the title, which the render
    # plugin's build digest leaves out (plugins/render/digest.py); no page
    # looks them up here (an article's ``og_image`` names its own)
    shares: dict[str, Path] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    failed: list[str] = field(default_factory=list)
    background: Background | None = None   # cards being drawn while the build goes on
    early: Background | None = None        # source images processed ahead of the images step

    # bookkeeping no page shows: left out of the digest of what pages are
    # rendered from (portal.fingerprint; the render plugin)
    __digest_exclude__: ClassVar[tuple[str, ...]] = ("processed", "reused", "failed", "cache", "background",
                                                         "early", "shares")

    @classmethod
    def start(cls, settings: dict) -> "ImageRun":
        run = cls(settings, Path(settings["PATH"]).resolve(), settings.get("SITEURL", ""),
                  ImageCache(cache_dir(settings)))
        settings[RUN_KEY] = run
        return run

    # --- parameters -----------------------------------------------------------
    def source_params(self) -> dict:
        s = self.settings
        return {"widths": list(s["IMAGES_WIDTHS"]), "thumb_size": list(s["IMAGES_THUMB_SIZE"]),
                "thumb_scales": list(s["IMAGES_THUMB_SCALES"]),
                # in the cache key: thumbnails made from a variant (process.thumb_source)
                "thumb_source_margin": THUMB_SOURCE_MARGIN,
                "max_size": s["IMAGES_MAX_SIZE"], "jpeg_quality": s["IMAGES_JPEG_QUALITY"],
                "webp_quality": s["IMAGES_WEBP_QUALITY"]}

    def og_params(self) -> dict:
        return {"size": list(self.settings["IMAGES_OG_SIZE"]), "jpeg_quality": 85}

    # --- jobs -------------------------------------------------------------------
    def job(self, kind: str, key: str, src: str | None, params: dict, label: str) -> Job:
        return Job(kind, key, str(self.cache.entry(key)), src, params, label,
                   max_pixels=self.settings.get("IMAGES_MAX_PIXELS") or DEFAULTS["IMAGES_MAX_PIXELS"],
                   cache_root=str(self.cache.root))

    def source_job(self, rel: str) -> Job:
        params = self.source_params()
        key = job_key("source", self.cache.digest(self.content_dir / rel), params)
        return self.job("source", key, str(self.content_dir / rel), params, rel)

    def og_job(self, rel: str) -> Job:
        params = self.og_params()
        key = job_key("og", self.cache.digest(self.content_dir / rel), params)
        return self.job("og", key, str(self.content_dir / rel), params, rel)

    def card_job(self, title: str, tagline: str, font: Path, font_digest: str) -> Job:
        s = self.settings
        params = {"title": title, "sitename": s.get("SITENAME", ""), "tagline": tagline,
                  "size": list(s["IMAGES_OG_SIZE"]), "background": s["IMAGES_CARD_BACKGROUND"],
                  "foreground": s["IMAGES_CARD_FOREGROUND"], "accent": s["IMAGES_CARD_ACCENT"],
                  # baseline JPEG with a restart marker per MCU row, so that
                  # only the title's rows are encoded (card.card_jpeg): a flat
                  # card gains little from a progressive, optimised encoding
                  # (66 vs 78 KB) that costs 4× the time
                  "jpeg_quality": 85, "jpeg_rows": True}
        key = job_key("card", font_digest, params)
        return self.job("card", key, None, dict(params, font=str(font)), f"thẻ chia sẻ «{title[:40]}»")

    def strip_job(self, abs_path: Path, label: str) -> Job:
        params = {"jpeg_quality": 90, "webp_quality": 90}
        key = job_key("strip", self.cache.digest(abs_path), params)
        return self.job("strip", key, str(abs_path), params, label)

    def defer_cards(self, jobs: list[Job]) -> dict[str, dict]:
        """Start drawing the cards among ``jobs`` that the cache lacks in the
        background (``background.py``), unless they are drawn already; the
        manifests, known in advance, of those of ``jobs`` being drawn.
        Nothing is deferred when forking is unsafe or one worker is asked for."""
        self.draw_in_background(jobs)
        if self.background is None:
            return {}
        return {job.key: card_manifest(job) for job in jobs if job.key in self.background.jobs}

    def draw_in_background(self, jobs: list[Job]) -> None:
        """Start the background drawing of the cards among ``jobs`` that the
        cache lacks and no worker draws yet (also called at the start of a run
        with the cards the validated articles will need: ``enrich.early_cards``)."""
        workers = self.settings.get("IMAGES_WORKERS") or os.cpu_count() or 1
        drawing = self.background.jobs if self.background is not None else {}
        todo = [job for job in jobs
                if job.kind == "card" and job.key not in drawing and self.cache.manifest_of(job) is None]
        if not todo or workers <= 1 or not can_fork():
            return
        started = Background.start(todo, min(workers, len(todo)))
        self.processed += len(started.jobs)
        if self.background is None:
            self.background = started
        else:
            self.background.jobs.update(started.jobs)
            self.background.children.extend(started.children)

    def pending(self, file: Path) -> bool:
        """True while ``file`` (to publish) belongs to a card still being drawn."""
        return self.background is not None and key_of(file) in self.background.jobs

    def process_ahead(self, jobs: list[Job]) -> None:
        """Start the source and share-crop jobs among ``jobs`` that the cache
        lacks in forked workers now (``enrich.early_sources``, at the start of
        a run); ``run`` collects them. A job already started (before
        validation: ``handlers.start_sources``) is not started again. Nothing
        starts when forking is unsafe or one worker is asked for: ``run``
        then does them, as before."""
        workers = self.settings.get("IMAGES_WORKERS") or os.cpu_count() or 1
        started = self.early.jobs if self.early is not None else {}
        todo = [job for job in {job.key: job for job in jobs}.values()
                if job.kind != "card" and job.key not in started and self.cache.manifest(job.key) is None]
        if not todo or workers <= 1 or not can_fork():
            return
        more = Background.start(todo, min(workers, len(todo)), SOURCES_NICENESS)
        if self.early is None:
            self.early = more
        else:  # added to those started before validation (handlers.start_sources)
            self.early.jobs.update(more.jobs)
            self.early.children.extend(more.children)

    def _collect_early(self) -> set[str]:
        """Wait for the jobs ``process_ahead`` started; the keys now in the
        cache (a job that failed is left to ``run``, which reports it)."""
        if self.early is None:
            return set()
        early, self.early = self.early, None
        done, _failed = early.wait()
        return set(done)

    def run(self, jobs: list[Job]) -> Outcome:
        ahead = self._collect_early()
        outcome = run_jobs(jobs, self.cache, self.settings.get("IMAGES_WORKERS"))
        # done ahead, found in the cache by run_jobs: counted as processed, as they were
        early = sum(1 for key in {job.key for job in jobs} if key in ahead and key in outcome.manifests)
        self.processed += outcome.processed + early
        self.reused += outcome.reused - early
        self.failed.extend(outcome.failed.values())
        return outcome

    # --- outputs ------------------------------------------------------------------
    def publish(self, out_rel: str, file: Path) -> None:
        """Publish ``file`` (a cache file, or a regular file under content/ that
        portal.paths resolved) at ``out_rel`` under the output; the generator
        copies it, through ``guard_write``."""
        self.outputs[out_rel] = file

    def publish_share(self, out_rel: str, file: Path) -> None:
        """``publish`` for a share image (``shares``)."""
        self.shares[out_rel] = file

    def published(self) -> list[tuple[str, Path]]:
        """Every file to publish, by output path: ``outputs`` and ``shares``."""
        return sorted({**self.shares, **self.outputs}.items())

    def add_source(self, rel: str, job: Job, manifest: dict | None) -> SourceImage:
        image = SourceImage(rel, paths.output_rel(rel), job.key, manifest)
        other = next((o.rel for o in self.sources.values() if o.out_rel == image.out_rel and o.rel != rel), None)
        if other is not None:
            logger.warning("Ảnh «%s» và «%s» cùng ra tệp «%s»: đổi tên một trong hai", other, rel, image.out_rel)
        self.sources[rel] = image
        if manifest is not None:
            entry = self.cache.entry(job.key)
            for out_rel, name in image.outputs().items():
                self.publish(out_rel, entry / name)
        return image

    def url(self, out_rel: str) -> str:
        return paths.url(self.siteurl, out_rel)

    # --- lookups for templates and other plugins ------------------------------------
    def image(self, rel: str) -> SourceImage | None:
        image = self.sources.get((rel or "").lstrip("/"))
        return image if image is not None and image.ok else None

    def picture(self, rel: str, alt: str = "", caption: str = "", sizes: str | None = None) -> Picture | None:
        """The responsive Picture of a file under content/ (e.g. ``images/campaigns/x.jpg``)."""
        image = self.image(rel)
        if image is None:
            return None
        return image.picture(self.siteurl, self.settings["IMAGES_DEFAULT_WIDTH"],
                             sizes or self.settings["IMAGES_SIZES"], alt, caption)

    def thumb(self, rel: str, alt: str = "") -> Picture | None:
        image = self.image(rel)
        if image is None:
            return None
        return image.thumb(self.siteurl, self.settings["IMAGES_THUMB_SIZES"], alt)

    def url_for(self, rel: str) -> str | None:
        """Published URL of a file under content/ that this plugin writes."""
        rel = (rel or "").lstrip("/")
        image = self.image(rel)
        if image is not None:
            return self.url(image.out_rel)
        out_rel = paths.output_rel(rel)
        if out_rel in self.outputs:
            return self.url(out_rel)
        return None
