"""Plan the image work of a run and attach the results to articles and pages."""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from markupsafe import Markup

from portal import paths as editor_paths

from . import paths
from .card import BUNDLED_FONT
from .markup import rewrite
from .model import Picture, og_dict
from .process import Job
from .state import ImageRun, is_raster
from .video import VideoPlayer, video_mime, youtube_id, youtube_player

logger = logging.getLogger(__name__)

_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.I | re.S)


@dataclass
class Plan:
    sources: dict[str, Job] = field(default_factory=dict)      # rel -> source job
    og: dict[str, Job] = field(default_factory=dict)           # rel -> og job
    cards: dict[int, Job] = field(default_factory=dict)        # id(article) -> card job
    campaigns: dict[str, Job] = field(default_factory=dict)    # campaign id -> og job (banner) or card job
    site_card: Job | None = None

    def jobs(self) -> list[Job]:
        out = [*self.sources.values(), *self.og.values(), *self.cards.values(), *self.campaigns.values()]
        if self.site_card is not None:
            out.append(self.site_card)
        return out


def plain(text) -> str:
    return Markup(str(text or "")).striptags()


def image_dir_files(run: ImageRun) -> list[str]:
    """The publishable files under content/<IMAGES_DIR>, as paths from content/:
    regular files (never a symlink, never inside a symlinked folder) that are
    images (processed) or PDFs (published as they are). Everything else is
    left out; ``invoke check`` names it (symlinks: error; other types: warning)."""
    allowed = {*editor_paths.IMAGE_TYPES, "pdf"}
    return [entry.rel for entry in editor_paths.walk(run.content_dir, run.settings["IMAGES_DIR"])
            if entry.kind == "file" and editor_paths.extension(entry.rel) in allowed]


def article_dir(article) -> str:
    return posixpath.dirname((article.relative_source_path or "").replace(os.sep, "/"))


def featured_rel(run: ImageRun, article) -> str | None:
    """The featured ``Image`` as resolved by portal.paths (None if refused or missing)."""
    value = getattr(article, "image", None)
    if not value or not isinstance(value, str):
        return None
    found = editor_paths.resolve(value, editor_paths.IMAGE, run.content_dir, images_dir=run.settings["IMAGES_DIR"])
    return found.rel


def inline_rels(run: ImageRun, article) -> list[str]:
    """Local files of the article's <img> tags, in document order."""
    out = []
    for match in _IMG_SRC.finditer(getattr(article, "_content", "") or ""):
        found = paths.resolve_src(match.group(2), article_dir(article), run.content_dir, run.siteurl,
                                  images_dir=run.settings["IMAGES_DIR"])
        if found.kind == "local" and found.rel not in out:
            out.append(found.rel)
    return out


def plan(run: ImageRun, everything: list, written: list) -> Plan:
    plan = Plan()
    for rel in image_dir_files(run):
        if is_raster(rel):
            plan.sources[rel] = run.source_job(rel)
        else:
            run.publish(paths.output_rel(rel), run.content_dir / rel)
    for article in everything:
        for rel in filter(None, [featured_rel(run, article), *inline_rels(run, article)]):
            if is_raster(rel) and rel not in plan.sources:
                plan.sources[rel] = run.source_job(rel)
    font, font_digest = card_font(run)
    for article in written:
        rel = featured_rel(run, article)
        if rel and is_raster(rel):
            plan.og.setdefault(rel, run.og_job(rel))
        else:
            plan.cards[id(article)] = article_card(run, article.title, font, font_digest)
    tagline = urlparse(run.siteurl).netloc or run.settings.get("SITENAME", "")
    for campaign in campaigns_of(run):
        rel = campaign_banner_rel(run, campaign)
        if rel and is_raster(rel):
            plan.sources.setdefault(rel, run.source_job(rel))
            plan.campaigns[campaign.id] = plan.og.setdefault(rel, run.og_job(rel))
        else:
            plan.campaigns[campaign.id] = run.card_job(campaign.name, campaign.tagline or tagline, font, font_digest)
    plan.site_card = run.card_job(run.settings.get("SITESUBTITLE") or run.settings.get("SITENAME", ""),
                                  tagline, font, font_digest)
    return plan


