"""Signal handlers of the images plugin (thin: logic lives in enrich/markup/process)."""

from __future__ import annotations

import logging
from pathlib import Path

from portal.settings import merge_all
from portal import paths as editor_paths
from portal.paths import WriteGuard
from portal.timing import timed

from .cache import key_of
from .enrich import (campaign_share_images, decorate, early_cards, early_sources, image_dir_files, plan, plain,
                     rewrite_body, run_plan, share_image)
from .generator import ImagesGenerator, publish_file
from .process import ImageProcessingError, carries_metadata
from .settings import EARLY_KEY, RUN_KEY
from .state import ImageRun, is_raster

logger = logging.getLogger(__name__)


def init_settings(pelican) -> None:
    """``initialized``: merge the defaults of the IMAGES_* settings."""
    merge_all(pelican.settings)


def start_sources(settings: dict) -> None:
    """``portal.run_started`` (sent by ``contract`` right before it validates
    the articles, while one core idles): every raster image under
    content/images that the cache lacks starts processing in the background
    (they need no article; a bad file fails in its worker and is reported
    by the images step, after ``invoke check``'s verdict). ``start_run``
    adopts the workers; a run whose validation failed leaves them to finish
    into the cache, waited for at the next run's start."""
    previous = settings.pop(EARLY_KEY, None)
    if previous is not None:
        previous.wait()
    run = ImageRun.start(settings)
    run.process_ahead([run.source_job(rel) for rel in image_dir_files(run) if is_raster(rel)])
    if run.early is not None:
        settings[EARLY_KEY] = run.early


def start_run(pelican):
    """``get_generators`` (after ``contract`` validated the articles): fresh
    per-run state, adopting the source images started before validation
    (``start_sources``); the share crops and cards the articles will need
    start in the background at once; the generator that publishes images."""
    run = ImageRun.start(pelican.settings)
    run.early = pelican.settings.pop(EARLY_KEY, None)
    records = getattr(pelican.settings.get("PORTAL"), "records", None) or {}
    run.process_ahead(early_sources(run, records.values()))
    run.draw_in_background(early_cards(run, records.values()))
    return ImagesGenerator


@timed("images")
def process_articles(generator) -> None:
    """``article_generator_finalized``: process every image (cache first, then the
    CPU cores), then give each article ``featured``, ``thumb``, ``og_image``,
    ``player`` and ``images`` and rewrite its <img> tags into <picture>."""
    run: ImageRun = generator.settings[RUN_KEY]
    written = [*generator.articles, *generator.translations, *generator.hidden_articles,
               *generator.hidden_translations]
    drafts = [*generator.drafts, *generator.drafts_translations]
    work = plan(run, [*written, *drafts], written)
    manifests = run_plan(run, work)
    for article in written:
        decorate(run, article, work, manifests, written=True)
    for article in drafts:
        decorate(run, article, work, manifests, written=False)
    site = work.site_card
    if site is not None and site.key in manifests:
        generator.context["site_og_image"] = share_image(
            run, site, manifests[site.key], "trang-chu",
            plain(run.settings.get("SITESUBTITLE") or run.settings.get("SITENAME", "")))
    generator.context["campaign_og_images"] = campaign_share_images(run, work, manifests)
    generator.context["image_for"] = run.picture
    generator.context["image_url"] = run.url_for


@timed("images")
def process_pages(generator) -> None:
    """``page_generator_finalized``: the same <picture> rewrite for static pages."""
    run: ImageRun = generator.settings[RUN_KEY]
    pages = [*generator.pages, *getattr(generator, "translations", []), *getattr(generator, "hidden_pages", []),
             *getattr(generator, "hidden_translations", []), *getattr(generator, "draft_pages", [])]
    for page in pages:
        page.images = rewrite_body(run, page, eager_first=True)


@timed("images: share cards waited for and published")
def finish_cards(pelican) -> None:
    """``finalized`` (before the scan, the search index and the swap): wait for
    the cards drawn in the background and publish them; a card that could not
    be drawn stops the build (its page already links it)."""
    run: ImageRun | None = pelican.settings.get(RUN_KEY)
    if run is None or run.background is None:
        return
    background, run.background = run.background, None
    _done, failed = background.wait()
    if failed:
        raise ImageProcessingError("Không vẽ được ảnh chia sẻ: " + "; ".join(sorted(failed.values())[:5]))
    output = Path(pelican.output_path)
    cache_root = run.cache.root
    guard, folders = WriteGuard(output), set()  # thousands of cards in a few folders
    for out_rel, source in run.published():
        source = Path(source)
        if key_of(source) in background.jobs and source.is_relative_to(cache_root):
            publish_file(source, output / out_rel, link=True, output=output, guard=guard, folders=folders)


def keep_originals_private(generator) -> None:
    """``static_generator_finalized``: no original under content/images is copied
    raw (processed copies replace them); any other static image carrying
    metadata (EXIF, XMP, comments) is published as a stripped copy instead."""
    run: ImageRun = generator.settings[RUN_KEY]
    images_dir = run.settings["IMAGES_DIR"].strip("/")
    static_dirs = [d.strip("/") for d in run.settings.get("STATIC_PATHS", [])]
    keep, strip = [], []
    for static in generator.staticfiles:
        rel = static.relative_source_path.replace("\\", "/")
        if rel.startswith(images_dir + "/") or rel in run.sources:
            continue
        refused = static_refusal(run.content_dir, rel, static_dirs)
        if refused is not None:
            logger.warning("Tệp «%s» không được đăng: %s → %s", editor_paths.shown(rel), refused.reason, refused.hint)
            continue
        source = Path(static.source_path)
        if is_raster(rel) and carries_metadata(source):
            strip.append((static, run.strip_job(source, rel)))
            continue
        keep.append(static)
    if strip:
        outcome = run.run([job for _, job in strip])
        for static, job in strip:
            manifest = outcome.manifests.get(job.key)
            if manifest is not None:
                run.publish(static.save_as.replace("\\", "/"), run.cache.entry(job.key) / manifest["copy"]["file"])
    generator.staticfiles[:] = keep


def static_refusal(content_dir: Path, rel: str, static_dirs: list[str]):
    """Why Pelican's static file ``rel`` may not be copied (None if it may).

    Files found under ``STATIC_PATHS`` (Pelican walks them following symlinks)
    must be regular files inside content/ with no symlink on the way; files
    Pelican copies because a body links them with ``{static}``/``{attach}``
    must resolve as attachments (portal.paths: PDF or an image, inside content/).
    """
    found = editor_paths.normalise(rel)
    if not found.ok:
        return found
    rel = found.rel
    if any(d == "" or rel == d or rel.startswith(d + "/") for d in static_dirs):
        return editor_paths.file_problem(content_dir, rel)
    found = editor_paths.resolve(rel, editor_paths.ATTACHMENT, content_dir)
    return None if found.ok else found