def early_cards(run: ImageRun, records) -> list[Job]:
    """The share cards the articles will need, known from their validated
    facts before Pelican reads a single body: every article that will be
    written (published or hidden, not scheduled) with no ``Image``. Drawn in
    the background from the start of the run, they use the core that reading
    and the other serial steps leave idle (``plan`` asks for the same jobs
    later: a card asked for twice is drawn once)."""
    font, font_digest = card_font(run)
    return [article_card(run, facts.title, font, font_digest) for facts in records
            if facts.status in ("published", "hidden") and not facts.scheduled and not facts.image]


def early_sources(run: ImageRun, records) -> list[Job]:
    """The source-image jobs ``plan`` will ask for, known before any article
    is read: every raster image under content/<IMAGES_DIR> (``plan`` processes
    them all) and the share crop of every ``Image`` of an article that will
    be written (``early_cards``' counterpart). Processed ahead in the
    background, the images step later finds them in the cache instead of
    keeping the build waiting (a tenth of a 10,000-article cold build)."""
    jobs = [run.source_job(rel) for rel in image_dir_files(run) if is_raster(rel)]
    jobs += [run.og_job(facts.image) for facts in records
             if facts.status in ("published", "hidden") and not facts.scheduled and facts.image
             and is_raster(facts.image)]
    return jobs


def article_card(run: ImageRun, title, font: Path, font_digest: str) -> Job:
    """The share card of an article without an image: its title over the
    site's subtitle (one definition for ``plan`` and ``early_cards``)."""
    return run.card_job(plain(title), run.settings.get("SITESUBTITLE", ""), font, font_digest)


def campaigns_of(run: ImageRun) -> list:
    """The campaigns of ``campaigns.yml`` (``PORTAL.campaigns``), if the contract loaded them."""
    portal = run.settings.get("PORTAL")
    return list(getattr(portal, "campaigns", None) or ())


def campaign_banner_rel(run: ImageRun, campaign) -> str | None:
    """A campaign's ``image`` as resolved by portal.paths (None if none or refused)."""
    if not getattr(campaign, "image", ""):
        return None
    found = editor_paths.resolve(campaign.image, editor_paths.IMAGE, run.content_dir,
                                 images_dir=run.settings["IMAGES_DIR"])
    return found.rel


def campaign_share_images(run: ImageRun, plan: Plan, manifests: dict) -> dict[str, dict]:
    """``campaign id → og_image`` (1200×630): a cover crop of the campaign's
    banner, or a card with its name and message when it has none."""
    out = {}
    for campaign in campaigns_of(run):
        job = plan.campaigns.get(campaign.id)
        if job is not None and job.key in manifests:
            out[campaign.id] = share_image(run, job, manifests[job.key], f"chien-dich-{campaign.id}",
                                           campaign.name)
    return out


def card_font(run: ImageRun) -> tuple[Path, str]:
    font = Path(run.settings.get("IMAGES_FONT") or BUNDLED_FONT)
    return font, hashlib.sha256(font.read_bytes()).hexdigest()


def run_plan(run: ImageRun, plan: Plan) -> dict[str, dict]:
    """Every job's manifest: cards the cache lacks are drawn in the background
    (their manifests are known in advance), the rest now."""
    jobs = plan.jobs()
    later = run.defer_cards(jobs)
    outcome = run.run([job for job in jobs if job.key not in later])
    for rel, job in plan.sources.items():
        run.add_source(rel, job, outcome.manifests.get(job.key))
    return {**outcome.manifests, **later}


def share_image(run: ImageRun, job: Job, manifest: dict, name: str, alt: str) -> dict:
    name = name[:60].rstrip("-") or "bai"
    out_rel = f"{run.settings['IMAGES_OG_DIR'].strip('/')}/{name}-{job.key[:10]}.jpg"
    run.publish_share(out_rel, run.cache.file_of(job, manifest))
    return og_dict(run.url(out_rel), manifest["width"], manifest["height"], alt)


def decorate(run: ImageRun, article, plan: Plan, manifests: dict, written: bool) -> None:
    """Set featured, thumb, og_image, player and images on one article; rewrite its body."""
    s = run.settings
    title = plain(article.title)
    rel = featured_rel(run, article)
    alt = plain(getattr(article, "image_alt", "") or "")
    caption = plain(getattr(article, "image_caption", "") or "")
    article.featured = run.picture(rel, alt=alt, caption=caption) if rel else None
    article.og_image = None
    if written:
        if rel and rel in plan.og and plan.og[rel].key in manifests:
            article.og_image = share_image(run, plan.og[rel], manifests[plan.og[rel].key], article.slug, alt or title)
        elif id(article) in plan.cards and plan.cards[id(article)].key in manifests:
            job = plan.cards[id(article)]
            article.og_image = share_image(run, job, manifests[job.key], article.slug,
                                           f"{title} – {s.get('SITENAME', '')}")
    article.player = player_for(run, article, title) if written else None
    inline = inline_rels(run, article)
    eager_first = article.featured is None and article.player is None
    body = rewrite_body(run, article, gallery=getattr(article, "type", "") == "anh", eager_first=eager_first)
    article.images = body
    thumb_rel = rel or next((r for r in inline if run.image(r) is not None), None)
    thumb_alt = alt if rel else next((p.alt for p in body), "")
    article.thumb = run.thumb(thumb_rel, thumb_alt) if thumb_rel else None


def rewrite_body(run: ImageRun, content, *, gallery: bool = False, eager_first: bool = False) -> list[Picture]:
    """Rewrite ``content._content`` in place; return the pictures it shows."""
    base = article_dir(content)

    images_dir = run.settings["IMAGES_DIR"]

    def picture_for(src: str, alt: str) -> Picture | None:
        found = paths.resolve_src(src, base, run.content_dir, run.siteurl, images_dir=images_dir)
        return run.picture(found.rel, alt=plain(alt)) if found.kind == "local" else None

    def link_for(address: str) -> str | None:
        """Published URL of a linked local file: a processed image, or a PDF
        (published as it is, wherever it is under content/)."""
        found = paths.resolve_src(address, base, run.content_dir, run.siteurl, kind=editor_paths.ATTACHMENT,
                                  images_dir=images_dir)
        if found.kind != "local":
            return None
        if editor_paths.extension(found.rel) == "pdf" and run.url_for(found.rel) is None:
            run.publish(paths.output_rel(found.rel), run.content_dir / found.rel)
        return run.url_for(found.rel)

    result = rewrite(getattr(content, "_content", "") or "", picture_for, link_for, gallery=gallery,
                     eager_first=eager_first, gallery_sizes=run.settings["IMAGES_GALLERY_SIZES"],
                     single_sizes=run.settings["IMAGES_SIZES"])
    if result.changed:
        content._content = result.html
        forget_rendered(content)
    return result.pictures


def forget_rendered(content) -> None:
    """Drop memoized ``content``/``summary`` renderings made before the rewrite."""
    for name in ("get_content", "get_summary"):
        cache = getattr(getattr(content, name, None), "cache", None)
        if isinstance(cache, dict):
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]


def player_for(run: ImageRun, article, title: str) -> VideoPlayer | None:
    value = getattr(article, "video", None)
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    poster = article.featured or card_poster(run, article)
    facts = getattr(article, "facts", None)
    duration = getattr(facts, "video_duration", None)
    video_id = youtube_id(value)
    if video_id:
        return youtube_player(value, video_id, title, poster, duration)
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https"):
        return VideoPlayer("link", value, title, poster=poster, duration=duration)
    found = editor_paths.resolve(value, editor_paths.VIDEO, run.content_dir)
    if not found.ok:
        return None  # `invoke check` (run at build start) reports why
    rel = found.rel
    static_dirs = [p.strip("/") for p in run.settings.get("STATIC_PATHS", [])]
    if any(rel == d or rel.startswith(d + "/") for d in static_dirs):
        out_rel = rel  # Pelican copies it as a static file
    else:
        out_rel = paths.output_rel(rel)
        run.publish(out_rel, run.content_dir / rel)
    return VideoPlayer("file", run.url(out_rel), title, mime=video_mime(rel), poster=poster, duration=duration)


def card_poster(run: ImageRun, article) -> Picture | None:
    """The generated share card, shown as the poster of a video without an image."""
    og = getattr(article, "og_image", None)
    if not og:
        return None
    return Picture(src=og["url"], width=og["width"], height=og["height"], srcset=f"{og['url']} {og['width']}w",
                   sizes=run.settings["IMAGES_SIZES"], alt=og["alt"], full=og["url"], largest=og["url"])
